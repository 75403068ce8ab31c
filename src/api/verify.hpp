// The library API of `aelandscape verify`: run the proof-checks (proofs-checks/,
// one per claim LAE-n, SC-n, SA-n) and return the claims report document.
// Errors: ParameterError naming only or instances.
#pragma once

#include "core/report.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace ael::api {

struct VerifyOptions {
  std::string only;        // a claim ID (LAE-17) or a family (LAE, SC, SA), case-insensitive; empty: all
  int instances = 4;       // random instances per claim, 1..1000
  std::uint64_t seed = 1;  // seed of the instance generator
  bool certify = false;    // also run the proved (exact / ball) routes and report each claim's evidence level
};

// Called before claim i (0-based) of n starts, and when it ends with its verdict.
struct VerifyProgress {
  std::function<void(std::size_t i, std::size_t n, const std::string& id)> started;
  std::function<void(const std::string& verdict, double seconds)> finished;
};

struct VerifyReport {
  Json document;  // "command", "summary", "margin", "claims" (no "meta")
  int passed = 0, failed = 0, skipped = 0;
  std::map<std::string, int> levels;  // with certify: claims per evidence level
  int below_proved = 0;               // with certify: deterministic claims that passed below proved-*
};

// Runs the selected claims at `digits` (each inside its own precision scope).
// A claim that throws is a FAIL with the message as its note.
VerifyReport run_verify(const VerifyOptions& options, int digits, const VerifyProgress& progress = {});

}  // namespace ael::api
