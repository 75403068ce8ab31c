// Critical points of both losses in closed form and their Hessian spectra
// (docs/lae-math.md §6–§8): the closed-form block spectra, the numeric route
// (assembled Hessian, diagonalised in the same precision) and inertia.
#pragma once

#include "lae/model.hpp"

#include <functional>
#include <string>
#include <vector>

namespace ael::lae {

// Eigen-decomposition Σ = Σ_yx Σ_xx⁻¹ Σ_xy = U Λ Uᵀ with λ_1 > … > λ_n > 0.
template <class T> struct EigenData {
  Vec<T> lambda;  // descending
  Mat<T> U;       // u_s = U.col(s-1)
  Mat<T> Mhat;    // Σ_yx Σ_xx⁻¹ (identity in the autoencoder case)
  bool autoencoder = true;
};
// Enforces (H1)–(H3) at the working precision and throws std::invalid_argument
// naming what failed: singular Σ_xx, singular Σ_yx, or eigenvalues s, s+1 that
// are not distinct (relative gap below distinct_gap<T>()).
// distinct_top ≥ 0 checks only λ_1 > … > λ_{distinct_top} (what a trainer's
// target needs: the top p+1); −1 checks all n.
template <class T> EigenData<T> eigen_data(const Moments<T>& m, int distinct_top = -1);
// Smallest relative eigen-gap (λ_s − λ_{s+1})/λ_1 accepted as distinct.
template <class T> T distinct_gap();
template <> double distinct_gap<double>();

// 0-based ordered index tuples (the CLI speaks 1-based).
using Index = std::vector<int>;
Index parse_index(const std::string& one_based_csv, int n, int p);  // validates range, count, repeats
std::string format_index(const Index& I);                           // "(1,2,3)" 1-based
int inversions(const Index& I);
// Visits every size-r tuple of distinct indices in [0, n): all orderings
// (ordered = true) or increasing sets, in lexicographic order.
void enumerate_tuples(int n, int r, bool ordered, const std::function<void(const Index&)>& visit);
long count_tuples(int n, int r, bool ordered);  // n!/(n−r)! or C(n, r)
int nu(const Index& I);  // Σ_k i_k − p(p+1)/2 with 1-based i_k

struct Inertia {
  int negative = 0, zero = 0, positive = 0;
  bool operator==(const Inertia& o) const { return negative == o.negative && zero == o.zero && positive == o.positive; }
};
// docs/lae-math.md §8: (ν, p², 2np − p² − ν) for MSE, (ν + inv, p, …) for the ordered loss.
Inertia inertia_formula(const Index& I, int n, LossKind kind);
// Counts |μ| ≤ threshold·max|μ| as zero.
template <class T> Inertia inertia_of(const Vec<T>& eigenvalues, const T& relative_threshold);

template <class T> struct Point {
  Mat<T> A, B;
};
// P(I,C): A = U_I C, B = C⁻¹ U_Iᵀ M̂ (docs/lae-math.md §1). Throws if C is singular.
template <class T> Point<T> critical_point(const EigenData<T>& e, const Index& I, const Mat<T>& C);
// Rank-deficient representative: units 1..r live with indices J (|J| = r < p),
// the remaining units dead with a_k = b_k = 0 (docs/lae-math.md §6 with Φ = [I 0], docs/lae-math.md §6).
template <class T> Point<T> rank_deficient_point(const EigenData<T>& e, const Index& J, int p);

// Closed-form loss values (docs/lae-math.md §6): terms·tr Σ_yy − Σ_k w_k λ_{i_k}
// over the given (live) units 0..|I|−1.
template <class T> T critical_loss(const Moments<T>& m, const EigenData<T>& e, const Index& I, int p, LossKind kind);

// Closed-form spectra, ascending, structural zeros exactly 0. For general Y they
// are the spectrum of the reduced Hessian H^Λ = 𝒥^{-T} H 𝒥^{-1} (docs/lae-math.md §7).
template <class T> Vec<T> closed_form_spectrum(const Vec<T>& lambda, const Index& I, const Vec<T>& c, LossKind kind);  // C diagonal
template <class T> Vec<T> closed_form_spectrum_mse(const Vec<T>& lambda, const Index& I, const Mat<T>& C);          // C ∈ GL(p)
template <class T> Vec<T> origin_spectrum(const Vec<T>& sigma, int p, LossKind kind);                               // (A,B) = (0,0)

// Hessian in the coordinates whose spectrum the closed forms describe: H itself
// for Y = X, else 𝒥^{-T} H 𝒥^{-1} with 𝒥 = blkdiag(I_p ⊗ Uᵀ, Λ⁻¹UᵀΣ_yx ⊗ I_p).
template <class T> Mat<T> comparable_hessian(const Moments<T>& m, const EigenData<T>& e, const Mat<T>& H);
template <class T> Vec<T> numeric_spectrum(const Moments<T>& m, const EigenData<T>& e, const Point<T>& x, LossKind kind);

// max_i |a_i − b_i| / max(max|a|, max|b|) for two ascending spectra.
template <class T> T relative_discrepancy(const Vec<T>& a, const Vec<T>& b);

}  // namespace ael::lae
