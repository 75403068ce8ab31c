// Risk of a given 1-bit encoder (docs/sign.md §2.1–§2.3, §2.5): code moments
// M = E[s xᵀ], K = E[s sᵀ] on Gaussian and Bernoulli–Gaussian data, the
// optimal linear decoder and its risk. Scalar-generic.
#pragma once

#include "core/eigen_mp.hpp"
#include "sign/closed_forms.hpp"

#include <cstdint>
#include <vector>

namespace ael::sign {

template <class T> struct CodeMoments {
  Mat<T> M;  // n × d
  Mat<T> K;  // n × n
};

// Rows scaled to unit norm; throws std::invalid_argument naming a zero row.
template <class T> Mat<T> normalize_rows(const Mat<T>& B);

// Gaussian source (§2.2): M = √(2/π) B̄, K = (2/π) arcsin(B̄B̄ᵀ), unit diagonal.
template <class T> CodeMoments<T> gaussian_moments(const Mat<T>& B);

// R(A) = 1 − (2/d) tr(A M) + (1/d) tr(A K Aᵀ) for any data law with E‖x‖² = d.
template <class T> T risk(const Mat<T>& A, const CodeMoments<T>& m);
// ∂R/∂A = (2/d)(A K − Mᵀ).
template <class T> Mat<T> risk_gradient_A(const Mat<T>& A, const CodeMoments<T>& m);

template <class T> struct OptimalDecoder {
  Mat<T> A;         // A* = Mᵀ K⁺ (d × n)
  T risk;           // R* = 1 − tr(Mᵀ K⁺ M)/d
  bool singular_K;  // K⁺ is a pseudo-inverse (eigenvalues ≤ zero_threshold·max dropped)
};
// Cholesky solve when K is positive definite, eigen-decomposition pseudo-inverse otherwise.
template <class T> OptimalDecoder<T> optimal_decoder(const CodeMoments<T>& m);

// BG data x = m∘g/√p, conditional on the mask (§2.3, including the sign0
// table for rows with ν_i = ‖D b_i‖ = 0). B need not have unit rows.
template <class T> CodeMoments<T> mask_moments(const Mat<T>& B, const std::vector<bool>& mask, const T& p, Sign0 s);
// Exact average over all 2^d masks (d ≤ 20).
template <class T> CodeMoments<T> enumerated_bg_moments(const Mat<T>& B, const T& p, Sign0 s);

// Identity/permutation encoder on sparse data with law z (§2.5), each entry
// derived from the coordinate law: E[s_i x_ι(i)] = √p μ_z, E[s_i] = q (plus).
template <class T> CodeMoments<T> identity_moments(int n, int d, const T& p, const T& mu2, Sign0 s);

}  // namespace ael::sign
