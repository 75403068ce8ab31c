#include "lae_certified.hpp"

AEL_CLAIM("LAE-23", "[derived]",
          "ker H_MSE = {(AG, -GB)} (dim p^2) at full-rank MSE critical points; ker H = {(A Delta, -Delta B), Delta diagonal} (dim p) at P(I,C)") {
  using namespace ael;
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 1);
    Rng rng(ctx.seed * 127 + i);
    std::optional<BallInstance> ball;
    std::optional<CrossCheck> cross;
    if (ctx.certify) ball.emplace(ball_instance(inst)), cross.emplace(out);
    const lae::Index I = random_tuple(n, p, rng);
    const Vec<T> c = random_scales(p, rng);
    for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
      const bool mse = kind == lae::LossKind::mse;
      const Mat<T> C = mse ? Mat<T>(Mat<T>(c.asDiagonal()) + random_matrix(p, p, rng) / 4) : Mat<T>(c.asDiagonal());
      const auto x = lae::critical_point(inst.e, I, C);
      const Mat<T> H = lae::hessian_elementwise(inst.m, x.A, x.B, lae::loss_weights<T>(kind, p));
      Mat<T> G = random_matrix(p, p, rng);
      if (!mse) G = Mat<T>(G.diagonal().asDiagonal());
      const Vec<T> v = lae::pack(Mat<T>(x.A * G), Mat<T>(-G * x.B));
      const std::string tag = std::string(lae::loss_name(kind)) + " at " + lae::format_index(I) + ", " + inst.describe();
      out.close("H (AG, -GB) = 0, " + tag, T((H * v).cwiseAbs().maxCoeff()), route_tolerance<T>() * H.cwiseAbs().maxCoeff() * v.norm());
      check_inertia(out, "nullity, " + tag, symmetric_eigenvalues<T>(H), lae::inertia_formula(I, n, kind));
      // Proved: the tangents span a subspace of ker H (equivariance, docs/certification.md 4) and the
      // complement block Z'HZ is certified nonsingular, so ker H is exactly their span.
      if (ball) {
        const auto r = proved_inertia(out, "nullity, " + tag, ball_inertia(*ball, I, C, kind), nullptr);
        if (r) out.proved("dim ker H = " + std::string(mse ? "p^2" : "p") + ", " + tag, r->zero == (mse ? p * p : p),
                          Evidence::proved_ball, kAssembledBallRoute);
      }
    }
    out.count_instance();
  }
}
