#include <optional>
#include "lae_exact_critical.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-18", "[derived]",
          "LAE, any C in GL(p): the MSE Hessian spectrum at P(I,C) is p^2 zeros, eig(2[Lambda_I (x) CC' + (Lambda^1/2 (CC')^-1 Lambda^1/2) (x) I]) and the 2p x 2p outside blocks") {
  using namespace ael;
  // --certify: decided exactly on seeded rational data sets (docs/certification.md §8);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_critical_exactly(ctx, out, "LAE-18"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, true);
    Rng rng(ctx.seed * 101 + i);
    for (int rep = 0; rep < 3; ++rep) {
      const lae::Index I = random_tuple(n, p, rng);
      const Mat<T> C = Mat<T>(random_scales(p, rng).asDiagonal()) + random_matrix(p, p, rng) / 3;
      const auto x = lae::critical_point(inst.e, I, C);
      const Vec<T> closed = lae::closed_form_spectrum_mse<T>(inst.e.lambda, I, C);
      const Vec<T> numeric = lae::numeric_spectrum(inst.m, inst.e, x, lae::LossKind::mse);
      out.close("spectrum at " + lae::format_index(I) + ", " + inst.describe(), lae::relative_discrepancy(closed, numeric),
                route_tolerance<T>() * 100);
    }
    out.count_instance();
  }
}
