// Subprocesses for `aelandscape paper`: the generator runs its own executable
// with the exact command lines it records in the manifest (so each artifact's
// `commands` reproduce its data), and gnuplot on the scripts it writes.
#pragma once

#include <string>
#include <vector>

namespace ael::cli {

struct ProcessResult {
  int exit_code = -1;      // -1: could not be started (exec failed)
  std::string out, err;    // captured stdout and stderr
};

// Runs argv[0] (searched on PATH when it has no '/') with the arguments in
// directory cwd (empty: current). stdout is captured; stderr is captured and,
// when forward_stderr, also copied to our stderr as it arrives (progress).
// env_extra: "NAME=value" entries added to the environment.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd, bool forward_stderr,
                          const std::vector<std::string>& env_extra = {});

// Path of the running executable (/proc/self/exe).
std::string self_executable();

}  // namespace ael::cli
