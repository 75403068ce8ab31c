// SA-9: a Haar encoder with orthonormal rows on sparse data (docs/sign.md §2.4) —
// optimal-decoder MSE above R_Gauss at finite d, excess ≈ C/(p d).
//
// Method. Given the variance profile v_k = m_k W_k/p of the coordinates, u = B̄x is
// Gaussian for BG data (W ≡ 1) and for Laplace nonzeros (a Gaussian scale mixture:
// z = √W g with W ~ Exp(1) has the unit-variance Laplace law of docs/sign.md §1.3), so the
// profile-conditional moments M_v, K_v are exact (mask_moments of §2.3 applied to
// B̄ diag(√W), M rescaled by √W); only the profiles are sampled. R*(B) is concave
// in (M, K) (a minimum of affine functions), so
//   plug-in  R*(M̄, K̄) on N profiles            ≤ R*  in expectation (Jensen),
//   held-out R(Â; M̄', K̄') on N fresh profiles  ≥ R*  (Â is some decoder),
// and both gaps are O(1/N). R(Â; M_v, K_v) is affine, so each estimate is a mean of
// per-profile values; the control variates c1 = Σ v_k/d − 1 and c1² − Var c1 (exact
// zero means) remove the ‖x‖² fluctuation by regression. The claim's "above R_Gauss"
// uses the plug-in (the lower side); C(p) and the slope use the midpoint, with half the
// sandwich width added to its uncertainty. At d = 50 the fitted decoder is also scored by
// Monte Carlo on actual samples (mc_risk), an independent check of the profile moments.
#include "sign/encoder.hpp"
#include "sign/haar.hpp"
#include "sign/simulate.hpp"
#include "sign_instances.hpp"

#include <cmath>

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

namespace {
struct Profile {
  CodeMoments<double> m;
  double c1 = 0;  // Σ v_k/d − 1, mean 0
};

// Profile `index` of a run: mask m_k ~ Bernoulli(p) and, for Laplace, W_k ~ Exp(1).
Profile sample_profile(const Mat<double>& B, double p, bool laplace, std::uint64_t seed, std::uint64_t index) {
  Rng rng(block_seed(seed, index));
  const Eigen::Index d = B.cols();
  std::vector<bool> mask(d);
  Vec<double> w = Vec<double>::Ones(d);
  double sum_v = 0;
  for (Eigen::Index k = 0; k < d; ++k) {
    mask[k] = rng.uniform() < p;
    if (laplace) w(k) = -std::log(1 - rng.uniform());
    if (mask[k]) sum_v += w(k) / p;
  }
  Profile out;
  out.c1 = sum_v / double(d) - 1;
  if (!laplace) {
    out.m = mask_moments<double>(B, mask, p, Sign0::plus);
    return out;
  }
  const Vec<double> root = w.cwiseSqrt();
  out.m = mask_moments<double>(B * root.asDiagonal(), mask, p, Sign0::plus);
  out.m.M = out.m.M * root.asDiagonal();
  return out;
}

// Mean of per-profile values y adjusted by regression on (c1, c1² − var1), with its SE.
McEstimate control_variate_mean(const std::vector<double>& y, const std::vector<double>& c1, double var1) {
  const Eigen::Index N = static_cast<Eigen::Index>(y.size());
  Mat<double> X(N, 3);
  Vec<double> Y(N);
  for (Eigen::Index k = 0; k < N; ++k) X(k, 0) = 1, X(k, 1) = c1[k], X(k, 2) = c1[k] * c1[k] - var1, Y(k) = y[k];
  const Vec<double> beta = X.colPivHouseholderQr().solve(Y);  // intercept = adjusted mean (controls have mean 0)
  const double rss = (Y - X * beta).squaredNorm();
  return McEstimate{beta(0), std::sqrt(rss / double(N - 3) / double(N)), static_cast<long>(N)};
}

struct Sandwich {
  McEstimate plug_in, held_out;
  Mat<double> A;  // the decoder fitted on the first N profiles
  double mid() const { return (plug_in.mean + held_out.mean) / 2; }
  // statistical SE of the midpoint plus half the sandwich width (the unknown O(1/N) biases)
  double uncertainty() const {
    return std::hypot(plug_in.se, held_out.se) / 2 + std::abs(held_out.mean - plug_in.mean) / 2;
  }
};

Sandwich optimal_risk_sandwich(const Mat<double>& B, double p, bool laplace, long N, std::uint64_t seed) {
  const Eigen::Index n = B.rows(), d = B.cols();
  CodeMoments<double> mean{Mat<double>::Zero(n, d), Mat<double>::Zero(n, n)};
  for (long k = 0; k < N; ++k) {
    const Profile pr = sample_profile(B, p, laplace, seed, k);
    mean.M += pr.m.M / double(N), mean.K += pr.m.K / double(N);
  }
  const Mat<double> A = optimal_decoder<double>(mean).A;
  const Mat<double> Q = A.transpose() * A;
  // Per-profile risk of A, 1 − 2 tr(A M_v)/d + tr(Q K_v)/d, on the fit (offset 0) and fresh (offset N) profiles.
  auto evaluate = [&](long offset) {
    std::vector<double> y, c1;
    for (long k = 0; k < N; ++k) {
      const Profile pr = sample_profile(B, p, laplace, seed, offset + k);
      y.push_back(1 - 2 * A.transpose().cwiseProduct(pr.m.M).sum() / double(d) + Q.cwiseProduct(pr.m.K).sum() / double(d));
      c1.push_back(pr.c1);
    }
    const double var1 = ((laplace ? 2 : 1) / p - 1) / double(d);  // Var(m W/p) = E W²/p − 1
    return control_variate_mean(y, c1, var1);
  };
  return Sandwich{evaluate(0), evaluate(N), A};
}
}  // namespace

AEL_CLAIM("SA-9", "[derived]", "Haar B (r = 1/2) on BG (p = 0.1, 0.3) and Laplace-nonzero (p = 0.3) data, d in {50, 100, 200} (the paper's grid: 100..1000): R* - R_Gauss > 4 SE (Jensen lower estimate); excess*p*d = C(p) constant: 1/d slope within 0.25 of -1 (SE-aware)") {
  out.statistical();  // its agreements are Monte-Carlo estimates within kSigmas standard errors
  const double r = 0.5, r_g = to_double(r_gauss<T>(T(r)));
  const int ds[] = {50, 100, 200};
  const long N = 2000;  // profiles per side; ≈ 8 s CPU in all
  struct Series { double p; bool laplace; };
  for (const Series s : {Series{0.1, false}, Series{0.3, false}, Series{0.3, true}}) {
    const std::string law = std::string(s.laplace ? "Laplace" : "BG") + " p=" + to_decimal(T(s.p), 2);
    double sx = 0, sy = 0, sxx = 0, sxy = 0, sw = 0;
    std::vector<double> xs, ys, ws;
    for (const int d : ds) {
      const Mat<double> B = haar_orthonormal_rows(static_cast<int>(r * d), d, ctx.seed + d);
      const Sandwich sw_ = optimal_risk_sandwich(B, s.p, s.laplace, N, block_seed(ctx.seed, 9000 + d));
      const double lower = sw_.plug_in.mean - r_g, excess = sw_.mid() - r_g, u = sw_.uncertainty();
      const std::string tag = law + " d=" + std::to_string(d);
      out.at_least(tag + ": plug-in R* - R_Gauss = " + to_decimal(T(lower), 3) + " > 4 SE (" + to_decimal(T(sw_.plug_in.se), 2) + ")",
                   T(lower), T(kSigmas * sw_.plug_in.se));
      out.at_least(tag + ": midpoint excess " + to_decimal(T(excess), 3) + " +- " + to_decimal(T(u), 2) + " resolved (> 4x), C = excess*p*d = " +
                       to_decimal(T(excess * s.p * d), 3),
                   T(excess), T(kSigmas * u));
      if (d == ds[0]) {  // the profile moments against actual samples x = m∘z/√p
        const McEstimate mc = mc_risk(sw_.A, B, DataLaw{s.p, s.laplace ? NonzeroLaw::laplace : NonzeroLaw::gaussian}, Sign0::plus, 200000,
                                      block_seed(ctx.seed, 9500 + d));
        out.close(tag + ": held-out risk from profile moments = Monte Carlo on samples (" + to_decimal(T(mc.mean), 4) + " +- " +
                      to_decimal(T(mc.se), 2) + ")",
                  T(mc.mean - sw_.held_out.mean), T(kSigmas * std::hypot(mc.se, sw_.held_out.se)));
      }
      xs.push_back(std::log(double(d))), ys.push_back(std::log(excess)), ws.push_back(excess * excess / (u * u));
    }
    // Weighted least-squares slope of log excess on log d; SE from the propagated uncertainties.
    for (size_t k = 0; k < xs.size(); ++k) sw += ws[k], sx += ws[k] * xs[k], sy += ws[k] * ys[k];
    const double xbar = sx / sw, ybar = sy / sw;
    for (size_t k = 0; k < xs.size(); ++k) sxx += ws[k] * (xs[k] - xbar) * (xs[k] - xbar), sxy += ws[k] * (xs[k] - xbar) * (ys[k] - ybar);
    const double slope = sxy / sxx, slope_se = std::sqrt(1 / sxx);
    out.close(law + ": log-log slope " + to_decimal(T(slope), 3) + " +- " + to_decimal(T(slope_se), 2) + " within 0.25 + 4 SE of -1",
              T(slope + 1), T(0.25 + kSigmas * slope_se));
    out.count_instance();
  }
}
