#include "core/progress.hpp"

#include <atomic>
#include <chrono>
#include <mutex>

namespace ael {

namespace {
using Clock = std::chrono::steady_clock;
std::mutex g_mutex;
HeartbeatReporter g_reporter;
Clock::time_point g_start;
double g_interval = 5;
std::atomic<bool> g_installed{false};
std::atomic<long long> g_next_ns{0};  // steady-clock time of the next report

long long now_ns() { return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count(); }

// True (and the next report scheduled) when a report is due now.
bool due() {
  if (!g_installed.load(std::memory_order_relaxed)) return false;
  const long long now = now_ns();
  long long next = g_next_ns.load(std::memory_order_relaxed);
  if (now < next) return false;
  return g_next_ns.compare_exchange_strong(next, now + static_cast<long long>(g_interval * 1e9));
}

void report(const std::string& stage) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_reporter) g_reporter(stage, std::chrono::duration<double>(Clock::now() - g_start).count());
}
}  // namespace

void install_heartbeat(HeartbeatReporter reporter, double interval_seconds) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_reporter = std::move(reporter);
  g_start = Clock::now();
  g_interval = interval_seconds;
  g_next_ns = now_ns() + static_cast<long long>(interval_seconds * 1e9);
  g_installed = static_cast<bool>(g_reporter);
}

void heartbeat(const char* stage) {
  if (due()) report(stage);
}

void heartbeat(const char* stage, long i, long n) {
  if (due()) report(std::string(stage) + " " + std::to_string(i) + "/" + std::to_string(n));
}

}  // namespace ael
