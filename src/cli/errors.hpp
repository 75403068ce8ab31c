// The command line's side of error reporting: library parameter names mapped
// to flags, option values parsed with the flag named in the error, and the one
// place that turns an exception into "aelandscape: error: …" and an exit code
// (0 help/version, 1 a failed claim, 2 any bad input or refusal).
#pragma once

#include "core/errors.hpp"
#include "core/scalar.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <string>

namespace ael::cli {

// The flag of a library parameter: "eps_frac" → "--eps-frac"; the few whose
// flag is spelled differently ("learning_rate" → "--lr") come from a table.
std::string flag_name(const std::string& parameter);

// A decimal option value parsed by parse_scalar<T>; a failure names the flag:
// "--rate: 'abc' is not a finite decimal number".
template <class T> T parse_option_value(const std::string& text, const std::string& flag) {
  try {
    return parse_scalar<T>(text);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(flag + ": " + e.what());
  }
}

// Prints the one-line message of the exception in flight (or of a CLI11
// parse error) on stderr and returns the exit code. Help and version requests
// print their text on stdout and return 0.
int report_parse_error(const CLI::App& app, const CLI::ParseError& e);
int report_error(const std::exception& e);

}  // namespace ael::cli
