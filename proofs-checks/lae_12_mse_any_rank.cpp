#include <optional>
#include "lae_exact_critical.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-12", "[derived]",
          "(U_S Phi, Psi U_S' Mhat) with Phi Psi = I_r is MSE-critical for every rank r <= p, with loss tr Syy - sum_{s in S} lambda_s") {
  using namespace ael;
  // --certify: decided exactly on seeded rational data sets (docs/certification.md §8);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_critical_exactly(ctx, out, "LAE-12"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 0);
    Rng rng(ctx.seed * 71 + i);
    const auto w = lae::loss_weights<T>(lae::LossKind::mse, p);
    for (int r = 0; r <= p; ++r) {
      const lae::Index S = random_tuple(n, r, rng);
      Mat<T> US(n, r);
      for (int q = 0; q < r; ++q) US.col(q) = inst.e.U.col(S[q]);
      const Mat<T> Phi = random_matrix(r, p, rng), Z = random_matrix(p, r, rng);
      Mat<T> Psi = Mat<T>::Zero(p, r);
      if (r > 0) {  // Ψ = Φ⁺ + (I − Φ⁺Φ) Z satisfies ΦΨ = I_r
        const Mat<T> pinv = Phi.transpose() * inverse<T>(Mat<T>(Phi * Phi.transpose()));
        Psi = pinv + (Mat<T>::Identity(p, p) - pinv * Phi) * Z;
      }
      const Mat<T> A = US * Phi, B = Psi * US.transpose() * inst.e.Mhat;
      const T scale = loss_scale(inst) * (1 + A.squaredNorm() + B.squaredNorm());
      const std::string tag = "r=" + std::to_string(r) + ", " + inst.describe();
      out.close("gradient, " + tag, lae::gradient(inst.m, A, B, w).norm(), route_tolerance<T>() * scale);
      out.close("loss, " + tag, lae::loss(inst.m, A, B, w) - lae::critical_loss(inst.m, inst.e, S, p, lae::LossKind::mse),
                route_tolerance<T>() * scale);
    }
    out.count_instance();
  }
}
