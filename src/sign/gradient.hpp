// Exact population risk and gradients on Gaussian data (docs/sign.md §5.2), for both
// scalars: the trainer runs in double, the proof-check in mp_real.
#pragma once

#include "core/eigen_mp.hpp"

namespace ael::sign {

template <class T> struct PopulationGradient {
  T risk;       // R(A, B̄) of §2.2
  Mat<T> dA;    // ∂R/∂A = (2/d)(A K − Mᵀ)
  Mat<T> dB;    // ∂R/∂B̄ = −(2/d)√(2/π) Aᵀ + (2/d)(2/π)(Q∘H) B̄ (Euclidean)
  Mat<T> dB_tangent;  // row-wise projection onto the tangent spaces of the unit spheres
  int clipped = 0;    // off-diagonal |G_ij| clipped at 1 − 1e−12 (near-parallel rows)
};

// B̄ must have unit rows. Uses only G = B̄B̄ᵀ and Q = AᵀA (n × n) besides the products with A and B̄.
template <class T> PopulationGradient<T> gaussian_population_gradient(const Mat<T>& A, const Mat<T>& Bbar);

}  // namespace ael::sign
