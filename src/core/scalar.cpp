#include "core/scalar.hpp"

#include "core/errors.hpp"

#include <cctype>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace ael {

namespace {
int g_printed_digits = 30;

// Accepts [+-]digits[.digits][(e|E)[+-]digits] and nothing else, so that
// "nan", "inf", "0x1p3", "1,5" and trailing garbage are rejected uniformly for
// both scalar types before any conversion happens.
bool is_plain_decimal(const std::string& s) {
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  size_t mantissa_digits = 0;
  while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++mantissa_digits;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++mantissa_digits;
  }
  if (mantissa_digits == 0) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == n;
}

std::string trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

void require_decimal(const std::string& text, const std::string& t) {
  if (t.empty()) throw std::invalid_argument("empty value where a number was expected");
  if (!is_plain_decimal(t)) throw std::invalid_argument("'" + text + "' is not a finite decimal number");
}
}  // namespace

void set_working_digits(int digits) {
  if (digits < kMinDigits || digits > kMaxDigits)
    throw ParameterError("digits", "@digits must be between " + std::to_string(kMinDigits) + " and " +
                                std::to_string(kMaxDigits) + " (got " + std::to_string(digits) + ")");
  g_printed_digits = digits;
  mp_real::default_precision(static_cast<unsigned>(digits + kGuardDigits));
}

int printed_digits() { return g_printed_digits; }
int working_digits() { return g_printed_digits + kGuardDigits; }

template <> double parse_scalar<double>(const std::string& text) {
  const std::string t = trimmed(text);
  require_decimal(text, t);
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (!std::isfinite(v)) throw std::invalid_argument("'" + text + "' overflows a double");
  return v;
}

template <> mp_real parse_scalar<mp_real>(const std::string& text) {
  const std::string t = trimmed(text);
  require_decimal(text, t);
  mp_real v(t);  // MPFR parses the decimal string at the current default precision
  if (!is_finite(v)) throw std::invalid_argument("'" + text + "' is out of range");
  return v;
}

std::string to_decimal(double x, int digits) {
  std::ostringstream os;
  os.precision(digits);
  os << x;
  return os.str();
}

std::string to_decimal(const mp_real& x, int digits) {
  if (x == 0) return "0";
  return x.str(digits, std::ios_base::fmtflags(0));
}

}  // namespace ael
