// Seeded random matrices and the rounding tolerance shared by src, checks,
// tests and bench (one definition each, so the same seed gives the same matrix
// everywhere and every test scales its tolerance the same way).
#pragma once

#include "core/eigen_mp.hpp"
#include "core/rng.hpp"
#include "core/scalar.hpp"

namespace ael {

// rows × cols matrix of independent N(0, scale²) entries: draws in double,
// column by column (entry (i, j) is draw j·rows + i), each scaled in double and
// then converted to T, so the double and the multiprecision matrices of one
// seed hold the same numbers.
template <class T = double> Mat<T> gaussian_matrix(Rng& rng, int rows, int cols, double scale = 1) {
  Mat<T> M(rows, cols);
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i) M(i, j) = T(scale * rng.gaussian());
  return M;
}

// Tolerance of a comparison of two routes whose rounding errors are a modest
// multiple of the working epsilon: 10⁴ ε_w · scale. The factor covers sums of
// up to ~10³ rounded terms of size `scale` with room to spare; comparisons
// whose error grows faster (eigen-decompositions, finite differences) derive
// their own tolerance.
template <class T> T rounding_tolerance(const T& scale = T(1)) { return T(1e4) * working_epsilon<T>() * scale; }

}  // namespace ael
