// Pieces shared by every subcommand: output options, the one metadata builder,
// output, seeds and progress. LAE data options live in cli/lae_common.hpp; the
// table-driven command form and the option validators in cli/runner.hpp.
#pragma once

#include "core/meta.hpp"
#include "core/report.hpp"
#include "core/scalar.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ael::cli {

// --digits, --format, -o of every command. add_to declares them with their
// validators (digits in [kMinDigits, kMaxDigits], a known format) and shows the
// current values as the defaults in --help: set a different default first.
struct OutputOptions {
  int digits = 30;
  std::string format = "json";
  std::string output;  // file; empty: stdout
  void add_to(CLI::App& app, bool with_digits = true);
};

// Renders the whole document to a string first, so a failure never leaves
// half-written output, then writes it to stdout or the output file.
void emit(const Json& doc, const OutputOptions& options);

extern std::string g_command_line;
// The "meta" section of every output (the one builder): program, version,
// commit, command line, the seed when the numbers depend on one, and the
// arithmetic: "mpfr" (digits, working digits and bits), "double" (17 digits,
// 53 bits) or "rational" (exact GMP rationals; decimals printed at `digits`).
Json metadata(const std::string& scalar, int digits, std::optional<std::uint64_t> seed = std::nullopt);

// A 64-bit seed given as text: decimal digits only, below 10^19 (so "-1" is an
// error, never 2^64 - 1). Throws std::invalid_argument naming --seed.
std::uint64_t parse_seed(const std::string& text);
// The same rule as a CLI11 validator, for std::uint64_t --seed options (CLI11
// alone would wrap "-1" to 2^64 - 1).
CLI::Validator seed_validator();

// Every output file of a command, checked before any work so that a bad path
// fails at once and leaves no other output behind ("" and "-" are stdout).
// Throws InputError "<path>: <problem>" (core check_writable).
void check_output_paths(const std::vector<std::string>& paths);

// Progress of long runs on stderr: every 5 s, the stage the kernels last
// announced (core/progress.hpp), prefixed with `command` ("sign state-evolution").
void report_progress(const std::string& command);

}  // namespace ael::cli
