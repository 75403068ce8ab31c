#pragma once

#include <CLI/CLI.hpp>

namespace ael::cli {
void add_lae_spectrum(CLI::App& lae);
void add_lae_landscape(CLI::App& lae);
void add_verify(CLI::App& app);
}  // namespace ael::cli

namespace ael::cli {
// Thrown after the verify report is printed when a claim failed (exit code 1).
struct ClaimsFailed {};
}  // namespace ael::cli
