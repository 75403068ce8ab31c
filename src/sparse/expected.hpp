// Exact expected gradient under support recovery (docs/sparse.md §5): the fully
// explicit O(hn) formula of §5.3, the conditional gradient G_i(S) of §5.1 and
// the conditional loss of §5.4. Valid for the true network only where the
// active set equals S for every sample (a certificate of recovery.hpp);
// otherwise it is the recovered-support surrogate.
#pragma once

#include "sparse/model.hpp"

#include <vector>

namespace ael::sparse {

template <class T> struct ExpectedGradient {
  Vec<T> value;      // E ∇_{W_i} L
  T norm_sq{};       // ‖E∇‖², exact for rationals
  // Numerical hygiene (§5.3): ‖Σ terms‖ / Σ ‖term‖ in [0, 1]; tiny values mean
  // the result is a small difference of large terms (needs more digits).
  double cancellation_ratio = 1;
};
// Instantiated for double, mp_real, rational and Ball (T = Ball: the balls of `value` and
// `norm_sq` contain the exact values of the enclosed instance; sparse/expected_ball.hpp).
template <class T> ExpectedGradient<T> expected_gradient(const Problem<T>& P, int i);

// All h rows at once (§5.3, "for all rows"): the h × n matrix whose row i is
// expected_gradient(P, i).value. Every row of §5.3 is Σ_j F_ij W_j + Σ_j G_ij A_j
// + c (PQ + QP) w_i with P = WᵀW, Q = A Aᵀ; the coefficients F, G come from the
// Grams W A and W Wᵀ, so the cost is a few h×n×h products instead of ~30 h²n.
template <class T> Mat<T> expected_gradient_all_rows(const Problem<T>& P);

// G_i(S) = E[∇_{W_i}L | S] for a support S ∋ i under recovery (§5.1).
template <class T> Vec<T> conditional_gradient(const Problem<T>& P, int i, const std::vector<int>& S);
// E[L | S] under recovery (§5.4).
template <class T> T conditional_loss(const Problem<T>& P, const std::vector<int>& S);
// The same E[L | S] in O(k² n) through the n × k matrix P_S = W_Sᵀ(W_S A_S) − A_S:
// e = P_S x_S − W_Sᵀ ε_S, so E‖e‖² = tr(P_SᵀP_S E[xxᵀ]) − 2 m1 cᵀP_S 1 + ‖c‖².
template <class T> T conditional_loss_small(const Problem<T>& P, const std::vector<int>& S);

}  // namespace ael::sparse
