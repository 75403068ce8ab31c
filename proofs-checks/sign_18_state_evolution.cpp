// SA-18, SA-20: state evolution of the multi-layer decoder (docs/sign.md §4.2).
#include "core/ball.hpp"
#include "sign/certified_closed_forms.hpp"
#include "sign/certified_denoiser.hpp"
#include "sign/denoiser.hpp"
#include "sign/state_evolution.hpp"
#include "sign_certified.hpp"
#include "sign_instances.hpp"

#include <optional>

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

namespace {
T printed_tolerance() { return boost::multiprecision::pow(T(10), -printed_digits()); }
T quad_tol() { return boost::multiprecision::pow(T(10), -(printed_digits() + 3)); }
}  // namespace

namespace ael::checks::sign_checks {
bool certified_se_limit(arb_t out, std::string& reason, const arb_t r, const arb_t p, long prec) {
  ael::Ball one;
  arb_one(one.get());
  if (arb_is_one(p)) {
    r_gauss_ball(out, r, prec);
    return true;
  }
  SeFixedPoint fp;
  try {
    fp = certify_se_fixed_point(r, p, one.get(), prec);
  } catch (const std::logic_error& e) {  // not certified at these bits
    reason = e.what();
    return false;
  }
  const SeEntry cold = se_enter_interval(fp.wide.get(), r, p, one.get(), kSeEntryCap, prec);
  if (cold.entered < 0) {
    reason = "the recursion from gamma2 = 1 did not enter the certified interval in " + std::to_string(kSeEntryCap) + " layers";
    return false;
  }
  arb_set(out, fp.mse.get());
  return true;
}
}  // namespace ael::checks::sign_checks

AEL_CLAIM("SA-18", "[derived]", "SE: V_z routes agree; m_1 = R_den; p = 1 is stationary at 1 - 2r/pi; m_t non-increasing; informative and uninformative starts reach the same fixed point") {
  // --certify (docs/sign.md, "verify --certify: SA claims"): both MPFR V_z routes against
  // the rigorous quadrature of V_z, p = 1 stationarity, m_1 = R_den and the first layers'
  // decrease by layer balls; both starts enter the certified contraction interval of the
  // fixed point ("Entry into X"), which decides the same limit and the decrease throughout.
  const long prec = ball_prec(ctx);
  std::optional<CrossCheck> cross;
  if (ctx.certify) cross.emplace(out);
  // V_z: law-of-total-variance form against the spec's λ form.
  for (const char* v : {"0.9", "0.5", "0.1", "0.01"}) {
    const T vv = parse_scalar<T>(v);
    const T a = sign_posterior_variance<T>(vv, quad_tol()).value, b = sign_posterior_variance_spec<T>(vv, quad_tol()).value;
    out.close(std::string("V_z two routes at v=") + v, T(a - b), printed_tolerance());
    if (ctx.certify) {
      ael::Ball vb, z, t;
      ball_from_decimal(vb.get(), v, "v", prec);
      sign_posterior_variance_ball(z.get(), vb.get(), prec);
      arb_sub(t.get(), z.get(), ael::Ball(a).get(), prec);
      proved_agree(out, std::string("V_z (total variance, MPFR) and the exact V_z at v=") + v, t.get(), ctx.digits, prec);
      arb_sub(t.get(), z.get(), ael::Ball(b).get(), prec);
      proved_agree(out, std::string("V_z (spec route, MPFR) and the exact V_z at v=") + v, t.get(), ctx.digits, prec);
    }
  }
  if (ctx.certify) {
    const long layer_prec = prec + 6 * 5;  // the ball recursion widens by about 2^4 per layer
    for (const char* rt : {"0.25", "0.5", "1"}) {
      ael::Ball r, p, g2, m, g1, next, rg, t, m1, den;
      ball_from_decimal(r.get(), rt, "r", layer_prec);
      r_gauss_ball(rg.get(), r.get(), layer_prec);
      arb_one(p.get());
      arb_one(g2.get());
      // p = 1: one layer from gamma2 = 1; the next gamma2 is exactly 1 again (docs/sign.md: the
      // algebra of the stationarity), which balls check as an agreement, so every layer is this one.
      state_evolution_step_ball(m.get(), g1.get(), next.get(), g2.get(), r.get(), p.get(), layer_prec);
      arb_sub(t.get(), m.get(), rg.get(), layer_prec);
      proved_agree(out, std::string("p=1: m_1 and 1 - 2r/pi, r=") + rt, t.get(), ctx.digits, layer_prec);
      arb_sub_ui(t.get(), next.get(), 1, layer_prec);
      proved_agree(out, std::string("p=1: next gamma2 and 1, r=") + rt, t.get(), ctx.digits, layer_prec);
      for (const char* pt : {"0.02", "0.05", "0.1"}) {
        const std::string tag = std::string("r=") + rt + " p=" + pt;
        ball_from_decimal(p.get(), pt, "p", layer_prec);
        arb_one(g2.get());
        for (int k = 1; k <= 4; ++k) {
          state_evolution_step_ball(m.get(), g1.get(), next.get(), g2.get(), r.get(), p.get(), layer_prec);
          arb_swap(g2.get(), next.get());
          if (k == 1) {
            denoiser_risk_ball(den.get(), p.get(), r.get(), layer_prec);
            arb_sub(t.get(), m.get(), den.get(), layer_prec);
            proved_agree(out, "m_1 and R_den, " + tag, t.get(), ctx.digits, layer_prec);
          } else {
            arb_sub(t.get(), m1.get(), m.get(), layer_prec);
            proved_positive(out, "m_{t-1} - m_t > 0 at t=" + std::to_string(k) + ", " + tag, t.get());
          }
          arb_swap(m1.get(), m.get());
        }
      }
    }
    // Both starts to the fixed point (docs/sign.md, "Entry into X"): the layer balls enter the
    // certified contraction interval of the unique fixed point; m_t decreasing throughout by layer
    // balls up to the entry and by F' > 0, m' < 0 on the interval after it.
    for (const char* rt : {"0.25", "0.5", "1"})
      for (const char* pt : {"0.02", "0.05", "0.1"}) {
        const std::string tag = std::string("r=") + rt + " p=" + pt;
        ael::Ball r, p, one, warm_start;
        ball_from_decimal(r.get(), rt, "r", kSeProofPrec), ball_from_decimal(p.get(), pt, "p", kSeProofPrec);
        arb_one(one.get());
        arb_set_ui(warm_start.get(), 10000);
        SeFixedPoint fp;
        try {
          fp = certify_se_fixed_point(r.get(), p.get(), one.get(), kSeProofPrec);
        } catch (const std::logic_error& e) {  // not certified at these bits
          out.not_proved("same fixed point from both starts, " + tag + ": " + e.what());
          continue;
        }
        const SeEntry cold = se_enter_interval(fp.wide.get(), r.get(), p.get(), one.get(), kSeEntryCap, kSeProofPrec);
        const SeEntry warm = se_enter_interval(fp.wide.get(), r.get(), p.get(), warm_start.get(), kSeEntryCap, kSeProofPrec);
        if (cold.entered < 0 || warm.entered < 0) {
          out.not_proved("same fixed point from both starts, " + tag + ": a start did not enter the certified interval in " +
                         std::to_string(kSeEntryCap) + " layers");
          continue;
        }
        out.proved("the recursions from gamma2=1 and gamma2=1e4 enter the certified contraction interval (after " +
                       std::to_string(cold.entered) + " and " + std::to_string(warm.entered) +
                       " layers): the same unique fixed point, " + tag,
                   true, Evidence::proved_ball, kSignBallRoute);
        // m_t decreasing for every t.
        ael::Ball d;
        bool decided = arb_is_positive(fp.wide_D.get()) && arb_is_negative(fp.wide_dm.get());
        arb_sub(d.get(), cold.gamma2[cold.entered + 1].get(), cold.gamma2[cold.entered].get(), kSeProofPrec);
        decided = decided && arb_is_positive(d.get());
        for (size_t k = 1; k < cold.mse.size() && decided; ++k) {
          arb_sub(d.get(), cold.mse[k - 1].get(), cold.mse[k].get(), kSeProofPrec);
          decided = arb_is_positive(d.get());
        }
        if (decided)
          out.proved("m_{t-1} - m_t > 0 for every t (layer balls to t=" + std::to_string(cold.entered + 1) +
                         ", then gamma2_t increasing with F' > 0 and m' < 0 on the interval), " + tag,
                     true, Evidence::proved_ball, kSignBallRoute);
        else
          out.not_proved("m_t non-increasing to the fixed point, " + tag + ": the balls do not decide a difference or the sign of F', m'");
      }
  }
  out.close("V_z(v=1) = 1 - 2/pi by the spec route",
            T(sign_posterior_variance_spec<T>(T(1) - T(1e-40), quad_tol()).value - (1 - 2 / pi_value<T>())), T(1e-30));
  const char* rates[] = {"0.25", "0.5", "1"};
  const char* ps[] = {"0.02", "0.05", "0.1"};
  for (const char* rt : rates) {
    const T r = parse_scalar<T>(rt);
    const SeRun<T> one = state_evolution<T>(r, T(1), 5, T(0), quad_tol());
    for (const auto& layer : one.layers)
      out.close(std::string("p=1 stationary at 1 - 2r/pi, r=") + rt, T(layer.mse - r_gauss<T>(r)), printed_tolerance());
    for (const char* pt : ps) {
      const T p = parse_scalar<T>(pt);
      const std::string tag = std::string("r=") + rt + " p=" + pt;
      // Working precision: the first layers (monotone, m_1 = R_den).
      const SeRun<T> first = state_evolution<T>(r, p, 4, T(0), quad_tol());
      out.close("m_1 = R_den, " + tag, T(first.layers[0].mse - denoiser_risk<T>(p, r, quad_tol()).value), printed_tolerance());
      for (size_t t = 1; t < first.layers.size(); ++t)
        out.at_least("m_{t-1} - m_t > 0 at t=" + std::to_string(t + 1) + ", " + tag, T(first.layers[t - 1].mse - first.layers[t].mse), T(1e-15));
      // Double precision (closed forms in double agree to 1e-10): both starts to the fixed point.
      const double rd = to_double(r), pd = to_double(p);
      const SeRun<double> cold = state_evolution<double>(rd, pd, 3000, 1e-13, 1e-13);
      const SeRun<double> warm = state_evolution<double>(rd, pd, 3000, 1e-13, 1e-13, 1e4);
      out.require("SE converged (both starts), " + tag, cold.converged && warm.converged);
      bool monotone = true;
      for (size_t t = 1; t < cold.layers.size(); ++t) monotone = monotone && cold.layers[t].mse <= cold.layers[t - 1].mse + 1e-12;
      out.require("m_t non-increasing to the fixed point (double), " + tag, monotone);
      out.close("same fixed point from both starts, " + tag, T(cold.layers.back().mse - warm.layers.back().mse), T(1e-10));
    }
  }
  out.count_instance();
}

AEL_CLAIM("SA-20", "[derived]", "r <= 1, p < 1: m_inf <= m_t <= m_1 = R_den <= R_Gauss; all equal at p = 1") {
  // --certify: the layer balls of the exact recursion (sign state-evolution --certify) decide
  // R_Gauss - m_1 > 0 and m_1 - m_8 > 0; m_1 = R_den holds by construction (layer 1 is the
  // denoiser at gamma2 = 1). At p = 1, mmse(1, s2) = s2/(1 + s2) and the next gamma2 is
  // (1 + s2)/s2 - 1/s2 = 1 exactly (docs/sign.md), so every layer equals R_Gauss: the ball of
  // m_1 must meet R_Gauss's and the ball of the next gamma2 must contain 1.
  std::optional<CrossCheck> cross;
  if (ctx.certify) {
    const long prec = 96 + 6 * 8;  // decides margins >= 1e-12; 6 bits per layer of widening
    for (const char* rt : {"0.25", "0.5", "1"})
      for (const char* pt : {"0.1", "0.4", "1"}) {
        const std::string tag = std::string("r=") + rt + " p=" + pt;
        ael::Ball r, p, g2, m, m1, g1, next, rg, t;
        ball_from_decimal(r.get(), rt, "r", prec), ball_from_decimal(p.get(), pt, "p", prec);
        r_gauss_ball(rg.get(), r.get(), prec);
        arb_one(g2.get());
        const int layers = arb_is_one(p.get()) ? 1 : 8;
        for (int k = 1; k <= layers; ++k) {
          state_evolution_step_ball(m.get(), g1.get(), next.get(), g2.get(), r.get(), p.get(), prec);
          if (k == 1) arb_set(m1.get(), m.get());
          arb_swap(g2.get(), next.get());
        }
        if (arb_is_one(p.get())) {
          arb_sub(t.get(), m1.get(), rg.get(), prec);
          proved_agree(out, "p=1: m_1 and R_Gauss, " + tag, t.get(), ctx.digits, prec);
          arb_sub_ui(t.get(), g2.get(), 1, prec);
          proved_agree(out, "p=1: gamma2 and 1, " + tag, t.get(), ctx.digits, prec);
          continue;
        }
        arb_sub(t.get(), rg.get(), m1.get(), prec);
        proved_positive(out, "R_Gauss - m_1 > 0, " + tag, t.get());
        arb_sub(t.get(), m1.get(), m.get(), prec);
        proved_positive(out, "m_1 - m_8 > 0 (depth helps), " + tag, t.get());
      }
    cross.emplace(out);
  }
  for (const char* rt : {"0.25", "0.5", "1"})
    for (const char* pt : {"0.1", "0.4", "1"}) {
      const T r = parse_scalar<T>(rt), p = parse_scalar<T>(pt);
      const SeRun<T> run = state_evolution<T>(r, p, 8, T(0), quad_tol());
      const std::string tag = std::string("r=") + rt + " p=" + pt;
      const T rg = r_gauss<T>(r), m1 = run.layers[0].mse, last = run.layers.back().mse;
      if (p == 1) {
        out.close("p=1: m_8 = m_1 = R_Gauss, " + tag, T(abs(last - rg) + abs(m1 - rg)), printed_tolerance());
        continue;
      }
      out.at_least("R_Gauss - m_1 > 0, " + tag, T(rg - m1), T(1e-6));
      out.at_least("m_1 - m_8 > 0 (depth helps), " + tag, T(m1 - last), T(1e-12));
    }
  out.count_instance();
}
