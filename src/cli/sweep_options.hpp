// --checkpoint for the sweeping commands (docs/mpi.md): the option itself and
// the description of a command line that a checkpoint file is bound to.
#pragma once

#include "core/distribute.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace ael::cli {

// Adds `--checkpoint FILE` to `cmd`, storing the path in `path`.
CLI::Option* add_checkpoint_option(CLI::App& cmd, std::string& path);

// The checkpoint of `cmd` ("sign phase-transition", ...) at `path`: the
// command's options as given, except those the results do not depend on
// (--threads, --output, --format, --quiet, --checkpoint, --help).
SweepCheckpoint checkpoint_for(const CLI::App& cmd, const std::string& command, const std::string& path);

// The `bind` hook of a runner command (cli/runner.hpp) that sweeps: stores in
// `o.sweep` the checkpoint of `command` at `o.checkpoint` (the --checkpoint path).
template <class Options> std::function<void(Options&, const CLI::App&)> bind_checkpoint(const char* command) {
  return [command](Options& o, const CLI::App& cmd) { o.sweep = checkpoint_for(cmd, command, o.checkpoint); };
}

}  // namespace ael::cli
