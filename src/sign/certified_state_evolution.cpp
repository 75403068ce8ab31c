// Certified state evolution (docs/sign.md, "Fixed point" and "Entry into X"):
// the fixed point of the state-evolution map proved unique by an interval
// contraction, the recursion from the given start proved to enter the
// contraction interval, and the `sign state-evolution --certify` fragment. The
// ball kernels it uses (the map F and F') are in certified_denoiser.cpp; the
// declarations are in certified_denoiser.hpp.
#include "sign/certified_denoiser.hpp"

#include "core/ball_io.hpp"
#include "core/errors.hpp"
#include "core/progress.hpp"
#include "sign/certified_closed_forms.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace ael::sign {

namespace {
constexpr int kCertifiedLayersDefault = 10;
// Precision (bits) of the derivative enclosures and of the coarse iteration: F' is
// only needed to a few bits for the proof and to ≈ 60 bits for the Newton steps.
constexpr long kDerivativePrec = 64;
// Entry into the wide interval (docs/sign.md, "Entry into X"): at most kEntryCap layers, midpoints at
// kEntryPrec bits (the interval is at least 2^-24 relative wide, the mean value form keeps radii small).
constexpr int kEntryCap = 200;
constexpr long kEntryPrec = 96;

// −log2 of |x|/|y| from the midpoints (x = 0 gives `cap`); heuristics only.
long accuracy_bits(const arb_t x, const arb_t y, long cap) {
  if (arf_is_zero(arb_midref(x))) return cap;
  const long e = arf_abs_bound_lt_2exp_si(arb_midref(x)) - arf_abs_bound_lt_2exp_si(arb_midref(y));
  return std::min(cap, std::max(0L, -e - 1));
}
}  // namespace

namespace {
// Checks (i) and (iii) of the theorem (docs/sign.md, "Fixed point") on X = c ± eps, with Fc ∋ F(c);
// D, dm receive F'(X), m'(X).
bool contracts_into_itself(arb_t X, arb_t D, arb_t dm, const arb_t c, const arb_t Fc, const mag_t eps, const arb_t r, const arb_t p,
                           long prec) {
  Ball absD, one, dX, M;
  arb_one(one.get());
  arb_set(X, c);
  mag_set(arb_radref(X), eps);
  arb_zero(dX.get());
  arb_add_error_mag(dX.get(), eps);  // X − c
  state_evolution_map_derivative_ball(D, dm, X, r, p, kDerivativePrec);
  arb_abs(absD.get(), D);
  arb_mul(M.get(), D, dX.get(), prec);
  arb_add(M.get(), M.get(), Fc, prec);
  return arb_lt(absD.get(), one.get()) && arb_contains_interior(X, M.get());
}
}  // namespace

SeFixedPoint certify_se_fixed_point(const arb_t r, const arb_t pb, const arb_t start, long prec) {
  SeFixedPoint fp;
  // 1. Approximate fixed point c of F (never trusted; step 2 measures it):
  //    a. the recursion on midpoints at kDerivativePrec bits until the relative step is 2^-20;
  //    b. Newton steps c ← c − (F(c) − c)/(F'(c) − 1), F at a precision that doubles with the
  //       accuracy reached, F' at kDerivativePrec bits, until |F(c) − c| ≤ 2^-(prec − 24) c.
  Ball c, Fc, m, g1, next, D, dm, step;
  arb_ptr resid = fp.resid.get();
  arb_set(c.get(), start);
  int t = 0;
  for (t = 1;; ++t) {
    if (t > 5000) throw std::invalid_argument("state evolution did not settle in 5000 layers");
    heartbeat("certified state evolution: approximate fixed point");
    try {
      state_evolution_step_ball(m.get(), g1.get(), next.get(), c.get(), r, pb, kDerivativePrec);
    } catch (const std::domain_error&) {  // a step the 64-bit balls do not decide: more bits
      state_evolution_step_ball(m.get(), g1.get(), next.get(), c.get(), r, pb, prec);
    }
    arb_get_mid_arb(next.get(), next.get());
    arb_sub(resid, next.get(), c.get(), kDerivativePrec);
    arb_swap(c.get(), next.get());
    if (accuracy_bits(resid, c.get(), 64) >= 20) break;
  }
  long acc = 20;
  int newton = 0;
  for (newton = 0;; ++newton) {
    const long P = std::min(prec, 2 * acc + 40);
    heartbeat("certified state evolution: Newton steps");
    state_evolution_step_ball(m.get(), g1.get(), Fc.get(), c.get(), r, pb, P);
    arb_sub(resid, Fc.get(), c.get(), P);
    acc = std::max(acc, accuracy_bits(resid, c.get(), prec));
    if (P == prec && (acc >= prec - 24 || newton >= 12)) break;  // Fc, m belong to this c
    state_evolution_map_derivative_ball(D.get(), dm.get(), c.get(), r, pb, kDerivativePrec);
    arb_sub_ui(D.get(), D.get(), 1, kDerivativePrec);
    arb_div(step.get(), resid, D.get(), P);
    arb_sub(c.get(), c.get(), step.get(), P);
    arb_get_mid_arb(c.get(), c.get());
  }
  fp.approximate_layers = t;
  fp.newton_steps = newton;
  // 2. Proof on X = [c − ε, c + ε] (docs/sign.md, "Fixed point"): with D ⊇ F'(X),
  //    - |D| < 1 certified: F is a contraction on X, so G = F − id is strictly decreasing
  //      there and F has at most one fixed point in X;
  //    - N = c − (F(c) − c)/(D − 1) ⊂ int X (interval Newton): G changes sign on X, so the
  //      fixed point exists, is unique in X, and lies in N;
  //    - F(c) + D·(X − c) ⊂ int X (mean value form): F(X) ⊂ X, so the recursion started
  //      anywhere in X stays in X and converges to it.
  mag_t eps, m2;
  mag_init(eps), mag_init(m2);
  arb_get_mag(eps, resid);
  mag_mul_2exp_si(eps, eps, 6);
  arb_get_mag(m2, c.get());
  mag_mul_2exp_si(m2, m2, -prec + 24);
  mag_add(eps, eps, m2);
  bool proved = false;
  for (int attempt = 0; attempt < 4 && !proved; ++attempt, mag_mul_2exp_si(eps, eps, 4)) {  // widen ε ×16 if needed
    try {
      if (!contracts_into_itself(fp.X.get(), fp.D.get(), dm.get(), c.get(), Fc.get(), eps, r, pb, prec)) continue;
    } catch (const std::domain_error&) {  // F' not enclosed on X at these bits: not proved on X
      continue;
    }
    arb_sub_ui(step.get(), fp.D.get(), 1, prec);
    arb_div(fp.N.get(), resid, step.get(), prec);
    arb_sub(fp.N.get(), c.get(), fp.N.get(), prec);
    proved = arb_contains_interior(fp.X.get(), fp.N.get());
  }
  if (!proved) {
    mag_clear(eps), mag_clear(m2);
    throw std::invalid_argument("state evolution: the fixed point was not certified at " + std::to_string(prec) +
                                " bits (need |F'| < 1 on X, the Newton image and F(X) inside X)");
  }
  // m at the fixed point x* ∈ N: m(x*) ∈ m(c) + m'(X)·(N − c) (mean value theorem, N ⊂ X).
  arb_sub(step.get(), fp.N.get(), c.get(), prec);
  arb_mul(step.get(), step.get(), dm.get(), prec);
  arb_add(fp.mse.get(), m.get(), step.get(), prec);
  // 3. The wide interval (docs/sign.md, "Entry into X"): the widest c ± c·2^-k, k = 2, 3, ..., 24,
  //    with (i) and (iii); it contains X, so x* is its only fixed point and F contracts it into itself.
  arb_set(fp.wide.get(), fp.X.get());
  arb_set(fp.wide_D.get(), fp.D.get());
  arb_set(fp.wide_dm.get(), dm.get());
  for (int k = 2; k <= 24; k += (k < 8 ? 1 : 4)) {
    heartbeat("certified state evolution: entry interval");
    arb_get_mag(m2, c.get());
    mag_mul_2exp_si(m2, m2, -k);
    if (mag_cmp(m2, eps) <= 0) break;
    Ball W, WD, Wdm;
    bool ok = false;
    try {
      ok = contracts_into_itself(W.get(), WD.get(), Wdm.get(), c.get(), Fc.get(), m2, r, pb, prec);
    } catch (const std::domain_error&) {  // e.g. v = 1/γ2 not certified in (0, 1) on so wide a ball
    }
    if (ok) {
      arb_swap(fp.wide.get(), W.get()), arb_swap(fp.wide_D.get(), WD.get()), arb_swap(fp.wide_dm.get(), Wdm.get());
      break;
    }
  }
  mag_clear(eps), mag_clear(m2);
  return fp;
}

SeEntry se_enter_interval(const arb_t interval, const arb_t r, const arb_t p, const arb_t start, int cap, long prec) {
  // Each layer: γ2_t = F(γ2_{t−1}). From an exact (radius-0) ball, F on the ball; otherwise the mean
  // value form F(B) ⊂ F(mid B) + F'(B)(B − mid B), m(B) ⊂ m(mid B) + m'(B)(B − mid B) (radii shrink
  // like |F'|), or F on the ball when the derivative ball is not available.
  SeEntry e;
  e.gamma2.emplace_back(Ball());
  arb_set(e.gamma2.back().get(), start);
  for (int t = 0;; ++t) {
    heartbeat("certified state evolution: entry into the certified interval", t, cap);
    arb_srcptr B = e.gamma2.back().get();
    if (e.entered < 0 && arb_contains(interval, B)) e.entered = t;
    if (e.entered < 0 && t == cap) break;
    Ball m, g1, next;
    bool done = false;
    if (!mag_is_zero(arb_radref(B))) {
      try {
        Ball mid, dF, dm, dB, Fm, mm;
        arb_get_mid_arb(mid.get(), B);
        state_evolution_map_derivative_ball(dF.get(), dm.get(), B, r, p, kDerivativePrec);
        state_evolution_step_ball(mm.get(), g1.get(), Fm.get(), mid.get(), r, p, prec);
        arb_sub(dB.get(), B, mid.get(), prec);
        arb_mul(next.get(), dF.get(), dB.get(), prec);
        arb_add(next.get(), next.get(), Fm.get(), prec);
        arb_mul(m.get(), dm.get(), dB.get(), prec);
        arb_add(m.get(), m.get(), mm.get(), prec);
        done = true;
      } catch (const std::domain_error&) {
      }
    }
    if (!done) {
      try {
        state_evolution_step_ball(m.get(), g1.get(), next.get(), B, r, p, prec);
      } catch (const std::domain_error&) {  // the balls no longer decide a step: no entry claimed
        e.entered = -1;
        break;
      }
    }
    e.mse.push_back(std::move(m));
    e.gamma2.push_back(std::move(next));
    if (e.entered >= 0) break;  // γ2 one layer after entry, for the direction of the sequence
  }
  return e;
}

Json certified_state_evolution(const std::string& rate, const std::string& p, int layers, const std::string& gamma2_start,
                               int digits, bool partial) {
  const long prec = ball_bits_for_digits(digits) + 32;
  Ball r, pb, g2, m, g1, next, start;
  ball_from_decimal(r.get(), rate, "rate", prec);
  ball_from_decimal(pb.get(), p, "p", prec);
  ball_from_decimal(start.get(), gamma2_start, "start", prec);
  if (arb_is_one(pb.get()))
    throw ParameterError("p", "@certify needs @p < 1: at p = 1 the recursion is stationary at 1 - 2r/pi (docs/sign.md §4.2), "
                                "see sign gaussian-risk with @certify");
  // 1. Layer balls from the exact start. The naive ball recursion widens the
  //    radius by about 2^4 per layer (measured), so it carries 6 extra bits per layer.
  const int rows_wanted = layers > 0 ? layers : kCertifiedLayersDefault;
  const long row_prec = prec + 6L * rows_wanted;
  Json rows = Json::array();
  arb_set(g2.get(), start.get());
  for (int t = 1; t <= rows_wanted; ++t) {
    heartbeat("certified state evolution layer", t, rows_wanted);
    state_evolution_step_ball(m.get(), g1.get(), next.get(), g2.get(), r.get(), pb.get(), row_prec);
    Json row;
    row["layer"] = t;
    put_certified(row, "mse", m.get(), digits, partial);
    rows.push_back(row);
    arb_swap(g2.get(), next.get());
  }
  // 2. The fixed point, and 3. entry of the recursion from the start into the wide interval.
  const SeFixedPoint fp = certify_se_fixed_point(r.get(), pb.get(), start.get(), prec);
  const SeEntry entry = se_enter_interval(fp.wide.get(), r.get(), pb.get(), start.get(), kEntryCap, kEntryPrec);
  Json j;
  j["mse_by_layer"] = rows;
  if (layers <= 0)
    j["mse_by_layer_note"] = "certified without a layer count: balls for the first " + std::to_string(kCertifiedLayersDefault) +
                             " layers; give a layer count for more";
  put_certified(j, "fixed_point", fp.mse.get(), digits, partial);
  put_rate_references(j, r.get(), digits, prec);
  j["fixed_point_gamma2_ball"] = ball_json(fp.N.get(), digits);
  j["fixed_point_map_derivative_ball"] = ball_json(fp.D.get(), 16);
  j["fixed_point_proof"] = "F(gamma2) = next gamma2 of docs/sign.md §4.2; on X = " + ball_json(fp.X.get(), digits).dump() +
                           " the ball F'(X) = fixed_point_map_derivative_ball has |F'| < 1 and the interval Newton image "
                           "and F(c) + F'(X)(X - c) lie in the interior of X: F has exactly one fixed point in X, it lies in "
                           "fixed_point_gamma2_ball, F maps X into X and contracts it; fixed_point_ball is m = mmse(p, 1/gamma1) "
                           "there (mean value form)";
  j["certified_interval"] = ball_json(fp.wide.get(), 16);
  j["certified_interval_map_derivative_ball"] = ball_json(fp.wide_D.get(), 16);
  if (entry.entered >= 0) {
    j["enters_certified_interval_at_layer"] = entry.entered;
    j["convergence_proof"] = "F maps certified_interval into its interior and |F'| < 1 there (so X's fixed point is its only "
                             "one); the ball of gamma2 after enters_certified_interval_at_layer layers from the start lies in "
                             "it, so the exact recursion stays there and m_t converges to fixed_point_ball (docs/sign.md, "
                             "Entry into X)";
  } else {
    j["enters_certified_interval_at_layer"] = nullptr;
    j["convergence_proof"] = "not proved: the ball of gamma2 did not enter certified_interval within " + std::to_string(kEntryCap) +
                             " layers; fixed_point_ball is the unique fixed point in X, convergence from the start is not proved";
  }
  j["approximate_fixed_point_layers"] = fp.approximate_layers;  // coarse midpoint layers before Newton
  j["newton_steps"] = fp.newton_steps;
  j["evidence"] = "proved-ball";
  j["evidence_note"] = "mse_ball per layer contains m_t of the exact recursion for the exact decimal inputs (rigorous "
                       "quadrature of J, of the MMSE and of their derivatives, docs/sign.md Certified results)";
  j["certified_precision_bits"] = prec;
  return j;
}

}  // namespace ael::sign
