#include "sign/certified_closed_forms.hpp"

#include "core/ball_io.hpp"
#include "core/errors.hpp"

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
  arb_const_pi(pi.get(), prec);
  arb_mul_2exp_si(out, r, 1);
  arb_div(out, out, pi.get(), prec);
  arb_sub_ui(out, out, 1, prec);
  arb_neg(out, out);
}

void r_tight_frame_ball(arb_t out, const arb_t r, long prec) {  // (π − 2)/(π − 2 + 2r)
  Ball num, den;
  arb_const_pi(num.get(), prec);
  arb_sub_ui(num.get(), num.get(), 2, prec);
  arb_mul_2exp_si(den.get(), r, 1);
  arb_add(den.get(), den.get(), num.get(), prec);
  arb_div(out, num.get(), den.get(), prec);
}

void shannon_ball(arb_t out, const arb_t r, long prec) {  // 2^(−2r)
  Ball e, two;
  arb_mul_2exp_si(e.get(), r, 1);
  arb_neg(e.get(), e.get());
  arb_set_ui(two.get(), 2);
  arb_pow(out, two.get(), e.get(), prec);
}

void put_rate_references(Json& j, const arb_t r, int digits, long prec) {
  Ball v;
  r_gauss_ball(v.get(), r, prec);
  put_certified(j, "r_gauss", v.get(), digits);
  shannon_ball(v.get(), r, prec);
  put_certified(j["benchmarks"], "shannon_D", v.get(), digits);
}

void identity_risk_exact_ball(arb_t out, int n, int d, const arb_t p, const arb_t mu2, Sign0 s, long prec) {
  Ball r, t;
  arb_set_si(r.get(), n);
  arb_div_si(r.get(), r.get(), d, prec);
  switch (s) {
    case Sign0::zero:  // 1 − r μ²
      arb_mul(t.get(), r.get(), mu2, prec);
      break;
    case Sign0::random:  // 1 − r p μ²
      arb_mul(t.get(), r.get(), p, prec);
      arb_mul(t.get(), t.get(), mu2, prec);
      break;
    case Sign0::plus: {  // 1 − (p μ²/d)[(n−1)/base + 1/(base + n q²)], base = p(2−p), q = 1−p
      Ball q, base, a, b;
      arb_sub_ui(q.get(), p, 1, prec);  // −q; only q² enters
      arb_sqr(q.get(), q.get(), prec);
      arb_mul_si(q.get(), q.get(), n, prec);
      arb_sub_ui(base.get(), p, 2, prec);
      arb_mul(base.get(), base.get(), p, prec);
      arb_neg(base.get(), base.get());
      arb_set_si(a.get(), n - 1);
      arb_div(a.get(), a.get(), base.get(), prec);
      arb_add(b.get(), base.get(), q.get(), prec);
      arb_inv(b.get(), b.get(), prec);
      arb_add(a.get(), a.get(), b.get(), prec);
      arb_mul(t.get(), p, mu2, prec);
      arb_div_si(t.get(), t.get(), d, prec);
      arb_mul(t.get(), t.get(), a.get(), prec);
      break;
    }
  }
  arb_sub_ui(out, t.get(), 1, prec);
  arb_neg(out, out);
}

void identity_risk_limit_ball(arb_t out, const arb_t r, const arb_t p, const arb_t mu2, Sign0 s, long prec) {
  Ball t;
  arb_mul(t.get(), r, mu2, prec);
  if (s == Sign0::random) arb_mul(t.get(), t.get(), p, prec);
  if (s == Sign0::plus) {  // r μ²/(2 − p)
    Ball den;
    arb_sub_ui(den.get(), p, 2, prec);
    arb_neg(den.get(), den.get());
    arb_div(t.get(), t.get(), den.get(), prec);
  }
  arb_sub_ui(out, t.get(), 1, prec);
  arb_neg(out, out);
}

void near_identity_risk_ball(arb_t out, const arb_t r, const arb_t p, const arb_t mu2, long prec) {
  Ball q, c, t;
  arb_sub_ui(q.get(), p, 1, prec);  // −(1 − p); only its square enters
  arb_sqr(q.get(), q.get(), prec);
  arb_const_pi(c.get(), prec);
  arb_ui_div(c.get(), 2, c.get(), prec);
  arb_mul(q.get(), q.get(), c.get(), prec);
  arb_mul(t.get(), p, mu2, prec);
  arb_add(t.get(), t.get(), q.get(), prec);
  arb_mul(t.get(), t.get(), r, prec);
  arb_sub_ui(out, t.get(), 1, prec);
  arb_neg(out, out);
}

namespace {
// L_id(p) − R_Gauss at r = 1 (the gap is r times this at rate r; only its sign matters).
void gap_ball(arb_t out, const arb_t p, const arb_t mu2, Sign0 s, long prec) {
  Ball one, rg;
  arb_one(one.get());
  identity_risk_limit_ball(out, one.get(), p, mu2, s, prec);
  r_gauss_ball(rg.get(), one.get(), prec);
  arb_sub(out, out, rg.get(), prec);
}

// d/dp of the gap, by hand: −μ²/(2−p)² (plus), −μ² (random).
void gap_derivative_ball(arb_t out, const arb_t p, const arb_t mu2, Sign0 s, long prec) {
  if (s == Sign0::random) {
    arb_neg(out, mu2);
    return;
  }
  Ball den;
  arb_sub_ui(den.get(), p, 2, prec);
  arb_sqr(den.get(), den.get(), prec);
  arb_div(out, mu2, den.get(), prec);
  arb_neg(out, out);
}

std::string exact_dyadic_decimal(const arf_t x) {
  Ball b;
  arb_set_arf(b.get(), x);
  // A dyadic rational with k fractional bits has at most k fractional decimal digits.
  return mid_decimal(b.get(), static_cast<int>(arf_bits(x)) + 40);
}

bool structural_gaussian(NonzeroLaw z) { return z == NonzeroLaw::gaussian; }
}  // namespace

CertifiedRoot critical_sparsity_ball(arb_t out, NonzeroLaw z, Sign0 s, long prec) {
  if (s == Sign0::zero) throw std::logic_error("critical_sparsity_ball: no p dependence under sign0 = zero");
  CertifiedRoot res;
  Ball m2, pi, guess;
  mu2_ball(m2.get(), z, prec);
  arb_const_pi(pi.get(), prec);
  // Approximate root from the closed form (only its midpoint is used).
  if (s == Sign0::plus) {  // 2 − (π/2) μ²
    arb_mul(guess.get(), pi.get(), m2.get(), prec);
    arb_mul_2exp_si(guess.get(), guess.get(), -1);
    arb_sub_ui(guess.get(), guess.get(), 2, prec);
    arb_neg(guess.get(), guess.get());
  } else {  // 2/(π μ²)
    arb_mul(guess.get(), pi.get(), m2.get(), prec);
    arb_ui_div(guess.get(), 2, guess.get(), prec);
  }
  arf_t lo, hi, delta;
  arf_init(lo), arf_init(hi), arf_init(delta);
  arf_one(delta);
  arf_mul_2exp_si(delta, delta, -(prec - 24));
  arf_sub(lo, arb_midref(guess.get()), delta, prec + 64, ARF_RND_DOWN);
  arf_add(hi, arb_midref(guess.get()), delta, prec + 64, ARF_RND_UP);
  Ball glo, ghi, bracket, deriv, plo, phi;
  arb_set_arf(plo.get(), lo);
  arb_set_arf(phi.get(), hi);
  gap_ball(glo.get(), plo.get(), m2.get(), s, prec);
  gap_ball(ghi.get(), phi.get(), m2.get(), s, prec);
  arb_union(bracket.get(), plo.get(), phi.get(), prec + 64);
  gap_derivative_ball(deriv.get(), bracket.get(), m2.get(), s, prec);
  res.lo = exact_dyadic_decimal(lo);
  res.hi = exact_dyadic_decimal(hi);
  if (s == Sign0::plus && !(arf_cmp_si(hi, 2) < 0)) res.reason = "bracket reaches p = 2 where L_id (plus) is undefined";
  else if (!arb_is_positive(glo.get())) res.reason = "gap at the lower endpoint not certified positive at " + std::to_string(prec) + " bits";
  else if (!arb_is_negative(ghi.get())) res.reason = "gap at the upper endpoint not certified negative at " + std::to_string(prec) + " bits";
  else if (!arb_is_negative(deriv.get())) res.reason = "derivative on the bracket not certified negative at " + std::to_string(prec) + " bits";
  else res.proved = true;
  arb_set(out, bracket.get());
  arf_clear(lo), arf_clear(hi), arf_clear(delta);
  return res;
}

// ---- JSON fragments --------------------------------------------------------

namespace {
// The identity encoder's exact finite-d risk and its d → ∞ limit (returned in `limit`).
void put_identity_pair(Json& j, const char* exact_key, const char* limit_key, arb_t limit, int n, int d, const arb_t r,
                       const arb_t p, const arb_t m2, Sign0 s, int digits, long prec) {
  Ball v;
  identity_risk_exact_ball(v.get(), n, d, p, m2, s, prec);
  put_certified(j, exact_key, v.get(), digits);
  identity_risk_limit_ball(limit, r, p, m2, s, prec);
  put_certified(j, limit_key, limit, digits);
}

const char* kBallNote = "each *_ball {mid, rad} provably contains the exact value for the exact decimal input "
                        "(Arb ball arithmetic; docs/sign.md, Certified results)";

}  // namespace

Json certified_gaussian_risk(const std::string& rate, int digits) {
  const long prec = ball_bits_for_digits(digits);
  Ball r, risk, d, one;
  ball_from_decimal(r.get(), rate, "rate", prec);
  arb_one(one.get());
  // A decimal rate is a ball of radius < 2^-prec around its exact value: it
  // straddles 1 only if it is exactly 1 (then the ball is exact).
  if (arb_le(r.get(), one.get())) r_gauss_ball(risk.get(), r.get(), prec);
  else if (arb_gt(r.get(), one.get())) r_tight_frame_ball(risk.get(), r.get(), prec);
  else throw ParameterError("rate", "@rate: cannot decide r <= 1 at " + std::to_string(prec) + " bits");
  Json j;
  put_certified(j, "risk", risk.get(), digits);
  shannon_ball(d.get(), r.get(), prec);
  Json b;
  put_certified(b, "shannon_D", d.get(), digits);
  j["benchmarks"] = b;
  j["evidence"] = "proved-ball";
  j["evidence_note"] = kBallNote;
  return j;
}

Json certified_identity_risk(int n, int d, const std::string& p, Sign0 s, NonzeroLaw z, int digits) {
  const long prec = ball_bits_for_digits(digits);
  Ball pb, m2, r, v;
  ball_from_decimal(pb.get(), p, "p", prec);
  mu2_ball(m2.get(), z, prec);
  arb_set_si(r.get(), n);
  arb_div_si(r.get(), r.get(), d, prec);
  Json j;
  put_certified(j, "mu_z_squared", m2.get(), digits);
  put_identity_pair(j, "risk", "risk_d_infinity", v.get(), n, d, r.get(), pb.get(), m2.get(), s, digits, prec);
  r_gauss_ball(v.get(), r.get(), prec);
  put_certified(j, "r_gauss", v.get(), digits);
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
  const long prec = ball_bits_for_digits(digits);
  Json j;
  Ball m2;
  mu2_ball(m2.get(), z, prec);
  put_certified(j, "mu_z_squared", m2.get(), digits);
  if (s == Sign0::zero) {
    // L_id − R_Gauss = r(2/π − μ²) for every p.
    Ball gap, p1;
    arb_one(p1.get());
    gap_ball(gap.get(), p1.get(), m2.get(), s, prec);
    const Winner w = decide_winner(gap.get(), p1.get(), s, z);
    if (w.winner == "undecided") throw std::invalid_argument("cannot decide 2/pi vs mu_z^2 at " + std::to_string(prec) + " bits");
    j["identity_always_better"] = w.winner == "identity";
    j["evidence"] = w.evidence;
    j["evidence_note"] = w.winner == "tie" ? "2/pi - mu_z^2 = 0 exactly (E|z| = sqrt(2/pi) for Gaussian z); its ball contains 0 and decides nothing"
                                           : "sign of 2/pi - mu_z^2 decided by its ball";
    return j;
  }
  Ball root, one;
  const CertifiedRoot c = critical_sparsity_ball(root.get(), z, s, prec);
  if (!c.proved) throw std::invalid_argument("p* not certified: " + c.reason);
  put_certified(j, "p_star", root.get(), digits);
  j["p_star_bracket"] = {{"lo", c.lo}, {"hi", c.hi}};
  j["p_star_proof"] = "L_id(p) - R_Gauss > 0 at lo, < 0 at hi (balls at exact dyadic endpoints) and d/dp (L_id - R_Gauss) < 0 "
                      "on [lo, hi] (ball): exactly one root, in [lo, hi]";
  arb_one(one.get());
  if (arb_lt(root.get(), one.get())) j["transition"] = true, j["transition_evidence"] = "proved-ball";
  else if (arb_ge(root.get(), one.get())) j["transition"] = false, j["transition_evidence"] = "proved-ball";
  else if (structural_gaussian(z)) j["transition"] = false, j["transition_evidence"] = "proved-exact (structural: p* = 1 exactly for Gaussian nonzeros)";
  else throw std::invalid_argument("cannot decide p* < 1 at " + std::to_string(prec) + " bits");
  j["evidence"] = "proved-ball";
  j["evidence_note"] = kBallNote;
  return j;
}

Json certified_phase_table(const std::string& rate, int n, int d, const std::vector<std::string>& p_grid, Sign0 s,
                           NonzeroLaw z, int digits) {
  (void)rate;  // the rate that enters is n/d exactly
  const long prec = ball_bits_for_digits(digits);
  Ball m2, r, rot;
  mu2_ball(m2.get(), z, prec);
  arb_set_si(r.get(), n);
  arb_div_si(r.get(), r.get(), d, prec);
  r_gauss_ball(rot.get(), r.get(), prec);
  Json doc;
  put_certified(doc, "mu_z_squared", m2.get(), digits);
  put_certified(doc, "L_rot", rot.get(), digits);
  if (s != Sign0::zero) {
    Ball root;
    const CertifiedRoot c = critical_sparsity_ball(root.get(), z, s, prec);
    if (!c.proved) throw std::invalid_argument("p* not certified: " + c.reason);
    put_certified(doc, "p_star", root.get(), digits);
    doc["p_star_bracket"] = {{"lo", c.lo}, {"hi", c.hi}};
    doc["p_star_bisection_evidence"] = "estimate: an MPFR cross-check (bisection of L_id - R_Gauss), not proved; "
                                       "the proved enclosure of p* is p_star_ball";
  }
  doc["evidence"] = "proved-ball";
  doc["evidence_note"] = std::string(kBallNote) + "; GD verdicts, when run, are not certified";
  Json rows = Json::array();
  for (const std::string& text : p_grid) {
    Ball p, v, lim;
    ball_from_decimal(p.get(), text, "p_grid", prec);
    Json row;
    put_certified(row, "L_rot", rot.get(), digits);
    put_identity_pair(row, "L_id_exact_d", "L_id_d_infinity", lim.get(), n, d, r.get(), p.get(), m2.get(), s, digits, prec);
    arb_sub(v.get(), lim.get(), rot.get(), prec);
    const Winner w = decide_winner(v.get(), p.get(), s, z);
    row["predicted_winner_d_infinity"] = w.winner;
    row["predicted_winner_evidence"] = w.evidence;
    if (s == Sign0::plus) {
      near_identity_risk_ball(v.get(), r.get(), p.get(), m2.get(), prec);
      put_certified(row, "L_near_identity_heuristic", v.get(), digits);
    }
    rows.push_back(row);
  }
  return Json{{"document", doc}, {"rows", rows}};
}

}  // namespace ael::sign
