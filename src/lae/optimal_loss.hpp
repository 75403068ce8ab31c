// The optimal loss L* of either LAE loss, without cancellation
// (docs/lae-math.md §6 "Global minimum" and §11 "Precision").
#pragma once

#include "lae/model.hpp"

namespace ael::lae {

// L* = Σ_{i} Σ_{s>i} λ_s + terms·(tr Σ_yy − Σ_s λ_s), the sum over the
// truncations i = 1..p (ordered loss, terms = p) or i = p alone (MSE,
// terms = 1): the variance each truncation leaves unexplained, summed from the
// smallest eigenvalue up, so no digit is lost to the cancellation in
// p·tr Σ_yy − Σ_k w_k λ_k. The irreducible part tr Σ_yy − tr Σ is exactly 0
// for an autoencoder (Y = X) and clamped at 0 otherwise (it is ≥ 0 in exact
// arithmetic). lambda: the n eigenvalues of Σ, descending; 1 ≤ p ≤ n.
// Throws std::invalid_argument when p is outside [1, n].
template <class T> T optimal_loss(const Vec<T>& lambda, const T& trSyy, bool autoencoder, LossKind kind, int p);

}  // namespace ael::lae
