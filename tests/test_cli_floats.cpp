// Double options are the decimal rounded once (cli/exact_floats.hpp; docs/cli.md, validators).
// Reference values: Python's fractions (float(Fraction(text)) is the correctly rounded double).
#include "cli/exact_floats.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

namespace {
// 1 + 2^-53 + 10^-73: just above the midpoint between 1 and 1 + 2^-52, so the correctly rounded
// double is 1 + 2^-52; strtold keeps 1 + 2^-53 (64-bit mantissa), whose cast to double ties to 1.
const char* const kAboveMidpoint = "1.0000000000000001110223024625156540423631668090820312500000000000000000001";

double parse_with(const std::string& text, bool exact) {
  CLI::App app{"t"};
  double value = 0;
  app.add_option("--x", value);
  if (exact) ael::cli::read_floats_exactly(app);
  std::vector<std::string> args{"--x", text};
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  app.parse(reversed);
  return value;
}
}  // namespace

TEST_SUITE("cli_floats") {
  TEST_CASE("a decimal just above a rounding midpoint is rounded once") {
    const double once = 1.0 + std::ldexp(1.0, -52);
    CHECK(parse_with(kAboveMidpoint, true) == once);
    // The defect being repaired (CLI11 2.1: strtold, then a cast): if this ever fails, CLI11 reads
    // doubles correctly by itself and the transform is a no-op there.
    CHECK(parse_with(kAboveMidpoint, false) == 1.0);
  }
  TEST_CASE("ordinary texts are passed through unchanged") {
    CHECK(ael::cli::exactly_rounded_text("0.1") == "0.1");
    CHECK(ael::cli::exactly_rounded_text("1e-5") == "1e-5");
    CHECK(ael::cli::exactly_rounded_text("abc") == "abc");  // CLI11 reports it as before
    CHECK(ael::cli::exactly_rounded_text("") == "");
    CHECK(parse_with("0.1", true) == 0.1);
    CHECK(ael::cli::exactly_rounded_text(kAboveMidpoint) == "0x1.0000000000001p+0");
  }
  TEST_CASE("every FLOAT option of every subcommand gets the transform") {
    CLI::App app{"t"};
    auto* sub = app.add_subcommand("s", "");
    double value = 0;
    sub->add_option("--x", value);
    ael::cli::read_floats_exactly(app);
    std::vector<std::string> args{"s", "--x", kAboveMidpoint};
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
    CHECK(value == 1.0 + std::ldexp(1.0, -52));
  }
}
