// Where a point (A, B) sits in the exact landscape: alignment with the
// eigenvectors, the nearest critical point of the spec and a verdict. Used by
// `lae train` summaries and `lae inspect` (regression tests of other trainers).
#pragma once

#include "lae/critical.hpp"

#include <optional>
#include <string>

namespace ael::lae {

// |cos(a_k, u_k)| for each column k of A.
template <class T> Vec<T> column_cosines(const Mat<T>& A, const Mat<T>& U);
// ‖sin Θ‖_F of the principal angles between span(A) and span(U_p) (0: same subspace).
template <class T> T subspace_distance(const Mat<T>& A, const Mat<T>& U);
// ‖off-diag(AᵀA)‖_F / ‖AᵀA‖_F (0: orthogonal columns).
template <class T> T offdiag_ratio(const Mat<T>& A);

template <class T> struct NearestCritical {
  bool full_rank = true;
  Index I;           // ordered loss: unit order matters; MSE: ascending set
  Mat<T> C;          // diagonal (ordered) or general (MSE)
  Point<T> point;
  T distance = 0;    // sqrt(‖A − A*‖² + ‖B − B*‖²)
  std::vector<int> dead_units;  // units with a_k ≈ 0 or b_k ≈ 0
};
// Nearest point of the closed-form critical set: each column matched to its
// best eigenvector (ordered loss, scales by 1-D minimisation of the distance), or
// the p eigenvectors carrying most of span(A) (MSE, C = U_Iᵀ A).
template <class T> NearestCritical<T> nearest_critical(const EigenData<T>& e, const Mat<T>& A, const Mat<T>& B, LossKind kind);

}  // namespace ael::lae
