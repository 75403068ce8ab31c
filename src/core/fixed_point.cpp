#include "core/fixed_point.hpp"

#include <flint/fmpz.h>

#include <climits>
#include <cmath>
#include <vector>

namespace ael {

FixedPoint::FixedPoint(mpfr_prec_t bits) {
  mpfr_init2(x_, bits);
  mpz_init(z_);
}

FixedPoint::~FixedPoint() {
  mpfr_clear(x_);
  mpz_clear(z_);
}

void FixedPoint::to_fixed(fmpz_t f, mpfr_srcptr v, long shift) {
  mpfr_mul_2si(x_, v, shift, MPFR_RNDN);  // exact: x_ is at least as wide as v
  mpfr_get_z(z_, x_, MPFR_RNDN);
  fmpz_set_mpz(f, z_);
}

void FixedPoint::from_fixed(mpfr_ptr out, const fmpz* f, long exponent) {
  fmpz_get_mpfr(out, f, MPFR_RNDN);
  mpfr_mul_2si(out, out, exponent, MPFR_RNDN);  // exact
}

namespace {
// Binary exponent e with |v| < 2^e for the largest |v| of each row (by_rows) or column.
std::vector<long> scales(const Mat<mp_real>& M, bool by_rows) {
  std::vector<long> e(static_cast<size_t>(by_rows ? M.rows() : M.cols()), LONG_MIN);
  for (Eigen::Index j = 0; j < M.cols(); ++j)
    for (Eigen::Index i = 0; i < M.rows(); ++i) {
      mpfr_srcptr v = M(i, j).backend().data();
      if (mpfr_zero_p(v)) continue;
      long& s = e[static_cast<size_t>(by_rows ? i : j)];
      s = std::max<long>(s, mpfr_get_exp(v));
    }
  for (long& s : e)
    if (s == LONG_MIN) s = 0;
  return e;
}
}  // namespace

Mat<mp_real> fixed_point_product(const Mat<mp_real>& X, const Mat<mp_real>& Y) {
  if (X.cols() != Y.rows()) throw std::invalid_argument("fixed_point_product: inner dimensions differ");
  Mat<mp_real> C(X.rows(), Y.cols());
  if (C.size() == 0) return C;
  if (X.cols() == 0) return Mat<mp_real>::Zero(X.rows(), Y.cols());
  const mpfr_prec_t working = mpfr_get_prec(C(0, 0).backend().data());
  const long b = static_cast<long>(working) + static_cast<long>(std::ceil(std::log2(static_cast<double>(X.cols())))) + 4;
  const auto ex = scales(X, true), ey = scales(Y, false);
  mpfr_prec_t widest = working;
  for (Eigen::Index t = 0; t < X.size(); ++t) widest = std::max(widest, mpfr_get_prec(X.data()[t].backend().data()));
  for (Eigen::Index t = 0; t < Y.size(); ++t) widest = std::max(widest, mpfr_get_prec(Y.data()[t].backend().data()));
  FixedPoint fp(widest + 64);
  IntMat Xi(X.rows(), X.cols()), Yi(Y.rows(), Y.cols());
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j) fp.to_fixed(Xi.at(i, j), X(i, j).backend().data(), b - ex[static_cast<size_t>(i)]);
  for (Eigen::Index i = 0; i < Y.rows(); ++i)
    for (Eigen::Index j = 0; j < Y.cols(); ++j) fp.to_fixed(Yi.at(i, j), Y(i, j).backend().data(), b - ey[static_cast<size_t>(j)]);
  const IntMat Ci = exact_product(Xi, Yi);
  for (Eigen::Index i = 0; i < C.rows(); ++i)
    for (Eigen::Index j = 0; j < C.cols(); ++j)
      FixedPoint::from_fixed(C(i, j).backend().data(), Ci.at(i, j), ex[static_cast<size_t>(i)] + ey[static_cast<size_t>(j)] - 2 * b);
  return C;
}

Mat<mp_real> large_product(const Mat<mp_real>& X, const Mat<mp_real>& Y) {
  const double work = static_cast<double>(X.rows()) * static_cast<double>(X.cols()) * static_cast<double>(Y.cols());
  if (X.cols() >= 32 && work >= std::ldexp(1.0, 20)) return fixed_point_product(X, Y);
  return X * Y;
}

}  // namespace ael
