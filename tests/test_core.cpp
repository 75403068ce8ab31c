// Core module: seeded RNG (determinism and sampler statistics), the scalar
// policy (exact decimal parsing, rejected input, working-precision range),
// report rendering, and the dense linear algebra cross-checked against
// independent constructions (Jacobi vs QL, Householder-built orthogonal
// factors, inverse times matrix).
#include <doctest/doctest.h>

#include "core/errors.hpp"
#include "core/integer_text.hpp"
#include "core/linalg.hpp"
#include "core/precision.hpp"
#include "core/random_matrix.hpp"
#include "core/report.hpp"
#include "core/rng.hpp"
#include "core/scalar.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using ael::Mat;
using ael::mp_real;
using std::abs;  // abs(double) and, by ADL, abs(mp_real) in the templated bodies
using ael::Vec;

namespace {



// Orthogonal matrix as a product of n Householder reflections I − 2vvᵀ/vᵀv:
// built without any of the library's factorizations.
template <class T> Mat<T> householder_orthogonal(ael::Rng& rng, int n) {
  Mat<T> Q = Mat<T>::Identity(n, n);
  for (int r = 0; r < n; ++r) {
    const Vec<T> v = ael::gaussian_matrix<T>(rng, n, 1);
    Q = (Mat<T>::Identity(n, n) - (2 / v.squaredNorm()) * v * v.transpose()) * Q;
  }
  return Q;
}

template <class T> T max_abs(const Mat<T>& M) { return M.cwiseAbs().maxCoeff(); }


}  // namespace

TEST_SUITE("core") {

// ---------------------------------------------------------------- Rng

TEST_CASE("product<mp_real>: exact on integer matrices, within the dot-product error bound on random ones") {
  ael::Rng rng(11);
  // Small integers: every product and partial sum is exact, so both routes must agree exactly.
  Mat<mp_real> X(7, 5), Y(5, 3);
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    for (Eigen::Index i = 0; i < X.rows(); ++i) X(i, j) = mp_real(int(rng.below(19)) - 9);
  for (Eigen::Index j = 0; j < Y.cols(); ++j)
    for (Eigen::Index i = 0; i < Y.rows(); ++i) Y(i, j) = mp_real(int(rng.below(19)) - 9);
  CHECK(max_abs<mp_real>(ael::product(X, Y) - Mat<mp_real>(X * Y)) == 0);
  // Random Gaussian entries, k = 40: |error| ≤ 2 k u Σ|x||y| for each of the two routes.
  const Mat<mp_real> G = ael::gaussian_matrix<mp_real>(rng, 6, 40), H = ael::gaussian_matrix<mp_real>(rng, 40, 9);
  const Mat<mp_real> bound = Mat<mp_real>(G.cwiseAbs() * H.cwiseAbs()) * (mp_real(4 * 40) * ael::working_epsilon<mp_real>());
  const Mat<mp_real> diff = (ael::product(G, H) - Mat<mp_real>(G * H)).cwiseAbs();
  CHECK((diff.array() <= bound.array()).all());
  CHECK(ael::product(Mat<mp_real>(0, 4), Mat<mp_real>(4, 2)).size() == 0);
  CHECK_THROWS_AS(ael::product(G, G), std::invalid_argument);
}

TEST_CASE("Rng: same seed gives the same sequence, different seeds differ") {
  ael::Rng a(12345), b(12345), c(12346);
  int equal_to_other_seed = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t x = a.next_u64(), y = b.next_u64(), z = c.next_u64();
    REQUIRE(x == y);
    equal_to_other_seed += (x == z);
  }
  // Two independent 64-bit streams coincide at a position with probability 2^-64.
  CHECK(equal_to_other_seed == 0);

  // Derived samplers are deterministic as well (including the cached polar spare).
  ael::Rng d(7), e(7);
  for (int i = 0; i < 101; ++i) REQUIRE(d.gaussian() == e.gaussian());
  for (int i = 0; i < 100; ++i) REQUIRE(d.uniform() == e.uniform());
  CHECK(d.permutation(9) == e.permutation(9));

  // Seed 0 must not produce the all-zero xoshiro state (which would output zeros forever).
  ael::Rng zero(0);
  bool any_nonzero = false;
  for (int i = 0; i < 4; ++i) any_nonzero = any_nonzero || zero.next_u64() != 0;
  CHECK(any_nonzero);
}

TEST_CASE("Rng: gaussian moments within CLT error bars") {
  // N(0,1): Var(mean) = 1/N, Var(sample second moment) = 2/N, Var(x^4) = 105 − 9 = 96.
  // Bounds are 5 standard errors (two-sided p ≈ 6e-7 per check for a correct sampler;
  // the seed is fixed, so the test is deterministic).
  const int N = 100000;
  ael::Rng rng(2024);
  double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
  for (int i = 0; i < N; ++i) {
    const double x = rng.gaussian();
    REQUIRE(std::isfinite(x));
    s1 += x, s2 += x * x, s3 += x * x * x, s4 += x * x * x * x;
  }
  const double mean = s1 / N, m2 = s2 / N, m3 = s3 / N, m4 = s4 / N;
  const double rootN = std::sqrt(double(N));
  CHECK(std::abs(mean) < 5 / rootN);
  CHECK(std::abs(m2 - 1) < 5 * std::sqrt(2.0) / rootN);
  CHECK(std::abs(m3) < 5 * std::sqrt(15.0) / rootN);  // Var(x^3) = E x^6 = 15
  CHECK(std::abs(m4 - 3) < 5 * std::sqrt(96.0) / rootN);
}

TEST_CASE("Rng: uniform lies in [0,1) with mean 1/2 and variance 1/12") {
  const int N = 100000;
  ael::Rng rng(99);
  double s1 = 0, s2 = 0;
  for (int i = 0; i < N; ++i) {
    const double u = rng.uniform();
    REQUIRE(u >= 0);
    REQUIRE(u < 1);
    s1 += u, s2 += u * u;
  }
  const double mean = s1 / N, var = s2 / N - mean * mean;
  // sd(mean) = sqrt(1/12/N).
  CHECK(std::abs(mean - 0.5) < 5 * std::sqrt(1.0 / 12 / N));
  // sd(sample variance) ≈ sqrt((μ₄ − σ⁴)/N) with μ₄ = 1/80, σ⁴ = 1/144.
  CHECK(std::abs(var - 1.0 / 12) < 5 * std::sqrt((1.0 / 80 - 1.0 / 144) / N));
}

TEST_CASE("Rng: below(bound) respects the bound and is uniform") {
  ael::Rng rng(5);
  for (std::uint64_t bound : {std::uint64_t(1), std::uint64_t(2), std::uint64_t(3), std::uint64_t(7),
                              std::uint64_t(1000), (std::uint64_t(1) << 63) + 1, ~std::uint64_t(0)}) {
    for (int i = 0; i < 2000; ++i) REQUIRE(rng.below(bound) < bound);
  }
  for (int i = 0; i < 100; ++i) REQUIRE(rng.below(1) == 0);

  // Each of 6 bins: count ~ Binomial(N, 1/6), sd = sqrt(N·(1/6)·(5/6)); allow 5 sd.
  const int N = 60000, bins = 6;
  std::vector<int> count(bins, 0);
  for (int i = 0; i < N; ++i) ++count[rng.below(bins)];
  const double expected = double(N) / bins, sd = std::sqrt(N * (1.0 / bins) * (1 - 1.0 / bins));
  for (int b = 0; b < bins; ++b) CHECK(std::abs(count[b] - expected) < 5 * sd);

  // bound = 1.5·2^63: plain `next_u64() % bound` would land below 2^62 with
  // probability 1/2; the unbiased sampler does so with probability 1/3.
  const std::uint64_t big = (std::uint64_t(1) << 63) + (std::uint64_t(1) << 62);  // 1.5·2^63
  int low = 0;
  const int M = 20000;
  for (int i = 0; i < M; ++i) low += rng.below(big) < (std::uint64_t(1) << 62);
  // P(r < 2^62) = (2^62)/(1.5·2^63) = 1/3 exactly for an unbiased sampler.
  CHECK(std::abs(low - M / 3.0) < 5 * std::sqrt(M * (1.0 / 3) * (2.0 / 3)));
}

TEST_CASE("Rng: permutation is a permutation of 0..n-1 and all orders of 3 occur evenly") {
  ael::Rng rng(31);
  for (int n : {0, 1, 2, 5, 17}) {
    std::vector<int> p = rng.permutation(n);
    REQUIRE(static_cast<int>(p.size()) == n);
    std::sort(p.begin(), p.end());
    for (int i = 0; i < n; ++i) CHECK(p[i] == i);
  }
  const int N = 12000;
  std::vector<int> count(6, 0);
  for (int i = 0; i < N; ++i) {
    const auto p = rng.permutation(3);
    ++count[p[0] * 2 + (p[1] > p[2] ? 1 : 0)];  // (first element, order of the rest) identifies it
  }
  const double expected = N / 6.0, sd = std::sqrt(N * (1.0 / 6) * (5.0 / 6));
  for (int c : count) CHECK(std::abs(c - expected) < 5 * sd);
}

// ---------------------------------------------------------------- scalars

TEST_CASE("parse_scalar<mp_real> parses decimals exactly at working precision") {
  const mp_real x = ael::parse_scalar<mp_real>("0.8");
  CHECK(x == mp_real(8) / 10);         // correctly rounded 4/5 at the working precision
  CHECK(x != mp_real(0.8));            // the double 0.8 is off by ~4e-17
  CHECK(abs(x - mp_real(0.8)) > mp_real(1e-18));
  CHECK(ael::parse_scalar<mp_real>("-2.5e-3") == mp_real(-25) / 10000);
  CHECK(ael::parse_scalar<mp_real>("+7") == 7);
  CHECK(ael::parse_scalar<mp_real>("1E2") == 100);
  CHECK(ael::parse_scalar<mp_real>("3.") == 3);
  CHECK(ael::parse_scalar<mp_real>(".5") == mp_real(1) / 2);
  CHECK(ael::parse_scalar<mp_real>("0.1") == mp_real(1) / 10);
  // One third written with 70 digits rounds to 1/3 within the working precision.
  const std::string third = "0." + std::string(70, '3');
  CHECK(abs(ael::parse_scalar<mp_real>(third) - mp_real(1) / 3) <= 2 * ael::working_epsilon<mp_real>());

  CHECK(ael::parse_scalar<double>("0.8") == 0.8);
  CHECK(ael::parse_scalar<double>("-2.5e-3") == -2.5e-3);
}

TEST_CASE_TEMPLATE("parse_scalar rejects malformed and non-finite input", T, double, mp_real) {
  for (const char* bad : {"nan", "NaN", "inf", "-inf", "Infinity", "", " ", "1.2.3", "1e", "1e+", "0x10", "0x1p3",
                          "1,5", "e5", ".", "-", "+", "1 2", "12abc", "--1"}) {
    INFO("input: '" << bad << "'");
    CHECK_THROWS_AS(ael::parse_scalar<T>(bad), std::invalid_argument);
  }
}

TEST_CASE("parse_scalar<double> rejects overflow") {
  CHECK_THROWS_AS(ael::parse_scalar<double>("1e400"), std::invalid_argument);
  CHECK(ael::parse_scalar<double>("1e300") == 1e300);
}

TEST_CASE("to_decimal round-trips through parse_scalar") {
  const mp_real third = mp_real(1) / 3;
  const mp_real back = ael::parse_scalar<mp_real>(ael::to_decimal(third, ael::working_digits()));
  CHECK(abs(back - third) <= mp_real(10) * ael::working_epsilon<mp_real>());
  const std::string s40 = ael::to_decimal(third, 40);
  CHECK(s40.find("3333333333333333333333333333333333333333") != std::string::npos);
  CHECK(s40.find("33333333333333333333333333333333333333333") == std::string::npos);  // exactly 40 digits
  for (double x : {0.1, -1e-300, 123456.789, 2.0 / 3}) CHECK(ael::parse_scalar<double>(ael::to_decimal(x)) == x);
  CHECK(ael::to_decimal(mp_real(0), 10) == "0");
}

TEST_CASE("set_working_digits: range errors and the precision it sets") {
  const ael::PrecisionScope guard(ael::printed_digits());  // restores what tests/main.cpp set, whatever the test does
  REQUIRE(ael::printed_digits() == 40);  // tests/main.cpp
  CHECK(ael::working_digits() == 40 + ael::kGuardDigits);
  for (int bad : {-1, 0, ael::kMinDigits - 1, ael::kMaxDigits + 1, 100000}) {
    CHECK_THROWS_AS(ael::set_working_digits(bad), std::invalid_argument);
    CHECK(ael::printed_digits() == 40);  // a rejected request changes nothing
  }
  for (int ok : {ael::kMinDigits, 50, ael::kMaxDigits}) {
    ael::set_working_digits(ok);
    CHECK(ael::printed_digits() == ok);
    const int wd = ael::working_digits();
    CHECK(wd == ok + ael::kGuardDigits);
    // ε of a binary precision carrying wd decimal digits lies in [10^-(wd+1), 10^-(wd-1)].
    const mp_real eps = ael::working_epsilon<mp_real>();
    CHECK(eps < pow(mp_real(10), 1 - wd));
    CHECK(eps > pow(mp_real(10), -wd - 1));
    CHECK(ael::zero_threshold<mp_real>() == pow(mp_real(10), -ok));
    // New values carry the precision: 1/3 + 1/3 + 1/3 − 1 rounds to at most a few ε.
    const mp_real t = mp_real(1) / 3;
    CHECK(abs(t + t + t - 1) <= 2 * eps);
    CHECK(abs(t - mp_real(1.0 / 3)) > pow(mp_real(10), -17));
  }
}

// ---------------------------------------------------------------- report

TEST_CASE("render: every format contains every value; csv and md have header rows") {
  ael::Json doc;
  doc["model"] = "lae";
  doc["loss_value"] = "0.4375";
  doc["count"] = 71;
  doc["details"] = {{"digits", "42"}, {"scalar", "mpfr"}};
  doc["eigen"] = ael::Json::array({{{"index", "1"}, {"mu", "-3.25"}}, {{"index", "2"}, {"mu", "8.125"}}});

  const auto names = ael::format_names();
  CHECK(names == std::vector<std::string>{"json", "table", "csv", "md", "latex"});
  CHECK_THROWS_AS(ael::parse_format("xml"), std::invalid_argument);
  for (const auto& name : names) {
    INFO("format " << name);
    std::ostringstream out;
    ael::render(doc, ael::parse_format(name), out);
    const std::string s = out.str();
    for (const char* v : {"lae", "0.4375", "71", "42", "mpfr", "-3.25", "8.125", "mu", "index"})
      CHECK_MESSAGE(s.find(v) != std::string::npos, "missing " << v << " in\n" << s);
    if (name == "json") CHECK(ael::Json::parse(s) == doc);
    if (name == "csv") {
      CHECK(s.find("\nindex,mu\n1,-3.25\n2,8.125\n") != std::string::npos);
      CHECK(s.find("loss_value,0.4375\n") != std::string::npos);
    }
    if (name == "md") {
      CHECK(s.find("| index | mu |\n") != std::string::npos);
      CHECK(s.find("| --- | --- |\n| 1 | -3.25 |") != std::string::npos);
      CHECK(s.find("| key | value |") != std::string::npos);
    }
    if (name == "latex") CHECK(s.find("\\begin{tabular}") != std::string::npos);
  }
}

TEST_CASE("render: csv escapes commas and quotes") {
  ael::Json doc;
  doc["note"] = "a,b \"q\"";
  std::ostringstream out;
  ael::render(doc, ael::Format::csv, out);
  CHECK(out.str() == "note,\"a,b \"\"q\"\"\"\n");
}

// ---------------------------------------------------------------- linalg

TEST_CASE_TEMPLATE("symmetric_eigen agrees with Jacobi and satisfies S V = V diag(values)", T, double, mp_real) {
  ael::Rng rng(17);
  const int n = 6;
  const Mat<T> G = ael::gaussian_matrix<T>(rng, n, n);
  const Mat<T> S = (G + G.transpose()) / 2;
  Vec<T> values;
  Mat<T> V;
  ael::symmetric_eigen<T>(S, values, V);
  const Vec<T> jac = ael::jacobi_eigenvalues<T>(S);
  const T scale = max_abs<T>(S) * n;
  REQUIRE(values.size() == n);
  for (int i = 0; i + 1 < n; ++i) CHECK(values(i) <= values(i + 1));
  for (int i = 0; i + 1 < n; ++i) CHECK(jac(i) <= jac(i + 1));
  CHECK(max_abs<T>(values - jac) <= ael::rounding_tolerance<T>(scale));
  CHECK(max_abs<T>(values - ael::symmetric_eigenvalues<T>(S)) <= ael::rounding_tolerance<T>(scale));
  CHECK(max_abs<T>(S * V - V * values.asDiagonal()) <= ael::rounding_tolerance<T>(scale));
  CHECK(max_abs<T>(V.transpose() * V - Mat<T>::Identity(n, n)) <= ael::rounding_tolerance<T>(T(n)));
  // Invariants of the characteristic polynomial: trace and Frobenius norm.
  CHECK(abs(values.sum() - S.trace()) <= ael::rounding_tolerance<T>(scale));
  CHECK(abs(values.squaredNorm() - S.squaredNorm()) <= ael::rounding_tolerance<T>(scale * scale));
}

TEST_CASE_TEMPLATE("jacobi_eigenvalues recovers a prescribed spectrum Q diag(d) Qᵀ", T, double, mp_real) {
  ael::Rng rng(3);
  const int n = 5;
  const Mat<T> Q = householder_orthogonal<T>(rng, n);
  Vec<T> d(n);
  d << T(-2), T(1) / 3, T(1), T(5) / 2, T(4);  // ascending
  const Mat<T> S = Q * d.asDiagonal() * Q.transpose();
  const Mat<T> Ssym = (S + S.transpose()) / 2;
  CHECK(max_abs<T>(Vec<T>(ael::jacobi_eigenvalues<T>(Ssym) - d)) <= ael::rounding_tolerance<T>(T(4 * n)));
  CHECK(max_abs<T>(Vec<T>(ael::symmetric_eigenvalues<T>(Ssym) - d)) <= ael::rounding_tolerance<T>(T(4 * n)));
}

TEST_CASE_TEMPLATE("inverse(M)·M = I and singular matrices are rejected", T, double, mp_real) {
  ael::Rng rng(8);
  const int n = 6;
  const Mat<T> M = ael::gaussian_matrix<T>(rng, n, n) + T(3) * Mat<T>::Identity(n, n);
  const Mat<T> Mi = ael::inverse<T>(M);
  // Backward-stable LU: residual ≲ ε·n·‖M‖·‖M⁻¹‖ (max-norm bounds below).
  const T cond = max_abs<T>(M) * max_abs<T>(Mi) * n * n;
  CHECK(max_abs<T>(Mat<T>(Mi * M - Mat<T>::Identity(n, n))) <= ael::rounding_tolerance<T>(cond));
  CHECK(max_abs<T>(Mat<T>(M * Mi - Mat<T>::Identity(n, n))) <= ael::rounding_tolerance<T>(cond));

  Mat<T> S = M;
  S.col(3) = S.col(1);  // exactly singular
  CHECK_THROWS_AS(ael::inverse<T>(S), std::domain_error);
  CHECK_THROWS_AS(ael::inverse<T>(Mat<T>(Mat<T>::Zero(3, 3))), std::domain_error);
}

TEST_CASE_TEMPLATE("singular_values of Q1 diag(d) Q2ᵀ are |d| in descending order", T, double, mp_real) {
  ael::Rng rng(11);
  const int n = 5;
  const Mat<T> Q1 = householder_orthogonal<T>(rng, n), Q2 = householder_orthogonal<T>(rng, n);
  Vec<T> d(n);
  d << T(1) / 2, T(-3), T(2), T(7) / 4, T(-1) / 8;
  Vec<T> expected(n);
  expected << T(3), T(2), T(7) / 4, T(1) / 2, T(1) / 8;
  const Vec<T> sigma = ael::singular_values<T>(Mat<T>(Q1 * d.asDiagonal() * Q2.transpose()));
  CHECK(max_abs<T>(Vec<T>(sigma - expected)) <= ael::rounding_tolerance<T>(T(3 * n)));
  // Orthogonal times diagonal (no right factor): same singular values.
  const Vec<T> sigma1 = ael::singular_values<T>(Mat<T>(Q1 * d.asDiagonal()));
  CHECK(max_abs<T>(Vec<T>(sigma1 - expected)) <= ael::rounding_tolerance<T>(T(3 * n)));
}

TEST_CASE_TEMPLATE("cholesky: L Lᵀ = S for SPD, false otherwise; sort_ascending", T, double, mp_real) {
  ael::Rng rng(4);
  const int n = 5;
  const Mat<T> G = ael::gaussian_matrix<T>(rng, n, n);
  const Mat<T> S = G * G.transpose() + Mat<T>::Identity(n, n);
  Mat<T> L;
  REQUIRE(ael::cholesky<T>(S, L));
  CHECK(max_abs<T>(Mat<T>(L.template triangularView<Eigen::StrictlyUpper>())) == 0);
  CHECK(max_abs<T>(Mat<T>(L * L.transpose() - S)) <= ael::rounding_tolerance<T>(max_abs<T>(S) * n));
  Mat<T> indefinite = S;
  indefinite(2, 2) = -1;
  CHECK_FALSE(ael::cholesky<T>(indefinite, L));

  Vec<T> v(5);
  v << T(3), T(-1), T(2), T(-1), T(0);
  ael::sort_ascending<T>(v);
  Vec<T> sorted(5);
  sorted << T(-1), T(-1), T(0), T(2), T(3);
  CHECK(v == sorted);
}


TEST_CASE("PrecisionScope: sets, restores on exit and on a throw, rejects bad digits without change") {
  REQUIRE(ael::printed_digits() == 40);  // tests/main.cpp
  const unsigned bits_before = mp_real::default_precision();
  {
    const ael::PrecisionScope outer(60);
    CHECK(ael::printed_digits() == 60);
    CHECK(mp_real::default_precision() == 60u + ael::kGuardDigits);
    {
      const ael::PrecisionScope inner(20);
      CHECK(ael::working_digits() == 20 + ael::kGuardDigits);
    }
    CHECK(ael::printed_digits() == 60);
  }
  CHECK(ael::printed_digits() == 40);
  CHECK(mp_real::default_precision() == bits_before);
  try {
    const ael::PrecisionScope scope(100);
    throw std::runtime_error("leaves the scope");
  } catch (const std::runtime_error&) {
  }
  CHECK(ael::printed_digits() == 40);
  CHECK(mp_real::default_precision() == bits_before);
  CHECK_THROWS_AS(ael::PrecisionScope(ael::kMaxDigits + 1), ael::ParameterError);
  CHECK(ael::printed_digits() == 40);
}

TEST_CASE("ParameterError: names the library parameter; render() spells it the caller's way") {
  try {
    ael::set_working_digits(3);
    FAIL("no throw");
  } catch (const ael::ParameterError& e) {
    CHECK(e.parameter() == "digits");
    CHECK(std::string(e.what()).rfind("digits must be between", 0) == 0);
    CHECK(e.render([](const std::string& n) { return "--" + n; }).rfind("--digits must be between", 0) == 0);
  }
  const ael::ParameterError two("eps", "give exactly one of @eps and @eps_frac");
  CHECK(std::string(two.what()) == "give exactly one of eps and eps_frac");
  CHECK(two.render([](const std::string& n) { return "<" + n + ">"; }) == "give exactly one of <eps> and <eps_frac>");
  CHECK(ael::ParameterError("x", "a@ b @").render([](const std::string&) { return "!"; }) == "a@ b @");  // '@' alone stays
}

TEST_CASE("parse_integer: the whole text spells one integer within long, else nothing") {
  CHECK(ael::parse_integer("0") == 0L);
  CHECK(ael::parse_integer("-17") == -17L);
  CHECK(ael::parse_integer("+5") == 5L);
  CHECK(ael::parse_integer("9223372036854775807") == 9223372036854775807L);
  for (const char* bad : {"", "2.5", "1e3", "7x", "x7", "3 ", "9223372036854775808", "0x10", "--1"})
    CHECK_MESSAGE(!ael::parse_integer(bad).has_value(), bad);
  // api::parse_rows reads its entries with it: a row outside [0, h) or not an integer is ParameterError(row).
}

}  // TEST_SUITE
