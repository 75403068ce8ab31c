#include <optional>
#include "lae_exact_identities.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-7", "[derived]",
          "Reduction to the diagonal LAE: L - L^Lambda(U'A, B Sxy U Lambda^-1) = terms*(tr Syy - tr Sigma) and H = J' H^Lambda J") {
  using namespace ael;
  // --certify: decided exactly at seeded rational instances (docs/certification.md, Exact identities);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_identities_exactly(ctx, out, "LAE-7"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 1);
    Rng rng(ctx.seed * 53 + i);
    const Mat<T> A = random_matrix(n, p, rng), B = random_matrix(p, n, rng);
    const auto& e = inst.e;
    lae::Moments<T> diag{Mat<T>(e.lambda.asDiagonal()), Mat<T>(e.lambda.asDiagonal()), e.lambda.sum(), true};
    const Mat<T> Abar = e.U.transpose() * A;
    const Mat<T> Bbar = B * inst.m.Syx.transpose() * e.U * Mat<T>(e.lambda.cwiseInverse().asDiagonal());
    // 𝒥 = blkdiag(I_p ⊗ Uᵀ, Λ⁻¹UᵀΣ_yx ⊗ I_p), written out from docs/lae-math.md §5.
    const int np = n * p;
    const Mat<T> Wb = e.lambda.cwiseInverse().asDiagonal() * e.U.transpose() * inst.m.Syx;
    Mat<T> J = Mat<T>::Zero(2 * np, 2 * np);
    for (int k = 0; k < p; ++k) J.block(k * n, k * n, n, n) = e.U.transpose();
    for (int a = 0; a < n; ++a)
      for (int b = 0; b < n; ++b)
        for (int k = 0; k < p; ++k) J(np + a * p + k, np + b * p + k) = Wb(a, b);
    for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
      const auto w = lae::loss_weights<T>(kind, p);
      const T L = lae::loss(inst.m, A, B, w);
      const T offset = T(w.terms) * (inst.m.trSyy - e.lambda.sum());
      const std::string tag = std::string(lae::loss_name(kind)) + ", " + inst.describe();
      out.close("loss offset, " + tag, L - lae::loss(diag, Abar, Bbar, w) - offset,
                route_tolerance<T>() * (loss_scale(inst) + L));
      const Mat<T> H = lae::hessian_elementwise(inst.m, A, B, w);
      const Mat<T> Hdiag = lae::hessian_elementwise(diag, Abar, Bbar, w);
      out.close("H = J' H^Lambda J, " + tag, T((J.transpose() * Hdiag * J - H).cwiseAbs().maxCoeff()),
                route_tolerance<T>() * H.cwiseAbs().maxCoeff());
      if (!inst.m.autoencoder)
        out.close("J^-T H J^-1 = H^Lambda (comparable_hessian), " + tag,
                  T((lae::comparable_hessian(inst.m, e, H) - Hdiag).cwiseAbs().maxCoeff()),
                  route_tolerance<T>() * Hdiag.cwiseAbs().maxCoeff());
    }
    out.count_instance();
  }
}
