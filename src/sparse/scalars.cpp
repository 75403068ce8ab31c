#include "sparse/scalars.hpp"

#include <cctype>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ael::sparse {

namespace {
using boost::multiprecision::mpz_int;

bool perfect_square(const mpz_int& z, mpz_int& root) {
  if (z < 0) return false;
  root = boost::multiprecision::sqrt(z);
  return root * root == z;
}
}  // namespace

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

}  // namespace ael::sparse
