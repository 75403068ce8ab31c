#include "sparse/scalars.hpp"

#include <cctype>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ael::sparse {

namespace {
using boost::multiprecision::mpz_int;

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

[[noreturn]] void bad_decimal(const std::string& text) {
  throw std::invalid_argument("'" + text + "' is not a finite decimal number");
}

// 10^e by GMP's binary powering: a loop of e multiplications took minutes for
// the 6-digit exponents the grammar allows ("1e999999": tests/fuzz/corpus/decimal/d07).
mpz_int ten_to(long e) { return boost::multiprecision::pow(mpz_int(10), static_cast<unsigned>(e)); }

bool perfect_square(const mpz_int& z, mpz_int& root) {
  if (z < 0) return false;
  root = boost::multiprecision::sqrt(z);
  return root * root == z;
}
}  // namespace

rational ScalarOps<rational>::parse(const std::string& text) {
  const std::string t = trim(text);
  if (t.empty()) throw std::invalid_argument("empty value where a number was expected");
  size_t i = 0;
  bool negative = false;
  if (t[i] == '+' || t[i] == '-') negative = t[i++] == '-';
  std::string digits;
  long fraction_digits = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) digits += t[i++];
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) digits += t[i++], ++fraction_digits;
  }
  if (digits.empty()) bad_decimal(text);
  long exponent = 0;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    const size_t start = i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (i == t.size() || !std::isdigit(static_cast<unsigned char>(t[i]))) bad_decimal(text);
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i - start > 6) throw std::invalid_argument("'" + text + "': exponent out of range");
    exponent = std::stol(t.substr(start, i - start));
  }
  if (i != t.size()) bad_decimal(text);
  // Leading zeros would make GMP read the digits as octal ("095").
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
  mpz_int mantissa(digits);
  if (negative) mantissa = -mantissa;
  const long shift = exponent - fraction_digits;
  rational r(mantissa);
  if (shift >= 0) return r * rational(ten_to(shift));
  return r / rational(ten_to(-shift));
}

rational exact_sqrt(const rational& x, const std::string& what) {
  mpz_int p, q;
  if (!perfect_square(boost::multiprecision::numerator(x), p) || !perfect_square(boost::multiprecision::denominator(x), q))
    throw std::invalid_argument(what + " = sqrt(" + x.str() + ") is irrational: exact rational arithmetic is impossible here");
  return rational(p) / rational(q);
}

rational ScalarOps<rational>::sqrt_upper(const rational& x) {
  if (x <= 0) return rational(0);
  mpz_int p, q;
  if (perfect_square(boost::multiprecision::numerator(x), p) && perfect_square(boost::multiprecision::denominator(x), q))
    return rational(p) / rational(q);
  // A double estimate nudged up until its square provably exceeds x.
  rational r(std::sqrt(x.convert_to<double>()) * (1 + 1e-15));
  const rational step = rational(1) + rational(1) / rational(mpz_int(1) << 40);
  while (r * r < x) r *= step;
  return r;
}

mp_real ScalarOps<rational>::to_mp(const rational& x) {
  return mp_real(boost::multiprecision::numerator(x).str()) / mp_real(boost::multiprecision::denominator(x).str());
}

}  // namespace ael::sparse
