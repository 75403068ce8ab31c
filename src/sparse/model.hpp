// Sparse-coding generative model and the tied ReLU autoencoder (docs/sparse.md §1–§2):
// dictionaries, weights near the dictionary, support and value laws, and the
// per-sample loss and gradient. Templated on the scalar (double, mp_real,
// rational); instantiated in model.cpp.
#pragma once

#include "sparse/scalars.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ael::sparse {

// ---- dictionaries (n × h, unit columns) -------------------------------------

// Sylvester–Hadamard matrix H_n (n a power of 2), entries ±1.
template <class T> Mat<T> hadamard(int n);
// A* = [I_n | H_n/√n], h = 2n (docs/sparse.md §1.4). Rational only when n is a power of 4.
template <class T> Mat<T> identity_hadamard(int n);
// The seeded standard Gaussian draws (doubles) behind gaussian_dictionary.
Mat<double> gaussian_draws(int n, int h, std::uint64_t seed);
// Seeded Gaussian n × h with columns normalised at the working precision.
template <class T> Mat<T> gaussian_dictionary(int n, int h, std::uint64_t seed);

// Largest |‖A_j‖² − 1| (0 means exactly unit columns in exact arithmetic).
template <class T> T unit_column_defect(const Mat<T>& A);
template <class T> Mat<T> normalise_columns(const Mat<T>& A);
// Coherence c = max_{j≠l} |A_jᵀ A_l|.
template <class T> T coherence(const Mat<T>& A);

// ---- weights ------------------------------------------------------------------

// Exact unit vector from a rational (dyadic) point t ∈ R^{n-1} by inverse
// stereographic projection: ((2t), |t|² − 1)/(|t|² + 1). Used so that rows at
// distance exactly δ exist in rational arithmetic too.
template <class T> Vec<T> stereographic_unit(const std::vector<double>& t);
// The point t ∈ R^{n-1} (doubles) whose stereographic image is random_unit(n, seed, stream).
std::vector<double> random_unit_point(int n, std::uint64_t seed, std::uint64_t stream);
// A seeded direction, close to uniform on the sphere (a Gaussian direction
// projected stereographically, then mapped back exactly).
template <class T> Vec<T> random_unit(int n, std::uint64_t seed, std::uint64_t stream);
// W_j = A_j + δ u_j with seeded unit u_j: rows at distance exactly δ.
template <class T> Mat<T> perturbed_weights(const Mat<T>& A, const T& delta, std::uint64_t seed);
// max_j ‖W_j − A_j‖² (squared, exact for rationals).
template <class T> T max_row_distance_sq(const Mat<T>& A, const Mat<T>& W);

// ---- laws -----------------------------------------------------------------------

enum class SupportLaw { uniform, bernoulli };
const char* support_law_name(SupportLaw law);

// Law of a nonzero value x_j, j ∈ S. Finite laws enumerate; interval laws only
// carry their bounds and moments (the closed forms use m1, m2; certificates a, b).
template <class T> struct ValueLaw {
  std::string kind;              // "finite" | "uniform" | "moments"
  std::vector<T> atoms, probs;   // finite laws only
  T a{}, b{}, m1{}, m2{};
  T variance() const { return m2 - m1 * m1; }
};
template <class T> ValueLaw<T> finite_law(std::vector<T> atoms, std::vector<T> probs);
template <class T> ValueLaw<T> uniform_law(const T& a, const T& b);
template <class T> ValueLaw<T> moments_law(const T& a, const T& b, const T& m1, const T& m2);

// Inclusion probabilities (docs/sparse.md §1.3): π_m unconditional, ρ_m given i ∈ S.
template <class T> struct Inclusion {
  T pi1, pi2, rho1, rho2, rho3;
};
template <class T> Inclusion<T> inclusion(SupportLaw law, int k, int h, const T& q);
// P(S) for a fixed support of size s (uniform: 1/C(h,k) if s == k).
template <class T> T support_probability(SupportLaw law, int k, int h, const T& q, int s);

// ---- the whole instance ----------------------------------------------------------

template <class T> struct Problem {
  Mat<T> A;    // n × h dictionary
  Mat<T> W;    // h × n weights, row W_i compared with column A_i
  Vec<T> eps;  // h thresholds
  ValueLaw<T> values;
  SupportLaw support = SupportLaw::uniform;
  int k = 1;
  T q{};       // Bernoulli inclusion probability
  int n() const { return static_cast<int>(A.rows()); }
  int h() const { return static_cast<int>(A.cols()); }
  Inclusion<T> incl() const { return inclusion<T>(support, k, h(), q); }
};

// ---- network (docs/sparse.md §2) -------------------------------------------------------------

template <class T> struct Forward {
  Vec<T> u;                 // pre-activations W y − ε
  std::vector<char> active; // σ_j = 1[u_j > 0] (strict: σ = 0 at the kink)
  Vec<T> e;                 // residual ŷ − y
};
template <class T> Forward<T> forward(const Mat<T>& W, const Vec<T>& eps, const Vec<T>& y);
template <class T> T sample_loss(const Mat<T>& W, const Vec<T>& eps, const Vec<T>& y);
// Row form σ_i [u_i e + (W_iᵀe) y].
template <class T> Vec<T> row_gradient(const Mat<T>& W, const Vec<T>& eps, const Vec<T>& y, int i);
// Matrix form r eᵀ + (σ ∘ W e) yᵀ (h × n).
template <class T> Mat<T> gradient_matrix(const Mat<T>& W, const Vec<T>& eps, const Vec<T>& y);

// y = A x for a code with support `support` and values `x_support`.
template <class T> Vec<T> observation(const Mat<T>& A, const std::vector<int>& support, const std::vector<T>& x_support);

}  // namespace ael::sparse
