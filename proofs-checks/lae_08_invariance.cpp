#include <optional>
#include "lae_exact_identities.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-8", "[paper+derived]",
          "MSE is GL(p)-invariant [paper]; the ordered loss is invariant under diagonal D only, and a generic non-diagonal G changes it [derived]") {
  using namespace ael;
  // --certify: decided exactly at seeded rational instances (docs/certification.md, Exact identities);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_identities_exactly(ctx, out, "LAE-8"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    if (p < 2) p = 2;
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 0);
    Rng rng(ctx.seed * 59 + i);
    const Mat<T> A = random_matrix(n, p, rng), B = random_matrix(p, n, rng);
    const Mat<T> G = Mat<T>::Identity(p, p) + random_matrix(p, p, rng) / 2;
    Vec<T> d = random_scales(p, rng);
    const Mat<T> D = d.asDiagonal(), Dinv = d.cwiseInverse().asDiagonal();
    const Mat<T> Ginv = inverse<T>(G);
    const auto mse = lae::loss_weights<T>(lae::LossKind::mse, p), ord = lae::loss_weights<T>(lae::LossKind::ordered, p);
    const T tol = route_tolerance<T>() * loss_scale(inst) * (1 + G.squaredNorm() + Ginv.squaredNorm());
    const T Lm = lae::loss(inst.m, A, B, mse), Lo = lae::loss(inst.m, A, B, ord);
    out.close("MSE(AG, G^-1 B), " + inst.describe(), lae::loss(inst.m, Mat<T>(A * G), Mat<T>(Ginv * B), mse) - Lm, tol);
    out.close("ordered(AD, D^-1 B), " + inst.describe(), lae::loss(inst.m, Mat<T>(A * D), Mat<T>(Dinv * B), ord) - Lo, tol);
    using std::abs;
    out.at_least("ordered(AG, G^-1 B) differs, " + inst.describe(),
                 T(abs(lae::loss(inst.m, Mat<T>(A * G), Mat<T>(Ginv * B), ord) - Lo)), 1000 * tol);
    out.count_instance();
  }
}
