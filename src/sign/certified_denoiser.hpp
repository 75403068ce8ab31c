// Rigorous enclosures of the Bayes-denoiser MMSE (docs/sign.md §3.3) and of the state
// evolution of the multi-layer decoder (docs/sign.md §4.2) with Arb: adaptive
// Gauss–Legendre integration with analytic error bounds (acb_calc_integrate)
// on [−T, T] plus a proved bound on the Gaussian tails.
// docs/sign.md "Certified results" derives every bound used here.
// Definitions: certified_denoiser.cpp (the ball kernels, the denoiser risk) and
// certified_state_evolution.cpp (the fixed-point and entry proofs, state evolution).
#pragma once

#include "core/report.hpp"

#include "core/ball.hpp"

#include <arb.h>

#include <string>
#include <vector>

namespace ael::sign {

// mmse_BG(p, s²) = 1 − ∫ y² φ_{v1}(y)² / (v1² p_Y(y)) dy; the ball contains the
// value for every p, s² in the given balls. Throws std::domain_error unless
// 0 < p ≤ 1 and s² > 0 are decided by the balls.
void mmse_bg_ball(arb_t out, const arb_t p, const arb_t s2, long prec);
// R_den(p, r) = mmse_BG(p, π/(2r) − 1).
void denoiser_risk_ball(arb_t out, const arb_t p, const arb_t r, long prec);
// V_z(v) = v (1 − E[φ(a)²/(Φ(a)Φ(−a))]), a = √((1−v)/v)·t, t ~ N(0,1); v = 1 gives 1 − 2/π exactly.
void sign_posterior_variance_ball(arb_t out, const arb_t v, long prec);

// ∂mmse_BG/∂s² for every p, s² in the balls (docs/sign.md, "Derivative of the map").
void mmse_bg_derivative_ball(arb_t out, const arb_t p, const arb_t s2, long prec);
// ∂J/∂v, J(v) = E[φ(a)²/(Φ(a)Φ(−a))] as in V_z = v(1 − J); v certified in (0, 1).
void sign_information_derivative_ball(arb_t out, const arb_t v, long prec);

// One state-evolution step γ2 → (m_t, γ1, next γ2). Throws std::domain_error
// when a precision is not certified positive.
void state_evolution_step_ball(arb_t mse, arb_t gamma1, arb_t gamma2_next, const arb_t gamma2, const arb_t r, const arb_t p,
                               long prec);

// F'(γ2) of the map F: γ2 → next γ2, and m'(γ2) = dm_t/dγ2, for every γ2 in the
// ball (docs/sign.md, "Derivative of the map"). Throws like state_evolution_step_ball,
// and std::domain_error when v = 1/γ2 is not certified in (0, 1).
void state_evolution_map_derivative_ball(arb_t dF, arb_t dm, const arb_t gamma2, const arb_t r, const arb_t p, long prec);

// The certified fixed point of F (docs/sign.md, "Fixed point"): X, N ∋ x*, D ⊇ F'(X) and
// mse ∋ m(x*); `wide` is the widest interval tried on which F'(wide) = wide_D has |F'| < 1 and
// F(wide) ⊂ int wide ("Entry into X"), wide_dm ⊇ m'(wide). Throws std::invalid_argument when
// the theorem's conditions are not decided at `prec` bits.
struct SeFixedPoint {
  Ball X, N, D, mse, resid;
  Ball wide, wide_D, wide_dm;
  int approximate_layers = 0, newton_steps = 0;
};
SeFixedPoint certify_se_fixed_point(const arb_t r, const arb_t p, const arb_t gamma2_start, long prec);

// The ball recursion from gamma2_start (docs/sign.md, "Entry into X"): gamma2[t] ∋ γ2 after t
// layers, mse[t] ∋ m_{t+1} = m(γ2_t). `entered` is the first t ≤ cap with gamma2[t] ⊂ interval
// (then one more layer is computed), or −1 when the cap is reached first.
struct SeEntry {
  int entered = -1;
  std::vector<Ball> gamma2, mse;
};
SeEntry se_enter_interval(const arb_t interval, const arb_t r, const arb_t p, const arb_t gamma2_start, int cap, long prec);

// JSON fragments for `--certify` (rate and p are the user's decimal strings).
Json certified_denoiser_risk(const std::string& rate, const std::string& p, int digits, bool partial);
// layers > 0: report layers 1..layers, else every layer until the fixed-point
// enclosure is certified. gamma2_start is "1" or "10000".
Json certified_state_evolution(const std::string& rate, const std::string& p, int layers, const std::string& gamma2_start,
                               int digits, bool partial);

}  // namespace ael::sign
