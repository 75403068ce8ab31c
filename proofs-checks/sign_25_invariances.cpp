// SA-25: invariances of the sign code (docs/sign.md §1.1, §1.3).
//  - Positive row scaling S B: identical codes on sampled data; identical R* on Gaussian
//    data (arcsin moments) and on BG data (exact 2^d mask enumeration, where mask_moments
//    works with the unnormalized rows through ν_i = ‖D b_i‖).
//  - Variance-p BG convention x = m∘g: its moments come from the mask-conditional formulas
//    with unit nonzero variance (mask_moments at scale 1), enumerated with the Bernoulli(p)
//    weights — a route that never rescales the unit-variance result — and its risk carries
//    E‖x‖²/d = p. The re-optimized normalized MSE R'*/p must equal R*, and A'* = √p A*.
#include "sign/certified_encoder.hpp"
#include "sign/encoder.hpp"
#include "sign_certified.hpp"
#include "sign_instances.hpp"

#include <optional>

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

namespace {
// Exact moments of x = m∘g (nonzero variance 1, E x_k² = p) by enumeration of the masks.
CodeMoments<T> variance_p_moments(const Mat<T>& B, const T& p, Sign0 s) {
  const int d = static_cast<int>(B.cols());
  CodeMoments<T> total{Mat<T>::Zero(B.rows(), d), Mat<T>::Zero(B.rows(), B.rows())};
  std::vector<bool> mask(d);
  for (std::uint32_t bits = 0; bits < (1u << d); ++bits) {
    int ones = 0;
    for (int k = 0; k < d; ++k) ones += (mask[k] = (bits >> k) & 1u);
    const T weight = boost::multiprecision::pow(p, ones) * boost::multiprecision::pow(T(1 - p), d - ones);
    const CodeMoments<T> m = mask_moments<T>(B, mask, T(1), s);  // given the mask, x = m∘g has unit nonzeros
    total.M += weight * m.M;
    total.K += weight * m.K;
  }
  return total;
}

// --certify (docs/sign.md, "verify --certify: SA claims"): the same statements on the exact
// instance — B and X are doubles (exact dyadics), S·B is the exact product — in balls.
void ball_route(Outcome& out, const Context& ctx, const Mat<double>& Bd, const Mat<double>& scale, const Mat<double>& X,
                const char* p_text, const std::string& tag) {
  const long prec = ball_prec(ctx);
  const BallMatrix B = exact_balls(Bd);
  BallMatrix SB(B.rows(), B.cols());
  for (long i = 0; i < B.rows(); ++i)
    for (long k = 0; k < B.cols(); ++k) arb_mul(SB.at(i, k), B.at(i, k), ael::Ball(scale(i)).get(), ARF_PREC_EXACT);
  // Codes: sign(b_i·x) and sign(s_i b_i·x) with the dot products as exact balls.
  bool decided = true, same = true;
  const BallMatrix Xb = exact_balls(X);
  for (long j = 0; j < X.cols() && decided; ++j)
    for (long i = 0; i < B.rows(); ++i) {
      Ball u, v;
      for (long k = 0; k < B.cols(); ++k) {
        arb_addmul(u.get(), B.at(i, k), Xb.at(k, j), ARF_PREC_EXACT);
        arb_addmul(v.get(), SB.at(i, k), Xb.at(k, j), ARF_PREC_EXACT);
      }
      const auto sgn = [](const ael::Ball& b) { return arb_is_zero(b.get()) ? 0 : arb_is_positive(b.get()) ? 1 : arb_is_negative(b.get()) ? -1 : 2; };
      const int a = sgn(u), c = sgn(v);
      if (a == 2 || c == 2) decided = false;
      same = same && a == c;
    }
  if (decided) out.proved("codes of S B and B identical on the sampled columns (exact dot products)," + tag, same, Evidence::proved_exact, kSignExactRoute);
  else out.not_proved("a code bit of the sampled data is undecided," + tag);
  const auto agree_risk = [&](const std::string& what, const BallMoments& a, const BallMoments& b) {
    BallMatrix Aa(a.M.cols(), a.M.rows()), Ab(b.M.cols(), b.M.rows());
    ael::Ball Ra, Rb, t;
    if (!optimal_decoder_ball(Aa, Ra, a, prec) || !optimal_decoder_ball(Ab, Rb, b, prec)) {
      out.not_proved(what + ": K not certified positive definite");
      return;
    }
    arb_sub(t.get(), Ra.get(), Rb.get(), prec);
    proved_agree(out, what, t.get(), ctx.digits, prec);
  };
  agree_risk("Gaussian R*(SB) and R*(B)," + tag, gaussian_moments_ball(SB, prec), gaussian_moments_ball(B, prec));
  ael::Ball p, one, root;
  ball_from_decimal(p.get(), p_text, "p", prec);
  arb_one(one.get());
  arb_sqrt(root.get(), p.get(), prec);
  for (Sign0 s : {Sign0::zero, Sign0::plus, Sign0::random}) {
    const std::string st = std::string(sign0_name(s)) + tag;
    const BallMoments unit = enumerated_bg_moments_ball(B, p.get(), p.get(), s, prec);
    agree_risk("BG R*(SB) and R*(B), " + st, enumerated_bg_moments_ball(SB, p.get(), p.get(), s, prec), unit);
    const BallMoments var_p = enumerated_bg_moments_ball(B, p.get(), one.get(), s, prec);
    BallMatrix Au(unit.M.cols(), unit.M.rows()), Ap(Au);
    ael::Ball Ru, Rp, t;
    if (!optimal_decoder_ball(Au, Ru, unit, prec) || !optimal_decoder_ball(Ap, Rp, var_p, prec)) {
      out.not_proved("variance-p: K not certified positive definite, " + st);
      continue;
    }
    // R'* = p − 1 + (optimal_decoder's risk, which carries 1); R'*/p − R*.
    arb_add(t.get(), Rp.get(), p.get(), prec);
    arb_sub_ui(t.get(), t.get(), 1, prec);
    arb_div(t.get(), t.get(), p.get(), prec);
    arb_sub(t.get(), t.get(), Ru.get(), prec);
    proved_agree(out, "variance-p: R'*/p and R*, " + st, t.get(), ctx.digits, prec);
    arb_mat_scalar_mul_arb(Au.get(), Au.get(), root.get(), prec);
    arb_mat_sub(Ap.get(), Ap.get(), Au.get(), prec);
    ael::Ball worst;
    for (long i = 0; i < Ap.rows(); ++i)
      for (long k = 0; k < Ap.cols(); ++k) {
        arb_abs(t.get(), Ap.at(i, k));
        arb_max(worst.get(), worst.get(), t.get(), prec);
      }
    proved_agree(out, "variance-p: A'* and sqrt(p) A* (max entry)," + st, worst.get(), ctx.digits, prec);
  }
}

// sign(Bx) (sign(0) = 0) for the columns x of X; an all-zero BG column gives 0 for both encoders.
Mat<double> codes(const Mat<double>& B, const Mat<double>& X) { return (B * X).array().sign().matrix(); }
}  // namespace

AEL_CLAIM("SA-25", "[derived]", "Positive row scaling changes neither codes (sampled Gaussian and BG data) nor R* (Gaussian and BG moments); variance-p BG convention: R'*/p = R* and A'* = sqrt(p) A* (exact mask enumeration, all sign0)") {
  const T tol = route_tolerance<T>();
  // --certify: every statement decided on the exact instance in balls (ball_route); the double
  // and MPFR comparisons below are cross-checks.
  std::optional<CrossCheck> cross;
  if (ctx.certify) cross.emplace(out);
  const char* ps[] = {"0.15", "0.4", "0.7", "0.95"};
  for (int i = 0; i < ctx.instances; ++i) {
    Rng rng(ctx.seed + 2500 + i);
    const int d = 4 + i % 4, n = 1 + (i + 2) % (d + 2);  // n > d included
    const T p = parse_scalar<T>(ps[i % 4]);
    const Mat<double> Bd = gaussian_matrix(rng, n, d);
    Mat<double> scale(n, 1);
    for (int k = 0; k < n; ++k) scale(k) = std::exp(3 * (2 * rng.uniform() - 1));  // e^{±3}
    const Mat<double> SBd = scale.col(0).asDiagonal() * Bd;
    // Codes on sampled data: Gaussian columns and BG columns (mask ~ Bernoulli(p)).
    Mat<double> X = gaussian_matrix(rng, d, 2000);
    for (int j = 1000; j < 2000; ++j)
      for (int k = 0; k < d; ++k)
        if (rng.uniform() >= to_double(p)) X(k, j) = 0;
    const Mat<double> c = codes(Bd, X), cs = codes(SBd, X);
    if (ctx.certify)
      ball_route(out, ctx, Bd, scale, X, ps[i % 4], " n=" + std::to_string(n) + " d=" + std::to_string(d) + " p=" + ps[i % 4]);
    out.require("codes unchanged by row scaling, instance " + std::to_string(i), c == cs);
    const Mat<T> B = cast<T>(Bd), SB = Mat<T>(cast<T>(scale).col(0).asDiagonal() * B);  // scaled at working precision
    const std::string tag = " n=" + std::to_string(n) + " d=" + std::to_string(d) + " p=" + to_decimal(p, 2);
    out.close("Gaussian R*(SB) = R*(B)," + tag,
              T(optimal_decoder<T>(gaussian_moments<T>(SB)).risk - optimal_decoder<T>(gaussian_moments<T>(B)).risk), tol);
    for (Sign0 s : {Sign0::zero, Sign0::plus, Sign0::random}) {
      const OptimalDecoder<T> unit = optimal_decoder<T>(enumerated_bg_moments<T>(B, p, s));
      out.close(std::string("BG R*(SB) = R*(B), ") + sign0_name(s) + tag,
                T(optimal_decoder<T>(enumerated_bg_moments<T>(SB, p, s)).risk - unit.risk), tol);
      // Variance-p convention: R'(A) = p − 2 tr(A M')/d + tr(A K' Aᵀ)/d; optimal_decoder's risk carries 1 instead of p.
      const OptimalDecoder<T> var_p = optimal_decoder<T>(variance_p_moments(B, p, s));
      const T normalized = (var_p.risk - 1 + p) / p;
      out.close(std::string("variance-p: R'*/p = R*, ") + sign0_name(s) + tag, T(normalized - unit.risk), tol);
      out.close(std::string("variance-p: A'* = sqrt(p) A*, ") + sign0_name(s) + tag,
                T((var_p.A - boost::multiprecision::sqrt(p) * unit.A).cwiseAbs().maxCoeff()), tol);
    }
    out.count_instance();
  }
}
