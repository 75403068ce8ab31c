#include "sign/certified_closed_forms.hpp"

#include "sign/ball_io.hpp"

#include <stdexcept>

namespace ael::sign {

void mu2_ball(arb_t out, NonzeroLaw z, long prec) {
  // As closed_forms.cpp: each law's E|z| from its natural scale.
  switch (z) {
    case NonzeroLaw::gaussian:  // E|g| = √(2/π)
      arb_const_pi(out, prec);
      arb_ui_div(out, 2, out, prec);
      return;
    case NonzeroLaw::rademacher: arb_one(out); return;
    case NonzeroLaw::uniform:  // half-width a = √3, E|z| = a/2
      arb_sqrt_ui(out, 3, prec);
      arb_mul_2exp_si(out, out, -1);
      arb_sqr(out, out, prec);
      return;
    case NonzeroLaw::laplace:  // scale b = 1/√2, E|z| = b
      arb_rsqrt_ui(out, 2, prec);
      arb_sqr(out, out, prec);
      return;
  }
  throw std::logic_error("unknown nonzero law");
}

void r_gauss_ball(arb_t out, const arb_t r, long prec) {  // 1 − 2r/π
  Ball pi;
  arb_const_pi(pi, prec);
  arb_mul_2exp_si(out, r, 1);
  arb_div(out, out, pi, prec);
  arb_sub_ui(out, out, 1, prec);
  arb_neg(out, out);
}

void r_tight_frame_ball(arb_t out, const arb_t r, long prec) {  // (π − 2)/(π − 2 + 2r)
  Ball num, den;
  arb_const_pi(num, prec);
  arb_sub_ui(num, num, 2, prec);
  arb_mul_2exp_si(den, r, 1);
  arb_add(den, den, num, prec);
  arb_div(out, num, den, prec);
}

void shannon_ball(arb_t out, const arb_t r, long prec) {  // 2^(−2r)
  Ball e, two;
  arb_mul_2exp_si(e, r, 1);
  arb_neg(e, e);
  arb_set_ui(two, 2);
  arb_pow(out, two, e, prec);
}

void identity_risk_exact_ball(arb_t out, int n, int d, const arb_t p, const arb_t mu2, Sign0 s, long prec) {
  Ball r, t;
  arb_set_si(r, n);
  arb_div_si(r, r, d, prec);
  switch (s) {
    case Sign0::zero:  // 1 − r μ²
      arb_mul(t, r, mu2, prec);
      break;
    case Sign0::random:  // 1 − r p μ²
      arb_mul(t, r, p, prec);
      arb_mul(t, t, mu2, prec);
      break;
    case Sign0::plus: {  // 1 − (p μ²/d)[(n−1)/base + 1/(base + n q²)], base = p(2−p), q = 1−p
      Ball q, base, a, b;
      arb_sub_ui(q, p, 1, prec);  // −q; only q² enters
      arb_sqr(q, q, prec);
      arb_mul_si(q, q, n, prec);
      arb_sub_ui(base, p, 2, prec);
      arb_mul(base, base, p, prec);
      arb_neg(base, base);
      arb_set_si(a, n - 1);
      arb_div(a, a, base, prec);
      arb_add(b, base, q, prec);
      arb_inv(b, b, prec);
      arb_add(a, a, b, prec);
      arb_mul(t, p, mu2, prec);
      arb_div_si(t, t, d, prec);
      arb_mul(t, t, a, prec);
      break;
    }
  }
  arb_sub_ui(out, t, 1, prec);
  arb_neg(out, out);
}

void identity_risk_limit_ball(arb_t out, const arb_t r, const arb_t p, const arb_t mu2, Sign0 s, long prec) {
  Ball t;
  arb_mul(t, r, mu2, prec);
  if (s == Sign0::random) arb_mul(t, t, p, prec);
  if (s == Sign0::plus) {  // r μ²/(2 − p)
    Ball den;
    arb_sub_ui(den, p, 2, prec);
    arb_neg(den, den);
    arb_div(t, t, den, prec);
  }
  arb_sub_ui(out, t, 1, prec);
  arb_neg(out, out);
}

namespace {
// L_id(p) − R_Gauss at r = 1 (the gap is r times this at rate r; only its sign matters).
void gap_ball(arb_t out, const arb_t p, const arb_t mu2, Sign0 s, long prec) {
  Ball one, rg;
  arb_one(one);
  identity_risk_limit_ball(out, one, p, mu2, s, prec);
  r_gauss_ball(rg, one, prec);
  arb_sub(out, out, rg, prec);
}

// d/dp of the gap, by hand: −μ²/(2−p)² (plus), −μ² (random).
void gap_derivative_ball(arb_t out, const arb_t p, const arb_t mu2, Sign0 s, long prec) {
  if (s == Sign0::random) {
    arb_neg(out, mu2);
    return;
  }
  Ball den;
  arb_sub_ui(den, p, 2, prec);
  arb_sqr(den, den, prec);
  arb_div(out, mu2, den, prec);
  arb_neg(out, out);
}

std::string exact_dyadic_decimal(const arf_t x) {
  Ball b;
  arb_set_arf(b, x);
  // A dyadic rational with k fractional bits has at most k fractional decimal digits.
  return mid_decimal(b, static_cast<int>(arf_bits(x)) + 40);
}

bool structural_gaussian(NonzeroLaw z) { return z == NonzeroLaw::gaussian; }
}  // namespace

CertifiedRoot critical_sparsity_ball(arb_t out, NonzeroLaw z, Sign0 s, long prec) {
  if (s == Sign0::zero) throw std::logic_error("critical_sparsity_ball: no p dependence under sign0 = zero");
  CertifiedRoot res;
  Ball m2, pi, guess;
  mu2_ball(m2, z, prec);
  arb_const_pi(pi, prec);
  // Approximate root from the closed form (only its midpoint is used).
  if (s == Sign0::plus) {  // 2 − (π/2) μ²
    arb_mul(guess, pi, m2, prec);
    arb_mul_2exp_si(guess, guess, -1);
    arb_sub_ui(guess, guess, 2, prec);
    arb_neg(guess, guess);
  } else {  // 2/(π μ²)
    arb_mul(guess, pi, m2, prec);
    arb_ui_div(guess, 2, guess, prec);
  }
  arf_t lo, hi, delta;
  arf_init(lo), arf_init(hi), arf_init(delta);
  arf_one(delta);
  arf_mul_2exp_si(delta, delta, -(prec - 24));
  arf_sub(lo, arb_midref(guess.get()), delta, prec + 64, ARF_RND_DOWN);
  arf_add(hi, arb_midref(guess.get()), delta, prec + 64, ARF_RND_UP);
  Ball glo, ghi, bracket, deriv, plo, phi;
  arb_set_arf(plo, lo);
  arb_set_arf(phi, hi);
  gap_ball(glo, plo, m2, s, prec);
  gap_ball(ghi, phi, m2, s, prec);
  arb_union(bracket, plo, phi, prec + 64);
  gap_derivative_ball(deriv, bracket, m2, s, prec);
  res.lo = exact_dyadic_decimal(lo);
  res.hi = exact_dyadic_decimal(hi);
  if (s == Sign0::plus && !(arf_cmp_si(hi, 2) < 0)) res.reason = "bracket reaches p = 2 where L_id (plus) is undefined";
  else if (!arb_is_positive(glo)) res.reason = "gap at the lower endpoint not certified positive at " + std::to_string(prec) + " bits";
  else if (!arb_is_negative(ghi)) res.reason = "gap at the upper endpoint not certified negative at " + std::to_string(prec) + " bits";
  else if (!arb_is_negative(deriv)) res.reason = "derivative on the bracket not certified negative at " + std::to_string(prec) + " bits";
  else res.proved = true;
  arb_set(out, bracket);
  arf_clear(lo), arf_clear(hi), arf_clear(delta);
  return res;
}

// ---- JSON fragments --------------------------------------------------------

namespace {
// The identity encoder's exact finite-d risk and its d → ∞ limit (returned in `limit`).
void put_identity_pair(Json& j, const char* exact_key, const char* limit_key, arb_t limit, int n, int d, const arb_t r,
                       const arb_t p, const arb_t m2, Sign0 s, int digits, long prec) {
  Ball v;
  identity_risk_exact_ball(v, n, d, p, m2, s, prec);
  put_certified(j, exact_key, v, digits);
  identity_risk_limit_ball(limit, r, p, m2, s, prec);
  put_certified(j, limit_key, limit, digits);
}

const char* kBallNote = "each *_ball {mid, rad} provably contains the exact value for the exact decimal input "
                        "(Arb ball arithmetic; docs/sign.md, Certified results)";

}  // namespace

Json certified_gaussian_risk(const std::string& rate, int digits) {
  const long prec = bits_for_digits(digits);
  Ball r, risk, d, one;
  ball_from_decimal(r, rate, "--rate", prec);
  arb_one(one);
  // A decimal rate is a ball of radius < 2^-prec around its exact value: it
  // straddles 1 only if it is exactly 1 (then the ball is exact).
  if (arb_le(r, one)) r_gauss_ball(risk, r, prec);
  else if (arb_gt(r, one)) r_tight_frame_ball(risk, r, prec);
  else throw std::invalid_argument("--rate: cannot decide r <= 1 at " + std::to_string(prec) + " bits");
  Json j;
  put_certified(j, "risk", risk, digits);
  shannon_ball(d, r, prec);
  Json b;
  put_certified(b, "shannon_D", d, digits);
  j["benchmarks"] = b;
  j["evidence"] = "proved-ball";
  j["evidence_note"] = kBallNote;
  return j;
}

Json certified_identity_risk(int n, int d, const std::string& p, Sign0 s, NonzeroLaw z, int digits) {
  const long prec = bits_for_digits(digits);
  Ball pb, m2, r, v;
  ball_from_decimal(pb, p, "--p", prec);
  mu2_ball(m2, z, prec);
  arb_set_si(r, n);
  arb_div_si(r, r, d, prec);
  Json j;
  put_certified(j, "mu_z_squared", m2, digits);
  put_identity_pair(j, "risk", "risk_d_infinity", v, n, d, r, pb, m2, s, digits, prec);
  r_gauss_ball(v, r, prec);
  put_certified(j, "r_gauss", v, digits);
  j["evidence"] = "proved-ball";
  j["evidence_note"] = kBallNote;
  return j;
}

namespace {
// Sign of the d → ∞ gap L_id − L_rot decided by its ball, or by the structural
// identity μ_z² = 2/π (Gaussian nonzeros) where the gap is exactly 0.
struct Winner {
  std::string winner, evidence;
};
Winner decide_winner(const arb_t gap, const arb_t p, Sign0 s, NonzeroLaw z) {
  if (arb_is_positive(gap)) return {"rotation", "proved-ball"};
  if (arb_is_negative(gap)) return {"identity", "proved-ball"};
  // Gaussian z: gap = 2/π − μ² = 0 (zero), or 0 exactly at p = 1 (plus, random).
  if (structural_gaussian(z) && (s == Sign0::zero || arb_is_one(p)))
    return {"tie", "proved-exact (structural: mu_z^2 = 2/pi for Gaussian nonzeros)"};
  return {"undecided", "the gap ball contains 0"};
}
}  // namespace

Json certified_critical_sparsity(NonzeroLaw z, Sign0 s, int digits) {
  const long prec = bits_for_digits(digits);
  Json j;
  Ball m2;
  mu2_ball(m2, z, prec);
  put_certified(j, "mu_z_squared", m2, digits);
  if (s == Sign0::zero) {
    // L_id − R_Gauss = r(2/π − μ²) for every p.
    Ball gap, p1;
    arb_one(p1);
    gap_ball(gap, p1, m2, s, prec);
    const Winner w = decide_winner(gap, p1, s, z);
    if (w.winner == "undecided") throw std::invalid_argument("cannot decide 2/pi vs mu_z^2 at " + std::to_string(prec) + " bits");
    j["identity_always_better"] = w.winner == "identity";
    j["evidence"] = w.evidence;
    j["evidence_note"] = "sign of 2/pi - mu_z^2 decided by its ball";
    return j;
  }
  Ball root, one;
  const CertifiedRoot c = critical_sparsity_ball(root, z, s, prec);
  if (!c.proved) throw std::invalid_argument("p* not certified: " + c.reason);
  put_certified(j, "p_star", root, digits);
  j["p_star_bracket"] = {{"lo", c.lo}, {"hi", c.hi}};
  j["p_star_proof"] = "L_id(p) - R_Gauss > 0 at lo, < 0 at hi (balls at exact dyadic endpoints) and d/dp (L_id - R_Gauss) < 0 "
                      "on [lo, hi] (ball): exactly one root, in [lo, hi]";
  arb_one(one);
  if (arb_lt(root, one)) j["transition"] = true, j["transition_evidence"] = "proved-ball";
  else if (arb_ge(root, one)) j["transition"] = false, j["transition_evidence"] = "proved-ball";
  else if (structural_gaussian(z)) j["transition"] = false, j["transition_evidence"] = "proved-exact (structural: p* = 1 exactly for Gaussian nonzeros)";
  else throw std::invalid_argument("cannot decide p* < 1 at " + std::to_string(prec) + " bits");
  j["evidence"] = "proved-ball";
  j["evidence_note"] = kBallNote;
  return j;
}

Json certified_phase_table(const std::string& rate, int n, int d, const std::vector<std::string>& p_grid, Sign0 s,
                           NonzeroLaw z, int digits) {
  (void)rate;  // the rate that enters is n/d exactly
  const long prec = bits_for_digits(digits);
  Ball m2, r, rot;
  mu2_ball(m2, z, prec);
  arb_set_si(r, n);
  arb_div_si(r, r, d, prec);
  r_gauss_ball(rot, r, prec);
  Json doc;
  put_certified(doc, "mu_z_squared", m2, digits);
  put_certified(doc, "L_rot", rot, digits);
  if (s != Sign0::zero) {
    Ball root;
    const CertifiedRoot c = critical_sparsity_ball(root, z, s, prec);
    if (!c.proved) throw std::invalid_argument("p* not certified: " + c.reason);
    put_certified(doc, "p_star", root, digits);
    doc["p_star_bracket"] = {{"lo", c.lo}, {"hi", c.hi}};
  }
  doc["evidence"] = "proved-ball";
  doc["evidence_note"] = std::string(kBallNote) + "; GD verdicts, when run, are not certified";
  Json rows = Json::array();
  for (const std::string& text : p_grid) {
    Ball p, v, lim;
    ball_from_decimal(p, text, "--p-grid entry", prec);
    Json row;
    put_certified(row, "L_rot", rot, digits);
    put_identity_pair(row, "L_id_exact_d", "L_id_d_infinity", lim, n, d, r, p, m2, s, digits, prec);
    arb_sub(v, lim, rot, prec);
    const Winner w = decide_winner(v, p, s, z);
    row["predicted_winner_d_infinity"] = w.winner;
    row["predicted_winner_evidence"] = w.evidence;
    rows.push_back(row);
  }
  return Json{{"document", doc}, {"rows", rows}};
}

}  // namespace ael::sign
