// Exact symmetric indefinite factorization P H Pᵀ = L D Lᵀ over the rationals
// (diagonal pivoting with a 2×2 fallback, Bunch–Kaufman style) and the inertia
// it proves by Sylvester's law of inertia (docs/certification.md §7 (Exact route)).
#pragma once

#include "core/exact.hpp"

#include <vector>

namespace ael {

struct ExactLdl {
  // Row i of P H Pᵀ is row perm[i] of H (0-based).
  std::vector<int> perm;
  // Unit lower triangular; L(k+1, k) = 0 where a 2×2 pivot starts at k.
  ExactMat L;
  // Block diagonal: 1×1 pivots and symmetric 2×2 pivots, in order.
  ExactMat D;
  // Size (1 or 2) of each pivot block, in order; the sizes sum to the dimension.
  std::vector<int> pivots;
  int dimension() const { return static_cast<int>(perm.size()); }
};

struct SignCounts {
  int negative = 0, zero = 0, positive = 0;
  bool operator==(const SignCounts& o) const { return negative == o.negative && zero == o.zero && positive == o.positive; }
};

// Throws std::invalid_argument when H is not square or not exactly symmetric.
// Pivot rule at each step on the remaining Schur complement W: the nonzero
// diagonal entry of fewest bits (1×1); if the diagonal is zero, the nonzero
// off-diagonal entry w_ij of fewest bits with the 2×2 pivot [[0, w],[w, 0]]
// (determinant −w² < 0); if W = 0, zero 1×1 pivots. Exact arithmetic needs no
// growth control for correctness; the bit-size rule only keeps numbers short.
ExactLdl ldl_exact(const ExactMat& H);

// Signs of the eigenvalues of D, which are those of H by Sylvester's law
// (P and L are invertible). A 2×2 block counts by its determinant and trace.
SignCounts inertia(const ExactLdl& f);
SignCounts inertia_2x2(const rational& a, const rational& b, const rational& c);  // [[a, b], [b, c]]

// P H Pᵀ − L D Lᵀ == 0, recomputed exactly (O(N³); for tests).
bool ldl_reproduces(const ExactLdl& f, const ExactMat& H);

}  // namespace ael
