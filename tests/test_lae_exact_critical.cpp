// Exact routes of the critical-point claims LAE-11…16, 18, 24…27 (docs/certification.md §8):
// the rational data sets, the exact decisions at hand-checkable points (reference values from
// the eigenvalues written out here, or from the inertia formula of docs/lae-math.md §8), and
// that wrong inputs — a non-critical point, a wrong expected inertia or direction value — are
// detected, not proved.
#include <doctest/doctest.h>

#include "lae/exact.hpp"
#include "lae_exact_critical.hpp"

#include <stdexcept>
#include <string>

using ael::ExactMat;
using ael::ExactVec;
using ael::rational;
namespace lae = ael::lae;
namespace checks = ael::checks;

TEST_SUITE("lae_exact_critical") {
  TEST_CASE("rational data sets: exactly orthogonal U, Sigma U = U Lambda, moments from the samples") {
    for (bool autoencoder : {true, false})
      for (int n : {3, 4, 5}) {
        const auto d = checks::rational_data(n, 11, autoencoder);
        CHECK(d.X.cols() == n + 3);
        CHECK(ExactMat(d.e.U.transpose() * d.e.U) == ExactMat(ExactMat::Identity(n, n)));
        // Σ = Σ_yx Σ_xx⁻¹ Σ_xy recomputed here by a solve, not through M̂.
        const ExactMat Sxy = d.m.Syx.transpose();
        const ExactMat Sigma = d.m.Syx * ael::solve_exact(d.m.Sxx, Sxy);
        CHECK(ExactMat(Sigma * d.e.U) == ExactMat(d.e.U * d.e.lambda.asDiagonal()));
        for (int s = 0; s + 1 < n; ++s) CHECK(d.e.lambda(s) > d.e.lambda(s + 1));
        CHECK(d.e.lambda(n - 1) > 0);
        CHECK(d.m.autoencoder == autoencoder);
        CHECK(d.m.trSyy == rational(ExactMat(d.Y * d.Y.transpose()).trace()));
      }
  }

  TEST_CASE("P(I,C): gradient exactly zero, loss from the samples equals tr Syy - sum lambda; a perturbed point is detected") {
    const auto d = checks::rational_data(4, 3, false);
    const lae::Index I{2, 0};
    ExactMat C(2, 2);
    C << rational(3, 2), rational(1, 4), rational(-1, 2), rational(-3, 4);
    auto x = checks::exact_point(d, I, C);
    CHECK(checks::gradient_is_zero(d.m, x, lae::LossKind::mse));
    CHECK_FALSE(checks::gradient_is_zero(d.m, x, lae::LossKind::ordered));  // C not diagonal
    // Reference: tr Σ_yy from the samples, minus λ_3 + λ_1 written out.
    const rational expected = rational(ExactMat(d.Y * d.Y.transpose()).trace()) - d.e.lambda(2) - d.e.lambda(0);
    CHECK(lae::loss_by_definition(d.X, d.Y, x.A, x.B, lae::LossKind::mse) == expected);
    x.A(1, 1) += rational(1, 7);
    CHECK_FALSE(checks::gradient_is_zero(d.m, x, lae::LossKind::mse));
    CHECK(lae::loss_by_definition(d.X, d.Y, x.A, x.B, lae::LossKind::mse) > expected);  // not critical, and higher here
  }

  TEST_CASE("exact inertia equals the formula of docs/lae-math.md 8; a wrong expected inertia is detected") {
    const auto d = checks::rational_data(3, 5, true);
    const ExactVec c = ExactVec::Constant(2, rational(1));
    // n = 3, p = 2, ordered: I = (2,1) has 1 negative, I = (3,2) has 3 (table of docs/lae-math.md §8).
    const auto in21 = checks::exact_inertia(d.m, checks::exact_point(d, {1, 0}, ExactMat(c.asDiagonal())), lae::LossKind::ordered);
    CHECK(in21 == ael::SignCounts{1, 2, 9});
    const auto in32 = checks::exact_inertia(d.m, checks::exact_point(d, {2, 1}, ExactMat(c.asDiagonal())), lae::LossKind::ordered);
    CHECK(in32 == ael::SignCounts{3, 2, 7});
    CHECK_FALSE(in21 == in32);
    const auto f = lae::inertia_formula({1, 0}, 3, lae::LossKind::ordered);
    CHECK(in21 == ael::SignCounts{f.negative, f.zero, f.positive});
  }

  TEST_CASE("negative directions: exact value against the closed form; a wrong value is detected") {
    const auto d = checks::rational_data(4, 9, false);
    const lae::Index I{1, 3};
    ExactVec c(2);
    c << rational(-1, 2), rational(5, 4);
    const auto x = checks::exact_point(d, I, ExactMat(c.asDiagonal()));
    checks::ExactDirection dir;
    REQUIRE(checks::negative_direction(d, I, c, dir));  // no inversion: the unused index s = 1 < i_1 = 2
    const ExactMat H = checks::exact_hessian(d.m, x, lae::LossKind::ordered);
    const rational value = checks::quadratic_form(H, dir.a, dir.b);
    CHECK(value == 2 * rational(2) * (d.e.lambda(1) - d.e.lambda(0)));  // 2 w_1 (λ_2 − λ_1), w_1 = 2
    CHECK(value < 0);
    CHECK(value == lae::hessian_form(d.m, x.A, x.B, lae::LossKind::ordered, dir.a, dir.b, dir.a, dir.b));
    CHECK_FALSE(value == 2 * (d.e.lambda(1) - d.e.lambda(0)));  // the MSE value is not the ordered one
    // I = (1..p) has no negative direction.
    CHECK_FALSE(checks::negative_direction(d, {0, 1}, c, dir));
  }

  TEST_CASE("rank-deficient points are critical for both losses; zeroing a live b is detected") {
    const auto d = checks::rational_data(4, 2, true);
    ael::Rng rng(4);
    for (int r = 0; r < 3; ++r) {
      auto pt = checks::exact_rank_deficient(d, 3, r, rng);
      CHECK(checks::gradient_is_zero(d.m, pt.x, lae::LossKind::ordered));
      CHECK(checks::gradient_is_zero(d.m, pt.x, lae::LossKind::mse));
      CHECK(checks::exact_inertia(d.m, pt.x, lae::LossKind::ordered).negative >= 4 - r);
      if (r > 0) {
        pt.x.B.row(pt.live.front().first) *= rational(1, 2);  // a_k b_k no longer a projection
        CHECK_FALSE(checks::gradient_is_zero(d.m, pt.x, lae::LossKind::mse));
      }
    }
  }

  TEST_CASE("every exact critical-point verdict is proved on seeded data sets") {
    for (const char* claim : {"LAE-11", "LAE-12", "LAE-13", "LAE-14", "LAE-15", "LAE-16", "LAE-18", "LAE-24", "LAE-25", "LAE-26", "LAE-27"}) {
      const auto v = checks::exact_critical_verdict(claim, 1, 4);
      INFO(claim << ": " << v.detail);
      CHECK(v.proved);
      CHECK(v.instances > 0);
      CHECK(v.claim == claim);
    }
    CHECK_THROWS_AS(checks::exact_critical_verdict("LAE-17", 1, 1), std::invalid_argument);
    const auto none = checks::exact_critical_verdict("LAE-11", 1, 0);  // nothing decided: not proved
    CHECK_FALSE(none.proved);
    CHECK(none.detail == "no exact decision was made");
  }

  TEST_CASE("a failed exact decision makes the claim fail, named; a proved verdict is recorded at proved-exact") {
    checks::ExactTally t{{"LAE-X", true, 0, "route", ""}};
    t.add(true, "first");
    t.add(false, "second");
    t.add(false, "third");
    CHECK_FALSE(t.v.proved);
    CHECK(t.v.instances == 3);
    CHECK(t.v.detail == "failed: second");
    checks::Context ctx;
    ctx.instances = 2;
    checks::Outcome out;
    checks::decide_critical_exactly(ctx, out, "LAE-25");
    CHECK(out.passed());
    CHECK(out.level() == checks::Evidence::proved_exact);
  }

  TEST_CASE("characteristic polynomial (Faddeev-LeVerrier) of a small matrix") {
    ExactMat M(2, 2);
    M << 2, 1, 1, 2;  // eigenvalues 1 and 3: t^2 - 4t + 3
    const auto c = lae::characteristic_polynomial(M);
    REQUIRE(c.size() == 3);
    CHECK(c[0] == 3);
    CHECK(c[1] == -4);
    CHECK(c[2] == 1);
  }
}
