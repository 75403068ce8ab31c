#include <optional>
#include "lae_exact_identities.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-4", "[derived]",
          "Kronecker blocks, elementwise formulas, the bilinear form and Richardson differences of the gradient give one Hessian; compact quadratic form agrees") {
  using namespace ael;
  // --certify: decided exactly at seeded rational instances (docs/certification.md, Exact identities);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_identities_exactly(ctx, out, "LAE-4"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 1);
    Rng rng(ctx.seed * 41 + i);
    const Mat<T> A = random_matrix(n, p, rng), B = random_matrix(p, n, rng);
    const Mat<T> a = random_matrix(n, p, rng), b = random_matrix(p, n, rng);
    for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
      const auto w = lae::loss_weights<T>(kind, p);
      const Mat<T> Hk = lae::hessian_kronecker(inst.m, A, B, w);
      const Mat<T> He = lae::hessian_elementwise(inst.m, A, B, w);
      const Mat<T> Hf = lae::hessian_from_form(inst.m, A, B, kind);
      const T scale = Hk.cwiseAbs().maxCoeff();
      const T tol = route_tolerance<T>() * scale;
      const std::string tag = std::string(lae::loss_name(kind)) + ", " + inst.describe();
      out.close("Kronecker vs elementwise, " + tag, T((Hk - He).cwiseAbs().maxCoeff()), tol);
      out.close("Kronecker vs bilinear form, " + tag, T((Hk - Hf).cwiseAbs().maxCoeff()), tol);
      // Gradient is cubic in θ: the Richardson combination is exact.
      const Vec<T> theta = lae::pack(A, B);
      const T h = T(1) / 1024;
      auto grad = [&](const Vec<T>& th) {
        Mat<T> a2, b2;
        lae::unpack(th, n, p, a2, b2);
        const auto g = lae::gradient(inst.m, a2, b2, w);
        return lae::pack(g.dA, g.dB);
      };
      T worst = 0;
      for (Eigen::Index j = 0; j < theta.size(); ++j) {
        auto D = [&](const T& step) {
          Vec<T> up = theta, down = theta;
          up(j) += step;
          down(j) -= step;
          return Vec<T>((grad(up) - grad(down)) / (2 * step));
        };
        worst = std::max(worst, T((Vec<T>((4 * D(h) - D(2 * h)) / 3) - Hk.col(j)).cwiseAbs().maxCoeff()));
      }
      out.close("Richardson differences of the gradient, " + tag, worst, tol / h);
      const Vec<T> d = lae::pack(a, b);
      const T quad = d.dot(Hk * d);
      out.close("compact quadratic form, " + tag, lae::hessian_quadratic_compact(inst.m, A, B, w, a, b) - quad,
                tol * d.squaredNorm());
    }
    out.count_instance();
  }
}
