#include <optional>
#include "lae_exact_critical.hpp"
#include "lae_instances.hpp"

// Checked on the ordered loss's critical set as characterised by 6.3 and 6.5:
// every such point, full rank or not, must be MSE-critical.
AEL_CLAIM("LAE-15", "[paper]", "Every critical point of the ordered loss is a critical point of the MSE loss") {
  using namespace ael;
  // --certify: decided exactly on seeded rational data sets (docs/certification.md §8);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_critical_exactly(ctx, out, "LAE-15"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 1);
    Rng rng(ctx.seed * 83 + i);
    const auto ord = lae::loss_weights<T>(lae::LossKind::ordered, p);
    const auto mse = lae::loss_weights<T>(lae::LossKind::mse, p);
    std::vector<lae::Point<T>> points;
    for (const auto& I : all_tuples(n, p)) points.push_back(lae::critical_point(inst.e, I, Mat<T>(random_scales(p, rng).asDiagonal())));
    for (int r = 0; r < p; ++r) points.push_back(ordered_rank_deficient(inst, r, rng).x);
    for (const auto& x : points) {
      const T scale = loss_scale(inst) * (1 + x.A.squaredNorm() + x.B.squaredNorm());
      out.close("ordered-critical, " + inst.describe(), lae::gradient(inst.m, x.A, x.B, ord).norm(), route_tolerance<T>() * scale);
      out.close("hence MSE-critical, " + inst.describe(), lae::gradient(inst.m, x.A, x.B, mse).norm(), route_tolerance<T>() * scale);
    }
    out.count_instance();
  }
}
