// Exact instances for the proved routes of the SA-n checks (docs/sign.md,
// "verify --certify: SA claims").
#pragma once

#include "core/exact.hpp"
#include "core/rng.hpp"

#include <optional>

namespace ael::checks::sign_checks {

// n ≤ d exactly orthonormal rational rows: the first n rows of a product of three
// Householder reflections H = I − 2vvᵀ/(vᵀv) with integer v (entries in −3..3,
// v ≠ 0). Each H is rational and exactly orthogonal, so BBᵀ = I holds in ℚ.
inline ExactMat exact_orthonormal_rows(Rng& rng, int n, int d) {
  ExactMat Q = ExactMat::Identity(d, d);
  for (int r = 0; r < 3; ++r) {
    ExactVec v(d);
    bool nonzero = false;
    for (int k = 0; k < d; ++k) {
      v(k) = rational(static_cast<int>(rng.uniform() * 7) - 3);
      nonzero = nonzero || v(k) != 0;
    }
    if (!nonzero) v(r % d) = 1;
    const rational vv = v.dot(v);
    Q = (Q - (Q * v) * (v.transpose() * (rational(2) / vv))).eval();  // Q H
  }
  return Q.topRows(n);
}

// (2/π) arcsin ρ_ij for ρ_ij = G_ij/√(G_ii G_jj) when it is rational: ρ ∈ {0, ±1/2, ±1}
// give 0, ±1/3, ±1 (arcsin 1/2 = π/6); any other ρ gives nothing (no exact value).
inline std::optional<rational> exact_arcsin_moment(const ExactMat& G, int i, int j) {
  if (i == j) return rational(1);
  const rational rho2 = G(i, j) * G(i, j) / (G(i, i) * G(j, j)), sign = G(i, j) < 0 ? -1 : 1;
  if (rho2 == 0) return rational(0);
  if (rho2 == rational(1, 4)) return sign / 3;
  if (rho2 == 1) return sign;
  return std::nullopt;
}

}  // namespace ael::checks::sign_checks
