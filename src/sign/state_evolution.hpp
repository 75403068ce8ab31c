// State evolution of the unrolled-GVAMP multi-layer decoder (docs/sign.md §4.2).
#pragma once

#include "sign/quadrature.hpp"

#include <vector>

namespace ael::sign {

// Posterior variance of z ~ N(P, v) given sign(z), averaged over P ~ N(0, 1−v):
// V_z = v (1 − E[φ(a)² / (Φ(a)Φ(−a))]), a = P/√v (law of total variance; no
// cancellation). v = 1 gives 1 − 2/π exactly.
template <class T> Quadrature<T> sign_posterior_variance(const T& v, const T& rel_tol);
// The spec's form E[2Φ(a) v (1 − λ(a)(λ(a) + a))], λ = φ/Φ: an independent route.
template <class T> Quadrature<T> sign_posterior_variance_spec(const T& v, const T& rel_tol);

template <class T> struct SeLayer {
  T mse;        // m_t
  T gamma1;     // precision of the x-side channel feeding layer t's denoiser
  T quad_error; // sum of quadrature error estimates of this layer
};

template <class T> struct SeRun {
  std::vector<SeLayer<T>> layers;
  bool converged = false;   // |m_t − m_{t−1}| < stop_tol reached
  T fixed_point_error = 0;  // geometric-tail bound on |m_t − m_∞| at the last layer
};

// Runs up to max_layers iterations from γ2 = gamma2_start (1: uninformative).
// stop_tol ≤ 0 runs exactly max_layers. Throws std::domain_error if an
// extrinsic precision becomes non-positive.
template <class T>
SeRun<T> state_evolution(const T& r, const T& p, int max_layers, const T& stop_tol, const T& rel_tol,
                         const T& gamma2_start = T(1));

}  // namespace ael::sign
