// Support recovery (docs/sparse.md §3) and the certified gradient bound (docs/sparse.md §4).
// Windows are half-open threshold intervals [lo, hi): a constant threshold ε
// inside recovers the support of every sample. Certificates are exact for
// rationals; for floats a window only certifies ε with a rounding margin
// (`certifies`), so "recovery_certified" is never claimed on a rounding tie.
#pragma once

#include "sparse/model.hpp"

#include <string>

namespace ael::sparse {

template <class T> struct Window {
  T lo{}, hi{};
  T margin{};  // rounding slack required on both sides (0 for rationals)
  bool nonempty() const { return lo < hi; }
  // lo ≤ ε < hi, each side by more than the rounding margin.
  bool certifies(const T& eps) const { return eps - lo >= margin && hi - eps > margin; }
  T at_fraction(const T& t) const { return lo + t * (hi - lo); }
  T position(const T& eps) const { return (eps - lo) / (hi - lo); }
};

// Lemma D1: [k b (c+δ), a(1−δ) − (k−1) b (c+δ)). `delta` may be an upper bound.
template <class T> Window<T> window_d1(int k, const T& a, const T& b, const T& c, const T& delta);

// Certificate (a): c_W = max_{j≠l} |W_jᵀA_l|, d_W = min_j W_jᵀA_j.
template <class T> struct UniformConstants {
  T c_W{}, d_W{};
};
template <class T> UniformConstants<T> uniform_constants(const Mat<T>& A, const Mat<T>& W);
// The same from the cross Gram G = W A* (G(j, l) = W_jᵀA_l), when the caller already has it.
template <class T> UniformConstants<T> uniform_constants_of_gram(const Mat<T>& G);
template <class T> Window<T> window_uniform(int k, const T& a, const T& b, const UniformConstants<T>& u, int n);

// Certificate (b): per row j, Up_j = max of W_jᵀy over S ∌ j and Lo_j = min over
// S ∋ j (|S| = k exactly, or |S| ≤ k when `at_most_k`). O(h² n) for T = W A*.
template <class T> struct PerRowCertificate {
  Vec<T> up, lo;
};
template <class T>
PerRowCertificate<T> per_row_certificate(const Mat<T>& A, const Mat<T>& W, int k, const T& a, const T& b, bool at_most_k);
template <class T>
PerRowCertificate<T> per_row_certificate_of_gram(const Mat<T>& G, int k, const T& a, const T& b, bool at_most_k);
// [max_j Up_j, min_j Lo_j): the constant thresholds certified by (b).
template <class T> Window<T> window_per_row(const PerRowCertificate<T>& cert, const T& b, int k, int n);
// Per-unit thresholds: Up_j ≤ ε_j < Lo_j for every j (with the rounding margin).
template <class T> bool per_row_certifies(const PerRowCertificate<T>& cert, const Vec<T>& eps, const T& margin);

// Lemma D2: for every sample ‖∇_{W_i}L‖ ≤ 1[i∈S] F1 F2 and ‖E∇_{W_i}L‖ ≤ π1 F1 F2,
// valid when the D1 window holds for all thresholds (ε_lo ≥ 0, ε_hi = max ε).
// Rounded upward (sqrt upper bound for rationals; a relative 64u for floats).
template <class T> struct LemmaD2 {
  T eta_bar{}, Gamma{}, F1{}, F2{}, per_sample{}, expected{};
};
template <class T> LemmaD2<T> lemma_d2(int k, const T& a, const T& b, const T& c, const T& delta, const T& eps_hi, const T& pi1);

}  // namespace ael::sparse
