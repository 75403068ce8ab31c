// SC-18 (training; spec P3) and SC-21 (bookkeeping). SC-20: sparse_20_bernoulli.cpp.
#include "claim.hpp"
#include "core/meta.hpp"
#include "sparse/enumerate.hpp"
#include "sparse/small_instances.hpp"
#include "sparse/train.hpp"
#include "sparse_certified.hpp"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace {
// SC-18 instance [project]: HAD n = 64 (h = 128), k = 2, two-point {0.95, 1.05},
// ε at the midpoint of the D1 window at δ = 0 (0.5 of [0.2625, 0.81875)), rows
// renormalised (P3 option; without it rows converge to ≈ 1.3 A*_i, see docs),
// SGD lr 0.1 (largest of the spec grid), 60 epochs × 50 steps × 256 fresh samples
// (at 40 epochs d0 = 1 was still descending, 0.098 at seed 2; seeds 1–3 set the 60-epoch budget, at which the
// distance ≈ 0.066 is still falling slowly, so it is a budget, not a noise floor; the claim is checked on
// other seeds, docs/sparse.md SC-18).
ael::sparse::TrainRun sc18_run(double d0, std::uint64_t seed) {
  using namespace ael::sparse;
  const auto I = build_instance<double>(had_spec(64, 2, "0", "0.5", seed));
  TrainSettings s;
  s.d0 = d0;
  s.learning_rate = 0.1;
  s.epochs = 60;
  s.steps_per_epoch = 50;
  s.batch = 256;
  s.renormalise = true;
  s.tolerance = 0.1;
  s.seed = seed;
  return train_run(I.P, s);
}
}  // namespace

namespace {
// Mean and standard error of a sample (n ≥ 2).
std::pair<double, double> mean_se(const std::vector<double>& x) {
  double m = 0, v = 0;
  for (double a : x) m += a;
  m /= static_cast<double>(x.size());
  for (double a : x) v += (a - m) * (a - m);
  return {m, std::sqrt(v / static_cast<double>(x.size() - 1) / static_cast<double>(x.size()))};
}

// Mean of max_distance_alive over trace records [from, to).
double mean_max_alive(const ael::sparse::TrainRun& run, size_t from, size_t to) {
  double s = 0;
  for (size_t e = from; e < to; ++e) s += run.trace[e].max_distance_alive;
  return s / static_cast<double>(to - from);
}

// The budget (lr 0.1, 60 epochs) was chosen on seeds 1–3; the claim is tested on three
// other seeds per start (docs/sparse.md §4, SC-18).
constexpr int kHeldOutSeeds = 3;
std::uint64_t held_out_seed(std::uint64_t seed, int j) { return 1000 * seed + 10 + static_cast<std::uint64_t>(j); }
}  // namespace

AEL_CLAIM("SC-18", "[paper, qualitative]",
          "Row-renormalised SGD (HAD n=64, k=2, lr 0.1, 60 epochs) from d0 = 0.5 and 1, on 3 seeds not used to set the budget: "
          "mean over seeds of the final max distance over non-dead rows + 4 SE <= 0.1; d0 = 2 is reported, not verified") {
  using ael::mp_real;
  using ael::to_decimal;
  out.statistical();  // a statement over seeds, within 4 standard errors
  ael::checks::sparse_checks::monte_carlo(ctx, out, "mean over 3 held-out seeds of the final max distance + 4 SE <= 0.1");
  for (double d0 : {0.5, 1.0}) {
    std::vector<double> final_max, descent;  // per held-out seed
    std::string runs;
    for (int j = 0; j < kHeldOutSeeds; ++j) {
      const auto run = sc18_run(d0, held_out_seed(ctx.seed, j));
      const size_t n = run.trace.size();
      out.require("training stable, d0 = " + to_decimal(d0, 2) + ", seed " + std::to_string(held_out_seed(ctx.seed, j)), run.stable() && n > 20);
      if (!run.stable() || n <= 20) continue;
      final_max.push_back(run.trace.back().max_distance_alive);
      descent.push_back(mean_max_alive(run, n - 20, n - 10) - mean_max_alive(run, n - 10, n));
      runs += (runs.empty() ? "" : ", ") + to_decimal(run.trace.front().max_distance, 3) + " -> " + to_decimal(final_max.back(), 3);
    }
    if (final_max.size() < 2) continue;
    const auto [m, se] = mean_se(final_max);
    const auto [dm, dse] = mean_se(descent);
    // Reported, not claimed: the distance still falls slowly at epoch 60 (mean of epochs 41–50
    // minus mean of 51–60, docs/sparse.md), so 60 epochs is a budget, not the noise floor.
    const std::string tag = " (d0 = " + to_decimal(d0, 2) + ", max dist over live rows per seed: " + runs +
                            "; still falling by " + to_decimal(dm, 2) + " +- " + to_decimal(dse, 1) + " per 10 epochs)";
    out.at_least("tolerance 0.1 >= mean final max distance " + to_decimal(m, 3) + " + 4 SE (" + to_decimal(se, 2) + ")" + tag,
                 mp_real(0.1), mp_real(m + 4 * se));
    out.count_instance();
  }
  // Reported, not claimed: at d0 = 2 the mean distance falls, the worst rows stay at the start distance.
  const auto run = sc18_run(2.0, ctx.seed);
  const auto &start = run.trace.front(), &end = run.trace.back();
  out.require("training stable, d0 = 2 (seed " + std::to_string(ctx.seed) + ")", run.stable());
  out.require("d0 = 2 reported: mean distance decreases (" + to_decimal(start.mean_distance, 3) + " -> " + to_decimal(end.mean_distance, 3) +
                  ", max over live rows " + to_decimal(end.max_distance_alive, 3) + ")",
              end.mean_distance < start.mean_distance);
  out.count_instance();
}

AEL_CLAIM("SC-21", "[project]", "Every output records n, h, k, c, xi, p, delta, nu, a, b, m1, m2, laws, eps and its position, the loss factor, precision, seeds") {
  using namespace ael::sparse;
  const auto require = ael::checks::sparse_checks::exact_recorder(
      ctx, out, "exact: structural, the keys are present in the instance record and the run metadata (no arithmetic)");
  const auto I = build_instance<ael::mp_real>(had_spec(16, 2, "0.01", "0.25", ctx.seed));
  const ael::Json d = I.describe(ctx.digits);
  for (const char* key : {"n", "h", "k", "coherence_c", "xi", "p", "delta", "nu", "support_law", "eps", "loss"})
    require(std::string("instance records ") + key, d.contains(key));
  for (const char* key : {"law", "a", "b", "m1", "m2"}) require(std::string("value law records ") + key, d["values"].contains(key));
  require("window records its position", d["window"].contains("eps_position") && d["window"].contains("lo") && d["window"].contains("hi"));
  require("loss factor 1/2 recorded", d["loss"].get<std::string>().find("1/2") != std::string::npos);
  ael::RunInfo info;
  info.seed = ctx.seed;
  info.digits = ctx.digits;
  info.scalar = "mpfr";
  const ael::Json m = ael::run_metadata(info);
  require("metadata records the seed and the precision", m.contains("seed") && m.contains("digits") && m.contains("working_bits"));
  out.count_instance();
}
