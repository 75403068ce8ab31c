// Pieces shared by every subcommand: output options, the one metadata builder, output.
// LAE data options live in cli/lae_common.hpp.
#pragma once

#include "core/meta.hpp"
#include "core/report.hpp"
#include "core/scalar.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace ael::cli {

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

}  // namespace ael::cli
