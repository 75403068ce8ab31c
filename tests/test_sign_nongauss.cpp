// docs/sign.md §5.4(b) smoothed-sign trainer: its risk against an independent route
// (explicit enumeration of the random bits), its gradient against finite
// differences, thread-count independence, agreement with the §5.3 exact
// mask-enumerated risk for Gaussian nonzeros, and the assignment-based
// distance to a signed permutation against brute force.
#include <doctest/doctest.h>

#include "../proofs-checks/sign_instances.hpp"
#include "core/rng.hpp"
#include "sign/encoder.hpp"
#include "sign/smooth_train.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

using ael::Mat;
using ael::Vec;
using namespace ael::sign;

namespace {
using ael::checks::sign_checks::gaussian_matrix;

// Independent route: per sample, t = tanh(β B̄x); tanh smoothing gives ‖x − A t‖², stochastic
// smoothing averages ‖x − A s‖² over all 2^n bit vectors s with P(s_i = ±1) = (1 ± t_i)/2.
double reference_risk(const Mat<double>& A, const Mat<double>& B, const Mat<double>& X, double beta, Smoothing sm) {
  const Mat<double> Bn = normalize_rows<double>(B);
  const int n = static_cast<int>(B.rows());
  double total = 0;
  for (Eigen::Index k = 0; k < X.cols(); ++k) {
    Vec<double> t(n);
    for (int i = 0; i < n; ++i) t(i) = std::tanh(beta * Bn.row(i).dot(X.col(k)));
    if (sm == Smoothing::tanh) {
      total += (X.col(k) - A * t).squaredNorm();
      continue;
    }
    for (unsigned bits = 0; bits < (1u << n); ++bits) {
      Vec<double> s(n);
      double weight = 1;
      for (int i = 0; i < n; ++i) s(i) = (bits >> i) & 1u ? 1.0 : -1.0, weight *= (1 + s(i) * t(i)) / 2;
      total += weight * (X.col(k) - A * s).squaredNorm();
    }
  }
  return total / (double(X.cols()) * double(X.rows()));
}
}  // namespace

TEST_SUITE("sign") {

TEST_CASE("smoothed risk = bit-enumeration route; gradient = central differences (tanh and stochastic)") {
  ael::Rng rng(51);
  const int n = 3, d = 6;
  const Mat<double> B = gaussian_matrix(rng, n, d), A = gaussian_matrix(rng, d, n, 0.5);  // unnormalized rows
  const Mat<double> X = sample_data(DataLaw{0.5, NonzeroLaw::rademacher}, d, 1100, 9);  // 3 blocks, last partial
  const double beta = 3, h = std::cbrt(2.2e-16), tol = 1e4 * h * h;
  for (Smoothing sm : {Smoothing::tanh, Smoothing::stochastic}) {
    const SmoothedRisk g = smoothed_risk(A, B, X, beta, sm);
    CHECK(std::abs(g.risk - reference_risk(A, B, X, beta, sm)) <= 1e-12);
    for (int i = 0; i < n; ++i) CHECK(std::abs(g.dB.row(i).dot(B.row(i))) <= 1e-12);  // 0-homogeneous rows
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < d; ++k) {
        Mat<double> up = B, down = B;
        up(i, k) += h, down(i, k) -= h;
        const double fd = (reference_risk(A, up, X, beta, sm) - reference_risk(A, down, X, beta, sm)) / (2 * h);
        CHECK(std::abs(fd - g.dB(i, k)) <= tol);
      }
    for (int k = 0; k < d; ++k)
      for (int i = 0; i < n; ++i) {
        Mat<double> up = A, down = A;
        up(k, i) += h, down(k, i) -= h;
        const double fd = (reference_risk(up, B, X, beta, sm) - reference_risk(down, B, X, beta, sm)) / (2 * h);
        CHECK(std::abs(fd - g.dA(k, i)) <= tol);
      }
  }
}

TEST_CASE("train_smoothed: same bytes for 1 and 2 threads; another seed gives another B; smoothed risk decreases") {
  SmoothTrainOptions o;
  o.d = 12, o.n = 6, o.p = 0.6, o.samples = 1300, o.steps = 60, o.seed = 5, o.trace_every = 60;
  const SmoothTrainResult one = train_smoothed(o);
  o.threads = 2;
  const SmoothTrainResult two = train_smoothed(o);
  CHECK((one.B - two.B).norm() == 0.0);
  CHECK((one.A - two.A).norm() == 0.0);
  CHECK(one.last_risk == two.last_risk);
  CHECK(one.trace.front().risk > one.trace.back().risk);
  o.seed = 6;
  CHECK((train_smoothed(o).B - one.B).norm() > 0.1);
  CHECK_THROWS_AS(train_smoothed([] { SmoothTrainOptions b; b.p = 1.5; return b; }()), std::invalid_argument);
  CHECK_THROWS_AS(parse_smoothing("sigmoid"), std::invalid_argument);
}

TEST_CASE("Gaussian nonzeros, hard-sign limit: smoothed empirical risk and A-gradient = docs/sign.md §2.3 enumerated mask moments (4 SE)") {
  // At β = 1e9 the stochastic smoothing is the hard sign with a fair coin at u = 0 (sign0 random);
  // exact zeros of b̄ᵀx occur only for the all-zero x (probability (1 − p)^d).
  ael::Rng rng(52);
  const int n = 4, d = 8;
  const double p = 0.5;
  const Mat<double> B = normalize_rows<double>(gaussian_matrix(rng, n, d)), A = gaussian_matrix(rng, d, n, 0.5);
  const CodeMoments<double> exact = enumerated_bg_moments<double>(B, p, Sign0::random);
  const double R = risk<double>(A, exact);
  const Mat<double> dA = risk_gradient_A<double>(A, exact);
  const int chunks = 40;
  std::vector<double> r(chunks);
  std::vector<Mat<double>> g(chunks);
  for (int c = 0; c < chunks; ++c) {
    const SmoothedRisk s = smoothed_risk(A, B, sample_data(DataLaw{p}, d, 5000, 100 + c), 1e9, Smoothing::stochastic);
    r[c] = s.risk, g[c] = s.dA;
  }
  auto mean_se = [&](auto value) {
    double m = 0, m2 = 0;
    for (int c = 0; c < chunks; ++c) m += value(c) / chunks;
    for (int c = 0; c < chunks; ++c) m2 += (value(c) - m) * (value(c) - m) / (chunks - 1);
    return std::make_pair(m, std::sqrt(m2 / chunks));
  };
  const auto [rm, rse] = mean_se([&](int c) { return r[c]; });
  CHECK(std::abs(rm - R) <= 4 * rse);
  for (int k = 0; k < d; ++k)
    for (int i = 0; i < n; ++i) {
      const auto [gm, gse] = mean_se([&](int c) { return g[c](k, i); });
      CHECK(std::abs(gm - dA(k, i)) <= 4 * gse);
    }
}

TEST_CASE("signed_permutation_distance = brute force over injective row-to-column maps") {
  ael::Rng rng(53);
  const int n = 3, d = 5;
  for (int trial = 0; trial < 5; ++trial) {
    const Mat<double> B = normalize_rows<double>(gaussian_matrix(rng, n, d));
    double best = 1e300;
    std::vector<int> cols(d);
    std::iota(cols.begin(), cols.end(), 0);
    do {  // the first n entries of every permutation of the columns cover all injective maps
      double sq = 0;
      for (int i = 0; i < n; ++i) {
        Vec<double> e = Vec<double>::Zero(d);
        e(cols[i]) = B(i, cols[i]) >= 0 ? 1 : -1;
        sq += (B.row(i).transpose() - e).squaredNorm();
      }
      best = std::min(best, sq);
    } while (std::next_permutation(cols.begin(), cols.end()));
    CHECK(std::abs(signed_permutation_distance(B) - std::sqrt(best / n)) <= 1e-12);
  }
  Mat<double> P = Mat<double>::Zero(3, 5);
  P(0, 4) = -1, P(1, 0) = 1, P(2, 2) = -1;
  CHECK(signed_permutation_distance(P) == 0.0);
}

}  // TEST_SUITE
