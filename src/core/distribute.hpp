// Sweeps as lists of work items, spread over MPI ranks and worker threads, with
// an optional checkpoint file (docs/mpi.md). A sweep is `count` items; item i
// is a pure function of i and of the sweep's options (its random seed derives
// from i, never from a rank or a thread) and returns its result as a byte
// string. The results come back on rank 0 in item order, so a caller that
// reduces them in that order prints the same bytes for any number of ranks,
// any thread count, and any split of the work between an interrupted run and
// its resumption from the checkpoint.
//
// Processes: when the program was started by an MPI launcher (mpirun, srun;
// see launched_by_mpi) and was built with AEL_MPI, MPI_Init runs before main
// and the standard output and error of ranks > 0 go to /dev/null; every rank
// runs the command up to its sweep, ranks > 0 compute their share of the
// items and end the process (exit 0) when the sweep is over, so only rank 0
// goes on to write stdout and files. Without MPI (or without a launcher) a
// sweep runs in this one process.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ael {

// Identifies what a checkpoint's results depend on: the command and its
// options (name, value as given; "(default)" for one not given). A checkpoint
// written under different values is refused, naming the first option that
// differs.
struct SweepCheckpoint {
  std::string path;     // empty: no checkpoint
  std::string command;  // e.g. "sparse monte-carlo"
  std::vector<std::pair<std::string, std::string>> options;
};

struct SweepSettings {
  SweepCheckpoint checkpoint;
  // Items run at the same time within one process (on run_workers threads;
  // a multiprecision item must use 1: the working precision is per thread).
  int threads = 1;
  // Called on rank 0 after every round of items: (items finished, count).
  std::function<void(long done, long total)> progress;
};

// Runs item(i, worker) for every i in [0, count) that the checkpoint does not
// already hold and returns all `count` results in item order (on rank 0).
// `worker` in [0, settings.threads) lets an item reuse per-thread scratch.
// A result may hold any bytes.
// Errors: an exception thrown by an item, on any rank, ends the sweep on every
// rank; it is rethrown on rank 0 (the same exception when the item ran there,
// else std::runtime_error with its message). Checkpoint problems (unreadable,
// damaged, another command line) are std::invalid_argument naming
// "--checkpoint". Ranks > 0 never return: they exit(0) after the sweep, or
// rethrow the error for the caller to end the process with.
std::vector<std::string> run_items(long count, const std::function<std::string(long item, int worker)>& item,
                                   const SweepSettings& settings);

// Runs step() on rank 0 only while the other ranks wait (e.g. preparing an
// output directory before any rank uses it). Then every rank returns, or, when
// step threw, every rank throws: rank 0 the same exception, the others
// std::runtime_error with its message. Without MPI it is step().
void run_on_root(const std::function<void()>& step);

// Exact, portable text encoding of item results: numbers and strings
// separated by spaces; a double is its 16 hex digits of IEEE bits, so a
// result decodes to the very bits it was computed with.
class ItemWriter {
 public:
  ItemWriter& put(double x);
  ItemWriter& put(long x);
  ItemWriter& put(const std::string& s);  // length-prefixed: any bytes
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};
class ItemReader {
 public:
  explicit ItemReader(const std::string& text) : text_(text) {}
  double get_double();
  long get_long();
  std::string get_string();

 private:
  std::string token();
  const std::string& text_;
  size_t at_ = 0;
};

// True when an MPI launcher started this process (OMPI_COMM_WORLD_RANK,
// PMI_RANK or PMIX_RANK set), whether or not this build has MPI.
bool launched_by_mpi();
// True when this build was configured with AEL_MPI.
bool mpi_compiled();

// This process's rank in the MPI job (0 without MPI or without a launcher).
// A command that does not distribute its work ends ranks > 0 at once, so
// that only rank 0 computes and writes.
int process_rank();
// The environment variables by which an MPI launcher marks its processes
// (OMPI_*, PMI_*, PMIX_*): a subprocess started with them would try to join
// the job, so they are removed from a child's environment.
bool is_launcher_variable(const char* entry);

// Test hooks (docs/mpi.md): AEL_TEST_STOP_AFTER_ITEMS=k makes a sweep stop
// with an error once its checkpoint holds k new items, as a killed run would;
// AEL_TEST_FAIL_ITEM=i makes item i throw, on whichever rank runs it.
inline constexpr const char* kStopAfterItemsEnv = "AEL_TEST_STOP_AFTER_ITEMS";
inline constexpr const char* kFailItemEnv = "AEL_TEST_FAIL_ITEM";

}  // namespace ael
