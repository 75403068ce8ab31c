#include "cli/runner.hpp"

namespace ael::cli {

CLI::Validator decimal_number(bool positive) {
  return CLI::Validator(
      [positive](std::string& text) -> std::string {
        try {
          const mp_real v = parse_scalar<mp_real>(text);  // syntax and sign only: MPFR's exponent range never overflows here
          if (positive && !(v > 0)) return "must be > 0 (got " + text + ")";
        } catch (const std::invalid_argument& e) {
          return e.what();
        }
        return std::string();
      },
      positive ? "DECIMAL > 0" : "DECIMAL");
}

}  // namespace ael::cli
