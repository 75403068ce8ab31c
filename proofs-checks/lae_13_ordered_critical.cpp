#include <optional>
#include "lae_exact_critical.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-13", "[derived]",
          "P(I,C) is critical for the ordered loss for diagonal C (loss p tr Syy - sum w_k lambda_ik) and C = Pi D, but not for a generic non-diagonal C (which stays MSE-critical)") {
  using namespace ael;
  // --certify: decided exactly on seeded rational data sets (docs/certification.md §8);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_critical_exactly(ctx, out, "LAE-13"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 1);
    Rng rng(ctx.seed * 73 + i);
    const auto ord = lae::loss_weights<T>(lae::LossKind::ordered, p);
    const auto mse = lae::loss_weights<T>(lae::LossKind::mse, p);
    for (const auto& I : all_tuples(n, p)) {
      const std::string tag = lae::format_index(I) + ", " + inst.describe();
      const Vec<T> c = random_scales(p, rng);
      auto x = lae::critical_point(inst.e, I, Mat<T>(c.asDiagonal()));
      const T scale = loss_scale(inst) * (1 + x.A.squaredNorm() + x.B.squaredNorm());
      out.close("gradient, diagonal C, " + tag, lae::gradient(inst.m, x.A, x.B, ord).norm(), route_tolerance<T>() * scale);
      out.close("loss, " + tag, lae::loss(inst.m, x.A, x.B, ord) - lae::critical_loss(inst.m, inst.e, I, p, lae::LossKind::ordered),
                route_tolerance<T>() * scale);
      // C = Π D: a permutation of the columns of a diagonal scaling.
      const auto perm = rng.permutation(p);
      Mat<T> PiD = Mat<T>::Zero(p, p);
      for (int k = 0; k < p; ++k) PiD(perm[k], k) = c(k);
      x = lae::critical_point(inst.e, I, PiD);
      out.close("gradient, C = Pi D, " + tag, lae::gradient(inst.m, x.A, x.B, ord).norm(), route_tolerance<T>() * scale);
      if (p < 2) continue;
      const Mat<T> C = Mat<T>(c.asDiagonal()) + random_matrix(p, p, rng) / 4;
      x = lae::critical_point(inst.e, I, C);
      const T scale2 = loss_scale(inst) * (1 + x.A.squaredNorm() + x.B.squaredNorm());
      out.close("MSE gradient, generic C, " + tag, lae::gradient(inst.m, x.A, x.B, mse).norm(), route_tolerance<T>() * scale2);
      out.at_least("ordered gradient nonzero, generic C, " + tag, lae::gradient(inst.m, x.A, x.B, ord).norm(),
                   1000 * route_tolerance<T>() * scale2);
    }
    out.count_instance();
  }
}
