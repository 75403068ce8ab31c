// Bayes denoiser of the Bernoulli–Gaussian prior X ~ (1−p)δ0 + p N(0, 1/p)
// observed through Y = X + σW (docs/sign.md §3.2–§3.3), and its MMSE by quadrature.
#pragma once

#include "sign/quadrature.hpp"

namespace ael::sign {

template <class T> struct BgChannel {
  T p, s2;  // nonzero fraction, noise variance σ²
  T v1;     // 1/p + σ²: variance of Y given X ≠ 0
  BgChannel(const T& p_, const T& s2_) : p(p_), s2(s2_), v1(T(1) / p_ + s2_) {}
  T log_odds(const T& y) const;       // ℓ(y) = ln P(X=0|y)/P(X≠0|y)
  T psi(const T& y) const;            // P(X ≠ 0 | y)
  T mean(const T& y) const;           // f(y) = E[X | y]
  T variance(const T& y) const;       // Var(X | y)
  T marginal_density(const T& y) const;  // density of Y
  // |y| at which ψ = 1/2 (0 if ψ > 1/2 everywhere).
  T crossover() const;
};

// mmse_BG(p, s²) = 1 − p E f(√v1 t)² − (1−p) E f(s t)²  (the route of docs/sign.md §3.3).
template <class T> Quadrature<T> mmse_bg(const T& p, const T& s2, const T& rel_tol);
// Independent route: ∫ p_Y(y) Var(X | y) dy (posterior variance averaged over
// the marginal of Y), on its own breakpoints.
template <class T> Quadrature<T> mmse_bg_posterior(const T& p, const T& s2, const T& rel_tol);

// Effective noise variance of the sign channel at rate r (§3.1): π/(2r) − 1.
template <class T> T channel_noise(const T& r);
// R_den(p, r) = mmse_BG(p, π/(2r) − 1).
template <class T> Quadrature<T> denoiser_risk(const T& p, const T& r, const T& rel_tol);

// Standard normal pdf and cdf (erfc-based; MPFR's erfc for mp_real).
template <class T> T normal_pdf(const T& x);
template <class T> T normal_cdf(const T& x);
// t beyond which ∫_t^∞ (1 + s²)φ(s) ds is below 10^-(carried digits + 5).
template <class T> T gaussian_cutoff();

}  // namespace ael::sign
