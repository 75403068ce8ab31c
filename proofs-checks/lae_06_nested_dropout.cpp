#include <optional>
#include "lae_exact_identities.hpp"
#include "lae_instances.hpp"

// Bao et al. (NeurIPS 2020) closed form of the expected nested-dropout loss,
// written here from their formula, independently of the project's kernels.
AEL_CLAIM("LAE-6", "[derived]",
          "LAE: ordered loss = p x Bao et al. expected nested-dropout loss with pi_k = w_k/p, M_jk = pi_max(j,k)") {
  using namespace ael;
  // --certify: decided exactly at seeded rational instances (docs/certification.md, Exact identities);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_identities_exactly(ctx, out, "LAE-6"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, true);
    Rng rng(ctx.seed * 47 + i);
    const Mat<T> A = random_matrix(n, p, rng), B = random_matrix(p, n, rng);
    Vec<T> pi(p);
    Mat<T> Mnd(p, p);
    for (int k = 0; k < p; ++k) pi(k) = T(p - k) / p;
    for (int j = 0; j < p; ++j)
      for (int k = 0; k < p; ++k) Mnd(j, k) = pi(std::max(j, k));
    const Mat<T> XXt = inst.X * inst.X.transpose();
    const T bao = inst.X.squaredNorm() - 2 * (B * XXt * A * Mat<T>(pi.asDiagonal())).trace() +
                  (B * XXt * B.transpose() * Mat<T>((A.transpose() * A).cwiseProduct(Mnd))).trace();
    const T ordered = lae::loss_by_definition<T>(inst.X, inst.X, A, B, lae::LossKind::ordered);
    out.close("p*Bao - L, " + inst.describe(), T(p) * bao - ordered, route_tolerance<T>() * (loss_scale(inst) + ordered));
    out.count_instance();
  }
}
