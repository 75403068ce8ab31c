// Ball scalar and the LAE ball route (docs/certification.md). Every test asserts
// that a ball CONTAINS a reference value obtained by another route: exact
// integers/fractions, MPFR at three times the precision, the Jacobi eigenvalue
// method, or the MPFR closed forms.
#include <doctest/doctest.h>

#include "core/ball.hpp"
#include "core/linalg.hpp"
#include "lae/certify.hpp"
#include "lae/critical.hpp"

#include <string>
#include <vector>

using ael::Ball;
using ael::BallMatrix;
using ael::Mat;
using ael::mp_real;
using ael::Vec;
namespace lae = ael::lae;

namespace {
// Runs f with the working precision raised to `digits`, restoring 40 afterwards.
template <class F> auto at_digits(int digits, F f) {
  ael::set_working_digits(digits);
  auto r = f();
  ael::set_working_digits(40);
  return r;
}
Ball printed_hull(const ael::BallText& t) {
  const Ball mid = Ball::decimal(t.mid), rad = Ball::decimal(t.rad);
  return Ball::hull(mid - rad, mid + rad);
}
BallMatrix exact_matrix(const std::vector<std::vector<std::string>>& rows) {
  BallMatrix M(static_cast<long>(rows.size()), static_cast<long>(rows[0].size()));
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = 0; j < rows[i].size(); ++j) M.set(static_cast<long>(i), static_cast<long>(j), Ball::decimal(rows[i][j]));
  return M;
}
std::vector<Ball> eigen_balls(const BallMatrix& S) {
  Mat<mp_real> mid(S.rows(), S.cols());
  for (long i = 0; i < S.rows(); ++i)
    for (long j = 0; j < S.cols(); ++j) mid(i, j) = S.entry(i, j).mid();
  Vec<mp_real> values;
  Mat<mp_real> vectors;
  ael::symmetric_eigen<mp_real>(mid, values, vectors);
  return lae::certified_eigenvalues(S, values, vectors);
}
}  // namespace

TEST_SUITE("ball") {
TEST_CASE("exact construction: decimals, fractions and doubles are enclosed exactly") {
  CHECK((Ball::decimal("0.8") * Ball(10)).contains(Ball(8)));
  CHECK((Ball::decimal("-1.5e-3") * Ball(2000)).contains(Ball(-3)));
  CHECK(Ball::decimal("-1.5e2").is_exact());
  CHECK((Ball::rational("1", "3") * Ball(3)).contains(Ball(1)));
  CHECK(Ball(0.1).is_exact());  // the dyadic the double stores, not 1/10
  CHECK_FALSE(Ball(0.1).contains(Ball::decimal("0.1")));
  CHECK_THROWS_AS(Ball::decimal("nan"), std::invalid_argument);
  CHECK_THROWS_AS(Ball::decimal("1e"), std::invalid_argument);
  CHECK_THROWS_AS(Ball::decimal("1/3"), std::invalid_argument);  // fractions go through Ball::rational
  CHECK((Ball::decimal("095") * Ball(1)).contains(Ball(95)));   // leading zeros are decimal, not octal
  CHECK_THROWS_AS(Ball::rational("1", "0"), std::invalid_argument);
}

TEST_CASE("sqrt and arithmetic contain MPFR references at three times the precision") {
  const mp_real r2 = at_digits(150, [] { return mp_real(sqrt(mp_real(2))); });
  const mp_real q = at_digits(150, [] { return mp_real(mp_real(1) / 7 + sqrt(mp_real(3)) * mp_real(11) / 13); });
  CHECK(ael::sqrt(Ball(2)).contains(Ball(r2)));
  CHECK((Ball(1) / Ball(7) + ael::sqrt(Ball(3)) * Ball(11) / Ball(13)).contains(Ball(q)));
  CHECK_FALSE(ael::sqrt(Ball(-1)).finite());
}

TEST_CASE("comparisons are certain or nothing") {
  const Ball straddle = Ball::hull(Ball(-1), Ball(1));
  CHECK(straddle.contains_zero());
  CHECK_FALSE(straddle.certainly_positive());
  CHECK_FALSE(straddle.certainly_negative());
  CHECK(certainly_less(Ball(1), Ball(2)));
  CHECK_FALSE(certainly_less(Ball::hull(Ball(1), Ball(3)), Ball(2)));
  CHECK_FALSE(certainly_less(Ball::hull(Ball(1), Ball(3)), Ball::hull(Ball(2), Ball(4))));
}

TEST_CASE("printed mid +- rad covers the ball after decimal rounding") {
  for (int digits : {5, 12, 40}) {
    const Ball third = Ball::rational("1", "3"), root = ael::sqrt(Ball(2)) * Ball(1000000), tiny = Ball::rational("-1", "7000000");
    for (const Ball& x : {third, root, tiny}) {
      const ael::BallText t = ael::to_text(x, digits);
      CHECK(printed_hull(t).contains(x));
    }
  }
  CHECK(ael::to_text(Ball(3), 10).rad == "0");
  CHECK(ael::to_text(Ball(3), 10).mid == "3");
}

TEST_CASE("exact moments from decimal cells equal the fractions of the centered covariance") {
  // Reference by hand (Python fractions): Σ(x − x̄)(x − x̄)ᵀ = [[2/25, −1/25], [−1/25, 7/150]].
  const lae::ExactSamples X(3, 2, {"0.1", "0.2", "0.3", "-0.1", "0.5", "0"});
  const lae::ExactMoments m = lae::exact_moments(X, true, {});
  CHECK(m.Sxx.entry(0, 0).contains(Ball::rational("2", "25")));
  CHECK(m.Sxx.entry(0, 1).contains(Ball::rational("-1", "25")));
  CHECK(m.Sxx.entry(1, 1).contains(Ball::rational("7", "150")));
  CHECK(m.trSyy.contains(Ball::rational("19", "150")));
  CHECK(m.Sxx.entry(0, 0).rad_upper() < 1e-60);
  const lae::ExactSamples Y(Mat<mp_real>{{{1, 2, 5}, {3, 2, 5}}});
  CHECK(Y.constant_columns() == std::vector<int>{1, 2});
  const lae::ExactMoments u = lae::exact_moments(Y, false, {1, 2});
  CHECK(u.Sxx.rows() == 1);
  CHECK(u.Sxx.entry(0, 0).contains(Ball(10)));
}

TEST_CASE("eigenvalue enclosures contain the exact eigenvalues of a rational matrix") {
  // Σ = Q diag(5, 3, 2, 1) Qᵀ with the rational Householder Q = I − vvᵀ/2, v = (1,1,1,1).
  Mat<mp_real> Q = Mat<mp_real>::Identity(4, 4) - Mat<mp_real>::Constant(4, 4, mp_real(1) / 2);
  Mat<mp_real> S = Q * Vec<mp_real>((Vec<mp_real>(4) << 5, 3, 2, 1).finished()).asDiagonal() * Q.transpose();
  const std::vector<Ball> lambda = eigen_balls(ael::to_balls(S));  // S is exact: entries are dyadic
  const int expected[4] = {5, 3, 2, 1};
  for (int s = 0; s < 4; ++s) {
    CHECK(lambda[s].contains(Ball(expected[s])));
    CHECK(lambda[s].rad_upper() < 1e-50);
  }
}

TEST_CASE("a repeated eigenvalue is refused, naming the pair") {
  const BallMatrix S = exact_matrix({{"2", "0", "0"}, {"0", "1", "0"}, {"0", "0", "2"}});
  CHECK_THROWS_WITH_AS(eigen_balls(S), doctest::Contains("eigenvalues 1 and 2 of Sigma not certifiably distinct"),
                       lae::CertificationError);
}

TEST_CASE("Sturm counts isolate tridiagonal eigenvalues; Jacobi at 3x precision lies inside") {
  const std::vector<Ball> diag = {Ball(2), Ball(2)}, off = {Ball(1)};
  const auto two = lae::certified_tridiagonal_eigenvalues(diag, off);
  CHECK(two[0].contains(Ball(1)));
  CHECK(two[1].contains(Ball(3)));
  CHECK(lae::certified_count_below(diag, off, Ball::decimal("2.5")) == 1);
  CHECK(lae::certified_count_below(diag, off, Ball(1)) == -1);  // a pivot is exactly 0: undecided
  const std::vector<Ball> d4 = {Ball::decimal("0.5"), Ball(3), Ball::rational("7", "3"), Ball(-1)};
  const std::vector<Ball> o4 = {Ball(1), Ball::decimal("-2.25"), Ball::rational("1", "9")};
  const auto roots = lae::certified_tridiagonal_eigenvalues(d4, o4);
  const Vec<mp_real> ref = at_digits(150, [] {
    Mat<mp_real> M = Mat<mp_real>::Zero(4, 4);
    M(0, 0) = mp_real("0.5"), M(1, 1) = 3, M(2, 2) = mp_real(7) / 3, M(3, 3) = -1;
    M(0, 1) = M(1, 0) = 1, M(1, 2) = M(2, 1) = mp_real("-2.25"), M(2, 3) = M(3, 2) = mp_real(1) / 9;
    return Vec<mp_real>(ael::jacobi_eigenvalues<mp_real>(M));
  });
  for (int j = 0; j < 4; ++j) CHECK(roots[j].contains(Ball(ref(j))));
}

TEST_CASE("ball closed forms contain the MPFR closed forms at three times the precision") {
  std::vector<Ball> lambda;
  for (int s = 6; s >= 1; --s) lambda.push_back(Ball(s));
  const lae::Index I = {1, 0};
  const std::vector<Ball> c = {Ball::decimal("1.5"), Ball::decimal("-0.75")};
  for (auto kind : {lae::LossKind::ordered, lae::LossKind::mse}) {
    const lae::CertifiedSpectrum cs = lae::certified_closed_form(lambda, Ball(21), I, c, kind);
    REQUIRE(cs.proved);
    CHECK(cs.inertia == lae::inertia_formula(I, 6, kind));
    const Vec<mp_real> ref = at_digits(150, [&] {
      const Vec<mp_real> l = (Vec<mp_real>(6) << 6, 5, 4, 3, 2, 1).finished();
      const Vec<mp_real> cc = (Vec<mp_real>(2) << mp_real("1.5"), mp_real("-0.75")).finished();
      return Vec<mp_real>(lae::closed_form_spectrum<mp_real>(l, I, cc, kind));
    });
    REQUIRE(static_cast<long>(cs.eigenvalues.size()) == ref.size());
    for (Eigen::Index i = 0; i < ref.size(); ++i) CHECK(cs.eigenvalues[static_cast<size_t>(i)].contains(Ball(ref(i))));
    // loss: terms·tr Σ − Σ w_k λ_{i_k}; ordered: 2·21 − (2·5 + 6) = 26, MSE: 21 − 11 = 10
    CHECK(cs.loss.contains(Ball(kind == lae::LossKind::ordered ? 26 : 10)));
  }
}
}

#include "claim.hpp"

TEST_SUITE("ball") {
TEST_CASE("levels of evidence: a claim is as strong as its weakest deciding comparison") {
  using ael::checks::Evidence;
  using ael::checks::Outcome;
  Outcome measured;
  measured.close("x", mp_real(0), mp_real(1));
  CHECK(measured.level() == Evidence::pass_tolerance);

  Outcome proved;
  {
    ael::checks::CrossCheck cross(proved);
    proved.close("cross-check", mp_real(0), mp_real(1));  // must pass, does not decide the level
  }
  proved.proved("inertia", true, Evidence::proved_ball, "ball route");
  CHECK(proved.level() == Evidence::proved_ball);
  CHECK(proved.passed());
  CHECK(proved.route() == "ball route");
  proved.proved("count", true, Evidence::proved_exact, "exact route");
  CHECK(proved.level() == Evidence::proved_ball);  // the weakest proved level

  Outcome mixed;
  mixed.proved("inertia", true, Evidence::proved_ball, "ball route");
  mixed.close("undecided part", mp_real(0), mp_real(1));  // outside a CrossCheck: decides
  CHECK(mixed.level() == Evidence::pass_tolerance);

  Outcome undecided;
  undecided.proved("inertia", true, Evidence::proved_ball, "ball route");
  undecided.not_proved("pivot 3 contains 0");
  CHECK(undecided.level() == Evidence::pass_tolerance);
  CHECK(undecided.route().find("not proved: pivot 3 contains 0") != std::string::npos);

  Outcome failed_cross;
  {
    ael::checks::CrossCheck cross(failed_cross);
    failed_cross.close("cross-check", mp_real(2), mp_real(1));
  }
  failed_cross.proved("inertia", true, Evidence::proved_ball, "ball route");
  CHECK_FALSE(failed_cross.passed());  // a failing cross-check still fails the claim

  Outcome statistical;
  statistical.statistical();
  statistical.close("mean", mp_real(0), mp_real(1));
  CHECK(statistical.level() == Evidence::pass_statistical);
  CHECK_THROWS_AS(statistical.proved("x", true, Evidence::pass_tolerance, "r"), std::logic_error);
}
}
