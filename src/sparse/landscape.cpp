#include "sparse/landscape.hpp"

#include "core/progress.hpp"
#include "sparse/enumerate.hpp"
#include "sparse/expected.hpp"
#include "sparse/recovery.hpp"
#include "sparse/sampling.hpp"

#include <cmath>
#include <stdexcept>

namespace ael::sparse {

namespace {

double count_supports(const Problem<double>& P) {
  if (P.support == SupportLaw::bernoulli) return std::pow(2.0, P.h());
  double c = 1;
  for (int t = 0; t < P.k; ++t) c = c * (P.h() - t) / (t + 1);
  return c;
}

struct WeightedSupports {
  std::vector<std::vector<int>> S;
  std::vector<double> weight;
};

WeightedSupports supports_for(const Problem<double>& P, const LandscapeSettings& s, std::string& method) {
  WeightedSupports w;
  if (count_supports(P) <= static_cast<double>(s.max_enumerated)) {
    for_each_support<double>(P, [&](const std::vector<int>& S, const double& p) { w.S.push_back(S), w.weight.push_back(p); });
    method = "enumerated supports (" + std::to_string(w.S.size()) + ")";
    return w;
  }
  const CodeSampler sampler(P);
  Rng rng(s.seed * 0x2545F4914F6CDD1DULL + 3);
  w.S.resize(static_cast<size_t>(s.sampled_supports));
  for (auto& S : w.S) sampler.support(rng, S);
  w.weight.assign(w.S.size(), 1.0 / static_cast<double>(w.S.size()));
  method = "Rao-Blackwellised over " + std::to_string(w.S.size()) + " sampled supports (E[L|S] exact)";
  return w;
}

double expected_loss(const Problem<double>& P, const WeightedSupports& w) {
  double total = 0;
  for (size_t t = 0; t < w.S.size(); ++t) total += w.weight[t] * conditional_loss_small(P, w.S[t]);
  return total;
}


}  // namespace

Landscape landscape(const Problem<double>& P0, const LandscapeSettings& s, const PerRowProver* prover) {
  if (s.directions < 1 || s.points < 5 || !(s.t0 > 0)) throw std::invalid_argument("landscape needs >= 1 direction, >= 5 points and t0 > 0");
  Landscape out;
  const WeightedSupports supports = supports_for(P0, s, out.method);
  Problem<double> P = P0;
  const int h = P.h(), n = P.n();
  for (int d = 0; d < s.directions; ++d) {
    Mat<double> Delta(h, n);
    for (int i = 0; i < h; ++i)
      Delta.row(i) = random_unit<double>(n, s.seed * 7919 + static_cast<std::uint64_t>(d), static_cast<std::uint64_t>(i)).transpose();
    auto loss_at = [&](double t) {
      P.W = P0.W + t * Delta;
      return expected_loss(P, supports);
    };
    DirectionResult r;
    for (int g = 0; g < s.points; ++g) {
      heartbeat("landscape grid point", long(d) * s.points + g + 1, long(s.directions) * s.points);
      const double t = -s.t0 + 2 * s.t0 * g / (s.points - 1);
      r.t.push_back(t), r.loss.push_back(loss_at(t));
    }
    // Exact Taylor coefficients of the quartic E[L](t) from t ∈ {0, ±q, ±2q}.
    const double q = s.t0 / 4, f0 = loss_at(0), f1 = loss_at(q), fm1 = loss_at(-q), f2 = loss_at(2 * q), fm2 = loss_at(-2 * q);
    r.slope_numeric = (8 * (f1 - fm1) - (f2 - fm2)) / (12 * q);
    r.curvature = (16 * (f1 + fm1) - (f2 + fm2) - 30 * f0) / (12 * q * q);
    P.W = P0.W;
    for (int i = 0; i < h; ++i) r.slope_closed += expected_gradient(P, i).value.dot(Delta.row(i).transpose());
    size_t best = 0;
    for (size_t g = 1; g < r.loss.size(); ++g)
      if (r.loss[g] < r.loss[best]) best = g;
    r.t_min = r.t[best];
    r.t_predicted = -r.slope_closed / r.curvature;
    // Up_j(t) is convex and Lo_j(t) concave in t, so the three ends certify the segment.
    if (prover && P0.support == SupportLaw::uniform) {
      const Verdict ends[] = {prover->at(Delta, -s.t0), prover->at(Delta, 0), prover->at(Delta, s.t0)};
      bool all = true, decided = true;
      for (Verdict v : ends) all = all && v == Verdict::holds, decided = decided && v != Verdict::undecided;
      r.certified = all;
      r.evidence = decided || all ? Evidence::proved_ball : Evidence::estimate;
    } else if (prover) {
      r.evidence = Evidence::proved_ball;  // Bernoulli supports: never certified
    }
    out.directions.push_back(r);
  }
  return out;
}

}  // namespace ael::sparse
