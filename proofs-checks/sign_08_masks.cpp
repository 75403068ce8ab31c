// SA-8, SA-26: mask-conditional moments on Bernoulli–Gaussian data (docs/sign.md §2.3)
// and where the sign(0) convention matters for dense encoders.
#include "sign/encoder.hpp"
#include "sign/simulate.hpp"
#include "sign_instances.hpp"

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

namespace {
const Sign0 kConventions[] = {Sign0::zero, Sign0::plus, Sign0::random};

void compare_moments(Outcome& out, const std::string& tag, const CodeMoments<T>& exact, const McMoments& mc) {
  for (Eigen::Index i = 0; i < exact.M.rows(); ++i)
    for (Eigen::Index k = 0; k < exact.M.cols(); ++k) within_se(out, "M " + tag, mc.M(i, k), mc.M_se(i, k), exact.M(i, k));
  for (Eigen::Index i = 0; i < exact.K.rows(); ++i)
    for (Eigen::Index j = 0; j < exact.K.cols(); ++j) {
      // A deterministic entry (s_i² or both sign(0)) has zero spread: compare exactly.
      if (mc.K_se(i, j) == 0) out.close("K (deterministic) " + tag, T(T(mc.K(i, j)) - exact.K(i, j)), T(1e-12));
      else within_se(out, "K " + tag, mc.K(i, j), mc.K_se(i, j), exact.K(i, j));
    }
}

// Rows 0 and 1 live on coordinates {0, 1} only, so masks that switch both off
// give ν_i = 0 and exercise the sign(0) table; the other rows are dense.
Mat<double> partly_sparse_encoder(Rng& rng, int n, int d) {
  Mat<double> B = gaussian_matrix(rng, n, d);
  for (int i = 0; i < std::min(n, 2); ++i)
    for (int k = 2; k < d; ++k) B(i, k) = 0;
  return B;
}
}  // namespace

AEL_CLAIM("SA-8", "[derived]", "Per-mask M_m, K_m (with the sign0 table for nu_i = 0) match Monte Carlo over g; mask enumeration matches Monte Carlo over x") {
  const char* ps[] = {"0.3", "0.5", "0.7"};
  for (int i = 0; i < ctx.instances; ++i) {
    Rng rng(ctx.seed * 7727 + i);
    const int n = 3, d = 4 + i % 2;
    const Mat<double> B = partly_sparse_encoder(rng, n, d);
    const T p = parse_scalar<T>(ps[i % 3]);
    for (Sign0 s : kConventions) {
      std::vector<bool> mask(d, true);
      mask[0] = mask[1] = false;  // rows 0, 1 have ν = 0
      mask[2 + i % (d - 2)] = false;
      DataLaw fixed{to_double(p), NonzeroLaw::gaussian, mask};
      compare_moments(out, std::string("fixed mask, ") + sign0_name(s), mask_moments<T>(cast<T>(B), mask, p, s),
                      mc_moments(B, fixed, s, 100000, ctx.seed + 13 * i));
      compare_moments(out, std::string("enumeration vs MC over x, ") + sign0_name(s), enumerated_bg_moments<T>(cast<T>(B), p, s),
                      mc_moments(B, DataLaw{to_double(p)}, s, 100000, ctx.seed + 17 * i + 1));
    }
    out.count_instance();
  }
}

AEL_CLAIM("SA-26", "[derived]", "Dense B on BG data: the sign0 conventions differ only through x = 0 (probability (1-p)^d): K_plus - K_zero = (1-p)^d 11', K_random - K_zero = (1-p)^d I, M equal; MC zeros of Bx occur only at x = 0") {
  const T tol = route_tolerance<T>();
  for (int i = 0; i < ctx.instances; ++i) {
    Rng rng(ctx.seed * 4099 + i);
    const int n = 2 + i % 3, d = 3 + i % 4;
    const Mat<double> B = gaussian_matrix(rng, n, d);
    const T p = parse_scalar<T>(i % 2 ? "0.2" : "0.6");
    const CodeMoments<T> z = enumerated_bg_moments<T>(cast<T>(B), p, Sign0::zero);
    const CodeMoments<T> pl = enumerated_bg_moments<T>(cast<T>(B), p, Sign0::plus);
    const CodeMoments<T> ra = enumerated_bg_moments<T>(cast<T>(B), p, Sign0::random);
    const T empty = boost::multiprecision::pow(T(1) - p, d);
    const std::string tag = "n=" + std::to_string(n) + " d=" + std::to_string(d) + " p=" + to_decimal(p, 2);
    out.close("M equal across sign0, " + tag, T((pl.M - z.M).norm() + (ra.M - z.M).norm()), tol);
    out.close("K_plus - K_zero = (1-p)^d 11', " + tag, T((pl.K - z.K - empty * Mat<T>::Ones(n, n)).norm()), tol);
    out.close("K_random - K_zero = (1-p)^d I, " + tag, T((ra.K - z.K - empty * Mat<T>::Identity(n, n)).norm()), tol);
    // Exact zeros in Bx: binomial count of all-zero samples, n zeros each.
    const long N = 100000;
    const McMoments mc = mc_moments(B, DataLaw{to_double(p)}, Sign0::plus, N, ctx.seed + 5 * i);
    const double q = std::pow(1 - to_double(p), d), expected = n * N * q, se = n * std::sqrt(N * q * (1 - q));
    within_se(out, "exact zeros of Bx = n x #(x = 0), " + tag, static_cast<double>(mc.exact_zeros), se, T(expected));
    out.require("zero count is a multiple of n (all rows vanish together), " + tag, mc.exact_zeros % n == 0);
    out.count_instance();
  }
}
