// The registration functions of the command groups: each adds its commands
// (with their options, validators and help) under the given parent. main.cpp
// calls each once.
#pragma once

#include <CLI/CLI.hpp>

namespace ael::cli {
void add_lae_spectrum(CLI::App& lae);
void add_lae_landscape(CLI::App& lae);
void add_verify(CLI::App& app);
void add_lae_train(CLI::App& lae);    // cmd_lae_train.cpp
void add_lae_inspect(CLI::App& lae);  // cmd_lae_inspect.cpp
void add_sparse(CLI::App& app);       // cmd_sparse*.cpp: the `sparse` command group
void add_sign(CLI::App& app);         // cmd_sign*.cpp: the `sign` command group
void add_paper(CLI::App& app);        // cmd_paper.cpp: tables and figures for papers
}  // namespace ael::cli

namespace ael::cli {
// Thrown after the verify report is printed when a claim failed (exit code 1).
struct ClaimsFailed {};
}  // namespace ael::cli
