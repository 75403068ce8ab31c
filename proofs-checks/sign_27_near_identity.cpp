// SA-27: the near-identity heuristic (docs/sign.md §2.6), a report and not a pass/fail
// check. The framework's outcomes are PASS/FAIL/SKIP, so the claim is a SKIP
// whose reason carries the measured numbers (nothing is certified).
//
// B = P_sel + ε N (N i.i.d. N(0, 1/d)) on sparse data with Rademacher nonzeros
// (μ_z² = 1, the law with the smallest p*), sign0 = plus. The optimal decoder
// is fitted on N samples (M̂, K̂) and scored on N fresh samples: the plug-in
// value is low and the held-out value high by O(n/N) (both printed).
#include "sign/encoder.hpp"
#include "sign/simulate.hpp"
#include "sign_instances.hpp"

#include <cmath>
#include <sstream>

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

namespace {
// Sample moments M̂ = mean s xᵀ, K̂ = mean s sᵀ over `samples` draws (blocks of kBlock, seeded per block).
CodeMoments<double> sample_moments(const Mat<double>& B, double p, long samples, std::uint64_t seed) {
  const Eigen::Index n = B.rows(), d = B.cols();
  CodeMoments<double> m{Mat<double>::Zero(n, d), Mat<double>::Zero(n, n)};
  for (long b = 0; b * kBlock < samples; ++b) {
    Rng rng(block_seed(seed, b));
    const long count = std::min(kBlock, samples - b * kBlock);
    Mat<double> X(d, count);
    for (long j = 0; j < count; ++j)
      for (Eigen::Index k = 0; k < d; ++k)
        X(k, j) = rng.uniform() < p ? ((rng.next_u64() >> 63) ? 1 : -1) / std::sqrt(p) : 0.0;
    const Mat<double> S = (B * X).unaryExpr([](double u) { return u >= 0 ? 1.0 : -1.0; });  // sign0 = plus
    m.M.noalias() += S * X.transpose();
    m.K.noalias() += S * S.transpose();
  }
  m.M /= double(samples), m.K /= double(samples);
  return m;
}
}  // namespace

AEL_CLAIM("SA-27", "[derived, heuristic]", "Near-identity B = P_sel + eps N, Rademacher nonzeros, plus: MSE with its optimal decoder vs 1 - r[p mu^2 + (2/pi)(1-p)^2], the random-convention identity value and R_Gauss (report only)") {
  const double eps = 1e-3, mu2 = 1, r = 0.5, r_g = to_double(r_gauss<T>(T(r)));
  const double p_star = to_double(critical_sparsity<T>(T(mu2), Sign0::plus).p_star);
  const long samples = 100000;
  std::ostringstream report;
  report << "report only (docs/sign.md §7: not pass/fail). r=" << r << " eps=" << eps << " N=" << samples << " samples per side, R_Gauss="
         << to_decimal(T(r_g), 4) << ", heuristic/plus p*=" << to_decimal(T(p_star), 4)
         << ". Per p: optimal-decoder MSE plug-in..held-out | heuristic 1-r[p+(2/pi)(1-p)^2] | identity (random);";
  for (const int d : {100, 200}) {
    const int n = static_cast<int>(r * d);
    Rng rng(ctx.seed + 2700 + d);
    const Mat<double> B = Mat<double>::Identity(n, d) + eps * gaussian_matrix(rng, n, d, 1 / std::sqrt(double(d)));
    report << " d=" << d << ":";
    double previous_gap = 0, previous_p = 0, crossing = -1;
    for (const double p : {0.2, 0.3, 0.4, 0.5, 0.6, 0.8}) {
      const std::uint64_t seed = block_seed(ctx.seed + d, 27000 + static_cast<std::uint64_t>(100 * p));
      const OptimalDecoder<double> fit = optimal_decoder<double>(sample_moments(B, p, samples, seed));
      const double held = risk<double>(fit.A, sample_moments(B, p, samples, seed + 1));
      const double heuristic = 1 - r * (p * mu2 + (2 / pi_value<double>()) * (1 - p) * (1 - p));
      const double identity_random = to_double(identity_risk_exact<T>(n, d, T(p), T(mu2), Sign0::random));
      report << " p=" << p << " " << to_decimal(T(fit.risk), 4) << ".." << to_decimal(T(held), 4) << " | " << to_decimal(T(heuristic), 4)
             << " | " << to_decimal(T(identity_random), 4) << ";";
      const double gap = (fit.risk + held) / 2 - r_g;
      if (previous_p > 0 && crossing < 0 && (gap < 0) != (previous_gap < 0))
        crossing = previous_p + (p - previous_p) * previous_gap / (previous_gap - gap);
      previous_gap = gap, previous_p = p;
    }
    report << " crossing of R_Gauss (midpoint, linear interpolation) "
           << (crossing > 0 ? "p=" + to_decimal(T(crossing), 3) : std::string("none on the grid")) << ".";
  }
  out.skip(report.str());
}
