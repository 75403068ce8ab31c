#include <optional>
#include "lae_exact_critical.hpp"
#include "lae_instances.hpp"

// Over the critical set enumerated by 6.3 and 6.5 (full-rank tuples with random
// diagonal scales, and rank-deficient points of every rank).
AEL_CLAIM("LAE-27", "[paper+derived]",
          "Every critical point of the ordered loss is a global minimum (I = (1..p)) or a strict saddle (#neg >= 1)") {
  using namespace ael;
  // --certify: decided exactly on seeded rational data sets (docs/certification.md §8);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_critical_exactly(ctx, out, "LAE-27"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 1);
    Rng rng(ctx.seed * 139 + i);
    auto classify = [&](const lae::Point<T>& x, bool is_global, const std::string& tag) {
      const Vec<T> mu = euclidean_spectrum(inst, x, lae::LossKind::ordered);
      const auto in = lae::inertia_of<T>(mu, zero_threshold<T>());
      if (is_global) {
        out.require("global minimum has #neg = 0 at " + tag, in.negative == 0);
      } else {
        out.require("strict saddle at " + tag, in.negative >= 1);
        out.at_least("negative eigenvalue outside the zero band at " + tag, T(-mu(0)), zero_threshold<T>() * mu.cwiseAbs().maxCoeff());
      }
    };
    for (const auto& I : all_tuples(n, p)) {
      bool top = true;
      for (int k = 0; k < p; ++k) top &= I[k] == k;
      classify(lae::critical_point(inst.e, I, Mat<T>(random_scales(p, rng).asDiagonal())), top, lae::format_index(I));
    }
    for (int r = 0; r < p; ++r) classify(ordered_rank_deficient(inst, r, rng).x, false, "rank " + std::to_string(r));
    out.count_instance();
  }
}
