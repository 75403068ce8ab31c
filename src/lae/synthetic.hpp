// Seeded synthetic data for the LAE (samples as rows, m × n). With a prescribed
// spectrum the unnormalized covariance XᵀX has exactly those eigenvalues (up to
// working-precision rounding): X = Q diag(√λ) Uᵀ, Q with orthonormal columns.
#pragma once

#include "core/eigen_mp.hpp"

#include <cstdint>
#include <string>

namespace ael::lae {

// "gaussian" (i.i.d. N(0,1) entries), "linear" (λ_s = n − s + 1),
// "geometric:R" (λ_s = R^{s−1}, 0 < R < 1), or a comma list of n values.
struct SpectrumSpec {
  std::string text = "gaussian";
};

template <class T> Vec<T> parse_spectrum(const std::string& text, int n);  // empty vector for "gaussian"
template <class T> Mat<T> synthetic_samples(int n, int m, std::uint64_t seed, const std::string& spectrum);
// General targets Y = X Gᵀ + noise/2 with a seeded Gaussian G (rows are samples).
template <class T> Mat<T> synthetic_targets(const Mat<T>& X_rows, std::uint64_t seed);
// Haar-ish random orthogonal matrix (Gram–Schmidt of a Gaussian matrix).
template <class T> Mat<T> random_orthonormal_columns(int rows, int cols, std::uint64_t seed);

}  // namespace ael::lae
