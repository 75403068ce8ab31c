#include <optional>
#include "lae_exact_critical.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-11", "[paper]",
          "For every p-set I and C in GL(p), P(I,C) is MSE-critical with loss tr Syy - sum_{i in I} lambda_i") {
  using namespace ael;
  // --certify: decided exactly on seeded rational data sets (docs/certification.md §8);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_critical_exactly(ctx, out, "LAE-11"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 1);
    Rng rng(ctx.seed * 67 + i);
    const auto w = lae::loss_weights<T>(lae::LossKind::mse, p);
    for (const auto& I : all_tuples(n, p)) {
      const Mat<T> C = Mat<T>::Identity(p, p) + random_matrix(p, p, rng) / 3;
      const auto x = lae::critical_point(inst.e, I, C);
      const T scale = loss_scale(inst) * (1 + x.A.norm() + x.B.norm());
      out.close("gradient at " + lae::format_index(I), lae::gradient(inst.m, x.A, x.B, w).norm(), route_tolerance<T>() * scale);
      out.close("loss at " + lae::format_index(I),
                lae::loss(inst.m, x.A, x.B, w) - lae::critical_loss(inst.m, inst.e, I, p, lae::LossKind::mse),
                route_tolerance<T>() * loss_scale(inst));
    }
    out.count_instance();
  }
}
