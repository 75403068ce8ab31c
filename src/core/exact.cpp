#include "core/exact.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace ael {

namespace {
using boost::multiprecision::mpz_int;

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

const char* const kDecimal = " is not a finite decimal number";
const char* const kDecimalOrFraction = " is not a finite decimal number or fraction p/q";

// 10^e by GMP's binary powering: a loop of e multiplications took minutes for
// the 6-digit exponents the grammar allows ("1e999999": tests/fuzz/corpus/decimal/d07).
mpz_int ten_to(long e) { return boost::multiprecision::pow(mpz_int(10), static_cast<unsigned>(e)); }

// One decimal with optional sign and exponent, exactly; `what` ends the error message.
rational parse_decimal(const std::string& t, const std::string& whole, const char* what) {
  auto bad_number = [&](const std::string& text) { throw std::invalid_argument("'" + text + "'" + what); };
  size_t i = 0;
  bool negative = false;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) negative = t[i++] == '-';
  std::string digits;
  long fraction_digits = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) digits += t[i++];
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) digits += t[i++], ++fraction_digits;
  }
  if (digits.empty()) bad_number(whole);
  long exponent = 0;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    const size_t start = i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (i == t.size() || !std::isdigit(static_cast<unsigned char>(t[i]))) bad_number(whole);
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i - start > 6) throw std::invalid_argument("'" + whole + "': exponent out of range");
    exponent = std::stol(t.substr(start, i - start));
  }
  if (i != t.size()) bad_number(whole);
  // Leading zeros would make GMP read the digits as octal ("095").
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
  mpz_int mantissa(digits);
  if (negative) mantissa = -mantissa;
  const long shift = exponent - fraction_digits;
  const rational r(mantissa);
  if (shift >= 0) return r * rational(ten_to(shift));
  return r / rational(ten_to(-shift));
}
}  // namespace

template <> rational parse_scalar<rational>(const std::string& text) {
  const std::string t = trim(text);
  if (t.empty()) throw std::invalid_argument("empty value where a number was expected");
  const size_t slash = t.find('/');
  if (slash == std::string::npos) return parse_decimal(t, t, kDecimalOrFraction);
  const rational num = parse_decimal(trim(t.substr(0, slash)), t, kDecimalOrFraction);
  const rational den = parse_decimal(trim(t.substr(slash + 1)), t, kDecimalOrFraction);
  if (den == 0) throw std::invalid_argument("'" + t + "' has a zero denominator");
  return num / den;
}

rational parse_exact_decimal(const std::string& text) {
  const std::string t = trim(text);
  if (t.empty()) throw std::invalid_argument("empty value where a number was expected");
  return parse_decimal(t, text, kDecimal);
}

mp_real to_mp(const rational& x) {
  return mp_real(boost::multiprecision::numerator(x).str()) / mp_real(boost::multiprecision::denominator(x).str());
}

long bit_size(const rational& x) {
  const auto& q = x.backend().data();
  return static_cast<long>(mpz_sizeinbase(mpq_numref(q), 2) + mpz_sizeinbase(mpq_denref(q), 2));
}

ExactMat solve_exact(const ExactMat& M, const ExactMat& B) {
  const Eigen::Index n = M.rows();
  if (M.cols() != n || B.rows() != n) throw std::invalid_argument("solve_exact: shapes do not match");
  ExactMat a = M, x = B;
  for (Eigen::Index k = 0; k < n; ++k) {
    Eigen::Index piv = k;
    while (piv < n && a(piv, k) == 0) ++piv;
    if (piv == n) throw std::domain_error("solve_exact: singular matrix");
    a.row(k).swap(a.row(piv));
    x.row(k).swap(x.row(piv));
    const rational inv = 1 / a(k, k);
    a.row(k) *= inv;
    x.row(k) *= inv;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (i == k || a(i, k) == 0) continue;
      const rational f = a(i, k);
      a.row(i) -= f * a.row(k);
      x.row(i) -= f * x.row(k);
    }
  }
  return x;
}

}  // namespace ael
