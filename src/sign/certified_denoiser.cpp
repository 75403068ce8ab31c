#include "sign/certified_denoiser.hpp"

#include "core/progress.hpp"

#include "sign/ball_io.hpp"
#include "sign/certified_closed_forms.hpp"

#include <acb.h>
#include <acb_calc.h>
#include <acb_hypgeom.h>
#include <arb_hypgeom.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ael::sign {

namespace {
// Owning acb_t.
class CBall {
 public:
  CBall() { acb_init(x_); }
  CBall(const CBall&) = delete;
  CBall& operator=(const CBall&) = delete;
  ~CBall() { acb_clear(x_); }
  operator acb_ptr() { return x_; }
  operator acb_srcptr() const { return x_; }

 private:
  acb_t x_;
};

// ∫_a^b f for a real integrand on a real segment: the real part of Arb's
// rigorous integral (the imaginary part is 0 in exact arithmetic).
void integrate(arb_t out, acb_calc_func_t f, void* param, const arb_t a, const arb_t b, long goal, long prec) {
  CBall res, ca, cb;
  acb_set_arb(ca, a);
  acb_set_arb(cb, b);
  acb_calc_integrate_opt_t opt;
  acb_calc_integrate_opt_init(opt);
  opt->eval_limit = 1000000;
  opt->depth_limit = 4 * prec;
  mag_t tol;
  mag_init(tol);
  mag_set_ui_2exp_si(tol, 1, -goal);
  acb_calc_integrate(res, f, param, ca, cb, goal, tol, opt, prec);
  mag_clear(tol);
  arb_set(out, acb_realref(static_cast<acb_srcptr>(res)));
}

// Relative accuracy goal in bits: the working precision, or 8 bits more than
// the inputs carry when they are wider (exact inputs report a huge accuracy).
long integration_goal(long input_bits, long wp) { return std::max<long>(16, std::min(input_bits, wp - 8) + 8); }

// Standard normal density φ(x) as a ball.
void normal_pdf_ball(arb_t out, const arb_t x, long prec) {
  Ball c;
  arb_sqr(out, x, prec);
  arb_mul_2exp_si(out, out, -1);
  arb_neg(out, out);
  arb_exp(out, out, prec);
  arb_const_pi(c, prec);
  arb_mul_2exp_si(c, c, 1);
  arb_rsqrt(c, c, prec);
  arb_mul(out, out, c, prec);
}

// Cut-off a with φ(a) below about 2^-(prec + 20): a = √(2 ln 2 (prec + 20)) + 1.
double gaussian_cut(long prec) { return std::sqrt(2 * std::log(2.0) * static_cast<double>(prec + 20)) + 1; }

// ---- MMSE ------------------------------------------------------------------
// g(y) = A y² e^{−h y²} / (p + c e^{−k y²}),  A = 1/(√(2π v1) v1²), h = 1/(2 v1),
// c = (1−p)√(v1/s²), k = (1/s² − 1/v1)/2: the integrand f(y)² p_Y(y) of spec
// §3.3 with numerator and denominator divided by φ_{v1}(y) (docs/sign.md).
struct MmseParam {
  CBall A, h, p, c, k;
};

int mmse_integrand(acb_ptr out, const acb_t y, void* param, slong order, slong prec) {
  (void)order;  // the same holomorphy test serves both orders
  auto* q = static_cast<MmseParam*>(param);
  CBall y2, den, num;
  acb_sqr(y2, y, prec);
  acb_mul(den, q->k, y2, prec);
  acb_neg(den, den);
  acb_exp(den, den, prec);
  acb_mul(den, den, q->c, prec);
  acb_add(den, den, q->p, prec);
  if (acb_contains_zero(den)) {  // possible pole in this box: not holomorphic
    acb_indeterminate(out);
    return 0;
  }
  acb_mul(num, q->h, y2, prec);
  acb_neg(num, num);
  acb_exp(num, num, prec);
  acb_mul(num, num, y2, prec);
  acb_mul(num, num, q->A, prec);
  acb_div(out, num, den, prec);
  return 0;
}
}  // namespace

namespace {
// Parameters of g for (p, s²) at working precision wp, v1 = 1/p + s², and the
// cut-off T = a√v1 with a the Gaussian cut-off plus room for 1/p
// (ln(1/p) ≤ ln(1/p_mid) + 1). Throws unless 0 < p ≤ 1 and s² > 0 are decided.
void mmse_setup(MmseParam& q, arb_t v1, arb_t T, const arb_t p, const arb_t s2, long prec, long wp) {
  Ball one, t, u;
  arb_one(one);
  if (!arb_is_positive(p) || !arb_le(p, one)) throw std::domain_error("mmse_bg_ball: p not certified in (0, 1]");
  if (!arb_is_positive(s2)) throw std::domain_error("mmse_bg_ball: noise variance not certified positive");
  arb_inv(v1, p, wp);
  arb_add(v1, v1, s2, wp);
  // A = 1/(√(2π v1) v1²)
  arb_const_pi(t, wp);
  arb_mul_2exp_si(t, t, 1);
  arb_mul(t, t, v1, wp);
  arb_rsqrt(t, t, wp);
  arb_sqr(u, v1, wp);
  arb_div(t, t, u, wp);
  acb_set_arb(q.A, t);
  arb_inv(t, v1, wp);
  arb_mul_2exp_si(t, t, -1);
  acb_set_arb(q.h, t);
  acb_set_arb(q.p, p);
  arb_div(t, v1, s2, wp);  // c = (1 − p)√(v1/s²)
  arb_sqrt(t, t, wp);
  arb_sub_ui(u, p, 1, wp);
  arb_neg(u, u);
  arb_mul(t, t, u, wp);
  acb_set_arb(q.c, t);
  arb_inv(t, s2, wp);  // k = (1/s² − 1/v1)/2
  arb_inv(u, v1, wp);
  arb_sub(t, t, u, wp);
  arb_mul_2exp_si(t, t, -1);
  acb_set_arb(q.k, t);
  const double pm = arf_get_d(arb_midref(p), ARF_RND_DOWN);
  const double a_d = std::sqrt(gaussian_cut(prec) * gaussian_cut(prec) + 2 * std::log(1 / pm) + 2);
  arb_sqrt(u, v1, wp);
  arb_set_d(T, a_d * arf_get_d(arb_midref(u.get()), ARF_RND_UP));  // an exact double: any T is valid
}

// x + [lo·B, hi·B], B an upper bound of the ball b ≥ 0 (lo < hi small integers):
// adds the proved enclosure of an integral's tail.
void add_tail(arb_t x, const arb_t b, int lo, int hi, long wp) {
  mag_t m;
  arf_t B;
  mag_init(m), arf_init(B);
  arb_get_mag(m, b);
  arf_set_mag(B, m);
  Ball c;
  arb_set_arf(c, B);
  arb_mul_si(c, c, lo + hi, wp);  // midpoint (lo + hi)B/2, radius (hi − lo)B/2
  arb_mul_2exp_si(c, c, -1);
  mag_mul_ui(m, m, static_cast<unsigned long>(hi - lo));
  mag_mul_2exp_si(m, m, -1);
  arb_add_error_mag(c, m);
  arb_add(x, x, c, wp);
  mag_clear(m), arf_clear(B);
}

// g(y)·ℓ(y) with ℓ = ∂ ln g/∂s² = L0 + L2 y² − q(y)(Q0 + Q2 y²), q = c e^{−ky²}/(p + c e^{−ky²})
// (docs/sign.md, "Derivative of the map").
struct MmseDerivParam {
  MmseParam g;
  CBall L0, L2, Q0, Q2;
};

int mmse_derivative_integrand(acb_ptr out, const acb_t y, void* param, slong order, slong prec) {
  (void)order;
  auto* d = static_cast<MmseDerivParam*>(param);
  const MmseParam& q = d->g;
  CBall y2, e, den, num, l, t;
  acb_sqr(y2, y, prec);
  acb_mul(e, q.k, y2, prec);
  acb_neg(e, e);
  acb_exp(e, e, prec);
  acb_mul(e, e, q.c, prec);  // c e^{−ky²}
  acb_add(den, e, q.p, prec);
  if (acb_contains_zero(den)) {
    acb_indeterminate(out);
    return 0;
  }
  acb_mul(t, d->Q2, y2, prec);  // ℓ
  acb_add(t, t, d->Q0, prec);
  acb_mul(t, t, e, prec);
  acb_div(t, t, den, prec);
  acb_mul(l, d->L2, y2, prec);
  acb_add(l, l, d->L0, prec);
  acb_sub(l, l, t, prec);
  acb_mul(num, q.h, y2, prec);  // g
  acb_neg(num, num);
  acb_exp(num, num, prec);
  acb_mul(num, num, y2, prec);
  acb_mul(num, num, q.A, prec);
  acb_mul(num, num, l, prec);
  acb_div(out, num, den, prec);
  return 0;
}
}  // namespace

void mmse_bg_ball(arb_t out, const arb_t p, const arb_t s2, long prec) {
  const long wp = prec + 30;
  Ball v1, T, u, t, zero, a, J, tail;
  MmseParam q;
  mmse_setup(q, v1, T, p, s2, prec, wp);
  // Goal: the precision, or the relative accuracy of the inputs when they are wider.
  const long goal = integration_goal(std::min(arb_rel_accuracy_bits(p), arb_rel_accuracy_bits(s2)), wp);
  integrate(J, mmse_integrand, &q, zero, T, goal, wp);
  arb_mul_2exp_si(J, J, 1);  // even integrand: ∫_{−T}^{T} = 2∫_0^T
  // Tail: g(y) ≤ y² φ_{v1}(y)/(p v1²), so ∫_{|y|>T} g ≤ 2 φ(a)(a + 1/a)/(p v1), a = T/√v1.
  arb_sqrt(u, v1, wp);
  arb_div(a, T, u, wp);
  normal_pdf_ball(tail, a, wp);
  arb_inv(t, a, wp);
  arb_add(t, t, a, wp);
  arb_mul(tail, tail, t, wp);
  arb_mul_2exp_si(tail, tail, 1);
  arb_mul(t, p, v1, wp);
  arb_div(tail, tail, t, wp);
  add_tail(J, tail, 0, 1, wp);  // ∫_R g ∈ J + [0, tail]
  arb_sub_ui(out, J, 1, prec);  // mmse = E X² − E f(Y)², E X² = p·(1/p) = 1
  arb_neg(out, out);
}

void mmse_bg_derivative_ball(arb_t out, const arb_t p, const arb_t s2, long prec) {
  const long wp = prec + 30;
  Ball v1, T, t, u, zero, a, I, tail, poly, alpha, beta;
  MmseDerivParam d;
  mmse_setup(d.g, v1, T, p, s2, prec, wp);
  Ball iv1, is2, L0, L2, Q0, Q2;
  arb_inv(iv1, v1, wp);
  arb_inv(is2, s2, wp);
  arb_mul_si(L0, iv1, -5, wp);  // L0 = −5/(2 v1)
  arb_mul_2exp_si(L0, L0, -1);
  arb_sqr(L2, iv1, wp);  // L2 = 1/(2 v1²)
  arb_mul_2exp_si(L2, L2, -1);
  arb_sub(Q0, iv1, is2, wp);  // Q0 = (1/v1 − 1/s²)/2
  arb_mul_2exp_si(Q0, Q0, -1);
  arb_sqr(t, is2, wp);  // Q2 = (1/s⁴ − 1/v1²)/2
  arb_mul_2exp_si(t, t, -1);
  arb_sub(Q2, t, L2, wp);
  acb_set_arb(d.L0, L0), acb_set_arb(d.L2, L2), acb_set_arb(d.Q0, Q0), acb_set_arb(d.Q2, Q2);
  const long goal = integration_goal(std::min(arb_rel_accuracy_bits(p), arb_rel_accuracy_bits(s2)), wp);
  integrate(I, mmse_derivative_integrand, &d, zero, T, goal, wp);
  arb_mul_2exp_si(I, I, 1);
  // Tail: 0 < q < 1 gives |ℓ| ≤ α + β y², α = |L0| + |Q0|, β = L2 + |Q2|, and with
  // g ≤ y² φ_{v1}/(p v1²), a = T/√v1, ∫_a^∞ t²φ ≤ (a + 1/a)φ(a), ∫_a^∞ t⁴φ ≤ (a³ + 3a + 3/a)φ(a):
  // ∫_{|y|>T} |gℓ| ≤ 2φ(a)[α (a + 1/a)/v1 + β (a³ + 3a + 3/a)]/p.
  arb_abs(alpha, L0), arb_abs(t, Q0), arb_add(alpha, alpha, t, wp);
  arb_abs(beta, Q2), arb_add(beta, beta, L2, wp);
  arb_sqrt(u, v1, wp);
  arb_div(a, T, u, wp);
  arb_inv(t, a, wp);
  arb_add(poly, a, t, wp);  // a + 1/a
  arb_mul(poly, poly, alpha, wp);
  arb_div(poly, poly, v1, wp);
  arb_sqr(u, a, wp);  // a³ + 3a + 3/a = a(a² + 3) + 3/a
  arb_add_ui(u, u, 3, wp);
  arb_mul(u, u, a, wp);
  arb_addmul_ui(u, t, 3, wp);
  arb_addmul(poly, u, beta, wp);
  normal_pdf_ball(tail, a, wp);
  arb_mul(tail, tail, poly, wp);
  arb_mul_2exp_si(tail, tail, 1);
  arb_div(tail, tail, p, wp);
  add_tail(I, tail, -1, 1, wp);
  arb_neg(out, I);  // mmse = 1 − ∫ g, so ∂mmse/∂s² = −∫ gℓ
  arb_set_round(out, out, prec);
}

void denoiser_risk_ball(arb_t out, const arb_t p, const arb_t r, long prec) {
  Ball s2;  // σ² = π/(2r) − 1
  arb_const_pi(s2, prec + 30);
  arb_div(s2, s2, r, prec + 30);
  arb_mul_2exp_si(s2, s2, -1);
  arb_sub_ui(s2, s2, 1, prec + 30);
  mmse_bg_ball(out, p, s2, prec);
}

namespace {
// ---- V_z ---------------------------------------------------------------------
// h(t) = 2 info(kt) φ(t) = C e^{−(kt)² − t²/2} / (erfc(−kt/√2) erfc(kt/√2)), C = 8/(2π)^{3/2}.
// With `weighted`, the integrand is h(t)(1 − t²), whose integral gives ∂J/∂v
// (docs/sign.md, "Derivative of the map").
struct VzParam {
  CBall C, kr;  // kr = k/√2
  bool weighted = false;
};

int vz_integrand(acb_ptr out, const acb_t t, void* param, slong order, slong prec) {
  (void)order;
  auto* q = static_cast<VzParam*>(param);
  CBall x, e1, e2, num;
  acb_mul(x, q->kr, t, prec);
  acb_hypgeom_erfc(e1, x, prec);
  acb_neg(x, x);
  acb_hypgeom_erfc(e2, x, prec);
  acb_mul(e1, e1, e2, prec);
  if (acb_contains_zero(e1)) {
    acb_indeterminate(out);
    return 0;
  }
  // −(kt)² − t²/2 = −2 x² − t²/2
  acb_sqr(x, x, prec);
  acb_mul_2exp_si(x, x, 1);
  acb_sqr(num, t, prec);
  acb_mul_2exp_si(num, num, -1);
  acb_add(num, num, x, prec);
  acb_neg(num, num);
  acb_exp(num, num, prec);
  acb_mul(num, num, q->C, prec);
  if (q->weighted) {  // (1 − t²)
    acb_sqr(x, t, prec);
    acb_sub_ui(x, x, 1, prec);
    acb_neg(x, x);
    acb_mul(num, num, x, prec);
  }
  acb_div(out, num, e1, prec);
  return 0;
}
}  // namespace

namespace {
// ∫_0^∞ h(t) w(t) dt with w = 1, or w = 1 − t² when `weighted`; v certified in (0, 1).
void information_integral(arb_t out, const arb_t v, bool weighted, long prec) {
  const long wp = prec + 30;
  Ball one, t, u;
  arb_one(one);
  if (!arb_is_positive(v) || !arb_lt(v, one)) throw std::domain_error("z-side prior variance not certified in (0, 1)");
  VzParam q;
  q.weighted = weighted;
  arb_sub_ui(t, v, 1, wp);  // k/√2 = √((1 − v)/(2v))
  arb_neg(t, t);
  arb_div(t, t, v, wp);
  arb_mul_2exp_si(t, t, -1);
  arb_sqrt(t, t, wp);
  acb_set_arb(q.kr, t);
  arb_const_pi(t, wp);  // C = 8/(2π)^{3/2}
  arb_mul_2exp_si(t, t, 1);
  arb_pow_ui(u, t, 3, wp);
  arb_rsqrt(u, u, wp);
  arb_mul_2exp_si(u, u, 3);
  acb_set_arb(q.C, u);
  Ball zero, T, J, tail, k, A;
  arb_set(k, acb_realref(static_cast<acb_srcptr>(q.kr)));  // k = √2 · kr
  arb_sqrt_ui(u, 2, wp);
  arb_mul(k, k, u, wp);
  const double cut = gaussian_cut(prec), k_mid = arf_get_d(arb_midref(k.get()), ARF_RND_NEAR);
  // Large k (an informative prior, v ≪ 1): h lives on t ≲ 1/k, so cut at a = kt = cut instead
  // (docs/sign.md, "Tail of J"); T is an exact double either way, and any T is valid.
  const bool by_a = k_mid > 2;
  arb_set_d(T, by_a ? cut / k_mid : cut);
  arb_mul(A, k, T, wp);  // the cut in a = kt
  if (by_a && !arb_ge(A, one)) throw std::domain_error("information integral: cut-off not certified >= 1");
  const long goal = integration_goal(arb_rel_accuracy_bits(v), wp);
  integrate(J, vz_integrand, &q, zero, T, goal, wp);
  if (by_a) {
    // For a = kt ≥ 1: h ≤ 8φ(0) a φ(a), so ∫_T^∞ h ≤ 8φ(0)φ(A)/k and
    // ∫_T^∞ h|1 − t²| ≤ 8φ(0)φ(A)(1 + (A² + 2)/k²)/k, A = kT.
    normal_pdf_ball(tail, A, wp);
    arb_mul_2exp_si(tail, tail, 3);
    arb_div(tail, tail, k, wp);
    normal_pdf_ball(u, zero, wp);
    arb_mul(tail, tail, u, wp);
    if (weighted) {
      arb_sqr(u, A, wp);
      arb_add_ui(u, u, 2, wp);
      arb_div(u, u, k, wp);
      arb_div(u, u, k, wp);
      arb_add_ui(u, u, 1, wp);
      arb_mul(tail, tail, u, wp);
      add_tail(J, tail, -1, 1, wp);
    } else {
      add_tail(J, tail, 0, 1, wp);
    }
  } else {
    // 0 < h ≤ 4φ (info ≤ 2 everywhere, docs/sign.md): ∫_T^∞ h ∈ [0, 4Q(T)] ⊂ [0, 4φ(T)/T], and
    // for T ≥ 1, ∫_T^∞ h(1 − t²) ∈ [−4∫_T^∞ (t² − 1)φ, 0] = [−4Tφ(T), 0].
    normal_pdf_ball(tail, T, wp);
    arb_mul_2exp_si(tail, tail, 2);
    if (weighted) {
      arb_mul(tail, tail, T, wp);
      add_tail(J, tail, -1, 0, wp);
    } else {
      arb_div(tail, tail, T, wp);
      add_tail(J, tail, 0, 1, wp);
    }
  }
  arb_set_round(out, J, prec);
}

// J(v) = E[φ(a)²/(Φ(a)Φ(−a))], a = √((1−v)/v)·t, so that V_z = v(1 − J); J(1) = 2/π.
void sign_information_ball(arb_t out, const arb_t v, long prec) {
  if (arb_is_one(v)) {  // P ≡ 0: a ≡ 0 and J = φ(0)²/(1/4) = 2/π exactly
    arb_const_pi(out, prec + 30);
    arb_ui_div(out, 2, out, prec);
    return;
  }
  information_integral(out, v, false, prec);
}
}  // namespace

void sign_information_derivative_ball(arb_t out, const arb_t v, long prec) {
  Ball I, t;
  information_integral(I, v, true, prec);
  arb_sub_ui(t, v, 1, prec + 30);  // ∂J/∂v = I1 / (2v(1 − v))
  arb_neg(t, t);
  arb_mul(t, t, v, prec + 30);
  arb_mul_2exp_si(t, t, 1);
  arb_div(out, I, t, prec);
}

void sign_posterior_variance_ball(arb_t out, const arb_t v, long prec) {
  Ball J;
  sign_information_ball(J, v, prec);
  arb_sub_ui(J, J, 1, prec + 30);  // V_z = v (1 − J)
  arb_neg(J, J);
  arb_mul(out, v, J, prec);
}

namespace {
// The z side of one step (docs/sign.md §4.2, rewritten without cancellation): with
// v = 1/γ2 and J = J(v), V_z = v(1 − J) gives τ2 = 1/V_z − γ2 = γ2 J/(1 − J), so
// γ2/(γ2 + τ2) = 1 − J, α2 = 1 − rJ and γ1 = γ2/α2 − γ2 = γ2 rJ/(1 − rJ).
void z_side_ball(arb_t v, arb_t J, arb_t rJ, arb_t gamma1, const arb_t gamma2, const arb_t r, long prec) {
  const long wp = prec + 30;
  Ball alpha2, one;
  arb_one(one);
  arb_inv(v, gamma2, wp);
  sign_information_ball(J, v, prec);
  if (!arb_is_positive(J) || !arb_lt(J, one)) throw std::domain_error("state evolution: tau2 not certified positive (J outside (0, 1))");
  arb_mul(rJ, r, J, wp);
  arb_sub_ui(alpha2, rJ, 1, wp);
  arb_neg(alpha2, alpha2);
  if (!arb_is_positive(alpha2)) throw std::domain_error("state evolution: alpha2 not certified positive");
  arb_mul(gamma1, gamma2, rJ, wp);
  arb_div(gamma1, gamma1, alpha2, wp);
  if (!arb_is_positive(gamma1)) throw std::domain_error("state evolution: gamma1 not certified positive");
}
}  // namespace

void state_evolution_step_ball(arb_t mse, arb_t gamma1, arb_t gamma2_next, const arb_t gamma2, const arb_t r, const arb_t p,
                               long prec) {
  const long wp = prec + 30;
  Ball v, J, rJ, s2;
  z_side_ball(v, J, rJ, gamma1, gamma2, r, prec);
  arb_inv(s2, gamma1, wp);
  mmse_bg_ball(mse, p, s2, prec);
  arb_inv(gamma2_next, mse, wp);
  arb_sub(gamma2_next, gamma2_next, gamma1, wp);
  if (!arb_is_positive(gamma2_next)) throw std::domain_error("state evolution: gamma2 not certified positive");
}

// Chain rule (docs/sign.md, "Derivative of the map"), u = rJ:
//   γ1' = u/(1 − u) − r v J_v/(1 − u)²,  with s² = 1/γ1 and m_s = ∂mmse/∂s²:
//   m' = dm/dγ2 = −m_s (s²)² γ1',  F' = γ1' (m_s (s²)²/m² − 1).
void state_evolution_map_derivative_ball(arb_t dF, arb_t dm, const arb_t gamma2, const arb_t r, const arb_t p, long prec) {
  const long wp = prec + 30;
  Ball v, J, u, g1, Jv, s2, m, ms, one_u, dg1, t, s4;
  z_side_ball(v, J, u, g1, gamma2, r, prec);
  sign_information_derivative_ball(Jv, v, prec);
  arb_inv(s2, g1, wp);
  mmse_bg_ball(m, p, s2, prec);
  mmse_bg_derivative_ball(ms, p, s2, prec);
  arb_sub_ui(one_u, u, 1, wp);  // 1 − u
  arb_neg(one_u, one_u);
  arb_div(dg1, u, one_u, wp);
  arb_mul(t, r, v, wp);
  arb_mul(t, t, Jv, wp);
  arb_div(t, t, one_u, wp);
  arb_div(t, t, one_u, wp);
  arb_sub(dg1, dg1, t, wp);
  arb_sqr(s4, s2, wp);
  arb_mul(t, ms, s4, wp);  // m' = −m_s (s²)² γ1'
  arb_mul(t, t, dg1, wp);
  arb_neg(dm, t);
  arb_mul(t, ms, s4, wp);  // F' = γ1' (m_s (s²)²/m² − 1)
  arb_div(t, t, m, wp);
  arb_div(t, t, m, wp);
  arb_sub_ui(t, t, 1, wp);
  arb_mul(dF, t, dg1, prec);
}

Json certified_denoiser_risk(const std::string& rate, const std::string& p, int digits, bool partial) {
  const long prec = bits_for_digits(digits);
  Ball r, pb, risk, rg;
  ball_from_decimal(r, rate, "--rate", prec);
  ball_from_decimal(pb, p, "--p", prec);
  denoiser_risk_ball(risk, pb, r, prec);
  Json j;
  put_certified(j, "risk", risk, digits, partial);
  r_gauss_ball(rg, r, prec);
  put_certified(j, "r_gauss", rg, digits);
  j["evidence"] = "proved-ball";
  j["evidence_note"] = "risk_ball contains R_den(p, r) for the exact decimal inputs: Arb acb_calc_integrate (adaptive "
                       "Gauss-Legendre with analytic error bounds; boxes where p_Y may vanish are refused as non-holomorphic) "
                       "on [-T, T] plus a proved Gaussian tail bound (docs/sign.md, Certified results)";
  j["certified_precision_bits"] = prec;
  return j;
}

}  // namespace ael::sign

namespace ael::sign {

namespace {
constexpr int kCertifiedLayersDefault = 10;
// Precision (bits) of the derivative enclosures and of the coarse iteration: F' is
// only needed to a few bits for the proof and to ≈ 60 bits for the Newton steps.
constexpr long kDerivativePrec = 64;

// −log2 of |x|/|y| from the midpoints (x = 0 gives `cap`); heuristics only.
long accuracy_bits(const arb_t x, const arb_t y, long cap) {
  if (arf_is_zero(arb_midref(x))) return cap;
  const long e = arf_abs_bound_lt_2exp_si(arb_midref(x)) - arf_abs_bound_lt_2exp_si(arb_midref(y));
  return std::min(cap, std::max(0L, -e - 1));
}
}  // namespace

Json certified_state_evolution(const std::string& rate, const std::string& p, int layers, const std::string& gamma2_start,
                               int digits, bool partial) {
  const long prec = bits_for_digits(digits) + 32;
  Ball r, pb, g2, m, g1, next, start;
  ball_from_decimal(r, rate, "--rate", prec);
  ball_from_decimal(pb, p, "--p", prec);
  ball_from_decimal(start, gamma2_start, "gamma2 start", prec);
  if (arb_is_one(pb))
    throw std::invalid_argument("--certify needs --p < 1: at p = 1 the recursion is stationary at 1 - 2r/pi (docs/sign.md §4.2), "
                                "see sign gaussian-risk --certify");
  // 1. Layer balls from the exact start. The naive ball recursion widens the
  //    radius by about 2^4 per layer (measured), so it carries 6 extra bits per layer.
  const int rows_wanted = layers > 0 ? layers : kCertifiedLayersDefault;
  const long row_prec = prec + 6L * rows_wanted;
  Json rows = Json::array();
  arb_set(g2, start);
  for (int t = 1; t <= rows_wanted; ++t) {
    heartbeat("certified state evolution layer", t, rows_wanted);
    state_evolution_step_ball(m, g1, next, g2, r, pb, row_prec);
    Json row;
    row["layer"] = t;
    put_certified(row, "mse", m, digits, partial);
    rows.push_back(row);
    arb_swap(g2, next);
  }
  // 2. Approximate fixed point c of F (never trusted; step 3 measures it):
  //    a. the recursion on midpoints at kDerivativePrec bits until the relative step is 2^-20;
  //    b. Newton steps c ← c − (F(c) − c)/(F'(c) − 1), F at a precision that doubles with the
  //       accuracy reached, F' at kDerivativePrec bits, until |F(c) − c| ≤ 2^-(prec − 24) c.
  Ball c, Fc, resid, D, dm, step;
  arb_set(c, start);
  int t = 0;
  for (t = 1;; ++t) {
    if (t > 5000) throw std::invalid_argument("state evolution did not settle in 5000 layers");
    heartbeat("certified state evolution: approximate fixed point");
    try {
      state_evolution_step_ball(m, g1, next, c, r, pb, kDerivativePrec);
    } catch (const std::domain_error&) {  // a step the 64-bit balls do not decide: more bits
      state_evolution_step_ball(m, g1, next, c, r, pb, prec);
    }
    arb_get_mid_arb(next, next);
    arb_sub(resid, next, c, kDerivativePrec);
    arb_swap(c, next);
    if (accuracy_bits(resid, c, 64) >= 20) break;
  }
  long acc = 20;
  int newton = 0;
  for (newton = 0;; ++newton) {
    const long P = std::min(prec, 2 * acc + 40);
    heartbeat("certified state evolution: Newton steps");
    state_evolution_step_ball(m, g1, Fc, c, r, pb, P);
    arb_sub(resid, Fc, c, P);
    acc = std::max(acc, accuracy_bits(resid, c, prec));
    if (P == prec && (acc >= prec - 24 || newton >= 12)) break;  // Fc, m belong to this c
    state_evolution_map_derivative_ball(D, dm, c, r, pb, kDerivativePrec);
    arb_sub_ui(D, D, 1, kDerivativePrec);
    arb_div(step, resid, D, P);
    arb_sub(c, c, step, P);
    arb_get_mid_arb(c, c);
  }
  // 3. Proof on X = [c − ε, c + ε] (docs/sign.md, "Fixed point"): with D ⊇ F'(X),
  //    - |D| < 1 certified: F is a contraction on X, so G = F − id is strictly decreasing
  //      there and F has at most one fixed point in X;
  //    - N = c − (F(c) − c)/(D − 1) ⊂ int X (interval Newton): G changes sign on X, so the
  //      fixed point exists, is unique in X, and lies in N;
  //    - F(c) + D·(X − c) ⊂ int X (mean value form): F(X) ⊂ X, so the recursion started
  //      anywhere in X stays in X and converges to it.
  Ball X, N, M, absD, one, dX;
  arb_one(one);
  mag_t eps, m2;
  mag_init(eps), mag_init(m2);
  arb_get_mag(eps, resid);
  mag_mul_2exp_si(eps, eps, 6);
  arb_get_mag(m2, c);
  mag_mul_2exp_si(m2, m2, -prec + 24);
  mag_add(eps, eps, m2);
  bool proved = false;
  for (int attempt = 0; attempt < 4 && !proved; ++attempt, mag_mul_2exp_si(eps, eps, 4)) {  // widen ε ×16 if needed
    arb_set(X, c);
    mag_set(arb_radref(X.get()), eps);
    arb_zero(dX);
    arb_add_error_mag(dX, eps);  // X − c
    state_evolution_map_derivative_ball(D, dm, X, r, pb, kDerivativePrec);
    arb_abs(absD, D);
    arb_sub_ui(step, D, 1, prec);
    arb_div(N, resid, step, prec);
    arb_sub(N, c, N, prec);
    arb_mul(M, D, dX, prec);
    arb_add(M, M, Fc, prec);
    proved = arb_lt(absD, one) && arb_contains_interior(X, N) && arb_contains_interior(X, M);
  }
  mag_clear(eps), mag_clear(m2);
  if (!proved)
    throw std::invalid_argument("state evolution: the fixed point was not certified at " + std::to_string(prec) +
                                " bits (need |F'| < 1 on X, the Newton image and F(X) inside X)");
  // m at the fixed point x* ∈ N: m(x*) ∈ m(c) + m'(X)·(N − c) (mean value theorem, N ⊂ X).
  arb_sub(step, N, c, prec);
  arb_mul(step, step, dm, prec);
  arb_add(m, m, step, prec);
  Json j;
  j["mse_by_layer"] = rows;
  if (layers <= 0)
    j["mse_by_layer_note"] = "with --certify and no --layers, balls for the first " + std::to_string(kCertifiedLayersDefault) +
                             " layers; pass --layers L for more";
  put_certified(j, "fixed_point", m, digits, partial);
  j["fixed_point_gamma2_ball"] = ball_json(N, digits);
  j["fixed_point_map_derivative_ball"] = ball_json(D, 6);
  j["fixed_point_proof"] = "F(gamma2) = next gamma2 of docs/sign.md §4.2; on X = " + ball_json(X, digits).dump() +
                           " the ball F'(X) = fixed_point_map_derivative_ball has |F'| < 1 and the interval Newton image "
                           "and F(c) + F'(X)(X - c) lie in the interior of X: F has exactly one fixed point in X, it lies in "
                           "fixed_point_gamma2_ball, F maps X into X and contracts it; fixed_point_ball is m = mmse(p, 1/gamma1) "
                           "there (mean value form)";
  j["approximate_fixed_point_layers"] = t;  // coarse midpoint layers before Newton
  j["newton_steps"] = newton;
  j["evidence"] = "proved-ball";
  j["evidence_note"] = "mse_ball per layer contains m_t of the exact recursion for the exact decimal inputs (rigorous "
                       "quadrature of J, of the MMSE and of their derivatives, docs/sign.md Certified results)";
  j["certified_precision_bits"] = prec;
  return j;
}

}  // namespace ael::sign
