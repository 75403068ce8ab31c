// Scalar policy: the two scalars every kernel is instantiated for, and the few
// operations whose spelling differs between them (parsing, printing, epsilon).
#pragma once

#include <boost/multiprecision/mpfr.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace ael {

// Runtime-precision MPFR real. Expression templates off: Eigen's kernels expect
// arithmetic to return the scalar type itself.
using mp_real = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<0>,
                                              boost::multiprecision::et_off>;

// Supported range of requested decimal digits for the multiprecision path.
inline constexpr int kMinDigits = 16;
inline constexpr int kMaxDigits = 1000;
// Extra decimal digits carried internally beyond what is printed, so that
// eigen-decompositions and cancellations do not eat into the printed digits.
inline constexpr int kGuardDigits = 20;

// Sets the working precision of newly created mp_real values (and of parsing).
// Throws std::invalid_argument outside [kMinDigits, kMaxDigits].
void set_working_digits(int printed_digits);
// The printed digits last requested (defaults to 30).
int printed_digits();
// Internal working precision in decimal digits (printed + guard).
int working_digits();

// Machine epsilon of the working precision of T.
template <class T> T working_epsilon();
template <> inline double working_epsilon<double>() { return std::numeric_limits<double>::epsilon(); }
// Variable-precision numeric_limits are evaluated at the current default precision.
template <> inline mp_real working_epsilon<mp_real>() { return std::numeric_limits<mp_real>::epsilon(); }

// Relative size below which a computed eigenvalue counts as zero: 10^-D at D
// printed digits (the guard digits keep rounding errors far below it), 1e-9 in
// double. Closed forms never use it: their zeros are structural.
template <class T> T zero_threshold();
template <> inline double zero_threshold<double>() { return 1e-9; }
template <> inline mp_real zero_threshold<mp_real>() { return boost::multiprecision::pow(mp_real(10), -printed_digits()); }

// Parses a decimal string directly at the working precision (never through a
// double for mp_real). Rejects empty, partial, NaN and infinite input.
// Throws std::invalid_argument with a one-line message.
template <class T> T parse_scalar(const std::string& text);

// Decimal string with `digits` significant digits (scientific when needed).
std::string to_decimal(double x, int digits = 17);
std::string to_decimal(const mp_real& x, int digits);

inline double to_double(double x) { return x; }
inline double to_double(const mp_real& x) { return x.convert_to<double>(); }

template <class T> bool is_finite(const T& x) {
  using std::isfinite;
  using boost::multiprecision::isfinite;
  return isfinite(x);
}

// Digits that are meaningful to print for T.
template <class T> int printable_digits();
template <> inline int printable_digits<double>() { return 17; }
template <> inline int printable_digits<mp_real>() { return printed_digits(); }

template <class T> const char* scalar_name();
template <> inline const char* scalar_name<double>() { return "double"; }
template <> inline const char* scalar_name<mp_real>() { return "mpfr"; }

}  // namespace ael
