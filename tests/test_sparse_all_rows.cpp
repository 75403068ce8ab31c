// The all-rows expected gradient (§5.3 via the Grams W A, W Wᵀ, WᵀW, A Aᵀ)
// against the per-row kernel, which sums over j ∈ O with mat-vecs: exact
// equality in rationals, and agreement to the working precision in double and
// mp_real (the two kernels round differently, so the bound is a few ulps of the
// terms that cancel, i.e. of ‖row‖ / cancellation_ratio, times the length h of
// the sums).
#include <doctest/doctest.h>

#include "core/rng.hpp"
#include "sparse/expected.hpp"
#include "sparse/small_instances.hpp"

using ael::Mat;
using ael::mp_real;
using ael::Vec;
using namespace ael::sparse;
using R = rational;

namespace {

// Dyadic entries k/8, |k| ≤ 8: the same instance exactly in double, mp_real and
// rational. Columns are neither unit nor incoherent: the identity of the two
// kernels is algebraic, and generic entries exercise every term (also PQ ≠ QP).
template <class T> Problem<T> dyadic_problem(int n, int h, int k, SupportLaw law, std::uint64_t seed) {
  ael::Rng rng(seed);
  auto entry = [&] { return T(static_cast<int>(rng.below(17)) - 8) / T(8); };
  Problem<T> P;
  P.A = Mat<T>::NullaryExpr(n, h, entry);
  P.W = Mat<T>::NullaryExpr(h, n, entry);
  P.eps = Vec<T>::NullaryExpr(h, entry);
  P.values = finite_law<T>({T(3) / T(4), T(5) / T(4)}, {T(1) / T(2), T(1) / T(2)});
  P.support = law;
  P.k = k;
  P.q = T(1) / T(4);
  return P;
}

template <class T> double to_d(const T& x) { return ael::to_double(ScalarOps<T>::to_mp(x)); }

// max over rows of ‖all-rows − per-row‖ / (‖per-row‖ / cancellation_ratio).
template <class T> double worst_relative_gap(const Problem<T>& P) {
  const Mat<T> all = expected_gradient_all_rows(P);
  double worst = 0;
  for (int i = 0; i < P.h(); ++i) {
    const auto g = expected_gradient(P, i);
    const double gap = std::sqrt(to_d(Vec<T>(all.row(i).transpose() - g.value).squaredNorm()));
    const double scale = std::sqrt(to_d(g.norm_sq)) / g.cancellation_ratio;
    worst = std::max(worst, scale > 0 ? gap / scale : gap);
  }
  return worst;
}

}  // namespace

TEST_SUITE("sparse") {

TEST_CASE("all-rows E grad = per-row E grad exactly in rationals (generic dyadic instance, both laws; HAD)") {
  for (auto law : {SupportLaw::uniform, SupportLaw::bernoulli})
    for (std::uint64_t seed : {1, 2}) {
      const auto P = dyadic_problem<R>(5, 9, 3, law, seed);
      const Mat<R> all = expected_gradient_all_rows(P);
      for (int i = 0; i < P.h(); ++i) CHECK(Vec<R>(all.row(i).transpose()) == expected_gradient(P, i).value);
    }
  const auto I = build_instance<R>(had_spec(16, 2, "0.01", "0.3", 9));
  const Mat<R> all = expected_gradient_all_rows(I.P);
  for (int i : {0, 5, 16, 31}) CHECK(Vec<R>(all.row(i).transpose()) == expected_gradient(I.P, i).value);
}

TEST_CASE("all-rows E grad = per-row E grad to working precision in double and mp_real") {
  const double u = 1.1e-16, u_mp = ael::to_double(ScalarOps<mp_real>::unit_roundoff());
  for (auto law : {SupportLaw::uniform, SupportLaw::bernoulli}) {
    // 8 ulps per term of a length-h sum.
    CHECK(worst_relative_gap(dyadic_problem<double>(7, 12, 3, law, 3)) < 8 * 12 * u);
    CHECK(worst_relative_gap(dyadic_problem<mp_real>(7, 12, 3, law, 3)) < 8 * 12 * u_mp);
  }
  // A real instance: Gaussian dictionary n = 24, h = 64, rows at distance 0.05.
  Problem<double> P = dyadic_problem<double>(24, 64, 4, SupportLaw::uniform, 4);
  P.A = gaussian_dictionary<double>(24, 64, 11);
  P.W = perturbed_weights<double>(P.A, 0.05, 12);
  P.eps = Vec<double>::Constant(64, 0.3);
  CHECK(worst_relative_gap(P) < 8 * 64 * u);
}

}  // TEST_SUITE
