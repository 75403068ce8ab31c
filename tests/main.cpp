#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "core/scalar.hpp"

int main(int argc, char** argv) {
  ael::set_working_digits(40);  // multiprecision tests run at 40 printed (+ guard) digits
  doctest::Context context(argc, argv);
  return context.run();
}
