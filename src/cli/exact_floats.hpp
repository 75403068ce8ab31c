// Floating-point options read with one rounding (the standard: decimal inputs
// are parsed exactly, then rounded once to the working type).
//
// CLI11 2.1 converts a FLOAT option with strtold and then casts the long double
// to double: two roundings. For a decimal within half an ulp of a double's
// rounding boundary the result can differ from the correctly rounded double
// (e.g. 1 + 2^-53 + 2^-105 becomes 1 instead of 1 + 2^-52). `read_floats_exactly`
// adds to every FLOAT option of the app tree a last transform that, where the two
// readings differ, rewrites the text to the hexadecimal form of strtod's correctly
// rounded double ("%a"), which CLI11's strtold then reads exactly. Validators added earlier (ranges,
// finiteness) still see the user's text; a text strtod does not fully consume
// is left unchanged, so CLI11 reports it as before.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace ael::cli {

// The text a FLOAT option hands to CLI11's conversion: `text` itself, or, when
// strtod consumes all of it and (double)strtold(text) differs from strtod(text),
// the "%a" form of strtod(text).
std::string exactly_rounded_text(const std::string& text);

// Adds the transform to every option of `app` and its subcommands whose type
// name is FLOAT (call once, after every command is registered).
void read_floats_exactly(CLI::App& app);

}  // namespace ael::cli
