// GVAMP (docs/sign.md §4.3) and the decoder simulation: λ(a) = φ(a)/Φ(a) and the
// truncated-normal moments against MPFR at 60 digits (a different route:
// erfc without underflow, cancellation absorbed by the extra digits), layer 1
// against the closed-form linear decoder and channel of §3.1, stationarity at
// p = 1, and thread-count independence of the simulation.
#include <doctest/doctest.h>

#include "core/rng.hpp"
#include "sign/channel.hpp"
#include "sign/closed_forms.hpp"
#include "sign/denoiser.hpp"
#include "sign/gvamp.hpp"
#include "sign/haar.hpp"

#include <boost/math/constants/constants.hpp>

#include <cmath>

using ael::Mat;
using ael::mp_real;
using ael::Vec;
using namespace ael::sign;

namespace {
double rel_err(double got, const mp_real& ref) {
  using std::abs;
  return ael::to_double(abs(mp_real(got) - ref) / abs(ref));
}

struct Instance {
  Mat<double> B;
  Vec<double> x, s;
};
Instance instance(int n, int d, double p, std::uint64_t seed) {
  Instance in{haar_orthonormal_rows(n, d, seed), Vec<double>(d), Vec<double>(n)};
  ael::Rng rng(seed + 1);
  for (int j = 0; j < d; ++j) in.x(j) = rng.uniform() < p ? rng.gaussian() / std::sqrt(p) : 0.0;
  const Vec<double> u = in.B * in.x;
  for (int i = 0; i < n; ++i) in.s(i) = u(i) < 0 ? -1.0 : 1.0;
  return in;
}
}  // namespace

TEST_SUITE("sign") {

TEST_CASE("lambda(a) and the truncated-normal moments match 60-digit MPFR from a = -1e6 to 40") {
  // MPFR's exponent range holds φ(a) down to a ≈ −4e4; −1e4 is the last reference point.
  const double as[] = {-1e4, -1000, -100, -40, -38.5, -30, -10, -5, -3, -2.5, -2.0000001, -2, -1.9999999, -1, 0, 1, 5, 10, 37, 40};
  for (double a : as) {
    CAPTURE(a);
    const mp_real A(a);
    const mp_real lambda = normal_pdf<mp_real>(A) / normal_cdf<mp_real>(A);
    const mp_real shift = A + lambda, var = 1 - lambda * (lambda + A);  // 60 digits absorb the cancellation
    const double l = normal_lambda(a);
    const TruncatedMoments m = truncated_normal_moments(a);
    CHECK(std::isfinite(l));
    if (lambda > mp_real(1e-300)) CHECK(rel_err(l, lambda) < 1e-14);
    else CHECK(std::abs(l) < 1e-300);  // underflows to (sub)normals only where the true value does
    CHECK(rel_err(m.shift, shift) < 1e-13);
    CHECK(rel_err(m.variance, var) < 1e-13);
  }
  // Beyond MPFR's range: the asymptotic series λ = x + 1/x − 2/x³ + O(x⁻⁵),
  // Var = 1/x² − 6/x⁴ + O(x⁻⁶) (x = −a), an independent route.
  for (double x : {1e6, 1e8, 1e150}) {
    CAPTURE(x);
    CHECK(normal_lambda(-x) == doctest::Approx(x + 1 / x).epsilon(1e-15));
    const TruncatedMoments m = truncated_normal_moments(-x);
    CHECK(m.shift == doctest::Approx(1 / x - 2 / (x * x * x)).epsilon(1e-14));
    CHECK(m.variance == doctest::Approx(1 / (x * x) - 6 / (x * x * x * x)).epsilon(1e-14));
  }
  CHECK(normal_lambda(0) == doctest::Approx(std::sqrt(2 / boost::math::double_constants::pi)).epsilon(1e-15));
}

TEST_CASE("GVAMP layer 1 from the uninformative start: LMMSE part = sqrt(2/pi) B's, channel y of 3.1, x^ = f(y)") {
  using boost::math::double_constants::pi;
  const int d = 300, n = 120;
  const double p = 0.2, r = double(n) / d;
  const Instance in = instance(n, d, p, 11);
  const auto run = gvamp_decode(in.B, in.s, p, 1);
  const Vec<double> linear = std::sqrt(2 / pi) * (in.B.transpose() * in.s);  // A s, docs/sign.md §2.2
  const Vec<double> y = (pi / (2 * r)) * linear;                             // docs/sign.md §3.1
  CHECK((run[0].x_lmmse - linear).norm() / linear.norm() < 1e-13);
  CHECK((run[0].xi_x1 - y).norm() / y.norm() < 1e-13);
  CHECK(run[0].gamma1 == doctest::Approx(2 * r / (pi - 2 * r)).epsilon(1e-13));  // 1/γ1 = π/(2r) − 1
  CHECK(run[0].tau2 == doctest::Approx(2 / (pi - 2)).epsilon(1e-13));            // V_z = 1 − 2/π at t = 1
  const BgChannel<double> ch(p, channel_noise<double>(r));
  double worst = 0;
  for (int j = 0; j < d; ++j) worst = std::max(worst, std::abs(run[0].x_hat(j) - ch.mean(y(j))));
  CHECK(worst < 1e-13);
}

TEST_CASE("GVAMP at p = 1 is stationary and its MSE is 1 - 2r/pi within 4 SE (20 Haar encoders, d = 400)") {
  DecoderSimOptions o;
  o.d = 400, o.n = 200, o.p = 1, o.layers = 4, o.groups = 20, o.seed = 5;
  const double r = 0.5, rg = r_gauss<double>(r);
  o.se_gamma1.assign(o.layers, 2 * r / (boost::math::double_constants::pi - 2 * r));
  const DecoderSim sim = simulate_decoder(o);
  const McEstimate linear = coordinate_mean(sim, DecoderSums::linear_sq);
  for (int t = 0; t < o.layers; ++t) {
    CAPTURE(t);
    const McEstimate m = coordinate_mean(sim, DecoderSums::gvamp(t));
    CHECK(std::abs(m.mean - rg) < 4 * m.se);
    CHECK(std::abs(m.mean - linear.mean) < 1e-10);  // f is linear: every layer returns A s
  }
  const Instance in = instance(200, 400, 1, 3);
  const auto run = gvamp_decode(in.B, in.s, 1, 5);
  for (const auto& l : run) CHECK(l.gamma2 == doctest::Approx(1).epsilon(1e-12));
}

TEST_CASE("decoder simulation: identical sums for 1 and 2 threads; bad input rejected") {
  DecoderSimOptions o;
  o.d = 100, o.n = 50, o.p = 0.1, o.layers = 2, o.groups = 5, o.signals_per_group = 2, o.seed = 9;
  o.se_gamma1 = {1.0, 2.0};
  const DecoderSim a = simulate_decoder(o);
  o.threads = 2;
  const DecoderSim b = simulate_decoder(o);
  for (int g = 0; g < o.groups; ++g) CHECK(a.groups[g].v == b.groups[g].v);
  o.groups = 1;
  CHECK_THROWS_AS(simulate_decoder(o), std::invalid_argument);
  Instance in = instance(10, 20, 0.5, 1);
  in.B.row(0) *= 2;
  CHECK_THROWS_AS(gvamp_decode(in.B, in.s, 0.5, 1), std::invalid_argument);
}

}  // TEST_SUITE
