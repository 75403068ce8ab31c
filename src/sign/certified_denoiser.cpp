#include "sign/certified_denoiser.hpp"

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

void mmse_bg_ball(arb_t out, const arb_t p, const arb_t s2, long prec) {
  Ball one;
  arb_one(one);
  if (!arb_is_positive(p) || !arb_le(p, one)) throw std::domain_error("mmse_bg_ball: p not certified in (0, 1]");
  if (!arb_is_positive(s2)) throw std::domain_error("mmse_bg_ball: noise variance not certified positive");
  const long wp = prec + 30;
  Ball v1, t, u;
  arb_inv(v1, p, wp);
  arb_add(v1, v1, s2, wp);
  MmseParam q;
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
  // T = a √v1 with a the Gaussian cut-off plus room for 1/p (ln(1/p) ≤ ln(1/p_mid) + 1).
  const double pm = arf_get_d(arb_midref(p), ARF_RND_DOWN);
  const double a_d = std::sqrt(gaussian_cut(prec) * gaussian_cut(prec) + 2 * std::log(1 / pm) + 2);
  Ball zero, T, a, J, tail;
  arb_sqrt(u, v1, wp);
  arb_set_d(T, a_d * arf_get_d(arb_midref(u.get()), ARF_RND_UP));  // an exact double: any T is valid
  // Goal: the precision, or the relative accuracy of the inputs when they are wider.
  const long goal = integration_goal(std::min(arb_rel_accuracy_bits(p), arb_rel_accuracy_bits(s2)), wp);
  integrate(J, mmse_integrand, &q, zero, T, goal, wp);
  arb_mul_2exp_si(J, J, 1);  // even integrand: ∫_{−T}^{T} = 2∫_0^T
  // Tail: g(y) ≤ y² φ_{v1}(y)/(p v1²), so ∫_{|y|>T} g ≤ 2 φ(a)(a + 1/a)/(p v1), a = T/√v1.
  arb_div(a, T, u, wp);
  normal_pdf_ball(tail, a, wp);
  arb_inv(t, a, wp);
  arb_add(t, t, a, wp);
  arb_mul(tail, tail, t, wp);
  arb_mul_2exp_si(tail, tail, 1);
  arb_mul(t, p, v1, wp);
  arb_div(tail, tail, t, wp);
  // ∫_R g ∈ J + [0, tail]: add [tail/2 ± tail/2].
  mag_t m;
  mag_init(m);
  arb_get_mag(m, tail);
  arb_mul_2exp_si(tail, tail, -1);
  arb_add(J, J, tail, wp);
  mag_mul_2exp_si(m, m, -1);
  arb_add_error_mag(J, m);
  mag_clear(m);
  arb_sub_ui(out, J, 1, prec);  // mmse = E X² − E f(Y)², E X² = p·(1/p) = 1
  arb_neg(out, out);
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
struct VzParam {
  CBall C, kr;  // kr = k/√2
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
  acb_div(out, num, e1, prec);
  return 0;
}
}  // namespace

namespace {
// J(v) = E[φ(a)²/(Φ(a)Φ(−a))], a = √((1−v)/v)·t, so that V_z = v(1 − J); J(1) = 2/π.
void sign_information_ball(arb_t out, const arb_t v, long prec) {
  const long wp = prec + 30;
  if (arb_is_one(v)) {  // P ≡ 0: a ≡ 0 and J = φ(0)²/(1/4) = 2/π exactly
    arb_const_pi(out, wp);
    arb_ui_div(out, 2, out, prec);
    return;
  }
  Ball one, t, u;
  arb_one(one);
  if (!arb_is_positive(v) || !arb_lt(v, one)) throw std::domain_error("z-side prior variance not certified in (0, 1)");
  VzParam q;
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
  Ball zero, T, J, tail;
  arb_set_d(T, gaussian_cut(prec));
  const long goal = integration_goal(arb_rel_accuracy_bits(v), wp);
  integrate(J, vz_integrand, &q, zero, T, goal, wp);
  // info ≤ 2 everywhere, so ∫_T^∞ h ≤ 4 Q(T) ≤ 4 φ(T)/T (docs/sign.md).
  normal_pdf_ball(tail, T, wp);
  arb_mul_2exp_si(tail, tail, 2);
  arb_div(tail, tail, T, wp);
  mag_t m;
  mag_init(m);
  arb_get_mag(m, tail);
  mag_mul_2exp_si(m, m, -1);
  arb_mul_2exp_si(tail, tail, -1);
  arb_add(J, J, tail, wp);
  arb_add_error_mag(J, m);
  mag_clear(m);
  arb_set_round(out, J, prec);
}
}  // namespace

void sign_posterior_variance_ball(arb_t out, const arb_t v, long prec) {
  Ball J;
  sign_information_ball(J, v, prec);
  arb_sub_ui(J, J, 1, prec + 30);  // V_z = v (1 − J)
  arb_neg(J, J);
  arb_mul(out, v, J, prec);
}

// docs/sign.md §4.2, rewritten without cancellation ("V_z without cancellation"): with v = 1/γ2 and
// J = J(v), V_z = v(1 − J) gives τ2 = 1/V_z − γ2 = γ2 J/(1 − J), so
// γ2/(γ2 + τ2) = 1 − J, α2 = 1 − rJ and γ1 = γ2/α2 − γ2 = γ2 rJ/(1 − rJ).
void state_evolution_step_ball(arb_t mse, arb_t gamma1, arb_t gamma2_next, const arb_t gamma2, const arb_t r, const arb_t p,
                               long prec) {
  const long wp = prec + 30;
  Ball v, J, rJ, alpha2, s2, one;
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
  arb_inv(s2, gamma1, wp);
  mmse_bg_ball(mse, p, s2, prec);
  arb_inv(gamma2_next, mse, wp);
  arb_sub(gamma2_next, gamma2_next, gamma1, wp);
  if (!arb_is_positive(gamma2_next)) throw std::domain_error("state evolution: gamma2 not certified positive");
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

// Hull of F over X = [c − w, c + w] evaluated on `pieces` equal sub-balls
// (subdivision limits the overestimation of the naive interval extension).
void image_hull(arb_t out, const arb_t X, int pieces, const arb_t r, const arb_t p, long prec) {
  Ball m, g1, piece, next;
  arf_t lo, w;
  arf_init(lo), arf_init(w);
  arb_get_lbound_arf(lo, X, prec + 64);
  arf_set_mag(w, arb_radref(X));
  arf_mul_2exp_si(w, w, 1);
  arf_div_si(w, w, pieces, prec + 64, ARF_RND_UP);  // piece width
  for (int i = 0; i < pieces; ++i) {
    arf_t a, b;
    arf_init(a), arf_init(b);
    arf_mul_si(a, w, i, prec + 64, ARF_RND_DOWN);
    arf_add(a, a, lo, prec + 64, ARF_RND_DOWN);
    arf_add(b, a, w, prec + 64, ARF_RND_UP);
    arb_set_interval_arf(piece, a, b, prec + 64);
    state_evolution_step_ball(m, g1, next, piece, r, p, prec);
    if (i == 0) arb_set(out, next);
    else arb_union(out, out, next, prec + 64);
    arf_clear(a), arf_clear(b);
  }
  arf_clear(lo), arf_clear(w);
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
    state_evolution_step_ball(m, g1, next, g2, r, pb, row_prec);
    Json row;
    row["layer"] = t;
    put_certified(row, "mse", m, digits, partial);
    rows.push_back(row);
    arb_swap(g2, next);
  }
  // 2. Approximate fixed point: the recursion on midpoints (re-centred every
  //    layer, so only an approximation) until the relative step is 2^-(prec − 8).
  arb_set(g2, start);
  double step = 0;
  int t = 0;
  for (t = 1; t <= 5000; ++t) {
    state_evolution_step_ball(m, g1, next, g2, r, pb, prec);
    arb_get_mid_arb(next, next);
    arb_sub(g1, next, g2, prec);
    step = std::fabs(arf_get_d(arb_midref(g1.get()), ARF_RND_UP));
    arb_swap(g2, next);
    if (t >= 2 && step <= std::ldexp(arf_get_d(arb_midref(g2.get()), ARF_RND_UP), -static_cast<int>(prec) + 8)) break;
  }
  if (t > 5000) throw std::invalid_argument("state evolution did not settle in 5000 layers");
  // 3. Interval contraction on X = [g − ε, g + ε] (docs/sign.md): F(X) ⊂ interior(X)
  //    proves a fixed point in X, and every fixed point in X lies in F(X).
  Ball X, Y;
  arb_set(X, g2);
  mag_t eps;
  mag_init(eps);
  mag_set_d(eps, 64 * step + std::ldexp(arf_get_d(arb_midref(g2.get()), ARF_RND_UP), -static_cast<int>(prec) + 24));
  mag_set(arb_radref(X.get()), eps);
  mag_clear(eps);
  int pieces = 0;
  for (int n : {8, 64}) {  // overestimation ≈ 12·width/n (measured) against |F'| ≈ 0.3
    image_hull(Y, X, n, r, pb, prec);
    if (arb_contains_interior(X, Y)) {
      pieces = n;
      break;
    }
  }
  if (pieces == 0)
    throw std::invalid_argument("state evolution: the interval contraction F(X) in interior(X) was not certified at " +
                                std::to_string(prec) + " bits");
  state_evolution_step_ball(m, g1, next, Y, r, pb, prec);
  Json j;
  j["mse_by_layer"] = rows;
  if (layers <= 0)
    j["mse_by_layer_note"] = "with --certify and no --layers, balls for the first " + std::to_string(kCertifiedLayersDefault) +
                             " layers; pass --layers L for more";
  put_certified(j, "fixed_point", m, digits, partial);
  j["fixed_point_proof"] = "F(gamma2) = next gamma2 of docs/sign.md §4.2 evaluated in balls on X = " + ball_json(X, digits).dump() + " (" +
                           std::to_string(pieces) + " pieces) lies in the interior of X: a fixed point exists in X "
                           "(intermediate value theorem), every fixed point in X lies in F(X), and fixed_point_ball is "
                           "m = mmse(p, 1/gamma1) on F(X); uniqueness in X is not certified (F' is not enclosed)";
  j["layers_to_fixed_point_midpoints"] = t;
  j["evidence"] = "proved-ball";
  j["evidence_note"] = "mse_ball per layer contains m_t of the exact recursion for the exact decimal inputs (rigorous "
                       "quadrature of J and of the MMSE, docs/sign.md Certified results)";
  j["certified_precision_bits"] = prec;
  return j;
}

}  // namespace ael::sign
