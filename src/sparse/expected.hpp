// Exact expected gradient under support recovery (spec §5): the fully
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
template <class T> ExpectedGradient<T> expected_gradient(const Problem<T>& P, int i);

// G_i(S) = E[∇_{W_i}L | S] for a support S ∋ i under recovery (§5.1).
template <class T> Vec<T> conditional_gradient(const Problem<T>& P, int i, const std::vector<int>& S);
// E[L | S] under recovery (§5.4).
template <class T> T conditional_loss(const Problem<T>& P, const std::vector<int>& S);
// The same E[L | S] in O(k² n) through the n × k matrix P_S = W_Sᵀ(W_S A_S) − A_S:
// e = P_S x_S − W_Sᵀ ε_S, so E‖e‖² = tr(P_SᵀP_S E[xxᵀ]) − 2 m1 cᵀP_S 1 + ‖c‖².
template <class T> T conditional_loss_small(const Problem<T>& P, const std::vector<int>& S);

}  // namespace ael::sparse
