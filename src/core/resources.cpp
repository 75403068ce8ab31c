#include "core/resources.hpp"

#include "core/errors.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

namespace ael {

void check_thread_count(int threads) {
  if (threads < 1 || threads > kMaxThreads)
    throw ParameterError("threads", "@threads must be between 1 and " + std::to_string(kMaxThreads) + " (got " +
                                        std::to_string(threads) + ")");
}

void run_workers(int workers, const std::function<void(int)>& work) {
  check_thread_count(workers);
  if (workers == 1) {
    work(0);
    return;
  }
  std::mutex mutex;
  std::condition_variable released;
  bool go = false, abort = false;
  std::vector<std::exception_ptr> errors(static_cast<size_t>(workers));
  auto body = [&](int w) {
    {
      std::unique_lock<std::mutex> lock(mutex);
      released.wait(lock, [&] { return go; });
      if (abort) return;
    }
    try {
      work(w);
    } catch (...) {
      errors[static_cast<size_t>(w)] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(workers - 1));
  std::string failure;
  for (int w = 1; w < workers && failure.empty(); ++w) {
    try {
      pool.emplace_back(body, w);
    } catch (const std::system_error& e) {
      failure = e.what();
    }
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    go = true;
    abort = !failure.empty();
  }
  released.notify_all();
  if (failure.empty()) body(0);
  for (auto& t : pool) t.join();
  if (!failure.empty())
    throw std::runtime_error("cannot start " + std::to_string(workers) + " threads (" + failure +
                             "): use fewer threads or raise the process limits");
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

double memory_available() {
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  double bytes = pages > 0 && page > 0 ? double(pages) * double(page) : HUGE_VAL;
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) bytes = std::min(bytes, double(limit.rlim_cur));
  return bytes;
}

std::string byte_size(double bytes) {
  const char* units[] = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
  int u = 0;
  while (bytes >= 1000 && u < 6) bytes /= 1000, ++u;
  char text[64];
  std::snprintf(text, sizeof text, u == 0 ? "%.0f %s" : "%.3g %s", bytes, units[u]);
  return text;
}

void check_memory(double bytes, const std::string& what) {
  const double available = memory_available();
  if (!(bytes <= available))
    throw std::invalid_argument(what + " needs at least " + byte_size(bytes) + " of memory (" + byte_size(available) + " available)");
}

}  // namespace ael
