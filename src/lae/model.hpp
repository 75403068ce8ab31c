// Linear autoencoder Ŷ = ABX: the MSE loss and the ordered loss
// Σ_i ‖Y − A I_{i;p} B X‖², their gradients and Hessians (docs/lae-math.md §2–§4, §11).
//
// One kernel per formula, templated on the scalar. The two losses differ only
// by LossWeights: the ordered loss uses (S_p, T_p, p) and MSE uses (𝟙𝟙ᵀ, I, 1),
// exactly the substitution of docs/lae-math.md §2.
#pragma once

#include "core/eigen_mp.hpp"

#include <string>
#include <vector>

namespace ael::lae {

enum class LossKind { mse, ordered };
LossKind parse_loss(const std::string& name);  // "mse" | "ordered"
const char* loss_name(LossKind kind);

// Unnormalized second moments (docs/lae-math.md §1) with samples as columns of X, Y.
template <class T> struct Moments {
  Mat<T> Sxx;  // XXᵀ
  Mat<T> Syx;  // YXᵀ
  T trSyy;     // tr YYᵀ
  bool autoencoder = true;  // Y = X
  int n() const { return static_cast<int>(Sxx.rows()); }
};
// X, Y given with samples as ROWS (m × n), as read from files. Y = nullptr: Y = X.
template <class T> Moments<T> moments_from_rows(const Mat<T>& X_rows, const Mat<T>* Y_rows = nullptr);

template <class T> struct LossWeights {
  LossKind kind;
  Mat<T> S;    // p×p, (S_p)_{jk} = p − max(j,k) + 1, or all ones for MSE
  Vec<T> w;    // diag T_p: w_k = p − k + 1, or ones
  int terms;   // number of truncated MSE terms: p, or 1
  int p() const { return static_cast<int>(S.rows()); }
  Mat<T> D(int k) const;  // D_k = diag(S e_k) (0-based k)
};
template <class T> LossWeights<T> loss_weights(LossKind kind, int p);

template <class T> struct Gradient {
  Mat<T> dA;  // n×p
  Mat<T> dB;  // p×n
  T norm() const;
};

// Covariance form (docs/lae-math.md §2, §11).
template <class T> T loss(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w);
template <class T> Gradient<T> gradient(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w);
// Suffix residual R̄_k = A D_k B Σ_xx − w_k Σ_yx (docs/lae-math.md §3); MSE: R.
template <class T> Mat<T> suffix_residual(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w, int k);
// Per-unit gradient (docs/lae-math.md §3), assembled column by column.
template <class T> Gradient<T> gradient_per_unit(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w);

// The definition from data: Σ over truncations of ‖Y − A I_{i;p} B X‖² (X, Y n×m).
template <class T> T loss_by_definition(const Mat<T>& X, const Mat<T>& Y, const Mat<T>& A, const Mat<T>& B, LossKind kind);
// Data-form algorithms (docs/lae-math.md §11): value and gradient from X, Y (n×m).
template <class T> struct ValueAndGradient { T value; Gradient<T> grad; };
template <class T> ValueAndGradient<T> data_form(const Mat<T>& X, const Mat<T>& Y, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w);
template <class T> ValueAndGradient<T> ordered_backward_sweep(const Mat<T>& X, const Mat<T>& Y, const Mat<T>& A, const Mat<T>& B);
template <class T> ValueAndGradient<T> mse_reference(const Mat<T>& X, const Mat<T>& Y, const Mat<T>& A, const Mat<T>& B);

// Hessian, θ = [vec A; vec B] column-major (docs/lae-math.md §1), three independent routes.
template <class T> Mat<T> hessian_kronecker(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w);    // docs/lae-math.md §4
template <class T> Mat<T> hessian_elementwise(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w);  // docs/lae-math.md §4
// Bilinear form H[(a1,b1),(a2,b2)] as a sum of truncated MSE forms (docs/lae-math.md §4).
template <class T> T hessian_form(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, LossKind kind,
                                  const Mat<T>& a1, const Mat<T>& b1, const Mat<T>& a2, const Mat<T>& b2);
template <class T> Mat<T> hessian_from_form(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, LossKind kind);
// Compact quadratic form of docs/lae-math.md §4 (ordered/MSE through the weights).
template <class T> T hessian_quadratic_compact(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w,
                                               const Mat<T>& a, const Mat<T>& b);

// θ ↔ (A, B) with the normative ordering.
template <class T> Vec<T> pack(const Mat<T>& A, const Mat<T>& B);
template <class T> void unpack(const Vec<T>& theta, int n, int p, Mat<T>& A, Mat<T>& B);

}  // namespace ael::lae
