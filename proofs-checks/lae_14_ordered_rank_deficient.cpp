#include <optional>
#include "lae_exact_critical.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-14", "[derived]",
          "Rank-deficient points built by 6.5 (i)-(iii) are critical for both losses with loss p tr Syy - sum_{k live} w_k lambda_jk") {
  using namespace ael;
  // --certify: decided exactly on seeded rational data sets (docs/certification.md §8);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_critical_exactly(ctx, out, "LAE-14"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 0);
    Rng rng(ctx.seed * 79 + i);
    const auto ord = lae::loss_weights<T>(lae::LossKind::ordered, p);
    const auto mse = lae::loss_weights<T>(lae::LossKind::mse, p);
    for (int r = 0; r < p; ++r)
      for (int rep = 0; rep < 3; ++rep) {
        const auto pt = ordered_rank_deficient(inst, r, rng);
        T explained = 0;
        for (const auto& [k, j] : pt.live) explained += T(p - k) * inst.e.lambda(j);
        const T scale = loss_scale(inst) * (1 + pt.x.A.squaredNorm() + pt.x.B.squaredNorm());
        const std::string tag = "r=" + std::to_string(r) + ", " + inst.describe();
        out.close("ordered gradient, " + tag, lae::gradient(inst.m, pt.x.A, pt.x.B, ord).norm(), route_tolerance<T>() * scale);
        out.close("MSE gradient, " + tag, lae::gradient(inst.m, pt.x.A, pt.x.B, mse).norm(), route_tolerance<T>() * scale);
        out.close("loss, " + tag, lae::loss(inst.m, pt.x.A, pt.x.B, ord) - (T(p) * inst.m.trSyy - explained),
                  route_tolerance<T>() * scale);
      }
    out.count_instance();
  }
}
