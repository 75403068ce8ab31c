// The project's one exact scalar: GMP rationals (mpq) through Boost.Multiprecision,
// with exact parsing ("0.8" is 4/5, "3/7" is 3/7) and exact printing ("p/q").
// Only ring operations and division are sound on it: no sqrt, no epsilon, no
// tolerance. Which kernels are instantiated on it: docs/certification.md §7 (Exact route).
#pragma once

#include "core/eigen_mp.hpp"

#include <boost/multiprecision/gmp.hpp>

#include <string>

namespace ael {
using rational = boost::multiprecision::number<boost::multiprecision::gmp_rational, boost::multiprecision::et_off>;
}  // namespace ael

namespace Eigen {
// Exact arithmetic: no epsilon, no rounding; only ring operations are used on it.
template <> struct NumTraits<ael::rational> : GenericNumTraits<ael::rational> {
  using Real = ael::rational;
  using NonInteger = Real;
  using Literal = Real;
  using Nested = Real;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 1,
    AddCost = 20,
    MulCost = 40
  };
  static Real epsilon() { return Real(0); }
  static Real dummy_precision() { return Real(0); }
  static int digits10() { return 0; }
};
}  // namespace Eigen

namespace ael {

// Exact parse of a decimal ("-1.25", "3e-2") or a fraction "p/q" whose two sides
// are decimals ("1/3", "0.5/7"). Rejects empty input, NaN/inf, junk and a zero
// denominator with a one-line std::invalid_argument message.
template <> rational parse_scalar<rational>(const std::string& text);
// The same grammar without the fraction form: a plain decimal ("-1.25", "3e-2"),
// exactly; exponents up to 6 digits. Throws std::invalid_argument
// "'x' is not a finite decimal number". The one exact decimal parser of the
// project: the sparse rational scalar and the ball inputs (core/ball.hpp) use it.
rational parse_exact_decimal(const std::string& text);
inline rational parse_rational(const std::string& text) { return parse_scalar<rational>(text); }

// Canonical exact text: "p/q" in lowest terms with q > 0, or "p" when q = 1
// (both are accepted by parse_rational and by Python's fractions.Fraction).
inline std::string rational_text(const rational& x) { return x.str(); }

// Nearest value at the current working precision (for printing decimals only).
mp_real to_mp(const rational& x);
inline std::string to_decimal(const rational& x, int digits) { return to_decimal(to_mp(x), digits); }

// Bit length of numerator plus denominator: the size measure of exact arithmetic.
long bit_size(const rational& x);

using ExactMat = Mat<rational>;
using ExactVec = Vec<rational>;

// X with M X = B, by exact Gauss–Jordan elimination (any nonzero pivot).
// Throws std::domain_error when M is singular.
ExactMat solve_exact(const ExactMat& M, const ExactMat& B);

}  // namespace ael
