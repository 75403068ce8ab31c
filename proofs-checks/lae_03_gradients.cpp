#include <optional>
#include "lae_exact_identities.hpp"
#include "lae_instances.hpp"

// Richardson combination [4D(h) − D(2h)]/3 of central differences: exact for
// polynomials of degree ≤ 4 in exact arithmetic (docs/lae-math.md §4), so it certifies the
// gradient formulas independently of them, up to rounding of order ε·L/h.
AEL_CLAIM("LAE-3", "[derived]",
          "Analytic gradients of both losses (matrix and per-unit forms) equal exact Richardson differences of the loss") {
  using namespace ael;
  // --certify: decided exactly at seeded rational instances (docs/certification.md, Exact identities);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_identities_exactly(ctx, out, "LAE-3"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 0);
    Rng rng(ctx.seed * 37 + i);
    const Mat<T> A = random_matrix(n, p, rng), B = random_matrix(p, n, rng);
    const Vec<T> theta = lae::pack(A, B);
    const T h = T(1) / 1024;
    for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
      const auto w = lae::loss_weights<T>(kind, p);
      auto L = [&](const Vec<T>& th) {
        Mat<T> a, b;
        lae::unpack(th, n, p, a, b);
        return lae::loss(inst.m, a, b, w);
      };
      const auto g = lae::gradient(inst.m, A, B, w), gu = lae::gradient_per_unit(inst.m, A, B, w);
      const Vec<T> analytic = lae::pack(g.dA, g.dB);
      T worst = 0;
      for (Eigen::Index j = 0; j < theta.size(); ++j) {
        auto D = [&](const T& step) {
          Vec<T> up = theta, down = theta;
          up(j) += step;
          down(j) -= step;
          return (L(up) - L(down)) / (2 * step);
        };
        const T fd = (4 * D(h) - D(2 * h)) / 3;
        worst = std::max(worst, T(abs(fd - analytic(j))));
      }
      const T scale = loss_scale(inst) + L(theta);
      out.close(std::string(lae::loss_name(kind)) + " Richardson, " + inst.describe(), worst, route_tolerance<T>() * scale / h);
      out.close(std::string(lae::loss_name(kind)) + " per-unit = matrix form",
                T((lae::pack(gu.dA, gu.dB) - analytic).cwiseAbs().maxCoeff()), route_tolerance<T>() * scale);
    }
    out.count_instance();
  }
}
