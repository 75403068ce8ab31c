// One builder of the rank-deficient critical points of docs/lae-math.md §6 (i)–(iii),
// on any scalar: the MPFR proof-checks (lae_instances.hpp) and the exact ones
// (lae_exact_critical.cpp) draw the same structure, each with its own scales.
#pragma once

#include "core/rng.hpp"
#include "lae/critical.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace ael::checks {

template <class S> struct RankDeficient {
  lae::Point<S> x;
  std::vector<std::pair<int, int>> live;  // (unit k, eigen-index j_k), 0-based
};

// r < p live units with distinct random eigen-indices j and scales c = scale(rng):
// a_k = c u_j, b_k = u_jᵀ M̂ / c. Each dead unit has a_k = 0 and b_k in the span of EARLIER live
// b's (coefficients coeff(rng)), or the mirror case, or both zero. U: eigenvectors (columns).
template <class S, class Scale, class Coeff>
RankDeficient<S> rank_deficient_point(const Mat<S>& U, const Mat<S>& Mhat, int p, int r, Rng& rng, Scale scale, Coeff coeff) {
  const int n = static_cast<int>(U.rows());
  RankDeficient<S> out{{Mat<S>::Zero(n, p), Mat<S>::Zero(p, n)}, {}};
  const auto units = rng.permutation(p);
  std::vector<int> live_units(units.begin(), units.begin() + r);
  std::sort(live_units.begin(), live_units.end());
  const auto indices = rng.permutation(n);
  for (int q = 0; q < r; ++q) {
    const int k = live_units[q], j = indices[q];
    const S c = scale(rng);
    out.x.A.col(k) = c * U.col(j);
    out.x.B.row(k) = Mat<S>(U.col(j).transpose() * Mhat) / c;
    out.live.emplace_back(k, j);
  }
  for (int k = 0; k < p; ++k) {
    if (std::find(live_units.begin(), live_units.end(), k) != live_units.end()) continue;
    const int mode = static_cast<int>(rng.below(3));  // 0: both zero, 1: a_k = 0, 2: b_k = 0
    for (const auto& [k2, j] : out.live) {
      if (k2 >= k) continue;  // only EARLIER live units may be used
      const S a = coeff(rng);
      if (mode == 1) out.x.B.row(k) += a * out.x.B.row(k2);
      if (mode == 2) out.x.A.col(k) += a * out.x.A.col(k2);
    }
  }
  return out;
}

}  // namespace ael::checks
