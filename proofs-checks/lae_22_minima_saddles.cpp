#include "lae_certified.hpp"

AEL_CLAIM("LAE-22", "[paper]",
          "H(P(I,C)) has no negative eigenvalue iff I = (1..p); permuted top-p tuples are MSE minima (PSD) but ordered-loss saddles with inv(I) negative eigenvalues") {
  using namespace ael;
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 0);
    Rng rng(ctx.seed * 113 + i);
    std::optional<BallInstance> ball;
    std::optional<CrossCheck> cross;
    if (ctx.certify) ball.emplace(ball_instance(inst)), cross.emplace(out);
    for (const auto& I : all_tuples(n, p)) {
      const Vec<T> c = random_scales(p, rng);
      const auto x = lae::critical_point(inst.e, I, Mat<T>(c.asDiagonal()));
      const auto ord = lae::inertia_of<T>(euclidean_spectrum(inst, x, lae::LossKind::ordered), zero_threshold<T>());
      bool identity = true, permutation = true;
      for (int k = 0; k < p; ++k) identity &= I[k] == k, permutation &= I[k] < p;
      const std::string tag = lae::format_index(I) + ", " + inst.describe();
      out.require("ordered #neg = 0 iff I = (1..p) at " + tag, (ord.negative == 0) == identity);
      std::optional<lae::Inertia> proved_ord, proved_mse;
      if (ball) {
        proved_ord = proved_inertia(out, "ordered inertia at " + tag, ball_inertia(*ball, I, Mat<T>(c.asDiagonal()), lae::LossKind::ordered), nullptr);
        if (proved_ord) out.proved("ordered #neg = 0 iff I = (1..p) at " + tag, (proved_ord->negative == 0) == identity,
                                   Evidence::proved_ball, kAssembledBallRoute);
      }
      if (!permutation) continue;
      if (ball) {
        proved_mse = proved_inertia(out, "MSE inertia at " + tag, ball_inertia(*ball, I, Mat<T>(c.asDiagonal()), lae::LossKind::mse), nullptr);
        if (proved_mse) out.proved("MSE PSD at permuted top-p " + tag, proved_mse->negative == 0, Evidence::proved_ball, kAssembledBallRoute);
        if (proved_ord) out.proved("ordered #neg = inv(I) at " + tag, proved_ord->negative == lae::inversions(I), Evidence::proved_ball, kAssembledBallRoute);
      }
      const auto mse = lae::inertia_of<T>(euclidean_spectrum(inst, x, lae::LossKind::mse), zero_threshold<T>());
      out.require("MSE PSD at permuted top-p " + tag, mse.negative == 0);
      out.require("ordered #neg = inv(I) at " + tag, ord.negative == lae::inversions(I));
    }
    out.count_instance();
  }
}
