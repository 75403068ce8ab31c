#include <optional>
#include "lae_exact_identities.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-1", "[derived]",
          "Compact (covariance) and data forms of both losses equal the sum of truncated MSEs") {
  using namespace ael;
  // --certify: decided exactly at seeded rational instances (docs/certification.md, Exact identities);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_identities_exactly(ctx, out, "LAE-1"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 1);
    Rng rng(ctx.seed * 31 + i);
    const Mat<T> A = random_matrix(n, p, rng), B = random_matrix(p, n, rng);
    for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
      const auto w = lae::loss_weights<T>(kind, p);
      const T truth = lae::loss_by_definition<T>(inst.X, inst.Y, A, B, kind);
      const T tol = route_tolerance<T>() * (loss_scale(inst) + truth);
      const std::string tag = std::string(lae::loss_name(kind)) + " " + inst.describe();
      out.close("covariance form, " + tag, lae::loss(inst.m, A, B, w) - truth, tol);
      out.close("data form, " + tag, lae::data_form<T>(inst.X, inst.Y, A, B, w).value - truth, tol);
    }
    out.count_instance();
  }
}
