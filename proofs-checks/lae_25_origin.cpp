#include <optional>
#include "lae_exact_critical.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-25", "[derived]",
          "Any Y: (0,0) is critical; its Hessian eigenvalues are +-2 w_k sigma_t(Syx) (ordered) and +-2 sigma_t (MSE, each p times); inertia (np, 0, np)") {
  using namespace ael;
  // --certify: decided exactly on seeded rational data sets (docs/certification.md §8);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_critical_exactly(ctx, out, "LAE-25"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 1);
    const Mat<T> A = Mat<T>::Zero(n, p), B = Mat<T>::Zero(p, n);
    const Vec<T> sigma = singular_values<T>(inst.m.Syx);
    for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
      const auto w = lae::loss_weights<T>(kind, p);
      const std::string tag = std::string(lae::loss_name(kind)) + ", " + inst.describe();
      out.close("gradient at origin, " + tag, lae::gradient(inst.m, A, B, w).norm(), route_tolerance<T>() * loss_scale(inst));
      const Vec<T> numeric = symmetric_eigenvalues<T>(lae::hessian_elementwise(inst.m, A, B, w));
      out.close("spectrum at origin, " + tag, lae::relative_discrepancy(lae::origin_spectrum<T>(sigma, p, kind), numeric),
                route_tolerance<T>());
      check_inertia(out, "origin, " + tag, numeric, {n * p, 0, n * p});
    }
    out.count_instance();
  }
}
