#include "sign/certified_denoiser.hpp"

#include "core/ball_io.hpp"
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
  // A low goal means wide parameter balls (e.g. F' on the wide interval of "Entry into X"): the
  // ball of the integrand cannot be narrower than the parameters, so subdividing further only
  // costs time; the result is an enclosure whatever the limit.
  opt->eval_limit = goal < 48 ? 20000 : 1000000;
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
  arb_const_pi(c.get(), prec);
  arb_mul_2exp_si(c.get(), c.get(), 1);
  arb_rsqrt(c.get(), c.get(), prec);
  arb_mul(out, out, c.get(), prec);
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
  arb_one(one.get());
  if (!arb_is_positive(p) || !arb_le(p, one.get())) throw std::domain_error("mmse_bg_ball: p not certified in (0, 1]");
  if (!arb_is_positive(s2)) throw std::domain_error("mmse_bg_ball: noise variance not certified positive");
  arb_inv(v1, p, wp);
  arb_add(v1, v1, s2, wp);
  // A = 1/(√(2π v1) v1²)
  arb_const_pi(t.get(), wp);
  arb_mul_2exp_si(t.get(), t.get(), 1);
  arb_mul(t.get(), t.get(), v1, wp);
  arb_rsqrt(t.get(), t.get(), wp);
  arb_sqr(u.get(), v1, wp);
  arb_div(t.get(), t.get(), u.get(), wp);
  acb_set_arb(q.A, t.get());
  arb_inv(t.get(), v1, wp);
  arb_mul_2exp_si(t.get(), t.get(), -1);
  acb_set_arb(q.h, t.get());
  acb_set_arb(q.p, p);
  arb_div(t.get(), v1, s2, wp);  // c = (1 − p)√(v1/s²)
  arb_sqrt(t.get(), t.get(), wp);
  arb_sub_ui(u.get(), p, 1, wp);
  arb_neg(u.get(), u.get());
  arb_mul(t.get(), t.get(), u.get(), wp);
  acb_set_arb(q.c, t.get());
  arb_inv(t.get(), s2, wp);  // k = (1/s² − 1/v1)/2
  arb_inv(u.get(), v1, wp);
  arb_sub(t.get(), t.get(), u.get(), wp);
  arb_mul_2exp_si(t.get(), t.get(), -1);
  acb_set_arb(q.k, t.get());
  const double pm = arf_get_d(arb_midref(p), ARF_RND_DOWN);
  const double a_d = std::sqrt(gaussian_cut(prec) * gaussian_cut(prec) + 2 * std::log(1 / pm) + 2);
  arb_sqrt(u.get(), v1, wp);
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
  arb_set_arf(c.get(), B);
  arb_mul_si(c.get(), c.get(), lo + hi, wp);  // midpoint (lo + hi)B/2, radius (hi − lo)B/2
  arb_mul_2exp_si(c.get(), c.get(), -1);
  mag_mul_ui(m, m, static_cast<unsigned long>(hi - lo));
  mag_mul_2exp_si(m, m, -1);
  arb_add_error_mag(c.get(), m);
  arb_add(x, x, c.get(), wp);
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
  mmse_setup(q, v1.get(), T.get(), p, s2, prec, wp);
  // Goal: the precision, or the relative accuracy of the inputs when they are wider.
  const long goal = integration_goal(std::min(arb_rel_accuracy_bits(p), arb_rel_accuracy_bits(s2)), wp);
  integrate(J.get(), mmse_integrand, &q, zero.get(), T.get(), goal, wp);
  arb_mul_2exp_si(J.get(), J.get(), 1);  // even integrand: ∫_{−T}^{T} = 2∫_0^T
  // Tail: g(y) ≤ y² φ_{v1}(y)/(p v1²), so ∫_{|y|>T} g ≤ 2 φ(a)(a + 1/a)/(p v1), a = T/√v1.
  arb_sqrt(u.get(), v1.get(), wp);
  arb_div(a.get(), T.get(), u.get(), wp);
  normal_pdf_ball(tail.get(), a.get(), wp);
  arb_inv(t.get(), a.get(), wp);
  arb_add(t.get(), t.get(), a.get(), wp);
  arb_mul(tail.get(), tail.get(), t.get(), wp);
  arb_mul_2exp_si(tail.get(), tail.get(), 1);
  arb_mul(t.get(), p, v1.get(), wp);
  arb_div(tail.get(), tail.get(), t.get(), wp);
  add_tail(J.get(), tail.get(), 0, 1, wp);  // ∫_R g ∈ J + [0, tail]
  arb_sub_ui(out, J.get(), 1, prec);  // mmse = E X² − E f(Y)², E X² = p·(1/p) = 1
  arb_neg(out, out);
}

void mmse_bg_derivative_ball(arb_t out, const arb_t p, const arb_t s2, long prec) {
  const long wp = prec + 30;
  Ball v1, T, t, u, zero, a, I, tail, poly, alpha, beta;
  MmseDerivParam d;
  mmse_setup(d.g, v1.get(), T.get(), p, s2, prec, wp);
  Ball iv1, is2, L0, L2, Q0, Q2;
  arb_inv(iv1.get(), v1.get(), wp);
  arb_inv(is2.get(), s2, wp);
  arb_mul_si(L0.get(), iv1.get(), -5, wp);  // L0 = −5/(2 v1)
  arb_mul_2exp_si(L0.get(), L0.get(), -1);
  arb_sqr(L2.get(), iv1.get(), wp);  // L2 = 1/(2 v1²)
  arb_mul_2exp_si(L2.get(), L2.get(), -1);
  arb_sub(Q0.get(), iv1.get(), is2.get(), wp);  // Q0 = (1/v1 − 1/s²)/2
  arb_mul_2exp_si(Q0.get(), Q0.get(), -1);
  arb_sqr(t.get(), is2.get(), wp);  // Q2 = (1/s⁴ − 1/v1²)/2
  arb_mul_2exp_si(t.get(), t.get(), -1);
  arb_sub(Q2.get(), t.get(), L2.get(), wp);
  acb_set_arb(d.L0, L0.get()), acb_set_arb(d.L2, L2.get()), acb_set_arb(d.Q0, Q0.get()), acb_set_arb(d.Q2, Q2.get());
  const long goal = integration_goal(std::min(arb_rel_accuracy_bits(p), arb_rel_accuracy_bits(s2)), wp);
  integrate(I.get(), mmse_derivative_integrand, &d, zero.get(), T.get(), goal, wp);
  arb_mul_2exp_si(I.get(), I.get(), 1);
  // Tail: 0 < q < 1 gives |ℓ| ≤ α + β y², α = |L0| + |Q0|, β = L2 + |Q2|, and with
  // g ≤ y² φ_{v1}/(p v1²), a = T/√v1, ∫_a^∞ t²φ ≤ (a + 1/a)φ(a), ∫_a^∞ t⁴φ ≤ (a³ + 3a + 3/a)φ(a):
  // ∫_{|y|>T} |gℓ| ≤ 2φ(a)[α (a + 1/a)/v1 + β (a³ + 3a + 3/a)]/p.
  arb_abs(alpha.get(), L0.get()), arb_abs(t.get(), Q0.get()), arb_add(alpha.get(), alpha.get(), t.get(), wp);
  arb_abs(beta.get(), Q2.get()), arb_add(beta.get(), beta.get(), L2.get(), wp);
  arb_sqrt(u.get(), v1.get(), wp);
  arb_div(a.get(), T.get(), u.get(), wp);
  arb_inv(t.get(), a.get(), wp);
  arb_add(poly.get(), a.get(), t.get(), wp);  // a + 1/a
  arb_mul(poly.get(), poly.get(), alpha.get(), wp);
  arb_div(poly.get(), poly.get(), v1.get(), wp);
  arb_sqr(u.get(), a.get(), wp);  // a³ + 3a + 3/a = a(a² + 3) + 3/a
  arb_add_ui(u.get(), u.get(), 3, wp);
  arb_mul(u.get(), u.get(), a.get(), wp);
  arb_addmul_ui(u.get(), t.get(), 3, wp);
  arb_addmul(poly.get(), u.get(), beta.get(), wp);
  normal_pdf_ball(tail.get(), a.get(), wp);
  arb_mul(tail.get(), tail.get(), poly.get(), wp);
  arb_mul_2exp_si(tail.get(), tail.get(), 1);
  arb_div(tail.get(), tail.get(), p, wp);
  add_tail(I.get(), tail.get(), -1, 1, wp);
  arb_neg(out, I.get());  // mmse = 1 − ∫ g, so ∂mmse/∂s² = −∫ gℓ
  arb_set_round(out, out, prec);
}

namespace {
// Effective noise variance of the sign channel, σ² = π/(2r) − 1 (docs/sign.md §3.1).
void channel_noise_ball(arb_t out, const arb_t r, long prec) {
  arb_const_pi(out, prec);
  arb_div(out, out, r, prec);
  arb_mul_2exp_si(out, out, -1);
  arb_sub_ui(out, out, 1, prec);
}
}  // namespace

void denoiser_risk_ball(arb_t out, const arb_t p, const arb_t r, long prec) {
  Ball s2;
  channel_noise_ball(s2.get(), r, prec + 30);
  mmse_bg_ball(out, p, s2.get(), prec);
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
  arb_one(one.get());
  if (!arb_is_positive(v) || !arb_lt(v, one.get())) throw std::domain_error("z-side prior variance not certified in (0, 1)");
  VzParam q;
  q.weighted = weighted;
  arb_sub_ui(t.get(), v, 1, wp);  // k/√2 = √((1 − v)/(2v))
  arb_neg(t.get(), t.get());
  arb_div(t.get(), t.get(), v, wp);
  arb_mul_2exp_si(t.get(), t.get(), -1);
  arb_sqrt(t.get(), t.get(), wp);
  acb_set_arb(q.kr, t.get());
  arb_const_pi(t.get(), wp);  // C = 8/(2π)^{3/2}
  arb_mul_2exp_si(t.get(), t.get(), 1);
  arb_pow_ui(u.get(), t.get(), 3, wp);
  arb_rsqrt(u.get(), u.get(), wp);
  arb_mul_2exp_si(u.get(), u.get(), 3);
  acb_set_arb(q.C, u.get());
  Ball zero, T, J, tail, k, A;
  arb_set(k.get(), acb_realref(static_cast<acb_srcptr>(q.kr)));  // k = √2 · kr
  arb_sqrt_ui(u.get(), 2, wp);
  arb_mul(k.get(), k.get(), u.get(), wp);
  const double cut = gaussian_cut(prec), k_mid = arf_get_d(arb_midref(k.get()), ARF_RND_NEAR);
  // Large k (an informative prior, v ≪ 1): h lives on t ≲ 1/k, so cut at a = kt = cut instead
  // (docs/sign.md, "Tail of J"); T is an exact double either way, and any T is valid.
  const bool by_a = k_mid > 2;
  arb_set_d(T.get(), by_a ? cut / k_mid : cut);
  arb_mul(A.get(), k.get(), T.get(), wp);  // the cut in a = kt
  if (by_a && !arb_ge(A.get(), one.get())) throw std::domain_error("information integral: cut-off not certified >= 1");
  const long goal = integration_goal(arb_rel_accuracy_bits(v), wp);
  integrate(J.get(), vz_integrand, &q, zero.get(), T.get(), goal, wp);
  if (by_a) {
    // For a = kt ≥ 1: h ≤ 8φ(0) a φ(a), so ∫_T^∞ h ≤ 8φ(0)φ(A)/k and
    // ∫_T^∞ h|1 − t²| ≤ 8φ(0)φ(A)(1 + (A² + 2)/k²)/k, A = kT.
    normal_pdf_ball(tail.get(), A.get(), wp);
    arb_mul_2exp_si(tail.get(), tail.get(), 3);
    arb_div(tail.get(), tail.get(), k.get(), wp);
    normal_pdf_ball(u.get(), zero.get(), wp);
    arb_mul(tail.get(), tail.get(), u.get(), wp);
    if (weighted) {
      arb_sqr(u.get(), A.get(), wp);
      arb_add_ui(u.get(), u.get(), 2, wp);
      arb_div(u.get(), u.get(), k.get(), wp);
      arb_div(u.get(), u.get(), k.get(), wp);
      arb_add_ui(u.get(), u.get(), 1, wp);
      arb_mul(tail.get(), tail.get(), u.get(), wp);
      add_tail(J.get(), tail.get(), -1, 1, wp);
    } else {
      add_tail(J.get(), tail.get(), 0, 1, wp);
    }
  } else {
    // 0 < h ≤ 4φ (info ≤ 2 everywhere, docs/sign.md): ∫_T^∞ h ∈ [0, 4Q(T)] ⊂ [0, 4φ(T)/T], and
    // for T ≥ 1, ∫_T^∞ h(1 − t²) ∈ [−4∫_T^∞ (t² − 1)φ, 0] = [−4Tφ(T), 0].
    normal_pdf_ball(tail.get(), T.get(), wp);
    arb_mul_2exp_si(tail.get(), tail.get(), 2);
    if (weighted) {
      arb_mul(tail.get(), tail.get(), T.get(), wp);
      add_tail(J.get(), tail.get(), -1, 0, wp);
    } else {
      arb_div(tail.get(), tail.get(), T.get(), wp);
      add_tail(J.get(), tail.get(), 0, 1, wp);
    }
  }
  arb_set_round(out, J.get(), prec);
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
  information_integral(I.get(), v, true, prec);
  arb_sub_ui(t.get(), v, 1, prec + 30);  // ∂J/∂v = I1 / (2v(1 − v))
  arb_neg(t.get(), t.get());
  arb_mul(t.get(), t.get(), v, prec + 30);
  arb_mul_2exp_si(t.get(), t.get(), 1);
  arb_div(out, I.get(), t.get(), prec);
}

void sign_posterior_variance_ball(arb_t out, const arb_t v, long prec) {
  Ball J;
  sign_information_ball(J.get(), v, prec);
  arb_sub_ui(J.get(), J.get(), 1, prec + 30);  // V_z = v (1 − J)
  arb_neg(J.get(), J.get());
  arb_mul(out, v, J.get(), prec);
}

namespace {
// The z side of one step (docs/sign.md §4.2, rewritten without cancellation): with
// v = 1/γ2 and J = J(v), V_z = v(1 − J) gives τ2 = 1/V_z − γ2 = γ2 J/(1 − J), so
// γ2/(γ2 + τ2) = 1 − J, α2 = 1 − rJ and γ1 = γ2/α2 − γ2 = γ2 rJ/(1 − rJ).
void z_side_ball(arb_t v, arb_t J, arb_t rJ, arb_t gamma1, const arb_t gamma2, const arb_t r, long prec) {
  const long wp = prec + 30;
  Ball alpha2, one;
  arb_one(one.get());
  arb_inv(v, gamma2, wp);
  sign_information_ball(J, v, prec);
  if (!arb_is_positive(J) || !arb_lt(J, one.get())) throw std::domain_error("state evolution: tau2 not certified positive (J outside (0, 1))");
  arb_mul(rJ, r, J, wp);
  arb_sub_ui(alpha2.get(), rJ, 1, wp);
  arb_neg(alpha2.get(), alpha2.get());
  if (!arb_is_positive(alpha2.get())) throw std::domain_error("state evolution: alpha2 not certified positive");
  arb_mul(gamma1, gamma2, rJ, wp);
  arb_div(gamma1, gamma1, alpha2.get(), wp);
  if (!arb_is_positive(gamma1)) throw std::domain_error("state evolution: gamma1 not certified positive");
}
}  // namespace

void state_evolution_step_ball(arb_t mse, arb_t gamma1, arb_t gamma2_next, const arb_t gamma2, const arb_t r, const arb_t p,
                               long prec) {
  const long wp = prec + 30;
  Ball v, J, rJ, s2;
  z_side_ball(v.get(), J.get(), rJ.get(), gamma1, gamma2, r, prec);
  arb_inv(s2.get(), gamma1, wp);
  mmse_bg_ball(mse, p, s2.get(), prec);
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
  z_side_ball(v.get(), J.get(), u.get(), g1.get(), gamma2, r, prec);
  sign_information_derivative_ball(Jv.get(), v.get(), prec);
  arb_inv(s2.get(), g1.get(), wp);
  mmse_bg_ball(m.get(), p, s2.get(), prec);
  mmse_bg_derivative_ball(ms.get(), p, s2.get(), prec);
  arb_sub_ui(one_u.get(), u.get(), 1, wp);  // 1 − u
  arb_neg(one_u.get(), one_u.get());
  arb_div(dg1.get(), u.get(), one_u.get(), wp);
  arb_mul(t.get(), r, v.get(), wp);
  arb_mul(t.get(), t.get(), Jv.get(), wp);
  arb_div(t.get(), t.get(), one_u.get(), wp);
  arb_div(t.get(), t.get(), one_u.get(), wp);
  arb_sub(dg1.get(), dg1.get(), t.get(), wp);
  arb_sqr(s4.get(), s2.get(), wp);
  arb_mul(t.get(), ms.get(), s4.get(), wp);  // m' = −m_s (s²)² γ1'
  arb_mul(t.get(), t.get(), dg1.get(), wp);
  arb_neg(dm, t.get());
  arb_mul(t.get(), ms.get(), s4.get(), wp);  // F' = γ1' (m_s (s²)²/m² − 1)
  arb_div(t.get(), t.get(), m.get(), wp);
  arb_div(t.get(), t.get(), m.get(), wp);
  arb_sub_ui(t.get(), t.get(), 1, wp);
  arb_mul(dF, t.get(), dg1.get(), prec);
}

Json certified_denoiser_risk(const std::string& rate, const std::string& p, int digits, bool partial) {
  const long prec = ball_bits_for_digits(digits);
  Ball r, pb, risk, noise;
  ball_from_decimal(r.get(), rate, "rate", prec);
  ball_from_decimal(pb.get(), p, "p", prec);
  denoiser_risk_ball(risk.get(), pb.get(), r.get(), prec);
  Json j;
  put_certified(j, "risk", risk.get(), digits, partial);
  put_rate_references(j, r.get(), digits, prec);
  channel_noise_ball(noise.get(), r.get(), prec);
  put_certified(j, "channel_noise_variance", noise.get(), digits);
  j["evidence"] = "proved-ball";
  j["evidence_note"] = "risk_ball contains R_den(p, r) for the exact decimal inputs: Arb acb_calc_integrate (adaptive "
                       "Gauss-Legendre with analytic error bounds; boxes where p_Y may vanish are refused as non-holomorphic) "
                       "on [-T, T] plus a proved Gaussian tail bound (docs/sign.md, Certified results)";
  j["certified_precision_bits"] = prec;
  return j;
}

}  // namespace ael::sign
