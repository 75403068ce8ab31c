// Machine resources, checked before work starts: worker threads (one cap on the
// thread count, and a pool start that either starts every thread or lets none do
// any work: a thread that cannot start is an error, never a crash) and memory (a
// size estimated up front is refused with its size, never a bare bad_alloc).
#pragma once

#include <functional>
#include <string>

namespace ael {

// Largest worker-thread count any kernel accepts.
inline constexpr int kMaxThreads = 256;

// Throws ParameterError("threads", "@threads must be between 1 and kMaxThreads
// (got N)"): the parameter is named, the command line prints it as --threads.
void check_thread_count(int threads);

// Runs work(w) for w = 0 .. workers-1, worker 0 on the calling thread. Every
// extra thread is started before any worker begins; if one cannot be started
// (std::system_error: address-space or process limits), no worker runs and
// std::runtime_error "cannot start N threads (reason)" is thrown. An exception
// thrown by a worker is rethrown here, the lowest worker's first, after every
// thread has been joined.
void run_workers(int workers, const std::function<void(int worker)>& work);

// Bytes this process may allocate: the physical memory, or the address-space
// limit (RLIMIT_AS) when that is lower.
double memory_available();

// Throws std::invalid_argument "<what> needs at least X GB of memory (Y GB
// available)" when `bytes` exceeds memory_available(). Callers pass a lower
// bound of what they will allocate, so a run that fits is never refused.
void check_memory(double bytes, const std::string& what);

// "1.5 GB", "320 MB", "12 kB": a byte count for messages.
std::string byte_size(double bytes);

}  // namespace ael
