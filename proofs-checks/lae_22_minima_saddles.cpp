#include "lae_instances.hpp"

AEL_CLAIM("LAE-22", "[paper]",
          "H(P(I,C)) has no negative eigenvalue iff I = (1..p); permuted top-p tuples are MSE minima (PSD) but ordered-loss saddles with inv(I) negative eigenvalues") {
  using namespace ael;
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 0);
    Rng rng(ctx.seed * 113 + i);
    for (const auto& I : all_tuples(n, p)) {
      const Vec<T> c = random_scales(p, rng);
      const auto x = lae::critical_point(inst.e, I, Mat<T>(c.asDiagonal()));
      const auto ord = lae::inertia_of<T>(euclidean_spectrum(inst, x, lae::LossKind::ordered), zero_threshold<T>());
      bool identity = true, permutation = true;
      for (int k = 0; k < p; ++k) identity &= I[k] == k, permutation &= I[k] < p;
      const std::string tag = lae::format_index(I) + ", " + inst.describe();
      out.require("ordered #neg = 0 iff I = (1..p) at " + tag, (ord.negative == 0) == identity);
      if (!permutation) continue;
      const auto mse = lae::inertia_of<T>(euclidean_spectrum(inst, x, lae::LossKind::mse), zero_threshold<T>());
      out.require("MSE PSD at permuted top-p " + tag, mse.negative == 0);
      out.require("ordered #neg = inv(I) at " + tag, ord.negative == lae::inversions(I));
    }
    out.count_instance();
  }
}
