#include <optional>
#include "lae_exact_identities.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-5", "[derived]",
          "Data-form (8.2), backward residual sweep (8.3), covariance form (8.4) and MSE reference (8.1) return the definition's loss and gradient") {
  using namespace ael;
  // --certify: decided exactly at seeded rational instances (docs/certification.md, Exact identities);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_identities_exactly(ctx, out, "LAE-5"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 0);
    Rng rng(ctx.seed * 43 + i);
    const Mat<T> A = random_matrix(n, p, rng), B = random_matrix(p, n, rng);
    for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
      const auto w = lae::loss_weights<T>(kind, p);
      const T truth = lae::loss_by_definition<T>(inst.X, inst.Y, A, B, kind);
      const auto g = lae::gradient(inst.m, A, B, w);
      const T tol = route_tolerance<T>() * (loss_scale(inst) + truth);
      auto compare = [&](const std::string& name, const lae::ValueAndGradient<T>& r) {
        out.close(name + " loss, " + inst.describe(), r.value - truth, tol);
        out.close(name + " gradient, " + inst.describe(),
                  T(std::max((r.grad.dA - g.dA).cwiseAbs().maxCoeff(), (r.grad.dB - g.dB).cwiseAbs().maxCoeff())), tol);
      };
      compare(std::string("data form ") + lae::loss_name(kind), lae::data_form<T>(inst.X, inst.Y, A, B, w));
      if (kind == lae::LossKind::ordered)
        compare("backward sweep", lae::ordered_backward_sweep<T>(inst.X, inst.Y, A, B));
      else
        compare("MSE reference", lae::mse_reference<T>(inst.X, inst.Y, A, B));
    }
    out.count_instance();
  }
}
