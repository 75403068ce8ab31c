// Brute-force oracles for small instances (docs/sparse.md §6): every support and, for
// finite value laws, every value vector, with exact probabilities. They use the
// TRUE network (all h units, active set recomputed per sample), so they are an
// independent route to the closed forms of expected.hpp.
#pragma once

#include "sparse/expected.hpp"

#include <functional>
#include <vector>

namespace ael::sparse {

// Calls visit(S, P(S)) for every support of positive probability (uniform:
// the C(h,k) k-subsets; Bernoulli: all 2^h subsets). Sorted supports.
template <class T>
void for_each_support(const Problem<T>& P, const std::function<void(const std::vector<int>&, const T&)>& visit);

// Calls visit(x_S, prob) for every value vector of a finite law on support size s.
template <class T>
void for_each_values(const ValueLaw<T>& law, int s, const std::function<void(const std::vector<T>&, const T&)>& visit);

template <class T> struct Enumeration {
  Vec<T> mean_gradient;          // Σ P(S,x) ∇_{W_i} L of the true network
  T mean_loss{};                 // Σ P(S,x) L
  long samples = 0;              // (S, x) pairs visited
  long recovery_failures = 0;    // active set ≠ S
  T max_gradient_norm_sq{};      // max over samples of ‖∇_{W_i}L‖²
  T max_row_gradient_norm_sq_over_support{};  // the same, restricted to samples with i ∈ S
  // Per row j: max of W_jᵀy over samples with j ∉ S and min over j ∈ S
  // (the quantities certificate (b) bounds; docs/sparse.md §3.3).
  Vec<T> wy_max_off, wy_min_on;
};
// Requires a finite value law.
template <class T> Enumeration<T> enumerate_true_network(const Problem<T>& P, int i);

// Σ_{S∋i} P(S) G_i(S) (§5.1 averaged by enumerating supports, no values needed).
template <class T> Vec<T> expected_gradient_by_supports(const Problem<T>& P, int i);
// E[L] = Σ_S P(S) E[L|S] (§5.4 by enumeration).
template <class T> T expected_loss_by_supports(const Problem<T>& P);

}  // namespace ael::sparse
