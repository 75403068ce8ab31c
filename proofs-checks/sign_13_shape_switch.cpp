// SA-13: the GD minimizer's shape switches at p* (docs/sign.md §2.6, §6 S2). Family:
// Rademacher nonzeros, sign0 plus, p* = 2 − π/2 ≈ 0.429; Gaussian nonzeros as
// the no-switch control (p* = 1). GD is the §5.4(b) smoothed-sign trainer
// (stochastic bits, β 1 → 30, 1200 steps, N = 2048, η = 2d/n) at d = 32, r = 1/2,
// scored with the hard sign, sign0 plus, A*(B) from 20000-sample moments and an
// independent 20000-sample Monte-Carlo risk. Small sizes keep it near 15 s;
// "near min(L_rot, L_id)" uses a declared finite-size allowance of 0.02.
#include "sign/smooth_train.hpp"
#include "sign_instances.hpp"

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

namespace {
constexpr int kD = 32, kN = 16;
constexpr double kAllowance = 0.02;  // finite-size (d = 32) and finite-β allowance on the loss [project]

struct Run {
  HardEvaluation e;
  std::string label;
};

Run train_and_score(double p, NonzeroLaw z, Start start, std::uint64_t seed) {
  SmoothTrainOptions o;
  o.d = kD, o.n = kN, o.p = p, o.nonzero = z, o.start = start, o.seed = seed, o.threads = 2, o.trace_every = o.steps;
  const SmoothTrainResult res = train_smoothed(o);
  Run r{evaluate_hard(res.B, DataLaw{p, z}, Sign0::plus, 20000, 20000, seed, 2), ""};
  r.label = std::string(" (") + nonzero_name(z) + ", p = " + to_decimal(p, 2) + ", start " + start_name(start) +
            "; mean peak " + to_decimal(r.e.shape.mean_peak, 3) + ", max peak " + to_decimal(r.e.shape.max_peak, 3) +
            ", IPR " + to_decimal(r.e.shape.mean_ipr, 3) + " vs 3/d " + to_decimal(3.0 / kD, 3) + ", signed-perm distance " +
            to_decimal(r.e.perm_distance, 3) + ", R " + to_decimal(r.e.mc.mean, 4) + " +- " + to_decimal(r.e.mc.se, 1) + ")";
  return r;
}

void delocalized(Outcome& out, const Run& r) {
  out.require("rotation-like verdict" + r.label, std::string(switch_verdict(r.e.shape, kD)) == "rotation-like");
  out.require("mean IPR <= 10/d" + r.label, r.e.shape.mean_ipr <= 10.0 / kD);
}
}  // namespace

AEL_CLAIM("SA-13", "[paper]", "GD shape switch at p* (Rademacher, plus, d = 32, r = 1/2, smoothed-sign GD 5.4b): rotation-like at p = 0.2 even from an identity start, identity-like at p = 0.8 even from a rotation start, loss near min(L_rot, L_id); Gaussian z: no switch") {
  out.statistical();  // its agreements are Monte-Carlo estimates within kSigmas standard errors
  const double r = double(kN) / kD, lo = 0.2, hi = 0.8, rot = r_gauss<double>(r);
  const double m2 = mu2<double>(NonzeroLaw::rademacher);
  const auto c = critical_sparsity<double>(m2, Sign0::plus);
  out.require("p* = " + to_decimal(c.p_star, 6) + " lies in (0.2, 0.8)", c.transition && lo < c.p_star && c.p_star < hi);
  const double id_lo = identity_risk_exact<double>(kN, kD, lo, m2, Sign0::plus), id_hi = identity_risk_exact<double>(kN, kD, hi, m2, Sign0::plus);

  // Below p*: delocalized from a random start and from a perturbed identity (the identity is unstable).
  for (Start start : {Start::random, Start::identity}) {
    const Run b = train_and_score(lo, NonzeroLaw::rademacher, start, ctx.seed);
    delocalized(out, b);
    out.at_least("GD beats the identity: L_id(d) - R > 4 SE" + b.label, T(id_lo - b.e.mc.mean), T(kSigmas * b.e.mc.se));
    out.close("R - L_rot within the finite-size allowance " + to_decimal(kAllowance, 2) + b.label, T(b.e.mc.mean - rot), T(kAllowance));
  }
  // Above p*: localized from a random start and from a perturbed Haar rotation (the rotation is unstable).
  for (Start start : {Start::random, Start::rotation}) {
    const Run a = train_and_score(hi, NonzeroLaw::rademacher, start, ctx.seed);
    out.require("identity-like verdict" + a.label, std::string(switch_verdict(a.e.shape, kD)) == "identity-like");
    out.require("near a signed permutation: RMS row distance < 0.6 (delocalized rows: ~1.1)" + a.label, a.e.perm_distance < 0.6);
    out.at_least("GD beats the rotation: L_rot - R > 4 SE" + a.label, T(rot - a.e.mc.mean), T(kSigmas * a.e.mc.se));
    out.close("R - L_id(d) within the finite-size allowance " + to_decimal(kAllowance, 2) + a.label, T(a.e.mc.mean - id_hi), T(kAllowance));
  }
  // Gaussian nonzeros (p* = 1): delocalized at the same p where Rademacher localizes.
  const Run g = train_and_score(hi, NonzeroLaw::gaussian, Start::random, ctx.seed);
  delocalized(out, g);
  out.close("R - L_rot within the finite-size allowance " + to_decimal(kAllowance, 2) + g.label, T(g.e.mc.mean - rot), T(kAllowance));
  out.count_instance();
}
