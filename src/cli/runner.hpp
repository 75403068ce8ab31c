// The table-driven form of a command (issue #11, phase 2): a command is a
// declaration — name, help, its typed options with CLI11 validators and
// defaults shown in --help, the arithmetic it runs in — plus one function that
// calls the library and turns its typed result into the output document. The
// runner does everything else, the same way for every command: it checks the
// format before any work, holds the precision scope for the whole run, adds
// the metadata and writes the output.
//
// Model: `sign gaussian-risk` (cmd_sign_gaussian_risk.cpp). Commands that
// distribute work items (docs/mpi.md) call run_items inside `run` and bind
// their --checkpoint with `bind` (cmd_sign_phase.cpp): MPI ranks > 0 end in
// run_items, so only rank 0 reaches the metadata and the output.
#pragma once

#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/output.hpp"
#include "core/integer_text.hpp"
#include "core/precision.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ael::cli {

// The arithmetic of a command's numbers, as the metadata states it: MPFR at
// --digits, IEEE double, or exact GMP rationals (decimals printed at --digits).
enum class Arithmetic { mpfr, double_precision, rational };

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
  // Appended to the error when a result is NaN or infinite: what the user can change.
  std::string finite_hint = "";

  // Optional hooks, for the commands that need them.
  // The arithmetic chosen by an option (--multiprecision, --arithmetic, an
  // exact route), decided before any work. Such a command always has --digits
  // and runs in the precision scope: its double route may compute a
  // multiprecision reference. Unset: `arithmetic`.
  std::function<Arithmetic(const Options& o)> choose_arithmetic = {};
  // Completes the options from the parsed command line before any work, e.g.
  // the checkpoint a sweep's results are bound to (checkpoint_for).
  std::function<void(Options& o, const CLI::App& cmd)> bind = {};
  // Runs after the output is written, e.g. to end with exit code 1
  // (ClaimsFailed) when the document reports a failed claim.
  std::function<void(const Options& o, const Json& doc)> after_output = {};
};

// The "meta" section of a runner command: metadata() for `arithmetic`, then
// the entries `run` put under "meta" itself (e.g. a note on threads); "meta"
// becomes the last key of `doc`.
void add_metadata(Json& doc, Arithmetic arithmetic, int digits, std::optional<std::uint64_t> seed);

// Registers the command under `parent`.
template <class Options> CLI::App* add_command(CLI::App& parent, const Command<Options>& c) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = parent.add_subcommand(c.name, c.help);
  const bool with_digits = c.choose_arithmetic || c.arithmetic != Arithmetic::double_precision;
  o->output.add_to(*cmd, with_digits);
  c.declare(*cmd, *o);
  const std::string full_name = parent.get_name() + " " + c.name;
  cmd->callback([o, c, cmd, full_name, with_digits] {
    if (c.bind) c.bind(*o, *cmd);
    check_output(o->output);  // fail before any work: the format and the output path
    const Arithmetic arithmetic = c.choose_arithmetic ? c.choose_arithmetic(*o) : c.arithmetic;
    report_progress(full_name);
    std::optional<PrecisionScope> precision;
    if (with_digits) precision.emplace(o->output.digits);
    Json doc = c.run(*o);
    add_metadata(doc, arithmetic, o->output.digits, c.seed ? c.seed(*o) : std::nullopt);
    require_finite_results(doc, c.finite_hint.empty() ? "" : "; " + c.finite_hint);
    emit(doc, o->output);
    if (c.after_output) c.after_output(*o, doc);
  });
  return cmd;
}

// ---- Validators of option values ------------------------------------------
// Each rejects a bad value at parse time with a message that CLI11 prefixes
// with the option ("--p: must be a decimal number in (0, 1] (got 2)"; exit 2),
// and gives --help its allowed values ("TEXT:DECIMAL (0, 1]", "INT:[1, 17]").

// An interval of the real line for the validators below: `lo`/`hi` are decimal
// texts, empty for an unbounded side; `*_open` excludes the end point.
struct Interval {
  std::string lo, hi;
  bool lo_open = false, hi_open = false;
  std::string text() const;      // for messages: "> 0", ">= 1", "in (0, 1]", "" for the whole line
  std::string notation() const;  // for --help: "(0, inf)", "[1, inf)", "(0, 1]"
};

// A finite decimal number (kept as text and parsed exactly later, at the
// working precision), optionally required to be > 0 or to lie in `range`.
CLI::Validator decimal_number(bool positive);
CLI::Validator decimal_in(const Interval& range);
// A finite double in `range` (NaN and infinities never pass).
CLI::Validator number_in(const Interval& range);
// An integer in [lo, hi], written in decimal digits ("2.5" and "1e3" fail).
CLI::Validator integer_in(long lo, long hi);
// The integer reader of the validators and comma lists (core/integer_text.hpp).
using ael::parse_integer;

// Binds an enum option: the spellings in `table` are the only accepted values,
// --help lists them and shows `member`'s current value as the default. The
// library's enum is the option's type: the string exists only here, at the
// boundary.
template <class E>
CLI::Option* add_enum_option(CLI::App& cmd, const std::string& flag, E& member, const std::vector<std::pair<std::string, E>>& table,
                             const std::string& help) {
  std::string list, current;
  for (const auto& [spelling, e] : table) {
    list += (list.empty() ? "" : ",") + spelling;
    if (e == member && current.empty()) current = spelling;
  }
  CLI::Validator to_enum(
      [table, list](std::string& text) -> std::string {
        for (const auto& [spelling, e] : table)
          if (text == spelling) {
            text = std::to_string(static_cast<int>(e));
            return std::string();
          }
        return "'" + text + "' is not one of {" + list + "}";
      },
      "{" + list + "}");
  return cmd.add_option(flag, member, help)->transform(to_enum)->default_str(current);
}
// The same with the table given as the enum's values and its name function.
template <class E>
CLI::Option* add_enum_option(CLI::App& cmd, const std::string& flag, E& member, std::initializer_list<E> values,
                             const char* (*name)(E), const std::string& help) {
  std::vector<std::pair<std::string, E>> table;
  for (E e : values) table.emplace_back(name(e), e);
  return add_enum_option(cmd, flag, member, table, help);
}

}  // namespace ael::cli
