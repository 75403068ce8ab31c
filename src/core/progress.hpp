// Heartbeat of long computations. Kernels call heartbeat(stage) at loop points
// (a clock read, nothing more, while no reporter is installed or the interval
// has not passed); the CLI installs a reporter that prints to stderr. Reports
// never change results: they go to the reporter only.
#pragma once

#include <functional>
#include <string>

namespace ael {

// reporter(stage, seconds since install) is called at most once per `interval_seconds`.
using HeartbeatReporter = std::function<void(const std::string& stage, double elapsed_seconds)>;
void install_heartbeat(HeartbeatReporter reporter, double interval_seconds = 5);

void heartbeat(const char* stage);
// "stage i/n": loop position, formatted only when a report is due.
void heartbeat(const char* stage, long i, long n);

}  // namespace ael
