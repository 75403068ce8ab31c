// The §5.3 closed form in balls (sparse/expected_ball.hpp, docs/sparse.md "Certified SC
// routes"): the balls must CONTAIN the exact expected gradient — on a power-of-4 HAD
// instance (n = 16) E of the true network's gradient enumerated over every (S, x) in Q
// (a different method) and the closed form in Q (the same formula, exact: tests the
// enclosure), on an irrational one (n = 32, 1/√32) the MPFR kernel and the MPFR enumeration at twice
// the digits;
// a lower ball precision gives wider balls; an instance changed by 10^-25 is not
// contained (the route can fail).
#include <doctest/doctest.h>

#include "core/precision.hpp"
#include "sparse/enumerate.hpp"
#include "sparse/expected_ball.hpp"
#include "sparse/instance.hpp"
#include "sparse/small_instances.hpp"

using ael::Ball;
using ael::mp_real;
using namespace ael::sparse;

namespace {
ExpectedGradient<Ball> ball_gradient(const InstanceSpec& spec, int row) {
  const auto I = build_instance<mp_real>(spec);
  REQUIRE(I.eps_ball);
  return expected_gradient(enclose_model(spec, *I.eps_ball).P, row);
}
}  // namespace

TEST_SUITE("sparse_expected_ball") {

TEST_CASE("rational HAD (n = 16): every ball contains the exact rational gradient") {
  const ael::PrecisionScope digits(30);
  for (const char* delta : {"0", "0.01"})
    for (const char* frac : {"0.01", "0.5"})
      for (int row : {0, 5, 16, 21}) {
        const InstanceSpec spec = had_spec(16, 2, delta, frac, 3);
        const auto exact = expected_gradient(build_instance<rational>(spec).P, row);
        const auto ball = ball_gradient(spec, row);
        CAPTURE(delta); CAPTURE(frac); CAPTURE(row);
        REQUIRE(ball.value.size() == exact.value.size());
        for (Eigen::Index r = 0; r < exact.value.size(); ++r) CHECK(ball.value(r).contains(ball_of(exact.value(r))));
        CHECK(ball.norm_sq.contains(ball_of(exact.norm_sq)));
        CHECK(ball.norm_sq.rad_upper() < 1e-30);
      }
}

TEST_CASE("rational HAD (n = 16): the balls contain E of the TRUE network's gradient, enumerated over every (S, x)") {
  // A different method from the closed form: the per-sample gradient of the true network (active set
  // recomputed per sample) averaged over every support and value vector in Q (sparse/enumerate.hpp).
  const ael::PrecisionScope digits(30);
  const InstanceSpec spec = had_spec(16, 2, "0.01", "0.5", 3);
  const auto truth = enumerate_true_network(build_instance<rational>(spec).P, 0);
  REQUIRE(truth.recovery_failures == 0);  // inside the window the closed form is the true expectation
  const auto ball = ball_gradient(spec, 0);
  for (Eigen::Index r = 0; r < truth.mean_gradient.size(); ++r) CHECK(ball.value(r).contains(ball_of(truth.mean_gradient(r))));
}

TEST_CASE("irrational HAD (n = 32): the balls contain the MPFR gradient at twice the digits") {
  const InstanceSpec spec = had_spec(32, 2, "0.02", "0.3", 5);
  mp_real reference;
  ael::Vec<mp_real> reference_value;
  {
    const ael::PrecisionScope digits(60);
    const auto g = expected_gradient(build_instance<mp_real>(spec).P, 3);
    reference = g.norm_sq, reference_value = g.value;
  }
  const ael::PrecisionScope digits(30);
  const auto ball = ball_gradient(spec, 3);
  // The 60-digit MPFR value differs from the exact one by ~1e-58, far inside the
  // 30-digit ball's radius (~1e-40): containment of the rounded reference is the test.
  CHECK(ball.norm_sq.contains(Ball(reference)));
  for (Eigen::Index r = 0; r < reference_value.size(); ++r) CHECK(ball.value(r).contains(Ball(reference_value(r))));
  CHECK(ball.norm_sq.rad_upper() < 1e-30);
  CHECK(ball.norm_sq.rad_upper() > 0);  // 1/√32 is irrational: the ball is not a point
  // A different method at the same 60 digits: E of the true network's gradient enumerated over
  // every (S, x) (sparse/enumerate.hpp; 2016 supports × 4 value vectors).
  ael::Vec<mp_real> truth;
  {
    const ael::PrecisionScope wide(60);
    const auto e = enumerate_true_network(build_instance<mp_real>(spec).P, 3);
    REQUIRE(e.recovery_failures == 0);
    truth = e.mean_gradient;
  }
  for (Eigen::Index r = 0; r < truth.size(); ++r) CHECK(ball.value(r).contains(Ball(truth(r))));
}

TEST_CASE("a lower precision gives a wider ball, still containing the exact value") {
  const InstanceSpec spec = had_spec(16, 2, "0.01", "0.5", 3);
  const auto exact = expected_gradient(build_instance<rational>(spec).P, 0);
  double wide = 0, narrow = 0;
  {
    const ael::PrecisionScope digits(16);
    const auto b = ball_gradient(spec, 0);
    CHECK(b.norm_sq.contains(ball_of(exact.norm_sq)));
    wide = b.norm_sq.rad_upper();
  }
  {
    const ael::PrecisionScope digits(40);
    const auto b = ball_gradient(spec, 0);
    CHECK(b.norm_sq.contains(ball_of(exact.norm_sq)));
    narrow = b.norm_sq.rad_upper();
  }
  CHECK(wide > 1e15 * narrow);
}

TEST_CASE("an instance changed by 1e-25 in one weight is not contained (the route can fail)") {
  const ael::PrecisionScope digits(30);
  const InstanceSpec spec = had_spec(16, 2, "0.01", "0.5", 3);
  const auto exact = expected_gradient(build_instance<rational>(spec).P, 0);
  const auto I = build_instance<mp_real>(spec);
  BallModel M = enclose_model(spec, *I.eps_ball);
  M.P.W(0, 0) += Ball::decimal("1e-25");
  const auto b = expected_gradient(M.P, 0);
  CHECK_FALSE(b.norm_sq.contains(ball_of(exact.norm_sq)));
}

TEST_CASE("Lemma D2 decided by balls on an irrational instance") {
  const ael::PrecisionScope digits(30);
  const InstanceSpec spec = had_spec(32, 2, "0.02", "0.3", 5);
  const auto I = build_instance<mp_real>(spec);
  const BallModel M = enclose_model(spec, *I.eps_ball);
  const auto g = expected_gradient(M.P, 0);
  CHECK(ball_within_lemma_d2(g.norm_sq, M) == Verdict::holds);
  // A ball straddling the squared bound decides nothing.
  const Ball bound = ball_lemma_d2(M.P.k, M.B.b, M.B.c, M.B.delta, M.B.eps, M.B.pi1);
  CHECK(ball_within_lemma_d2(Ball::hull(Ball(0), Ball(2) * bound * bound), M) == Verdict::undecided);
  CHECK(ball_within_lemma_d2(Ball(4) * bound * bound, M) == Verdict::fails);
}

}  // TEST_SUITE
