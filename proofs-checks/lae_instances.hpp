// Seeded instance generators shared by the LAE proof-checks.
#pragma once

#include "claim.hpp"
#include "core/linalg.hpp"
#include "core/rng.hpp"
#include "lae/critical.hpp"
#include "lae/synthetic.hpp"
#include "rank_deficient.hpp"

#include <algorithm>
#include <string>

namespace ael::checks {

using T = mp_real;

struct LaeInstance {
  int n = 0, p = 0;
  Mat<T> X, Y;  // samples as columns (n × m), as in the spec
  lae::Moments<T> m;
  lae::EigenData<T> e;
  std::string describe() const {
    return "n=" + std::to_string(n) + " p=" + std::to_string(p) + (m.autoencoder ? " LAE" : " general-Y");
  }
};

// Gaussian data with m = n + 3 samples (distinct eigenvalues with probability
// one; eigen_data refuses the rare near-repeated draw and we redraw).
inline LaeInstance make_lae_instance(std::uint64_t seed, int n, int p, bool autoencoder) {
  for (std::uint64_t attempt = 0;; ++attempt) {
    try {
      LaeInstance inst;
      inst.n = n;
      inst.p = p;
      const Mat<T> Xr = lae::synthetic_samples<T>(n, n + 3, seed * 7919 + attempt, "gaussian");
      const Mat<T> Yr = autoencoder ? Xr : lae::synthetic_targets<T>(Xr, seed + attempt);
      inst.X = Xr.transpose();
      inst.Y = Yr.transpose();
      inst.m = autoencoder ? lae::moments_from_rows<T>(Xr) : lae::moments_from_rows<T>(Xr, &Yr);
      inst.e = lae::eigen_data(inst.m);
      return inst;
    } catch (const std::invalid_argument&) {
      if (attempt > 20) throw;
    }
  }
}

inline Mat<T> random_matrix(int rows, int cols, Rng& rng) {
  Mat<T> M(rows, cols);
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i) M(i, j) = T(rng.gaussian());
  return M;
}

// Signed scales with |c| in [0.5, 2] (docs/lae-math.md §11: moderate conditioning).
inline Vec<T> random_scales(int p, Rng& rng) {
  Vec<T> c(p);
  for (int k = 0; k < p; ++k) c(k) = T(0.5 + 1.5 * rng.uniform()) * (rng.uniform() < 0.5 ? -1 : 1);
  return c;
}

inline lae::Index random_tuple(int n, int p, Rng& rng) {
  auto perm = rng.permutation(n);
  return lae::Index(perm.begin(), perm.begin() + p);
}

inline std::vector<lae::Index> all_tuples(int n, int p) {
  std::vector<lae::Index> out;
  lae::enumerate_tuples(n, p, true, [&](const lae::Index& I) { out.push_back(I); });
  return out;
}

// Instance shapes cycled through by the checks: small enough for full
// multiprecision Hessians, varied enough to exercise every block type.
inline std::pair<int, int> shape_for(int i) {
  static const std::pair<int, int> shapes[] = {{3, 2}, {4, 2}, {4, 3}, {5, 3}, {3, 1}, {5, 2}, {3, 3}, {6, 3}};
  return shapes[i % 8];
}

// A rank-deficient critical point of the ordered loss built by docs/lae-math.md §6
// (i)–(iii): r < p live units with distinct random indices and scales; each dead
// unit has a_k = 0 and b_k in the span of EARLIER live b's, or the mirror case,
// or both zero. Returns the point and the live units' (unit, index) pairs.
using RankDeficientPoint = RankDeficient<T>;  // rank_deficient.hpp
inline RankDeficientPoint ordered_rank_deficient(const LaeInstance& inst, int r, Rng& rng) {
  return rank_deficient_point<T>(inst.e.U, inst.e.Mhat, inst.p, r, rng, [](Rng& g) { return random_scales(1, g)(0); },
                                 [](Rng& g) { return T(g.gaussian()); });
}

// Records that a numeric spectrum has the expected inertia, with margins: the
// expected zeros lie inside the band |μ| ≤ τ·max|μ| and every other eigenvalue
// lies outside it with the expected sign count.
inline void check_inertia(Outcome& out, const std::string& what, Vec<T> mu, const lae::Inertia& expected) {
  const T band = zero_threshold<T>() * mu.cwiseAbs().maxCoeff();
  std::vector<T> mags(mu.data(), mu.data() + mu.size());
  for (auto& v : mags) v = abs(v);
  std::sort(mags.begin(), mags.end());
  if (expected.zero > 0) out.close(what + ": zeros inside the band", mags[expected.zero - 1], band);
  if (expected.zero < static_cast<int>(mags.size())) out.at_least(what + ": nonzeros outside the band", mags[expected.zero], band);
  const auto got = lae::inertia_of<T>(mu, zero_threshold<T>());
  out.require(what + ": inertia (" + std::to_string(got.negative) + "," + std::to_string(got.zero) + "," +
                  std::to_string(got.positive) + ") expected (" + std::to_string(expected.negative) + "," +
                  std::to_string(expected.zero) + "," + std::to_string(expected.positive) + ")",
              got == expected);
}

inline Vec<T> euclidean_spectrum(const LaeInstance& inst, const lae::Point<T>& x, lae::LossKind kind) {
  const Mat<T> H = lae::hessian_elementwise(inst.m, x.A, x.B, lae::loss_weights<T>(kind, static_cast<int>(x.A.cols())));
  return symmetric_eigenvalues<T>(H);
}

inline T loss_scale(const LaeInstance& inst) { return T(inst.p) * inst.m.trSyy; }

}  // namespace ael::checks

// Each check file is a leaf translation unit that includes this header once:
// bring the checks' vocabulary into scope for the AEL_CLAIM bodies.
using namespace ael;          // NOLINT(google-build-using-namespace)
using namespace ael::checks;  // NOLINT(google-build-using-namespace)
