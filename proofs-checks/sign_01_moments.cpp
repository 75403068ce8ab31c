// SA-1, SA-2: arcsin moments and the generic decoder identities (docs/sign.md §2.1–§2.2).
#include "sign/certified_encoder.hpp"
#include "sign/encoder.hpp"
#include "sign/simulate.hpp"
#include "sign_certified.hpp"
#include "sign_instances.hpp"

#include <optional>

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

AEL_CLAIM("SA-1", "[derived]", "E[x sign(u'x)] = sqrt(2/pi) u/|u| and E[sign(u'x) sign(v'x)] = (2/pi) arcsin<u,v>/(|u||v|) (Monte Carlo)") {
  for (int i = 0; i < ctx.instances; ++i) {
    Rng rng(ctx.seed * 7919 + i);
    const int d = 3 + i % 4;
    Mat<double> B = gaussian_matrix(rng, 2, d);  // rows u, v (not normalized: scale invariance)
    if (i % 2) B.row(1) = 0.8 * B.row(0) + 0.3 * B.row(1);  // strongly correlated pair
    const CodeMoments<T> exact = gaussian_moments<T>(cast<T>(B));
    const McMoments mc = mc_moments(B, DataLaw{}, Sign0::plus, 200000, ctx.seed + 31 * i);
    for (int r = 0; r < 2; ++r)
      for (int k = 0; k < d; ++k)
        within_se(out, "E[x_k s_i], d=" + std::to_string(d), mc.M(r, k), mc.M_se(r, k), exact.M(r, k));
    within_se(out, "E[s_u s_v], d=" + std::to_string(d), mc.K(0, 1), mc.K_se(0, 1), exact.K(0, 1));
    out.count_instance();
  }
}

namespace {
BallMatrix ball_sum(const BallMatrix& X, const BallMatrix& Y, int sign, long prec) {
  BallMatrix Z(X.rows(), X.cols());
  if (sign > 0) arb_mat_add(Z.get(), X.get(), Y.get(), prec);
  else arb_mat_sub(Z.get(), X.get(), Y.get(), prec);
  return Z;
}

// tr(D K D')/d in balls.
ael::Ball curvature_ball(const BallMatrix& D, const BallMoments& m, long prec) {
  BallMatrix DK(D.rows(), D.cols());
  arb_mat_mul(DK.get(), D.get(), m.K.get(), prec);
  ael::Ball c = inner_ball(DK, D, prec);
  arb_div_si(c.get(), c.get(), D.rows(), prec);
  return c;
}

// The ball route of SA-2 on the Gaussian moments of the exact (dyadic) B, for the
// exact decoder A and direction D (docs/sign.md, "verify --certify: SA claims").
// With `minimizer` given (singular K, where no Cholesky exists) it stands for A*.
void sa2_ball_route(Outcome& out, const Context& ctx, const Mat<double>& B, const Mat<double>& A, const Mat<double>& D,
                    const std::string& tag, const Mat<T>* minimizer = nullptr) {
  const long prec = ball_prec(ctx);
  const BallMoments m = gaussian_moments_ball(exact_balls(B), prec);
  const BallMatrix Ab = exact_balls(A), Db = exact_balls(D);
  const ael::Ball c = curvature_ball(Db, m, prec);
  const ael::Ball Rp = risk_ball(ball_sum(Ab, Db, 1, prec), m, prec), R0 = risk_ball(Ab, m, prec),
                  Rm = risk_ball(ball_sum(Ab, Db, -1, prec), m, prec);
  ael::Ball t, u;
  // R(A+D) - 2R(A) + R(A-D) - 2 tr(DKD')/d
  arb_mul_2exp_si(t.get(), R0.get(), 1);
  arb_sub(t.get(), Rp.get(), t.get(), prec);
  arb_add(t.get(), t.get(), Rm.get(), prec);
  arb_mul_2exp_si(u.get(), c.get(), 1);
  arb_sub(t.get(), t.get(), u.get(), prec);
  proved_agree(out, "second difference and 2 tr(DKD')/d, " + tag, t.get(), ctx.digits, prec);
  // R is quadratic in A, so (R(A+D) - R(A-D))/2 is the exact directional derivative.
  arb_sub(t.get(), Rp.get(), Rm.get(), prec);
  arb_mul_2exp_si(t.get(), t.get(), -1);
  u = inner_ball(risk_gradient_A_ball(Ab, m, prec), Db, prec);
  arb_sub(t.get(), t.get(), u.get(), prec);
  proved_agree(out, "(R(A+D) - R(A-D))/2 and <(2/d)(AK - M'), D>, " + tag, t.get(), ctx.digits, prec);
  BallMatrix As(A.rows(), A.cols());
  ael::Ball Rs;
  if (minimizer) As = exact_balls(*minimizer);
  else if (!optimal_decoder_ball(As, Rs, m, prec)) {
    out.not_proved("K not certified positive definite, " + tag);
    return;
  }
  const ael::Ball RA = risk_ball(As, m, prec), RAD = risk_ball(ball_sum(As, Db, 1, prec), m, prec);
  arb_sub(t.get(), RAD.get(), RA.get(), prec);
  arb_sub(t.get(), t.get(), c.get(), prec);
  proved_agree(out, "R(A*+D) - R(A*) and tr(DKD')/d, " + tag, t.get(), ctx.digits, prec);
  proved_positive(out, "tr(DKD')/d > 0, " + tag, c.get());
  if (minimizer) return;
  arb_sub(t.get(), RA.get(), Rs.get(), prec);
  proved_agree(out, "R(A*) and R* = 1 - tr(M'K^-1 M)/d, " + tag, t.get(), ctx.digits, prec);
}
}  // namespace

AEL_CLAIM("SA-2", "[derived]", "R is quadratic in A; dR/dA = (2/d)(AK - M'); R(A*+D) - R(A*) = tr(D K D')/d >= 0; pseudo-inverse minimizes for singular K") {
  const T tol = route_tolerance<T>();
  // --certify: every identity in balls on the same instances (agreement to the working
  // digits, docs/sign.md "verify --certify: SA claims"); the MPFR comparisons are cross-checks.
  std::optional<CrossCheck> cross;
  if (ctx.certify) cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    Rng rng(ctx.seed * 104729 + i);
    const int n = 2 + i % 3, d = 3 + i % 4;
    // Random code moments with a genuine (positive semidefinite) K: the Gaussian moments of a random encoder.
    const Mat<double> Bd = gaussian_matrix(rng, n, d);
    const CodeMoments<T> m = gaussian_moments<T>(cast<T>(Bd));
    const Mat<double> Ad = gaussian_matrix(rng, d, n), Dd = gaussian_matrix(rng, d, n);
    if (ctx.certify) sa2_ball_route(out, ctx, Bd, Ad, Dd, "n=" + std::to_string(n) + " d=" + std::to_string(d));
    const Mat<T> A = cast<T>(Ad), Delta = cast<T>(Dd);
    // Quadratic: the second difference in t is t-independent and equals 2 tr(ΔKΔᵀ)/d.
    const T curvature = 2 * (Delta * m.K * Delta.transpose()).trace() / T(d);
    const T dd = risk<T>(Mat<T>(A + Delta), m) - 2 * risk<T>(A, m) + risk<T>(Mat<T>(A - Delta), m);
    out.close("second difference = 2 tr(DKD')/d", T(dd - curvature), tol);
    // Gradient against a central difference with step h: error O(h²)·0 (quadratic) plus rounding.
    const T h = boost::multiprecision::pow(T(10), -(printed_digits() / 2));
    const Mat<T> grad = risk_gradient_A<T>(A, m);
    const T fd = (risk<T>(Mat<T>(A + h * Delta), m) - risk<T>(Mat<T>(A - h * Delta), m)) / (2 * h);
    out.close("directional derivative vs central difference", T(fd - (grad.cwiseProduct(Delta)).sum()),
              T(tol / h));
    const OptimalDecoder<T> opt = optimal_decoder<T>(m);
    out.close("R(A*+D) - R(A*) = tr(DKD')/d", T(risk<T>(Mat<T>(opt.A + Delta), m) - opt.risk - curvature / 2), tol);
    out.close("R* = R(A*)", T(risk<T>(opt.A, m) - opt.risk), tol);
    out.count_instance();
  }
  // Singular K: BG data, sign0 = zero, two parallel rows and a row that a
  // mask can switch off; A* from the pseudo-inverse must still be a minimizer.
  Rng rng(ctx.seed + 17);
  Mat<double> B = gaussian_matrix(rng, 3, 4);
  B.row(1) = 2 * B.row(0);  // exactly parallel rows (scaling by 2 is exact): identical code bits
  const CodeMoments<T> m = enumerated_bg_moments<T>(cast<T>(B), parse_scalar<T>("0.5"), Sign0::zero);
  const OptimalDecoder<T> opt = optimal_decoder<T>(m);
  out.require("K singular detected (identical rows)", opt.singular_K);
  if (ctx.certify) {
    // Ball route on the Gaussian moments of the same B (rows 0 and 1 exactly parallel): the
    // exact Gram matrix decides rho_01 = 1, so K_01 = 1 and K is singular; the MPFR
    // pseudo-inverse decoder of those moments has a ball gradient below 10^-D and
    // R(A*+D) - R(A*) = tr(DKD')/d > 0 (a convex quadratic: a minimizer).
    const long prec = ball_prec(ctx);
    const BallMoments bm = gaussian_moments_ball(exact_balls(B), prec);
    out.proved("rows 0, 1 exactly parallel: K_01 = 1, K singular", bm.parallel_pairs == 1 && arb_is_one(bm.K.at(0, 1)),
               Evidence::proved_exact, kSignExactRoute);
    const Mat<T> A0 = optimal_decoder<T>(gaussian_moments<T>(cast<T>(B))).A;
    const BallMatrix As = exact_balls(A0);
    ael::Ball g;
    arb_mat_frobenius_norm(g.get(), risk_gradient_A_ball(As, bm, prec).get(), prec);
    proved_agree(out, "singular K: |dR/dA| at the pseudo-inverse decoder and 0", g.get(), ctx.digits, prec);
    Rng directions(ctx.seed + 18);
    sa2_ball_route(out, ctx, B, cast_double(A0), gaussian_matrix(directions, 4, 3, 0.1), "singular K", &A0);
  }
  out.close("pseudo-inverse decoder is stationary", T(risk_gradient_A<T>(opt.A, m).norm()), route_tolerance<T>());
  for (int k = 0; k < 4; ++k) {
    const Mat<T> Delta = cast<T>(gaussian_matrix(rng, 4, 3, 0.1));
    const T gap = risk<T>(Mat<T>(opt.A + Delta), m) - opt.risk;
    out.close("R(A*+D) - R(A*) = tr(DKD')/d (singular K)",
              T(gap - (Delta * m.K * Delta.transpose()).trace() / T(4)), route_tolerance<T>());
  }
  out.count_instance();
}
