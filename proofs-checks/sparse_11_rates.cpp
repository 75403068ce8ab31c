// SC-11, SC-12, SC-13: the exact expected gradient against the Lemma D2 bound
// and its decay in h on the R-HAD family (docs/sparse.md §8.0, P1), in multiprecision.
// --certify: the same statements decided by balls around the exact instances (the §5.3
// closed form instantiated on Ball, sparse/expected_ball.hpp; docs/sparse.md "Certified
// SC routes"); the MPFR comparisons then run as cross-checks.
#include "claim.hpp"
#include "core/least_squares.hpp"
#include "sparse/expected.hpp"
#include "sparse/expected_ball.hpp"
#include "sparse/small_instances.hpp"
#include "sparse_certified.hpp"

#include <arb.h>

#include <cmath>
#include <map>
#include <optional>

namespace {
using ael::Ball;
using ael::mp_real;
using ael::Vec;
using ael::checks::CrossCheck;
using ael::checks::Outcome;
using namespace ael::sparse;

// Routes (docs/sparse.md "Certified SC routes").
const char* const kBoundRoute =
    "ball: the 5.3 closed form in Arb balls around the exact R-HAD instance (1/sqrt(n) enclosed) against the Lemma D2 "
    "bound in balls; recovery (D1 window) decided by balls";
const char* const kRateRoute =
    "ball: the 5.3 closed form in balls around the exact R-HAD instances; the decrease and the least-squares slope "
    "(logs by arb_log) decided by balls";
const char* const kSampleRoute =
    "ball: the 5.3 closed form in balls for each sampled W (3 seeded draws, the adversarial W) with recovery decided "
    "by balls; their maximum by arb_max (the maximum over the whole delta-ball is not enclosed)";

// The ball route at one instance (--certify only).
struct BallPoint {
  bool recovery_proved = false;  // recovery and Lemma D2's assumptions decided by balls
  std::optional<Ball> sq0, sq_n;  // contain ‖E∇_{W_0}L‖², ‖E∇_{W_n}L‖²
  Verdict within0 = Verdict::undecided, within_n = Verdict::undecided;
};

struct Point {
  double norm0 = 0, norm_n = 0;
  bool within0 = false, within_n = false, certified = false, bound_valid = false;
  std::optional<BallPoint> ball;
};

std::string delta_for(int n, double nu) { return nu > 0 ? ael::to_decimal(std::pow(2.0 * n, -nu), 17) : "0"; }

BallPoint ball_point(const InstanceSpec& spec, const Instance<mp_real>& I, int n) {
  BallPoint b;
  b.recovery_proved = I.recovery_certified && I.evidence == Evidence::proved_ball && I.d2_valid;
  if (!I.eps_ball) return b;
  const BallModel M = enclose_model(spec, *I.eps_ball);
  b.sq0 = expected_gradient(M.P, 0).norm_sq;
  b.sq_n = expected_gradient(M.P, n).norm_sq;
  b.within0 = ball_within_lemma_d2(*b.sq0, M);
  b.within_n = ball_within_lemma_d2(*b.sq_n, M);
  return b;
}

// ‖E∇‖ for rows 0 and n of R-HAD (ν = 0) or R-HAD-δ; cached across claims. With
// `balls`, also the ball route (computed once, then cached with the point).
const Point& rhad(int n, int k, const char* frac, double nu, std::uint64_t seed, bool balls = false) {
  static std::map<std::string, Point> cache;
  const std::string key = std::to_string(n) + "/" + std::to_string(k) + "/" + frac + "/" + std::to_string(nu) + "/" +
                          std::to_string(seed) + "/" + std::to_string(ael::printed_digits());
  auto it = cache.find(key);
  if (it != cache.end() && (!balls || it->second.ball)) return it->second;
  const InstanceSpec spec = had_spec(n, k, delta_for(n, nu), frac, seed);
  const auto I = build_instance<mp_real>(spec);
  Point p;
  const auto g0 = expected_gradient(I.P, 0), gn = expected_gradient(I.P, n);
  const mp_real bound2 = I.d2.expected * I.d2.expected;
  p.norm0 = ael::to_double(mp_real(sqrt(g0.norm_sq)));
  p.norm_n = ael::to_double(mp_real(sqrt(gn.norm_sq)));
  p.within0 = g0.norm_sq <= bound2;
  p.within_n = gn.norm_sq <= bound2;
  p.certified = I.recovery_certified;
  p.bound_valid = I.d2_valid;
  if (balls) p.ball = ball_point(spec, I, n);
  return cache[key] = p;
}

// A statement decided by balls: proved (holds or fails) or, undecided, not proved.
void by_balls(Outcome& out, const std::string& what, Verdict v, const char* route) {
  if (v == Verdict::undecided) out.not_proved(what + ": a ball straddles the comparison at this precision");
  else out.proved(what, v == Verdict::holds, ael::checks::Evidence::proved_ball, route);
}
Verdict less(const std::optional<Ball>& x, const std::optional<Ball>& y) {
  if (!x || !y) return Verdict::undecided;
  if (certainly_less(*x, *y)) return Verdict::holds;
  if (certainly_less(*y, *x)) return Verdict::fails;
  return Verdict::undecided;
}

// log x as a ball (indeterminate unless x is certainly positive).
Ball log_of(const Ball& x) {
  Ball r;
  arb_log(r.get(), x.get(), ael::ball_bits());
  return r;
}

const int kGrid[] = {64, 128, 256, 512};
}  // namespace

AEL_CLAIM("SC-11", "[derived]", "||E grad_{W_i} L|| <= pi1 F1 F2 (Lemma D2) on every R-HAD and R-HAD-delta configuration, rows 0 and n") {
  // --certify: every configuration decided by balls (proved-ball); n = 64, where HAD is rational,
  // also exactly in Q(Gamma). The MPFR comparisons are then cross-checks.
  std::optional<CrossCheck> cross;
  if (ctx.certify) cross.emplace(out);
  // R-HAD: k ∈ {2, 4}. R-HAD-δ (ν = 3/4): k = 2 only, because at k = 4 the D1 window
  // is empty at n = 64 (lo = 0.635 > hi = 0.449), so that configuration is not a P1 one.
  for (double nu : {0.0, 0.75})
    for (int k : {2, 4})
      if (nu == 0 || k == 2)
      for (const char* frac : {"0.01", "0.5"})
        for (int n : kGrid) {
          const auto& p = rhad(n, k, frac, nu, ctx.seed, ctx.certify);
          const std::string tag = "n=" + std::to_string(n) + " k=" + std::to_string(k) + " t=" + frac + " nu=" + ael::to_decimal(nu, 3);
          out.require("Lemma D2 applies, " + tag, p.certified && p.bound_valid);
          out.require("row 0 within bound, " + tag, p.within0);
          out.require("row n within bound, " + tag, p.within_n);
          if (ctx.certify) {
            const BallPoint& b = *p.ball;
            by_balls(out, "Lemma D2 applies (balls), " + tag, b.recovery_proved ? Verdict::holds : Verdict::undecided, kBoundRoute);
            by_balls(out, "row 0 within pi1 F1 F2 (balls), " + tag, b.within0, kBoundRoute);
            by_balls(out, "row n within pi1 F1 F2 (balls), " + tag, b.within_n, kBoundRoute);
          }
          if (ctx.certify && n == 64) {  // HAD is rational: the same statements exactly in Q(Gamma)
            namespace sc = ael::checks::sparse_checks;
            const auto I = build_instance<rational>(had_spec(n, k, delta_for(n, nu), frac, ctx.seed));
            sc::exact(ctx, out, "Lemma D2 applies (exact), " + tag, I.recovery_certified && I.d2_valid, sc::kWindowRoute);
            for (int row : {0, n})
              sc::exact(ctx, out, "row " + std::to_string(row) + " within pi1 F1 F2 (exact), " + tag,
                        sc::within_lemma_d2(expected_gradient(I.P, row).norm_sq, k, I.P.values.b, I.c, I.delta, I.eps, I.P.incl().pi1),
                        sc::kLemmaD2Route);
          }
          out.count_instance();
        }
}

AEL_CLAIM("SC-12", "[paper, qualitative] + [derived rate]", "R-HAD ||E grad_{W_0}|| decreases in h; log-log slopes negative; fixed-k slope within 0.15 of -3/2 (edge) and -1 (midpoint)") {
  // --certify: the decrease, the sign of the slope and its distance to the predicted exponent are
  // decided by balls: the least-squares slope is a fixed function of the four exact norms, evaluated
  // in ball arithmetic (logs by arb_log). The MPFR comparisons are then cross-checks.
  std::optional<CrossCheck> cross;
  if (ctx.certify) cross.emplace(out);
  std::vector<double> logh;
  std::vector<Ball> logh_ball;
  for (int n : kGrid) {
    logh.push_back(std::log(2.0 * n));
    if (ctx.certify) logh_ball.push_back(log_of(Ball(2 * n)));
  }
  for (double nu : {0.0, 0.75})
    for (const char* frac : {"0.01", "0.5"}) {
      std::vector<double> logg;
      std::vector<std::optional<Ball>> sq;
      for (int n : kGrid) {
        const auto& p = rhad(n, 2, frac, nu, ctx.seed, ctx.certify);
        logg.push_back(std::log(p.norm0));
        if (ctx.certify) sq.push_back(p.ball->sq0);
      }
      const std::string tag = std::string("t=") + frac + " nu=" + ael::to_decimal(nu, 3);
      for (size_t t = 0; t + 1 < logg.size(); ++t) {
        out.require("strictly decreasing at step " + std::to_string(t) + ", " + tag, logg[t + 1] < logg[t]);
        if (ctx.certify) by_balls(out, "strictly decreasing at step " + std::to_string(t) + " (balls), " + tag, less(sq[t + 1], sq[t]), kRateRoute);
      }
      const double s = ael::least_squares_slope(logh, logg);
      out.require("negative slope (" + ael::to_decimal(s, 4) + "), " + tag, s < 0);
      const double predicted = std::string(frac) == "0.01" ? -1.5 : -1.0;
      if (nu == 0)
        out.close("slope " + ael::to_decimal(s, 4) + " vs predicted " + ael::to_decimal(predicted, 3) + ", " + tag,
                  mp_real(std::abs(s - predicted)), mp_real(0.15));
      if (ctx.certify) {
        bool enclosed = true;
        std::vector<Ball> logg_ball;
        for (const auto& x : sq) {
          enclosed = enclosed && x && x->certainly_positive();
          if (enclosed) logg_ball.push_back(log_of(*x) / Ball(2));
        }
        if (!enclosed) {
          out.not_proved("a squared norm is not certainly positive, " + tag);
        } else {
          const Ball sb = ael::least_squares_slope(logh_ball, logg_ball);
          by_balls(out, "negative slope (balls), " + tag, sb.certainly_negative() ? Verdict::holds : sb.certainly_positive() ? Verdict::fails : Verdict::undecided, kRateRoute);
          if (nu == 0) {
            const Ball gap = abs(sb - Ball::decimal(ael::to_decimal(predicted, 3))), tol = Ball::decimal("0.15");
            by_balls(out, "slope within 0.15 of " + ael::to_decimal(predicted, 3) + " (balls), " + tag, less(gap, tol), kRateRoute);
          }
        }
      }
      out.count_instance();
    }
}

AEL_CLAIM("SC-13", "[paper, qualitative]", "The maximum of ||E grad_{W_0}|| over sampled W in the delta-ball (random and adversarial) decreases with h") {
  // --certify: for each sampled W (3 seeded draws and the adversarial W) the squared norm is a ball
  // around its exact value, the maximum is a ball (arb_max) and the decrease is decided by balls.
  // What is proved is the claim about the sampled W; a maximum over the whole δ-ball is not enclosed.
  std::optional<CrossCheck> cross;
  if (ctx.certify) cross.emplace(out);
  const double nu = 0.75;
  double previous = 1e300;
  std::optional<Ball> previous_ball;
  for (int n : kGrid) {
    double worst = 0;
    std::optional<Ball> worst_ball;
    bool draws_proved = true;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      const auto& p = rhad(n, 2, "0.01", nu, ctx.seed * 100 + seed, ctx.certify);
      worst = std::max(worst, p.norm0);
      if (ctx.certify) {
        draws_proved = draws_proved && p.ball->recovery_proved && p.ball->sq0;
        if (p.ball->sq0) worst_ball = worst_ball ? max_of(*worst_ball, *p.ball->sq0) : *p.ball->sq0;
      }
    }
    // Adversarial: every row pushed towards +A*_j for the first j of largest |A*_i'A*_j|.
    // On HAD every nonzero off-diagonal overlap is +-1/sqrt(n); the first maximiser is
    // the Hadamard column n (overlap +1/sqrt(n)) for identity rows and e_0 (overlap
    // H_{0,j}/sqrt(n) = +1/sqrt(n)) for Hadamard rows, so no O(h^2 n) Gram matrix is needed.
    const InstanceSpec spec = had_spec(n, 2, delta_for(n, nu), "0.01", ctx.seed);
    auto I = build_instance<mp_real>(spec);
    const mp_real delta = ScalarOps<mp_real>::parse(delta_for(n, nu));
    for (int i = 0; i < I.P.h(); ++i) {
      const int best = i < n ? n : 0;
      out.require("first maximiser has overlap +1/sqrt(n), row " + std::to_string(i) + " n=" + std::to_string(n),
                  i % 97 != 0 || abs(I.P.A.col(i).dot(I.P.A.col(best)) - mp_real(1) / sqrt(mp_real(n))) < ael::checks::route_tolerance<mp_real>());
      I.P.W.row(i) = (I.P.A.col(i) + delta * I.P.A.col(best)).transpose();
    }
    // The pushed rows are at distance exactly δ: the instance's D1 window still applies.
    out.require("adversarial W certified, n=" + std::to_string(n), I.recovery_certified);
    worst = std::max(worst, ael::to_double(mp_real(sqrt(expected_gradient(I.P, 0).norm_sq))));
    out.require("max over the ball decreases at h=" + std::to_string(2 * n), worst < previous);
    previous = worst;
    if (ctx.certify) {
      // The adversarial W in balls: W_i = A_i + δ A_best(i) with the exact A and δ. Its recovery
      // is decided afresh: the D1 window at the enclosed distance max_i ‖W_i − A_i‖ (not assumed = δ).
      BallModel M = enclose_model(spec, *I.eps_ball);
      const Ball delta_ball = Ball::decimal(delta_for(n, nu));
      Ball distance_sq(0);
      for (int i = 0; i < M.P.h(); ++i) {
        const int best = i < n ? n : 0;
        const Vec<Ball> push = delta_ball * M.P.A.col(best);
        M.P.W.row(i) = (M.P.A.col(i) + push).transpose();
        distance_sq = max_of(distance_sq, ael::ball_squared_norm(push));
      }
      const BallWindow d1 = ball_window_d1(2, M.B.a, M.B.b, M.B.c, sqrt(distance_sq));
      by_balls(out, "adversarial W recovers (D1 window, balls), n=" + std::to_string(n), ball_window_contains(d1, *I.eps_ball), kSampleRoute);
      const Ball adversarial = expected_gradient(M.P, 0).norm_sq;
      worst_ball = worst_ball ? max_of(*worst_ball, adversarial) : adversarial;
      by_balls(out, "seeded draws recover (balls), n=" + std::to_string(n), draws_proved ? Verdict::holds : Verdict::undecided, kSampleRoute);
      if (previous_ball)
        by_balls(out, "max over the sampled W decreases at h=" + std::to_string(2 * n) + " (balls)", less(worst_ball, previous_ball), kSampleRoute);
      previous_ball = worst_ball;
    }
    out.count_instance();
  }
}
