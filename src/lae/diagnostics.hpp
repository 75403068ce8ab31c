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

// Sign convention of eigen_data's U (critical.hpp), applied there: each u_s has its
// entry of largest absolute value (the first such entry on ties) positive, so A* can be
// rebuilt from an index and scales.
inline constexpr const char* kEigenvectorSignConvention =
    "u_s: unit eigenvectors of Sigma, eigenvalues descending; the entry of largest absolute value (the first on ties) is positive";

// count_tuples (critical.hpp) returns -1 when the count does not fit in a long; this
// is the exact count at any size, in decimal.
std::string count_tuples_decimal(int n, int r, bool ordered);

// Units with a_k = 0 or b_k = 0 (below 1000 ε_w (‖A‖ + ‖B‖)): dead units (0-based, ascending).
template <class T> std::vector<int> dead_units(const Mat<T>& A, const Mat<T>& B);

// The representative of the orbit {(a_k s_k, b_k / s_k)} with ‖a_k‖ = ‖b_k‖ for every
// live unit (s_k = √(‖b_k‖/‖a_k‖) > 0); dead units are left unchanged. The loss is
// invariant under this rescaling and the map θ ↦ Dθ is linear, so ∇L(θ) = D∇L(Dθ)
// and H(θ) = D H(Dθ) D: criticality and inertia are decided at the balanced point,
// identically for every point of the orbit (docs/lae-math.md §7.11).
template <class T> Point<T> balanced(const Mat<T>& A, const Mat<T>& B);

template <class T> struct NearestCritical {
  bool full_rank = true;        // no dead unit
  // Ordered loss: eigen-index of each unit (−1 for a dead unit). MSE: the ascending
  // set of the r eigen-directions carrying most of span(A) (r = number of live units).
  Index I;
  Mat<T> C;                     // ordered: p×p diagonal (0 for dead units); MSE: r×r, acting on the live units
  bool has_point = false;       // false if the live part is numerically singular
  Point<T> point;               // the critical point: live units as in P(I,C), dead units a_k = b_k = 0
  T distance = 0;               // sqrt(‖A − A*‖² + ‖B − B*‖²)
  std::vector<int> dead_units, live_units;
};
// Nearest point of the closed-form critical set (dead units stay dead): each live
// column matched to its best eigenvector (ordered loss, scales by 1-D minimisation of
// the distance), or the r eigenvectors carrying most of span(A_live) (MSE, C = U_Iᵀ A_live).
template <class T> NearestCritical<T> nearest_critical(const EigenData<T>& e, const Mat<T>& A, const Mat<T>& B, LossKind kind);

// Inertia of the Hessian at a critical point whose units at `live` (0-based,
// ascending positions among the p units) carry the eigen-indices J (ordered: J[q]
// belongs to unit live[q]; MSE: any order) and whose other units are dead
// (a_k = b_k = 0). Full rank (|live| = p): inertia_formula. docs/lae-math.md §10.1.
Inertia inertia_at_critical(const std::vector<int>& live, const Index& J, int n, int p, LossKind kind);

// Numeric inertia of a Hessian spectrum with the zero band of docs/lae-math.md §7.11:
// band = rounding + perturbation, rounding = 4·N·ε_w·max|μ| (N = size of the spectrum),
// perturbation = a bound on how far the spectrum may sit from the one of interest
// (‖H(θ) − H(θ*)‖_F, Weyl; 0 at the point itself). Eigenvalues outside the band have a
// certain sign; those inside are counted as zero. gap = (smallest |μ| outside the band) / band.
template <class T> struct BandedInertia {
  Inertia inertia;
  T band = 0, rounding = 0, perturbation = 0, max_abs = 0;
  bool has_gap = false;  // some eigenvalue lies outside the band
  T gap = 0;             // valid when has_gap
  bool clear_gap = false;  // gap >= kClearGap: the count inside the band is separated from the rest
};
inline constexpr double kClearGap = 1000;
template <class T> BandedInertia<T> banded_inertia(const Vec<T>& eigenvalues, const T& perturbation);

}  // namespace ael::lae
