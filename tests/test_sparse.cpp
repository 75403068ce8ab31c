// Sparse coding with a tied ReLU autoencoder (docs/sparse.md). Every
// formula is compared with a different route: exhaustive enumeration of the
// TRUE network in exact rationals, the conditional gradient summed over
// supports, Richardson differences in multiprecision, Monte Carlo within its
// CLT error, and the other scalar types.
#include <doctest/doctest.h>

#include "rapidcheck_doctest.hpp"
#include "core/rng.hpp"
#include "sparse/enumerate.hpp"
#include "sparse/montecarlo.hpp"
#include "sparse/small_instances.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

using ael::Mat;
using ael::mp_real;
using ael::Vec;
using namespace ael::sparse;
using R = rational;

TEST_SUITE("sparse") {

TEST_CASE("rational decimals are parsed exactly and bad numbers are refused") {
  CHECK(ScalarOps<R>::parse("0.95") == R(19) / R(20));
  CHECK(ScalarOps<R>::parse("1e-3") == R(1) / R(1000));
  CHECK(ScalarOps<R>::parse("-2.5E+1") == R(-25));
  CHECK(ScalarOps<R>::parse(" 7 ") == R(7));
  for (const char* bad : {"nan", "inf", "1,5", "", "0x10", "1e", ".", "2e1000000"}) CHECK_THROWS_AS(ScalarOps<R>::parse(bad), std::invalid_argument);
  // The largest exponents the grammar allows: 10^e by powering (a loop of e
  // multiplications took minutes here; issue #14 item 23, fuzz corpus decimal/d07).
  const R big = ScalarOps<R>::parse("1e999999"), tiny = ScalarOps<R>::parse("-1e-99999");
  CHECK(big / ScalarOps<R>::parse("1e999998") == R(10));
  CHECK(big * tiny == -ScalarOps<R>::parse("1e900000"));
  CHECK(exact_sqrt(R(9) / R(64), "x") == R(3) / R(8));
  CHECK_THROWS_AS(exact_sqrt(R(2), "x"), std::invalid_argument);
  const R up = ScalarOps<R>::sqrt_upper(R(2));
  CHECK(up * up >= R(2));
  CHECK(up * up - R(2) < R(1) / R(1000000000));
}

TEST_CASE("HAD dictionary: exact unit columns, coherence exactly 1/sqrt(n), H H = n I") {
  const Mat<R> H = hadamard<R>(16);
  CHECK(H * H == R(16) * Mat<R>::Identity(16, 16));
  const Mat<R> A = identity_hadamard<R>(16);
  CHECK(unit_column_defect(A) == 0);
  CHECK(coherence(A) == R(1) / R(4));
  CHECK_THROWS_AS(identity_hadamard<R>(8), std::invalid_argument);  // 1/sqrt(8) is irrational
  CHECK(abs(coherence(identity_hadamard<mp_real>(8)) - mp_real(1) / sqrt(mp_real(8))) < 1e-40);
}

TEST_CASE("stereographic directions are exactly unit, so rows sit at distance exactly delta") {
  const Mat<R> A = identity_hadamard<R>(16);
  const R delta = R(3) / R(100);
  const Mat<R> W = perturbed_weights(A, delta, 5);
  for (int j = 0; j < 32; ++j) CHECK((W.row(j).transpose() - A.col(j)).squaredNorm() == delta * delta);
  CHECK(W != A.transpose());
}

TEST_CASE("closed form (§5.3) = conditional gradient summed over all supports (§5.1), exactly, both support laws") {
  for (const SupportLaw support : {SupportLaw::uniform, SupportLaw::bernoulli})
    for (int k : {1, 2, 3, 5, 7}) {
      auto spec = had_spec(4, k, "0.3", "", 11);
      spec.support = support;
      spec.eps = "0.25";
      spec.values = "0.5,1,1.5";
      spec.probs = "0.2,0.3,0.5";
      const auto I = build_instance<R>(spec);
      for (int i = 0; i < 8; ++i) {
        CAPTURE(support);
        CAPTURE(k);
        CAPTURE(i);
        CHECK(expected_gradient(I.P, i).value == expected_gradient_by_supports(I.P, i));
      }
    }
}

TEST_CASE("closed form = brute force over every (S, x) of the TRUE network inside the window; no failures; D2 bounds hold") {
  for (const char* frac : {"0.2", "0.8"}) {
    const auto I = build_instance<R>(had_spec(16, 2, "0.015", frac, 3));
    REQUIRE(I.recovery_certified);
    REQUIRE(I.d2_valid);
    for (int i : {1, 16, 31}) {
      const auto e = enumerate_true_network(I.P, i);
      const auto g = expected_gradient(I.P, i);
      CHECK(e.recovery_failures == 0);
      CHECK(g.value == e.mean_gradient);
      CHECK(g.norm_sq <= I.d2.expected * I.d2.expected);
      CHECK(e.max_gradient_norm_sq <= I.d2.per_sample * I.d2.per_sample);
    }
  }
}

TEST_CASE("E[L|S]: the O(k^2 n) form equals the trace form of §5.4 and the enumerated true loss") {
  const auto I = build_instance<R>(had_spec(16, 2, "0.01", "0.4", 21));
  for (const std::vector<int>& S : {std::vector<int>{0, 1}, std::vector<int>{4, 30}, std::vector<int>{16, 17}}) {
    CHECK(conditional_loss_small(I.P, S) == conditional_loss(I.P, S));
    R truth(0);
    for_each_values<R>(I.P.values, 2, [&](const std::vector<R>& x, const R& p) { truth += p * sample_loss(I.P.W, I.P.eps, observation(I.P.A, S, x)); });
    CHECK(conditional_loss(I.P, S) == truth);
  }
  CHECK(expected_loss_by_supports(I.P) == enumerate_true_network(I.P, 0).mean_loss);
}

TEST_CASE("double, mpfr and rational closed forms agree to their precision") {
  const auto spec = had_spec(16, 2, "0.01", "0.3", 9);
  const auto gr = expected_gradient(build_instance<R>(spec).P, 5).value;
  const auto gm = expected_gradient(build_instance<mp_real>(spec).P, 5).value;
  const auto gd = expected_gradient(build_instance<double>(spec).P, 5);
  const mp_real scale = 1 + gm.norm();
  for (Eigen::Index t = 0; t < gm.size(); ++t) {
    CHECK(abs(ScalarOps<R>::to_mp(gr(t)) - gm(t)) < 1e4 * ael::working_epsilon<mp_real>() * scale);
    // double: 1e4 ulps of the terms that cancel (their sum is ~1/ratio times the result)
    CHECK(std::abs(ael::to_double(gm(t)) - gd.value(t)) < 1e4 * 2.2e-16 * ael::to_double(scale) / gd.cancellation_ratio);
  }
}

TEST_CASE("per-sample gradient: row form = matrix form = exact Richardson derivative (property)") {
  rc::doctest_check("Richardson", [](std::uint64_t seed) {
    ael::Rng rng(seed);
    const int n = 2 + static_cast<int>(rng.below(4)), h = n + 1 + static_cast<int>(rng.below(4));
    Mat<mp_real> W(h, n), D(h, n);
    Vec<mp_real> eps(h), y(n);
    for (int i = 0; i < h; ++i) {
      eps(i) = 0.2 * rng.gaussian();
      for (int r = 0; r < n; ++r) W(i, r) = rng.gaussian(), D(i, r) = rng.gaussian();
    }
    for (int r = 0; r < n; ++r) y(r) = rng.gaussian();
    RC_PRE(forward(W, eps, y).u.cwiseAbs().minCoeff() > mp_real(1e-6));  // away from kinks
    const mp_real s = mp_real(1) / (1 << 25);
    auto L = [&](const mp_real& t) { return sample_loss<mp_real>(Mat<mp_real>(W + t * D), eps, y); };
    auto Dc = [&](const mp_real& st) { return (L(st) - L(-st)) / (2 * st); };
    const mp_real rich = (4 * Dc(s) - Dc(2 * s)) / 3;
    const Mat<mp_real> G = gradient_matrix(W, eps, y);
    RC_ASSERT(abs(rich - G.cwiseProduct(D).sum()) < 1e6 * ael::working_epsilon<mp_real>() * (1 + L(0)) * D.norm() / s);
    for (int i = 0; i < h; ++i) RC_ASSERT((row_gradient(W, eps, y, i) - G.row(i).transpose()).norm() < 1e4 * ael::working_epsilon<mp_real>() * (1 + L(0)));
  });
}

TEST_CASE("E grad never exceeds the Lemma D2 bound inside the D1 window (property, mpfr)") {
  rc::doctest_check("bound", [](std::uint64_t seed) {
    ael::Rng rng(seed);
    const int n = rng.below(2) ? 16 : 64, k = n == 64 ? 1 + static_cast<int>(rng.below(3)) : 1 + static_cast<int>(rng.below(2));
    const double delta = 0.02 * rng.uniform(), t = rng.uniform();
    auto spec = had_spec(n, k, ael::to_decimal(delta, 17), ael::to_decimal(t, 17), seed);
    const auto I = build_instance<mp_real>(spec);
    RC_ASSERT(I.d2_valid);
    const int row = static_cast<int>(rng.below(static_cast<std::uint64_t>(2 * n)));
    RC_ASSERT(expected_gradient(I.P, row).norm_sq <= I.d2.expected * I.d2.expected);
  });
}

TEST_CASE("recovery is never violated inside a certified window: all (S, x) enumerated for seeded delta and positions") {
  ael::Rng rng(2024);
  for (int trial = 0; trial < 4; ++trial) {
    const double delta = 0.02 * rng.uniform(), t = rng.uniform();
    auto I = build_instance<R>(had_spec(16, 2, ael::to_decimal(delta, 6), ael::to_decimal(t, 6), 40 + static_cast<std::uint64_t>(trial), WindowKind::per_row));
    REQUIRE(I.recovery_certified);
    CHECK(enumerate_true_network(I.P, 0).recovery_failures == 0);
  }
}

TEST_CASE("D1 window is non-empty iff a(1 - delta) > (2k - 1) b (c + delta) (property, exact)") {
  rc::doctest_check("d1", [](std::uint64_t seed) {
    ael::Rng rng(seed);
    const int k = 1 + static_cast<int>(rng.below(6));
    const R a = R(1 + static_cast<int>(rng.below(20))) / R(20), b = a + R(static_cast<int>(rng.below(10))) / R(20);
    const R c = R(static_cast<int>(rng.below(30))) / R(100), delta = R(static_cast<int>(rng.below(10))) / R(100);
    const auto w = window_d1<R>(k, a, b, c, delta);
    RC_ASSERT(w.nonempty() == (a * (R(1) - delta) > R(2 * k - 1) * b * (c + delta)));
  });
}

TEST_CASE("swap symmetry at n = 64 in mpfr: E grad_{n+j} = Q E grad_j") {
  const auto I = build_instance<mp_real>(had_spec(64, 3, "0", "0.4", 1));
  const Mat<mp_real> Q = I.P.A.rightCols(64);
  for (int j : {0, 13}) {
    const auto gj = expected_gradient(I.P, j).value, gn = expected_gradient(I.P, 64 + j).value;
    CHECK((gn - Q * gj).norm() < 1e4 * ael::working_epsilon<mp_real>() * (1 + gj.norm()));
  }
}

TEST_CASE("Monte Carlo: identical for any thread count; agrees with the closed form within 4 SE (n = 64, k = 3)") {
  auto spec = had_spec(64, 3, "0.005", "0.5", 8);
  const auto I = build_instance<double>(spec);
  REQUIRE(I.recovery_certified);
  McSettings s;
  s.samples = 60000;
  s.seed = 99;
  s.row = 64;
  const auto r1 = monte_carlo(I.P, s);
  s.threads = 3;
  const auto r3 = monte_carlo(I.P, s);
  CHECK(r1.mean == r3.mean);
  CHECK(r1.standard_error == r3.standard_error);
  CHECK(r1.recovery_failures == 0);
  const auto exact = expected_gradient(build_instance<mp_real>(spec).P, 64).value;
  double worst = 0;
  for (size_t t = 0; t < r1.mean.size(); ++t)
    worst = std::max(worst, std::abs(r1.mean[t] - ael::to_double(exact(static_cast<Eigen::Index>(t)))) / r1.standard_error[t]);
  CHECK(worst <= 4.0);
  s.seed = 100;
  CHECK(monte_carlo(I.P, s).mean != r1.mean);  // the seed matters
}

TEST_CASE("Clopper-Pearson interval contains the estimate and is exact at the ends") {
  const auto [lo, hi] = clopper_pearson(0, 100, 0.05);
  CHECK(lo == 0);
  CHECK(hi == doctest::Approx(1 - std::pow(0.025, 0.01)).epsilon(1e-12));
  const auto [l2, h2] = clopper_pearson(30, 100, 0.05);
  CHECK((l2 < 0.3 && 0.3 < h2));
}

TEST_CASE("bad input is refused with a one-line std::invalid_argument") {
  auto expect_error = [](InstanceSpec s, const char* fragment) {
    CAPTURE(fragment);
    try {
      build_instance<mp_real>(s);
      FAIL("no error");
    } catch (const std::invalid_argument& e) {
      const std::string m = e.what();
      CHECK(m.find(fragment) != std::string::npos);
      CHECK(m.find('\n') == std::string::npos);
    }
  };
  auto base = had_spec(16, 2, "0", "0.5");
  auto s = base;
  s.k = 0;
  expect_error(s, "1 <= k < h");
  s.k = 32;
  expect_error(s, "1 <= k < h");
  s = base, s.n = 12;
  expect_error(s, "power of 2");
  s = base, s.n = 4;
  expect_error(s, "window is empty");
  s = base, s.eps_frac = "", s.eps = "0.1", s.certify = true;
  expect_error(s, "not certified");
  s = base, s.values = "-0.5,1";
  expect_error(s, "must be > 0");
  s = base, s.values = "nan,1";
  expect_error(s, "not a finite decimal");
  s = base, s.probs = "0.3,0.6";
  expect_error(s, "sum to 1");
  s = base, s.support = SupportLaw::bernoulli, s.q = "1.5";
  expect_error(s, "(0, 1)");
  s = base, s.eps_frac = "1";
  expect_error(s, "[0, 1)");
  s = base, s.delta = "-0.1";
  expect_error(s, ">= 0");
  const std::string path = "/tmp/ael_sparse_nonunit_" + std::to_string(::getpid()) + ".csv";
  {
    std::ofstream f(path);
    f << "1,0,0.6\n0,1,0.6\n";
  }
  s = base, s.dictionary_file = path, s.eps_frac = "", s.eps = "0.5", s.k = 1;
  expect_error(s, "not unit norm");
  s.normalise = true;
  CHECK(abs(build_instance<mp_real>(s).P.A.col(2).squaredNorm() - 1) < 1e4 * ael::working_epsilon<mp_real>());
  std::remove(path.c_str());
}

}  // TEST_SUITE
