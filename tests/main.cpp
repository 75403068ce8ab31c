#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "core/scalar.hpp"

#include <cstdlib>

int main(int argc, char** argv) {
  // Reproducible property tests: a fixed RapidCheck seed unless the caller sets RC_PARAMS.
  setenv("RC_PARAMS", "seed=20261125", 0);
  ael::set_working_digits(40);  // multiprecision tests run at 40 printed (+ guard) digits
  doctest::Context context(argc, argv);
  return context.run();
}
