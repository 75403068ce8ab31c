// SC-18 (training; spec P3) and SC-21 (bookkeeping). SC-20: sparse_20_bernoulli.cpp.
#include "claim.hpp"
#include "core/meta.hpp"
#include "sparse/enumerate.hpp"
#include "sparse/small_instances.hpp"
#include "sparse/train.hpp"

namespace {
// SC-18 instance [project]: HAD n = 64 (h = 128), k = 2, two-point {0.95, 1.05},
// ε at the midpoint of the D1 window at δ = 0 (0.5 of [0.2625, 0.81875)), rows
// renormalised (P3 option; without it rows converge to ≈ 1.3 A*_i, see docs),
// SGD lr 0.1 (largest of the spec grid), 60 epochs × 50 steps × 256 fresh samples
// (at 40 epochs d0 = 1 was still descending, 0.098 at seed 2; by 60 it reaches the SGD noise floor ≈ 0.066).
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

AEL_CLAIM("SC-18", "[paper, qualitative]",
          "Row-renormalised SGD (HAD n=64, k=2) from d0 = 0.5 and 1 brings every non-dead row within 0.1 of A*_i; d0 = 2 is reported, not verified") {
  using ael::to_decimal;
  for (double d0 : {0.5, 1.0, 2.0}) {
    const auto run = sc18_run(d0, ctx.seed);
    const auto &start = run.trace.front(), &end = run.trace.back();
    const std::string tag = " (d0 = " + to_decimal(d0, 2) + ": max dist over live rows " + to_decimal(start.max_distance, 3) + " -> " +
                            to_decimal(end.max_distance_alive, 3) + ", mean " + to_decimal(start.mean_distance, 3) + " -> " +
                            to_decimal(end.mean_distance, 3) + ", dead rows " + std::to_string(end.dead_units) + ", rows at other columns " +
                            std::to_string(end.other_columns) + ", recovery rate " + to_decimal(end.recovery_rate, 4) + ")";
    out.require("training stable" + tag, run.stable());
    if (d0 < 2) {
      out.close("final max distance over non-dead rows <= tolerance 0.1" + tag, ael::mp_real(end.max_distance_alive), ael::mp_real(0.1));
      out.require("final max distance over non-dead rows < start" + tag, end.max_distance_alive < start.max_distance);
    } else {
      // Reported, not claimed: the mean distance falls, the worst rows stay at the start distance.
      out.require("d0 = 2 reported: mean distance decreases" + tag, end.mean_distance < start.mean_distance);
    }
    out.count_instance();
  }
}

AEL_CLAIM("SC-21", "[project]", "Every output records n, h, k, c, xi, p, delta, nu, a, b, m1, m2, laws, eps and its position, the loss factor, precision, seeds") {
  using namespace ael::sparse;
  const auto I = build_instance<ael::mp_real>(had_spec(16, 2, "0.01", "0.25", ctx.seed));
  const ael::Json d = I.describe(ctx.digits);
  for (const char* key : {"n", "h", "k", "coherence_c", "xi", "p", "delta", "nu", "support_law", "eps", "loss"})
    out.require(std::string("instance records ") + key, d.contains(key));
  for (const char* key : {"law", "a", "b", "m1", "m2"}) out.require(std::string("value law records ") + key, d["values"].contains(key));
  out.require("window records its position", d["window"].contains("eps_position") && d["window"].contains("lo") && d["window"].contains("hi"));
  out.require("loss factor 1/2 recorded", d["loss"].get<std::string>().find("1/2") != std::string::npos);
  ael::RunInfo info;
  info.seed = ctx.seed;
  info.digits = ctx.digits;
  info.scalar = "mpfr";
  const ael::Json m = ael::run_metadata(info);
  out.require("metadata records the seed and the precision", m.contains("seed") && m.contains("digits") && m.contains("working_bits"));
  out.count_instance();
}
