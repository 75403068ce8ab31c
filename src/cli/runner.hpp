// The table-driven form of a command (issue #11, phase 2): a command is a
// declaration — name, help, its typed options with CLI11 validators and
// defaults shown in --help, the arithmetic it runs in — plus one function that
// calls the library and turns its typed result into the output document. The
// runner does everything else, the same way for every command: it checks the
// format before any work, holds the precision scope for the whole run, adds
// the metadata and writes the output.
//
// Model: `sign gaussian-risk` (cmd_sign_gaussian_risk.cpp).
#pragma once

#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/output.hpp"
#include "core/precision.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace ael::cli {

enum class Arithmetic { mpfr, double_precision };

// A command's declaration. Options derives from or holds `OutputOptions output`.
template <class Options> struct Command {
  const char* name;
  const char* help;
  Arithmetic arithmetic = Arithmetic::mpfr;
  // Adds the command's own options to `cmd`, bound to members of `o`.
  std::function<void(CLI::App& cmd, Options& o)> declare;
  // The library call and the document of its result (without "meta"); runs
  // inside the precision scope.
  std::function<Json(const Options& o)> run;
  // The seed the numbers depend on, if any (for the metadata).
  std::function<std::optional<std::uint64_t>(const Options& o)> seed = {};
};

// Registers the command under `parent`.
template <class Options> CLI::App* add_command(CLI::App& parent, const Command<Options>& c) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = parent.add_subcommand(c.name, c.help);
  o->output.add_to(*cmd, c.arithmetic == Arithmetic::mpfr);
  c.declare(*cmd, *o);
  cmd->callback([o, c] {
    check_output(o->output);  // fail before any work: the format and the output path
    const bool mp = c.arithmetic == Arithmetic::mpfr;
    std::optional<PrecisionScope> precision;
    if (mp) precision.emplace(o->output.digits);
    Json doc = c.run(*o);
    doc["meta"] = metadata(mp ? "mpfr" : "double", mp ? o->output.digits : 0, c.seed ? c.seed(*o) : std::nullopt);
    require_finite_results(doc);
    emit(doc, o->output);
  });
  return cmd;
}

// CLI11 validator: a finite decimal number (parsed exactly later, at the
// working precision), optionally required to be > 0.
CLI::Validator decimal_number(bool positive);

}  // namespace ael::cli
