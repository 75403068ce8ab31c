// SA-1, SA-2: arcsin moments and the generic decoder identities (docs/sign.md §2.1–§2.2).
#include "sign/encoder.hpp"
#include "sign/simulate.hpp"
#include "sign_instances.hpp"

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
// Random code moments with a genuine (positive semidefinite) K: the Gaussian
// moments of a random encoder.
CodeMoments<T> random_moments(Rng& rng, int n, int d) { return gaussian_moments<T>(cast<T>(gaussian_matrix(rng, n, d))); }
}  // namespace

AEL_CLAIM("SA-2", "[derived]", "R is quadratic in A; dR/dA = (2/d)(AK - M'); R(A*+D) - R(A*) = tr(D K D')/d >= 0; pseudo-inverse minimizes for singular K") {
  const T tol = route_tolerance<T>();
  for (int i = 0; i < ctx.instances; ++i) {
    Rng rng(ctx.seed * 104729 + i);
    const int n = 2 + i % 3, d = 3 + i % 4;
    const CodeMoments<T> m = random_moments(rng, n, d);
    const Mat<T> A = cast<T>(gaussian_matrix(rng, d, n)), Delta = cast<T>(gaussian_matrix(rng, d, n));
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
  out.close("pseudo-inverse decoder is stationary", T(risk_gradient_A<T>(opt.A, m).norm()), route_tolerance<T>());
  for (int k = 0; k < 4; ++k) {
    const Mat<T> Delta = cast<T>(gaussian_matrix(rng, 4, 3, 0.1));
    const T gap = risk<T>(Mat<T>(opt.A + Delta), m) - opt.risk;
    out.close("R(A*+D) - R(A*) = tr(DKD')/d (singular K)",
              T(gap - (Delta * m.K * Delta.transpose()).trace() / T(4)), route_tolerance<T>());
  }
  out.count_instance();
}
