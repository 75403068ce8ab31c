// SA-10 … SA-12: identity/permutation encoders on sparse data and the
// rotation ↔ identity phase transition (docs/sign.md §2.5–§2.6).
#include "sign/encoder.hpp"
#include "sign/simulate.hpp"
#include "sign_instances.hpp"

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

namespace {
const Sign0 kConventions[] = {Sign0::zero, Sign0::plus, Sign0::random};
const NonzeroLaw kLaws[] = {NonzeroLaw::gaussian, NonzeroLaw::rademacher, NonzeroLaw::uniform, NonzeroLaw::laplace};

Mat<double> selection(int n, int d) { return Mat<double>::Identity(n, d); }
}  // namespace

AEL_CLAIM("SA-10", "[derived]", "Identity encoder: the exact finite-d R* of the 2.5 table per sign0 = moments route = mask enumeration = Monte Carlo; zero on BG gives 1 - 2r/pi") {
  const T tol = route_tolerance<T>();
  const char* ps[] = {"0.1", "0.3", "0.55", "0.9"};
  for (int i = 0; i < ctx.instances; ++i) {
    const int d = 4 + i % 4, n = 1 + i % d;
    const T p = parse_scalar<T>(ps[i % 4]);
    for (Sign0 s : kConventions) {
      for (NonzeroLaw z : kLaws) {
        const T formula = identity_risk_exact<T>(n, d, p, mu2<T>(z), s);
        const OptimalDecoder<T> opt = optimal_decoder<T>(identity_moments<T>(n, d, p, mu2<T>(z), s));
        const std::string tag = std::string(sign0_name(s)) + "/" + nonzero_name(z) + " n=" + std::to_string(n) + " d=" + std::to_string(d);
        out.close("table vs moments route, " + tag, T(formula - opt.risk), tol);
        // Monte Carlo on actual samples with the optimal decoder.
        const McEstimate mc = mc_risk(cast_double(opt.A), selection(n, d), DataLaw{to_double(p), z}, s, 60000, ctx.seed + i);
        within_se(out, "table vs Monte Carlo, " + tag, mc.mean, mc.se, formula);
      }
      // Gaussian nonzeros: an independent route through the mask-conditional arcsin moments (§2.3).
      const T enumerated = optimal_decoder<T>(enumerated_bg_moments<T>(cast<T>(selection(n, d)), p, s)).risk;
      out.close(std::string("table vs mask enumeration, BG, ") + sign0_name(s), T(enumerated - identity_risk_exact<T>(n, d, p, mu2<T>(NonzeroLaw::gaussian), s)), tol);
    }
    out.close("zero convention on BG = 1 - 2r/pi",
              T(identity_risk_exact<T>(n, d, p, mu2<T>(NonzeroLaw::gaussian), Sign0::zero) - r_gauss<T>(T(T(n) / T(d)))), tol);
    out.count_instance();
  }
}

AEL_CLAIM("SA-11", "[derived]", "BG data, d -> infinity: identity loss > R_Gauss for every p < 1 under plus and random; equal under zero") {
  (void)ctx;
  const T m2 = mu2<T>(NonzeroLaw::gaussian);
  for (int k = 1; k < 20; ++k) {
    const T p = T(k) / T(20), r = T(k % 4 + 1) / T(4);
    const T rg = r_gauss<T>(r);
    out.at_least("plus: L_id - R_Gauss at p=" + to_decimal(p, 3), T(identity_risk_limit<T>(r, p, m2, Sign0::plus) - rg), T(1e-6));
    out.at_least("random: L_id - R_Gauss at p=" + to_decimal(p, 3), T(identity_risk_limit<T>(r, p, m2, Sign0::random) - rg), T(1e-6));
    out.close("zero: L_id = R_Gauss at p=" + to_decimal(p, 3), T(identity_risk_limit<T>(r, p, m2, Sign0::zero) - rg), route_tolerance<T>());
  }
  out.count_instance();
}

namespace {
// Root of L_id(p) − R_Gauss on [lo, hi] by bisection (no formula used).
T bisect_crossing(const T& m2, Sign0 s, T lo, T hi, const T& r) {
  auto gap = [&](const T& p) { return identity_risk_limit<T>(r, p, m2, s) - r_gauss<T>(r); };
  const bool lo_positive = gap(lo) > 0;
  const int steps = static_cast<int>(3.33 * working_digits()) + 10;
  for (int k = 0; k < steps; ++k) {
    const T mid = (lo + hi) / 2;
    ((gap(mid) > 0) == lo_positive ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}
}  // namespace

AEL_CLAIM("SA-12", "[derived]", "p* from bisection of L_id(p) = R_Gauss matches the 2.6 formulas; p* in (0,1) iff mu_z^2 > 2/pi; Gaussian z has no transition") {
  (void)ctx;
  const T r = parse_scalar<T>("0.5"), two_over_pi = 2 / pi_value<T>();
  for (NonzeroLaw z : kLaws) {
    const T m2 = mu2<T>(z);
    for (Sign0 s : {Sign0::plus, Sign0::random}) {
      const auto c = critical_sparsity<T>(m2, s);
      // Brackets wide enough to hold p* even when it lies outside (0, 1]:
      // plus: L_id − R_Gauss changes sign on (0, 2); random: on (0, ∞).
      const T hi = s == Sign0::plus ? T(2) - T(1e-30) : T(100);
      const T root = bisect_crossing(m2, s, T(1e-30), hi, r);
      const std::string tag = std::string(sign0_name(s)) + "/" + nonzero_name(z);
      if (z == NonzeroLaw::gaussian) {
        out.close("Gaussian z: p* = 1 by bisection, " + tag, T(root - 1), route_tolerance<T>());
        out.require("Gaussian z: no transition, " + tag, !c.transition);
        continue;
      }
      out.close("bisection root = formula, " + tag, T(root - c.p_star), route_tolerance<T>());
      out.require("transition iff mu_z^2 > 2/pi, " + tag, c.transition == (m2 > two_over_pi));
    }
    out.require(std::string("zero: identity always better iff mu_z^2 > 2/pi, ") + nonzero_name(z),
                critical_sparsity<T>(m2, Sign0::zero).identity_always_better == (m2 > two_over_pi));
  }
  out.count_instance();
}
