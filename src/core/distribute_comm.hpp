// The message passing under core/distribute.cpp: the only interface to MPI,
// implemented in core/distribute_mpi.cpp, the one file compiled against MPI
// (with AEL_HAVE_MPI; without it, one process of one rank). Used by
// core/distribute.cpp only.
#pragma once

#include <string>
#include <vector>

namespace ael::comm {

struct World {
  int rank = 0, size = 1;
};

// The ranks of this run. When an MPI launcher started the process and MPI is
// compiled in, MPI_Init ran before main (on the main thread, the only one that
// may call the functions below) and MPI_Finalize runs at exit; otherwise {0, 1}.
World start();
// Rank 0 gets every rank's `mine`, in rank order; the other ranks get {}.
std::vector<std::string> gather(const std::string& mine);
// Every rank gets rank 0's `value`.
std::string broadcast(const std::string& value);
// Ends a rank > 0 after its sweep: MPI_Finalize, then exit(0).
[[noreturn]] void end_worker();

// The rank an MPI launcher gave this process in its environment, -1 when none.
int launcher_rank();
bool compiled();

}  // namespace ael::comm
