// The certified R*(B̄) of large encoders (sign/certified_frames.hpp, docs/sign.md "Certified
// SA-6"). References come from a different route at higher precision: the generic optimal
// decoder on the MPFR arcsin moments at 40 digits (an MPFR LU solve, rows normalised in MPFR).
// A too-low ball precision, a worse approximate solution or a deliberately weakened λ_min bound
// must give a wider ball that still contains the reference; an invalid λ_min bound (≤ 0) or a
// correlation of ±1 must give no ball at all, never a wrong one.
#include <doctest/doctest.h>

#include "core/ball_io.hpp"
#include "core/precision.hpp"
#include "core/random_matrix.hpp"
#include "core/rng.hpp"
#include "sign/certified_frames.hpp"
#include "sign/encoder.hpp"
#include "sign/frames.hpp"

#include <Eigen/Eigenvalues>

#include <stdexcept>
#include <string>

using ael::Ball;
using ael::Mat;
using ael::mp_real;
using namespace ael::sign;

namespace {
// R*(B̄) by the generic optimal decoder at 40 digits, as a decimal string.
std::string reference40(const Mat<double>& B) {
  ael::PrecisionScope scope(40);
  return ael::to_decimal(optimal_decoder<mp_real>(gaussian_moments<mp_real>(B.cast<mp_real>())).risk, 40);
}
double rad(const Ball& x) { return mag_get_d(arb_radref(x.get())); }
}  // namespace

TEST_SUITE("sign_tight_frame_certified") {
  TEST_CASE("the ball of R*(B) contains the 40-digit generic optimal decoder (tight frames, Gaussian rows of any scale)") {
    const TightFrame tf = tight_frame(40, 20, 3);  // r = 2, d = 20
    ael::Rng rng(5);
    const Mat<double> G = ael::gaussian_matrix(rng, 30, 20);  // rows of norm ≈ √20, not normalised
    for (const Mat<double>* B : {&tf.B, &G}) {
      std::string why;
      const Ball risk = certified_gaussian_optimal_risk(*B, 64, &why);
      REQUIRE(risk.finite());
      CHECK(why.empty());
      CHECK(ael::ball_contains_decimal(risk.get(), reference40(*B)));
      CHECK(rad(risk) < 1e-11);
    }
    // R* depends on B only through the unit rows: a positive row scaling gives a ball that
    // contains the same reference (docs/sign.md, Model and conventions).
    Mat<double> S = G;
    for (Eigen::Index i = 0; i < S.rows(); ++i) S.row(i) *= std::ldexp(1.0, static_cast<int>(i % 7) - 3);
    CHECK(ael::ball_contains_decimal(certified_gaussian_optimal_risk(S, 64).get(), reference40(G)));
  }

  TEST_CASE("a low ball precision or a worse approximate solution widens the ball, which still contains the reference") {
    const TightFrame tf = tight_frame(30, 20, 7);  // r = 3/2
    const std::string ref = reference40(tf.B);
    const Ball fine = certified_gaussian_optimal_risk(tf.B, 64);
    REQUIRE(fine.finite());
    for (long prec : {30L, 20L}) {
      const Ball coarse = certified_gaussian_optimal_risk(tf.B, prec);
      if (!coarse.finite()) continue;  // no ball is allowed; a wrong one is not
      CHECK(rad(coarse) > rad(fine));
      CHECK(ael::ball_contains_decimal(coarse.get(), ref));
    }
    const ArcsinMomentsEnclosure k = arcsin_moments_enclosure(tf.B, 64);
    const Mat<double> X = approximate_frame_solution(tf.B, k);
    REQUIRE(X.rows() == 30);
    const Ball honest = risk_from_quadratic_form(optimal_quadratic_form_ball(tf.B, k, X, 64), 20, 64);
    CHECK(ael::ball_contains_decimal(honest.get(), ref));
    for (double eta : {1e-6, 1e-3, 0.1}) {  // X·(1 + η): the variational bracket widens as η²
      const Ball worse = risk_from_quadratic_form(optimal_quadratic_form_ball(tf.B, k, (1 + eta) * X, 64), 20, 64);
      CHECK(rad(worse) > rad(honest));
      CHECK(ael::ball_contains_decimal(worse.get(), ref));
    }
    Mat<double> zero = Mat<double>::Zero(30, 20);  // X = 0: Q = 0 and the residual bound ‖B̄‖²/λ
    CHECK(ael::ball_contains_decimal(risk_from_quadratic_form(optimal_quadratic_form_ball(tf.B, k, zero, 64), 20, 64).get(), ref));
  }

  TEST_CASE("lambda_min bound: positive and below the double eigenvalues; a weakened bound widens, an invalid one refuses") {
    for (const auto& [n, d] : {std::pair{40, 20}, std::pair{150, 100}, std::pair{400, 200}}) {
      const TightFrame tf = tight_frame(n, d, 11);
      const ArcsinMomentsEnclosure k = arcsin_moments_enclosure(tf.B, 64);
      REQUIRE(k.finite);
      CHECK(k.lambda_lower.certainly_positive());
      const double smallest = Eigen::SelfAdjointEigenSolver<Mat<double>>(k.K, Eigen::EigenvaluesOnly).eigenvalues()(0);
      // the double eigenvalue is accurate to ≈ n·1e−16 ≪ the observed gap
      CHECK(k.lambda_lower.mid_double() < smallest - 1e-3);
      CHECK(k.radius.mid_double() < 1e-13);  // ≈ (2/π) γ_{d+2} from the Gram rounding bound
      MESSAGE("n=" << n << " d=" << d << ": lambda_min bound " << k.lambda_lower.mid_double() << ", double eigenvalue " << smallest);
    }
    const TightFrame tf = tight_frame(40, 20, 3);
    const std::string ref = reference40(tf.B);
    ArcsinMomentsEnclosure k = arcsin_moments_enclosure(tf.B, 64);
    const Mat<double> X = approximate_frame_solution(tf.B, k);
    const Ball honest = optimal_quadratic_form_ball(tf.B, k, X, 64);
    Ball weak;
    arb_set_d(weak.get(), 1e-20);  // valid but far too weak: the upper end moves up, containment stays
    k.lambda_lower = weak;
    const Ball wide = optimal_quadratic_form_ball(tf.B, k, X, 64);
    REQUIRE(wide.finite());
    CHECK(rad(wide) > rad(honest));
    CHECK(ael::ball_contains_decimal(risk_from_quadratic_form(wide, 20, 64).get(), ref));
    for (int bad : {0, -1}) {  // not a certified positive bound: no enclosure
      k.lambda_lower = Ball(bad);
      CHECK_FALSE(optimal_quadratic_form_ball(tf.B, k, X, 64).finite());
    }
  }

  TEST_CASE("the rounding bound of the double products holds for this build (exact Arb products as reference)") {
    // docs/sign.md "Certified SA-6", steps 1 and 4: |fl(K X) − K X|_ij ≤ γ_{n+2} ‖K row i‖₂ ‖x_j‖₂.
    const TightFrame tf = tight_frame(150, 100, 2);
    const ArcsinMomentsEnclosure k = arcsin_moments_enclosure(tf.B, 64);
    const Mat<double> X = approximate_frame_solution(tf.B, k);
    const Mat<double> Y = k.K * X;
    ael::BallMatrix Ke(150, 150), Xe(150, 100), P(150, 100);
    for (long i = 0; i < 150; ++i)
      for (long j = 0; j < 150; ++j) arb_set_d(Ke.at(i, j), k.K(i, j));
    for (long i = 0; i < 150; ++i)
      for (long j = 0; j < 100; ++j) arb_set_d(Xe.at(i, j), X(i, j));
    arb_mat_mul(P.get(), Ke.get(), Xe.get(), 400);  // exact: 150 products of 53-bit numbers
    const double u = std::ldexp(1.0, -53), gamma = 152 * u / (1 - 152 * u);
    double worst = 0;  // largest error / bound
    Ball e;
    for (long i = 0; i < 150; ++i)
      for (long j = 0; j < 100; ++j) {
        arb_set_d(e.get(), Y(i, j));
        arb_sub(e.get(), e.get(), P.at(i, j), 400);
        worst = std::max(worst, std::fabs(e.mid_double()) / (gamma * k.K.row(i).norm() * X.col(j).norm()));
      }
    CHECK(worst < 0.5);  // below the bound, with a factor 2 to spare for the double norms of this test
    MESSAGE("largest |fl(KX) - KX| / bound: " << worst);
  }

  TEST_CASE("no decision where none is possible; bad input throws") {
    ael::Rng rng(9);
    Mat<double> B = ael::gaussian_matrix(rng, 6, 4);
    B.row(3) = 2 * B.row(1);  // correlation exactly 1: the arcsin ball is not finite
    std::string why;
    CHECK_FALSE(certified_gaussian_optimal_risk(B, 64, &why).finite());
    CHECK(why.find("+-1") != std::string::npos);
    B.row(3).setZero();
    CHECK_THROWS_AS(arcsin_moments_enclosure(B, 64), std::invalid_argument);
    CHECK_THROWS_AS(arcsin_moments_enclosure(Mat<double>(0, 3), 64), std::invalid_argument);
    B(0, 0) = std::nan("");
    CHECK_THROWS_AS(arcsin_moments_enclosure(B, 64), std::invalid_argument);
  }
}
