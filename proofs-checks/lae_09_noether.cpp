#include <optional>
#include "lae_exact_identities.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-9", "[derived]",
          "Noether identities A'grad_A = grad_B B' (MSE; diagonal for ordered) and one GD step changes A'A - BB' by exactly eta^2 (gA'gA - gB gB')") {
  using namespace ael;
  // --certify: decided exactly at seeded rational instances (docs/certification.md, Exact identities);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_identities_exactly(ctx, out, "LAE-9"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 1);
    Rng rng(ctx.seed * 61 + i);
    const Mat<T> A = random_matrix(n, p, rng), B = random_matrix(p, n, rng);
    const T eta = T(1) / 1000;
    for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
      const auto w = lae::loss_weights<T>(kind, p);
      const auto g = lae::gradient(inst.m, A, B, w);
      Mat<T> lhs = A.transpose() * g.dA, rhs = g.dB * B.transpose();
      const Mat<T> Q = A.transpose() * A - B * B.transpose();
      const Mat<T> Ap = A - eta * g.dA, Bp = B - eta * g.dB;
      Mat<T> drift = Ap.transpose() * Ap - Bp * Bp.transpose() - Q;
      Mat<T> predicted = eta * eta * (g.dA.transpose() * g.dA - g.dB * g.dB.transpose());
      if (kind == lae::LossKind::ordered) {  // only the diagonal is conserved
        lhs = Mat<T>(lhs.diagonal().asDiagonal());
        rhs = Mat<T>(rhs.diagonal().asDiagonal());
        drift = Mat<T>(drift.diagonal().asDiagonal());
        predicted = Mat<T>(predicted.diagonal().asDiagonal());
      }
      const T scale = (A.norm() + B.norm()) * g.norm() + Q.norm();
      const std::string tag = std::string(lae::loss_name(kind)) + ", " + inst.describe();
      out.close("Noether identity, " + tag, T((lhs - rhs).cwiseAbs().maxCoeff()), route_tolerance<T>() * scale);
      out.close("GD drift, " + tag, T((drift - predicted).cwiseAbs().maxCoeff()), route_tolerance<T>() * scale);
    }
    out.count_instance();
  }
}
