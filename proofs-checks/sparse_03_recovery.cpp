// SC-3, SC-4, SC-5: support recovery (docs/sparse.md §3). The certificates are compared
// with the TRUE network enumerated over every (S, x) in exact rationals, and
// with Monte Carlo for continuous values.
#include "claim.hpp"
#include "sparse/enumerate.hpp"
#include "sparse/montecarlo.hpp"
#include "sparse/small_instances.hpp"
#include "sparse_certified.hpp"

#include <cmath>
#include <optional>

namespace {
using ael::sparse::rational;
using R = rational;
}  // namespace

AEL_CLAIM("SC-3", "[derived]", "Inside the D1 window the active set equals S for every enumerated sample and every MC sample") {
  using namespace ael::sparse;
  namespace sc = ael::checks::sparse_checks;
  const auto require = sc::exact_recorder(ctx, out, sc::kWindowRoute);
  for (const char* delta : {"0", "0.01"})
    for (const char* frac : {"0", "0.5", "0.99"}) {
      const auto I = build_instance<R>(had_spec(16, 2, delta, frac, ctx.seed));
      require(std::string("D1 certifies eps, delta=") + delta + " t=" + frac, I.d1.certifies(I.eps));
      const auto e = enumerate_true_network(I.P, 0);
      require(std::string("0 failures over ") + std::to_string(e.samples) + " samples, delta=" + delta + " t=" + frac,
              e.recovery_failures == 0 && e.samples == 496 * 4);
      out.count_instance();
    }
  // Continuous values: uniform on [0.95, 1.05], same window (it depends on a, b only).
  auto spec = had_spec(16, 2, "0.01", "0.5", ctx.seed);
  spec.value_law = ValueLawKind::uniform;
  spec.interval = "0.95,1.05";
  // --certify: u_j = W_j'A_S x_S - eps_j is linear in x_S, so its sign is constant on the box
  // [a, b]^k when it is at the 2^k vertices; the two-point law {a, b} at the same (A, W, eps)
  // is exactly that vertex set, and the loop above enumerated it (delta = 0.01, t = 0.5).
  // The Monte-Carlo samples are then a cross-check (docs/sparse.md "Certified SC routes", SC-3).
  std::optional<ael::checks::CrossCheck> cross;
  if (ctx.certify) {
    const auto box = build_instance<R>(spec), vertices = build_instance<R>(had_spec(16, 2, "0.01", "0.5", ctx.seed));
    require("uniform [0.95, 1.05] and two-point {0.95, 1.05} share (A, W, eps) exactly",
            box.P.A == vertices.P.A && box.P.W == vertices.P.W && box.P.eps == vertices.P.eps &&
                box.P.values.a == vertices.P.values.atoms.front() && box.P.values.b == vertices.P.values.atoms.back());
    require("every vertex of [a, b]^2 recovers S, every support", enumerate_true_network(vertices.P, 0).recovery_failures == 0);
    cross.emplace(out);
  }
  const auto I = build_instance<double>(spec);
  McSettings s;
  s.samples = 20000;
  s.seed = ctx.seed;
  const auto r = monte_carlo(I.P, s);
  out.require("MC: 0 failures in 20000 continuous samples inside the window", I.recovery_certified && r.recovery_failures == 0);
  out.count_instance();
}

AEL_CLAIM("SC-4", "[derived]", "D1 window within (a) within (b); Up_j, Lo_j are the enumerated extremes; thresholds just outside (b) fail") {
  using namespace ael::sparse;
  namespace sc = ael::checks::sparse_checks;
  const auto require = sc::exact_recorder(ctx, out, sc::kWindowRoute);
  for (const char* delta : {"0", "0.01", "0.02"}) {
    auto I = build_instance<R>(had_spec(16, 2, delta, "0.5", ctx.seed));
    const std::string tag = std::string(" delta=") + delta;
    require("(a), (b) computed" + tag, I.uniform.has_value() && I.per_row.has_value());
    require("D1 within (a)" + tag, I.d1.lo >= I.uniform->lo && I.d1.hi <= I.uniform->hi);
    require("(a) within (b)" + tag, I.uniform->lo >= I.per_row->lo && I.uniform->hi <= I.per_row->hi);
    const auto e = enumerate_true_network(I.P, 0);
    require("Up_j = max over S not containing j of W_j'y" + tag, e.wy_max_off == I.cert->up);
    require("Lo_j = min over S containing j of W_j'y" + tag, e.wy_min_on == I.cert->lo);
    // Just outside (b): at ε = min Lo_j some support unit sits exactly at its kink (σ = 0);
    // slightly below max Up_j some unit off the support fires.
    I.P.eps.setConstant(I.per_row->hi);
    require("eps = hi of (b) fails for some (S, x)" + tag, enumerate_true_network(I.P, 0).recovery_failures > 0);
    I.P.eps.setConstant(I.per_row->lo - R(1) / R(1000000));
    require("eps just below lo of (b) fails for some (S, x)" + tag, enumerate_true_network(I.P, 0).recovery_failures > 0);
    out.count_instance();
  }
}

// β = 1, one of the paper v1 code's two values {½, 1} (docs/sparse.md §3.1). With the other, β = ½, the
// rate falls on Gaussian dictionaries: recorded in docs/sparse.md, not hidden by a tuned β.
constexpr double kBeta = 1.0;

AEL_CLAIM("SC-5", "[paper, secondary]", "Statistical recovery: Gaussian A*, delta = h^-nu, eps = beta k (c + delta): the recovery rate rises with h") {
  using namespace ael::sparse;
  ael::checks::sparse_checks::monte_carlo(ctx, out, "recovery rates of 20000 samples each, non-decreasing in h within 3 SE of the "
                                                    "difference; rate(h=512) > rate(h=64) on the point estimates");
  // Gaussian dictionaries (n = h/2, c measured), k = 2, ν = 1/2, β = kBeta: ε may lie below
  // the D1 window, so failures are possible. (On HAD the coherence is attained by a
  // constant fraction of pairs, so at fixed k and β the failure rate does not fall.)
  std::vector<double> rate, se;
  for (int n : {32, 64, 128, 256}) {
    const double h = 2.0 * n, delta = std::pow(h, -0.5);
    InstanceSpec spec = had_spec(n, 2, ael::to_decimal(delta, 17), "", ctx.seed);
    spec.dictionary = DictionaryKind::gaussian;
    spec.h = 2 * n;
    spec.eps = "1";  // placeholder to measure c; replaced below
    const double c = build_instance<double>(spec).c;
    spec.eps = ael::to_decimal(kBeta * 2 * (c + delta), 17);
    spec.value_law = ValueLawKind::uniform;
    spec.interval = "0.95,1.05";
    const auto I = build_instance<double>(spec);
    McSettings s;
    s.samples = 20000;
    s.seed = ctx.seed + static_cast<std::uint64_t>(n);
    const auto r = monte_carlo(I.P, s);
    const double p = 1 - static_cast<double>(r.recovery_failures) / static_cast<double>(r.samples);
    rate.push_back(p);
    se.push_back(std::sqrt(std::max(p * (1 - p), 1.0 / r.samples) / r.samples));
    out.count_instance();
  }
  for (size_t t = 0; t + 1 < rate.size(); ++t)
    out.require("rate non-decreasing within 3 SE: " + ael::to_decimal(rate[t], 5) + " -> " + ael::to_decimal(rate[t + 1], 5),
                rate[t + 1] >= rate[t] - 3 * std::hypot(se[t], se[t + 1]));
  out.require("rate(h=512) = " + ael::to_decimal(rate.back(), 5) + " > rate(h=64) = " + ael::to_decimal(rate.front(), 5), rate.back() > rate.front());
}
