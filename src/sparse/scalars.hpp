// The third scalar of the sparse-coding path: exact rationals (GMP mpq), with
// the few operations whose meaning differs between double, mp_real and a
// rational (square roots, parsing, printing). Rational runs exist because the
// HAD dictionary is rational when n is a power of 4 (docs/sparse.md §1.4): then the
// per-sample gradient, the certificates and the expected gradient are exact.
#pragma once

#include "core/exact.hpp"

#include <string>

namespace ael::sparse {
using ael::rational;  // the project's one exact scalar (core/exact.hpp)
}  // namespace ael::sparse

namespace ael::sparse {

template <class T> struct ScalarOps;

template <> struct ScalarOps<double> {
  static constexpr bool exact = false;
  static double parse(const std::string& s) { return parse_scalar<double>(s); }
  static double sqrt_upper(const double& x) { return std::sqrt(x); }
  static double from_double(double x) { return x; }
  static mp_real to_mp(const double& x) { return mp_real(x); }
  static double unit_roundoff() { return std::numeric_limits<double>::epsilon() / 2; }
  static const char* name() { return "double"; }
};

template <> struct ScalarOps<mp_real> {
  static constexpr bool exact = false;
  static mp_real parse(const std::string& s) { return parse_scalar<mp_real>(s); }
  static mp_real sqrt_upper(const mp_real& x) { return sqrt(x); }
  static mp_real from_double(double x) { return mp_real(x); }
  static mp_real to_mp(const mp_real& x) { return x; }
  static mp_real unit_roundoff() { return working_epsilon<mp_real>() / 2; }
  static const char* name() { return "mpfr"; }
};

template <> struct ScalarOps<rational> {
  static constexpr bool exact = true;
  // "0.95" -> 95/100 exactly; same grammar as parse_scalar (no NaN, no inf, no fraction).
  static rational parse(const std::string& s) { return parse_exact_decimal(s); }
  // Smallest-effort rational r with r >= sqrt(x) (exact when x is a square of
  // a double-representable rational): for certified upper bounds.
  static rational sqrt_upper(const rational& x);
  static rational from_double(double x) { return rational(x); }  // doubles are dyadic: exact
  static mp_real to_mp(const rational& x) { return ael::to_mp(x); }
  static rational unit_roundoff() { return rational(0); }
  static const char* name() { return "rational"; }
};

// Exact square root of a rational that is a perfect square; throws
// std::invalid_argument otherwise (e.g. 1/sqrt(n) for n not a power of 4).
rational exact_sqrt(const rational& x, const std::string& what);

template <class T> std::string decimal(const T& x, int digits) { return to_decimal(ScalarOps<T>::to_mp(x), digits); }
template <> inline std::string decimal<double>(const double& x, int digits) { return to_decimal(x, digits > 17 ? 17 : digits); }
// "p/q" for rationals, the decimal otherwise.
template <class T> std::string exact_text(const T& x, int digits) { return decimal(x, digits); }
template <> inline std::string exact_text<rational>(const rational& x, int) { return x.str(); }

// sqrt rounded to nearest for floats; for rationals an upper bound (see sqrt_upper).
template <class T> T sqrt_of(const T& x) { return ScalarOps<T>::sqrt_upper(x); }

}  // namespace ael::sparse
