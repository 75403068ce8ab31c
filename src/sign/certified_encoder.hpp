// The Gaussian-data risk of a sign encoder (docs/sign.md §2.1–§2.2) in Arb ball
// arithmetic, for the proved routes of `verify --certify` (docs/sign.md,
// "verify --certify: SA claims"): arcsin moments, the risk of a decoder, the
// optimal risk through a certified Cholesky solve, and the exact derivative of
// the risk along a curve B + tV by first-order jets (no finite differences).
// Every ball contains the exact value for the exact input matrices (doubles and
// MPFR numbers are exact dyadics; rational entries enter as balls).
#pragma once

#include "core/ball.hpp"
#include "core/exact.hpp"
#include "sign/closed_forms.hpp"

#include <vector>

namespace ael::sign {

// Exact balls of a double / MPFR matrix (radius 0) and balls around a rational matrix.
BallMatrix exact_balls(const Mat<double>& M);
BallMatrix exact_balls(const Mat<mp_real>& M);
BallMatrix rational_balls(const ExactMat& M, long prec);

struct BallMoments {
  BallMatrix M;  // √(2/π) B̄, n × d
  BallMatrix K;  // (2/π) arcsin(B̄B̄ᵀ), n × n, K_ii = 1 exactly
  // rows (i, j) whose correlation is exactly ±1 (decided on an exact Gram matrix):
  // K_ij = ±1 exactly, identical (or opposite) code bits.
  int parallel_pairs = 0;
};

// Arcsin moments of the rows of B (any positive row scale). A correlation whose
// ball meets ±1 without being exactly ±1 gives a non-finite K entry (no decision).
BallMoments gaussian_moments_ball(const BallMatrix& B, long prec);
// BG data x = m∘g/√p given the mask (docs/sign.md §2.3): the arcsin moments of the
// masked rows with ν_i = ‖D b_i‖ > 0 (M scaled by 1/√p), the sign0 table for ν_i = 0.
// ν_i = 0 is decided exactly: every active entry of row i is the exact ball 0; a
// masked row whose ball only contains 0 throws std::domain_error (no decision).
BallMoments mask_moments_ball(const BallMatrix& B, const std::vector<bool>& mask, const arb_t p, Sign0 s, long prec);
// Σ_m p^|m| (1−p)^(d−|m|) × mask_moments_ball(B, m, scale) over all 2^d masks (d ≤ 20);
// scale = p is the unit-variance BG law, scale = 1 the variance-p convention x = m∘g.
BallMoments enumerated_bg_moments_ball(const BallMatrix& B, const arb_t p, const arb_t scale, Sign0 s, long prec);

// R(A, B) = 1 − (2/d) tr(AM) + (1/d) tr(AKAᵀ), A is d × n.
ael::Ball risk_ball(const BallMatrix& A, const BallMoments& m, long prec);
// A* = Mᵀ K⁻¹ (d × n) and R* = 1 − tr(Mᵀ K⁻¹ M)/d; false (and A, R untouched)
// when the ball K is not certified positive definite.
bool optimal_decoder_ball(BallMatrix& A, ael::Ball& R, const BallMoments& m, long prec);
// ∂R/∂A = (2/d)(A K − Mᵀ) in balls.
BallMatrix risk_gradient_A_ball(const BallMatrix& A, const BallMoments& m, long prec);
// d/dt R(A, B + tV) at t = 0 (forward-mode jets through the row norms, the
// correlations and arcsin). Non-finite when a correlation ball meets ±1.
ael::Ball risk_derivative_B_ball(const BallMatrix& A, const BallMatrix& B, const BallMatrix& V, long prec);

// Sum over the entries of (X ∘ Y) as a ball (a Frobenius inner product).
ael::Ball inner_ball(const BallMatrix& X, const BallMatrix& Y, long prec);

}  // namespace ael::sign
