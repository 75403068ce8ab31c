#include <optional>
#include "lae_exact_checks.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-17", "[derived]",
          "LAE, every ordered I, diagonal C: the MSE Hessian spectrum at P(I,C) is the closed-form multiset of 7.2") {
  using namespace ael;
  // --certify: decided exactly on seeded rational Cayley instances (docs/certification.md §7);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_exactly(ctx, out, "LAE-17"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, true);
    Rng rng(ctx.seed * 97 + i);
    for (const auto& I : all_tuples(n, p)) {
      const Vec<T> c = random_scales(p, rng);
      const auto x = lae::critical_point(inst.e, I, Mat<T>(c.asDiagonal()));
      const Vec<T> closed = lae::closed_form_spectrum<T>(inst.e.lambda, I, c, lae::LossKind::mse);
      const Vec<T> numeric = lae::numeric_spectrum(inst.m, inst.e, x, lae::LossKind::mse);
      out.close("spectrum at " + lae::format_index(I) + ", " + inst.describe(), lae::relative_discrepancy(closed, numeric),
                route_tolerance<T>());
    }
    out.count_instance();
  }
}
