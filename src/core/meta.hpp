// Run metadata recorded in every output: enough to reproduce the numbers
// (versions, precision, seed, command line, commit) and nothing that changes
// between two identical runs (no clock, no host name).
#pragma once

#include "core/report.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ael {

struct RunInfo {
  std::string command_line;
  std::optional<std::uint64_t> seed;
  int digits = 0;      // printed decimal digits (0: double path)
  std::string scalar;  // "mpfr" or "double"
};

Json run_metadata(const RunInfo& info);
std::string version_string();

}  // namespace ael
