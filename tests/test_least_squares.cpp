// core/least_squares.hpp: the least-squares slope, one kernel for double and Ball.
// References are exact rationals worked out by hand (not the kernel's output);
// the ball tests assert that the ball CONTAINS the exact slope.
#include <doctest/doctest.h>

#include "core/ball.hpp"
#include "core/least_squares.hpp"

#include <vector>

using ael::Ball;
using ael::least_squares_slope;

namespace {
Ball log_ball(const Ball& x) {
  Ball r;
  arb_log(r.get(), x.get(), ael::ball_bits());
  return r;
}
}  // namespace

TEST_SUITE("least_squares") {
  TEST_CASE("double: exact on a line, the normal-equation value off it") {
    CHECK(least_squares_slope<double>({1, 2, 3, 4}, {1, 4, 7, 10}) == 3);  // y = 3x − 2
    // x = 0, 1, 2; y = 0, 1, 1: (3·3 − 3·2) / (3·5 − 3²) = 1/2.
    CHECK(least_squares_slope<double>({0, 1, 2}, {0, 1, 1}) == doctest::Approx(0.5).epsilon(1e-15));
  }

  TEST_CASE("Ball: contains the exact slope") {
    const Ball s = least_squares_slope<Ball>({Ball(0), Ball(1), Ball(2)}, {Ball(0), Ball(1), Ball(1)});
    CHECK(s.contains(Ball(1) / Ball(2)));
    // log h against log h^{-1/2} for h = 4, 16, 64 (logs by arb_log): slope −1/2 exactly,
    // the ball narrow at the working precision but not a point.
    std::vector<Ball> x, y;
    for (int h : {4, 16, 64}) {
      x.push_back(log_ball(Ball(h)));
      y.push_back(log_ball(Ball(1) / Ball(h == 4 ? 2 : h == 16 ? 4 : 8)));
    }
    const Ball t = least_squares_slope(x, y);
    CHECK(t.contains(Ball(-1) / Ball(2)));
    CHECK(t.rad_upper() < 1e-25);
    CHECK_FALSE(t.contains(Ball(-1) / Ball(2) + Ball(1e-20)));
  }

  TEST_CASE("Ball: equal abscissae give a ball that decides nothing") {
    const Ball s = least_squares_slope<Ball>({Ball(1), Ball(1)}, {Ball(0), Ball(1)});
    CHECK_FALSE(s.finite());
  }
}
