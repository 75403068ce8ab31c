// --checkpoint for the sweeping commands (docs/mpi.md): the option itself and
// the description of a command line that a checkpoint file is bound to.
#pragma once

#include "core/distribute.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace ael::cli {

// Adds `--checkpoint FILE` to `cmd`, storing the path in `path`.
CLI::Option* add_checkpoint_option(CLI::App& cmd, std::string& path);

// The checkpoint of `cmd` ("sign phase-transition", ...) at `path`: the
// command's options as given, except those the results do not depend on
// (--threads, --output, --format, --quiet, --checkpoint, --help).
SweepCheckpoint checkpoint_for(const CLI::App& cmd, const std::string& command, const std::string& path);

}  // namespace ael::cli
