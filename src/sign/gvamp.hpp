// GVAMP for the sign channel s = sign(B̄x) with orthonormal rows B̄ (docs/sign.md
// §4.3), in double: the direct simulation that the state evolution of §4.2
// predicts. Pr = B̄ᵀB̄ is applied as B̄ᵀ(B̄w); no d × d matrix is formed.
#pragma once

#include "core/eigen_mp.hpp"

#include <vector>

namespace ael::sign {

// λ(a) = φ(a)/Φ(a), accurate to a few ulps for every a (continued fraction
// of the Mills ratio below a = −2, where φ/Φ would underflow or lose digits).
double normal_lambda(double a);

// Moments of u ~ N(a, 1) conditioned on u > 0, in the cancellation-free form
// needed for a ≪ 0: shift = E[u | u > 0] = a + λ(a) and
// variance = Var(u | u > 0) = 1 − λ(a)(λ(a) + a).
struct TruncatedMoments {
  double shift, variance;
};
TruncatedMoments truncated_normal_moments(double a);

struct GvampLayer {
  Vec<double> x_hat;    // x̂1: output of the layer (Bayes BG denoiser)
  Vec<double> x_lmmse;  // x̂2 of step 3 (layer 1 from the uninformative start: √(2/π) B̄ᵀ s)
  Vec<double> xi_x1;    // input of the x-denoiser (layer 1: the channel y of §3.1)
  double gamma1, gamma2, tau1, tau2;  // precisions after the layer
};

// L layers from (ξx2, γ2) = (0, 1), (ξz2, τ2) = (0, 0). B must have
// orthonormal rows (checked cheaply on the diagonal of B̄B̄ᵀ). Throws
// std::domain_error naming the layer if an extrinsic precision (τ2, γ1, γ2)
// is not positive and finite.
std::vector<GvampLayer> gvamp_decode(const Mat<double>& B, const Vec<double>& s, double p, int layers);

}  // namespace ael::sign
