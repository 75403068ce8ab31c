// Seeded instance generators shared by the SA-n proof-checks (sign_*.cpp).
#pragma once

#include "claim.hpp"
#include "core/eigen_mp.hpp"
#include "core/rng.hpp"
#include "sign/closed_forms.hpp"

#include <cmath>

namespace ael::checks::sign_checks {

using T = mp_real;

// i.i.d. N(0, scale²) entries drawn in double, so that the double and the
// multiprecision instances hold the same numbers.
inline Mat<double> gaussian_matrix(Rng& rng, int rows, int cols, double scale = 1) {
  Mat<double> M(rows, cols);
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i) M(i, j) = scale * rng.gaussian();
  return M;
}

template <class S> Mat<S> cast(const Mat<double>& M) { return M.template cast<S>(); }
inline Mat<double> cast_double(const Mat<T>& M) {
  Mat<double> out(M.rows(), M.cols());
  for (Eigen::Index j = 0; j < M.cols(); ++j)
    for (Eigen::Index i = 0; i < M.rows(); ++i) out(i, j) = to_double(M(i, j));
  return out;
}

// n ≤ d orthonormal rows by modified Gram–Schmidt applied twice (the second
// pass removes the rounding left by the first) at the precision of S.
template <class S> Mat<S> orthonormal_rows(Rng& rng, int n, int d) {
  Mat<S> B = cast<S>(gaussian_matrix(rng, n, d));
  for (int pass = 0; pass < 2; ++pass)
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < i; ++j) B.row(i) -= B.row(i).dot(B.row(j)) * B.row(j);
      B.row(i) /= B.row(i).norm();
    }
  return B;
}

// Number of standard errors allowed for Monte Carlo comparisons (docs/sign.md §7:
// 4 when many quantities are tested at once).
inline constexpr double kSigmas = 4;

// |estimate − exact| ≤ 4 standard errors; the claim's measured level is pass-statistical.
inline void within_se(Outcome& out, const std::string& what, double estimate, double se, const T& exact) {
  out.statistical();
  out.close(what, T(T(estimate) - exact), T(kSigmas * se));
}

}  // namespace ael::checks::sign_checks
