// SA-25: invariances of the sign code (docs/sign.md §1.1, §1.3).
//  - Positive row scaling S B: identical codes on sampled data; identical R* on Gaussian
//    data (arcsin moments) and on BG data (exact 2^d mask enumeration, where mask_moments
//    works with the unnormalized rows through ν_i = ‖D b_i‖).
//  - Variance-p BG convention x = m∘g: its moments come from the mask-conditional formulas
//    with unit nonzero variance (mask_moments at scale 1), enumerated with the Bernoulli(p)
//    weights — a route that never rescales the unit-variance result — and its risk carries
//    E‖x‖²/d = p. The re-optimized normalized MSE R'*/p must equal R*, and A'* = √p A*.
#include "sign/encoder.hpp"
#include "sign_instances.hpp"

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

// sign(Bx) (sign(0) = 0) for the columns x of X; an all-zero BG column gives 0 for both encoders.
Mat<double> codes(const Mat<double>& B, const Mat<double>& X) { return (B * X).array().sign().matrix(); }
}  // namespace

AEL_CLAIM("SA-25", "[derived]", "Positive row scaling changes neither codes (sampled Gaussian and BG data) nor R* (Gaussian and BG moments); variance-p BG convention: R'*/p = R* and A'* = sqrt(p) A* (exact mask enumeration, all sign0)") {
  const T tol = route_tolerance<T>();
  if (ctx.certify)
    out.not_proved("codes on sampled data are compared in double and the BG risks by MPFR mask enumeration; no ball route "
                   "for the mask moments yet");
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
