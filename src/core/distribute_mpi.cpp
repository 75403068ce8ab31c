// core/distribute_comm.hpp over MPI (built with AEL_HAVE_MPI, CMake option
// AEL_MPI) or for a single process. The only translation unit that includes
// <mpi.h>: no other file's compilation depends on whether MPI is present.
#include "core/distribute_comm.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>

#ifdef AEL_HAVE_MPI
#include <fcntl.h>
#include <mpi.h>
#include <unistd.h>

#include <cstdio>
#endif

namespace ael::comm {

int launcher_rank() {
  // OpenMPI's mpirun, MPICH/Hydra and Slurm's PMI2, PMIx (srun --mpi=pmix).
  for (const char* name : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"})
    if (const char* value = std::getenv(name)) {
      char* end = nullptr;
      const long rank = std::strtol(value, &end, 10);
      if (end != value && *end == '\0' && rank >= 0 && rank < (1L << 30)) return static_cast<int>(rank);
    }
  return -1;
}

#ifdef AEL_HAVE_MPI

bool compiled() { return true; }

namespace {

void finalize_at_exit() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

void check(int code, const char* what) {
  if (code != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

// Under a launcher MPI starts with the process, before main, so that every
// rank ends in MPI_Finalize (at exit), which waits for all ranks: rank 0's
// one-line error is written before any rank's exit can make the launcher
// abort the job. Ranks > 0 never write: their standard output and error go
// to /dev/null, so every message and result appears once (docs/mpi.md).
World start_world() {
  World w;
  if (launcher_rank() < 0) return w;
  int provided = 0;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) return w;
  std::atexit(finalize_at_exit);
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_rank(MPI_COMM_WORLD, &w.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &w.size);
  if (w.rank > 0) {
    const int fd = ::open("/dev/null", O_WRONLY);
    if (fd >= 0) ::dup2(fd, 1), ::dup2(fd, 2), ::close(fd);
  }
  return w;
}
const World g_world = start_world();
}  // namespace

World start() { return g_world; }

std::vector<std::string> gather(const std::string& mine) {
  if (g_world.size == 1) return {mine};
  const int length = static_cast<int>(mine.size());
  if (mine.size() > 0x7fffffffu) throw std::runtime_error("MPI: one rank's results of one round exceed 2 GB");
  std::vector<int> lengths(static_cast<size_t>(g_world.size)), offsets(lengths.size());
  check(MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD), "MPI_Gather");
  std::string all;
  if (g_world.rank == 0) {
    long long total = 0;
    for (size_t r = 0; r < lengths.size(); ++r) offsets[r] = static_cast<int>(total), total += lengths[r];
    if (total > 0x7fffffffLL) throw std::runtime_error("MPI: the results of one round exceed 2 GB");
    all.resize(static_cast<size_t>(total));
  }
  check(MPI_Gatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD),
        "MPI_Gatherv");
  std::vector<std::string> out;
  if (g_world.rank == 0)
    for (size_t r = 0; r < lengths.size(); ++r) out.push_back(all.substr(static_cast<size_t>(offsets[r]), static_cast<size_t>(lengths[r])));
  return out;
}

std::string broadcast(const std::string& value) {
  if (g_world.size == 1) return value;
  long long length = static_cast<long long>(value.size());
  check(MPI_Bcast(&length, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD), "MPI_Bcast");
  if (length > 0x7fffffffLL) throw std::runtime_error("MPI: a broadcast exceeds 2 GB");
  std::string out = g_world.rank == 0 ? value : std::string(static_cast<size_t>(length), '\0');
  check(MPI_Bcast(out.data(), static_cast<int>(length), MPI_CHAR, 0, MPI_COMM_WORLD), "MPI_Bcast");
  return out;
}

void end_worker() {
  std::fflush(nullptr);
  MPI_Finalize();
  std::exit(0);
}

#else  // one process, one rank

bool compiled() { return false; }
World start() { return {}; }
std::vector<std::string> gather(const std::string& mine) { return {mine}; }
std::string broadcast(const std::string& value) { return value; }
void end_worker() { std::exit(0); }

#endif

}  // namespace ael::comm
