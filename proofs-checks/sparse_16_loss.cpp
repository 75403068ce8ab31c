// SC-16 (loss–gradient consistency) and SC-17 (the well), exact rationals.
// E[L](W + tΔ) is a polynomial of degree 4 in t under recovery, so its five
// values at t ∈ {0, ±s, ±2s} give its Taylor coefficients exactly.
#include "claim.hpp"
#include "core/rng.hpp"
#include "sparse/enumerate.hpp"
#include "sparse/small_instances.hpp"

namespace {
using ael::Mat;
using ael::Vec;
using ael::sparse::rational;
using R = rational;
using namespace ael::sparse;

struct Quartic {
  R c0, c1, c2, c3, c4;
  R at(const R& t) const { return c0 + t * (c1 + t * (c2 + t * (c3 + t * c4))); }
};

// Exact Taylor coefficients at 0 of a degree-4 polynomial from its values at 0, ±s, ±2s.
Quartic along(Problem<R> P, const Mat<R>& Delta, const R& s) {
  const Mat<R> W0 = P.W;
  auto f = [&](int m) {
    P.W = W0 + R(m) * s * Delta;
    return expected_loss_by_supports(P);
  };
  const R f0 = f(0), f1 = f(1), fm1 = f(-1), f2 = f(2), fm2 = f(-2);
  Quartic q;
  q.c0 = f0;
  q.c1 = (R(8) * (f1 - fm1) - (f2 - fm2)) / (R(12) * s);
  q.c2 = (R(16) * (f1 + fm1) - (f2 + fm2) - R(30) * f0) / (R(24) * s * s);
  q.c3 = ((f2 - fm2) - R(2) * (f1 - fm1)) / (R(12) * s * s * s);
  q.c4 = ((f2 + fm2) - R(4) * (f1 + fm1) + R(6) * f0) / (R(24) * s * s * s * s);
  return q;
}

Mat<R> unit_rows(int h, int n, std::uint64_t seed) {
  Mat<R> D(h, n);
  for (int i = 0; i < h; ++i) D.row(i) = random_unit<R>(n, seed, static_cast<std::uint64_t>(i)).transpose();
  return D;
}

R directional(const Problem<R>& P, const Mat<R>& Delta) {
  R total(0);
  for (int i = 0; i < P.h(); ++i) total += expected_gradient(P, i).value.dot(Delta.row(i).transpose());
  return total;
}
}  // namespace

AEL_CLAIM("SC-16", "[derived]", "d/dt E[L](W + t Delta) at 0 (exact, from enumerated E[L]) = sum_i <E grad_i, Delta_i> (§5.3)") {
  for (int k : {2, 4}) {
    auto spec = had_spec(4, k, "0.01", "", ctx.seed);
    spec.eps = "0.3";
    const auto I = build_instance<R>(spec);
    for (std::uint64_t d = 1; d <= 2; ++d) {
      const Mat<R> Delta = unit_rows(I.P.h(), I.P.n(), ctx.seed * 31 + d);
      const Quartic q = along(I.P, Delta, R(1) / R(16));
      out.require("HAD n=4 k=" + std::to_string(k) + " direction " + std::to_string(d), q.c1 == directional(I.P, Delta));
      out.count_instance();
    }
  }
}

AEL_CLAIM("SC-17", "[paper, qualitative]", "E[L] along random directions through A*' is locally convex, minimiser within 2|L'(0)|/L''(0) of 0") {
  // Orthogonal rational dictionary (n = h = 7, k = 2): the certificate (b) window
  // at t = ±t0 and 0 covers the whole segment, since Up_j(t) is convex and Lo_j(t)
  // concave in t for W(t) = A*' + tΔ (sums of k largest/smallest linear functions).
  const R t0 = R(1) / R(20);
  auto P = orthogonal_problem<R>(7, 2, R(0), R(0), ctx.seed);
  const auto cert0 = per_row_certificate<R>(P.A, P.W, 2, P.values.a, P.values.b, false);
  P.eps.setConstant(window_per_row<R>(cert0, P.values.b, 2, 7).at_fraction(R(1) / R(2)));
  for (int d = 1; d <= 20; ++d) {
    const Mat<R> Delta = unit_rows(7, 7, ctx.seed * 57 + static_cast<std::uint64_t>(d));
    bool certified = per_row_certifies(cert0, P.eps, R(0));
    for (int sgn : {-1, 1}) {
      const Mat<R> W = P.W + R(sgn) * t0 * Delta;
      certified = certified && per_row_certifies(per_row_certificate<R>(P.A, W, 2, P.values.a, P.values.b, false), P.eps, R(0));
    }
    const std::string tag = "direction " + std::to_string(d);
    out.require("recovery certified on [-t0, t0], " + tag, certified);
    const Quartic q = along(P, Delta, R(1) / R(64));
    out.require("L''(0) > 0, " + tag, q.c2 > 0);
    // Grid minimiser of the exact quartic on [-t0, t0] (401 points, spacing t0/200).
    R best_t(0), best = q.c0;
    for (int g = -200; g <= 200; ++g) {
      const R t = t0 * R(g) / R(200);
      if (q.at(t) < best) best = q.at(t), best_t = t;
    }
    const R reach = R(2) * (q.c1 < 0 ? R(-q.c1) : q.c1) / (R(2) * q.c2) + t0 / R(200);
    out.require("|t_min| <= 2|L'(0)|/L''(0) + grid spacing, " + tag, (best_t < 0 ? R(-best_t) : best_t) <= reach);
    out.count_instance();
  }
}
