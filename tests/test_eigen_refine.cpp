// Exact integer products (CRT over dgemm against FLINT's own fmpz_mat_mul),
// exact moments (against a rational reference computed entry by entry), and the
// refined symmetric eigensolver (against the Householder + QL solver and
// against matrices with known spectra; the clustered case must fall back).
#include <doctest/doctest.h>

#include "core/eigen_refine.hpp"
#include "core/exact_moments.hpp"
#include "core/fixed_point.hpp"
#include "core/int_matrix.hpp"
#include "core/io.hpp"
#include "core/linalg.hpp"
#include "core/rng.hpp"
#include "core/scalar.hpp"
#include "lae/eigen_solver.hpp"

#include <boost/multiprecision/gmp.hpp>
#include <flint/flint.h>

#include <algorithm>
#include <cmath>
#include <vector>

using ael::Mat;
using ael::mp_real;
using ael::Vec;
using rational = boost::multiprecision::mpq_rational;

namespace {

void random_intmat(ael::IntMat& M, flint_rand_t state, long bits) {
  fmpz_mat_randtest(M.get(), state, bits);  // mixed signs, sparse and extreme entries
}

bool equal(const ael::IntMat& A, const ael::IntMat& B) { return fmpz_mat_equal(A.get(), B.get()) != 0; }

// Σ_c entry by entry in exact rationals: (1/m)·Σ_i (x_ia − μ_a)(x_ib − μ_b), no shortcut.
Mat<mp_real> rational_reference(const Mat<double>& X, bool center) {
  const long m = X.rows(), n = X.cols();
  std::vector<rational> mean(static_cast<size_t>(n), 0);
  if (center)
    for (long j = 0; j < n; ++j) {
      for (long i = 0; i < m; ++i) mean[static_cast<size_t>(j)] += rational(X(i, j));
      mean[static_cast<size_t>(j)] /= m;
    }
  Mat<mp_real> S(n, n);
  for (long a = 0; a < n; ++a)
    for (long b = 0; b < n; ++b) {
      rational sum = 0;
      for (long i = 0; i < m; ++i)
        sum += (rational(X(i, a)) - mean[static_cast<size_t>(a)]) * (rational(X(i, b)) - mean[static_cast<size_t>(b)]);
      mpfr_set_q(S(a, b).backend().data(), sum.backend().data(), MPFR_RNDN);
    }
  return S;
}

// Q diag(λ) Qᵀ with Q a product of Householder reflections, at working precision.
Mat<mp_real> with_spectrum(const std::vector<mp_real>& lambda, std::uint64_t seed) {
  const int n = static_cast<int>(lambda.size());
  ael::Rng rng(seed);
  Mat<mp_real> Q = Mat<mp_real>::Identity(n, n);
  for (int r = 0; r < 3; ++r) {
    Vec<mp_real> v(n);
    for (int i = 0; i < n; ++i) v(i) = mp_real(rng.gaussian());
    Q -= Mat<mp_real>((2 / v.squaredNorm()) * (Q * v) * v.transpose());
  }
  Mat<mp_real> L = Mat<mp_real>::Zero(n, n);
  for (int i = 0; i < n; ++i) L(i, i) = lambda[static_cast<size_t>(i)];
  Mat<mp_real> S = Q * L * Q.transpose();
  return Mat<mp_real>((S + S.transpose()) / 2);
}

mp_real max_abs(const Vec<mp_real>& v) { return v.cwiseAbs().maxCoeff(); }

}  // namespace

TEST_SUITE("eigen_refine") {
  TEST_CASE("exact_product equals FLINT's fmpz_mat_mul (plain, transposed, Gram)") {
    flint_rand_t state;
    flint_randinit(state);
    for (long bits : {1L, 20L, 64L, 200L, 700L}) {
      CAPTURE(bits);
      ael::IntMat A(37, 53), B(53, 29), At(53, 37);
      random_intmat(A, state, bits);
      random_intmat(B, state, bits / 2 + 1);
      fmpz_mat_transpose(At.get(), A.get());
      ael::IntMat ref(37, 29);
      fmpz_mat_mul(ref.get(), A.get(), B.get());
      CHECK(equal(ael::exact_product(A, B), ref));
      CHECK(equal(ael::exact_product(At, B, true), ref));
      ael::IntMat gram_ref(53, 53);
      fmpz_mat_mul(gram_ref.get(), At.get(), A.get());
      CHECK(equal(ael::exact_gram(A), gram_ref));
    }
    flint_randclear(state);
  }

  TEST_CASE("the CRT prime bound keeps every dot product below 2^53") {
    for (long k : {1L, 2L, 784L, 100000L}) {
      const unsigned long P = ael::crt_prime_bound(k);
      const double h = static_cast<double>((P - 1) / 2);
      CHECK(static_cast<double>(k) * h * h < std::ldexp(1.0, 53));
      CHECK(static_cast<double>(k) * (h + 1) * (h + 1) >= std::ldexp(1.0, 53));
    }
  }

  TEST_CASE("exact moments equal the rational reference rounded once") {
    ael::set_working_digits(30);
    ael::Rng rng(7);
    SUBCASE("8-bit pixels, centred and not") {
      Mat<double> X(300, 9);
      for (Eigen::Index t = 0; t < X.size(); ++t) X.data()[t] = std::floor(256 * rng.uniform());
      for (bool center : {false, true}) {
        Mat<mp_real> S;
        mp_real tr;
        ael::ExactGramOptions o;
        o.center = center;
        REQUIRE(ael::exact_gram(X, o, S, tr));
        const Mat<mp_real> ref = rational_reference(X, center);
        CHECK((S - ref).cwiseAbs().maxCoeff() == 0);
      }
    }
    SUBCASE("signed dyadic values over 60 binary orders (several limbs)") {
      Mat<double> X(40, 5);
      for (Eigen::Index t = 0; t < X.size(); ++t)
        X.data()[t] = std::ldexp(std::floor((rng.uniform() - 0.5) * 1e6), static_cast<int>(60 * rng.uniform()) - 50);
      Mat<mp_real> S;
      mp_real tr;
      ael::ExactGramOptions o;
      o.center = true;
      REQUIRE(ael::exact_gram(X, o, S, tr));
      CHECK((S - rational_reference(X, true)).cwiseAbs().maxCoeff() == 0);
    }
    SUBCASE("entries too far apart are refused, not rounded") {
      Mat<double> X(3, 2);
      X << 1e300, 1, 1e-300, 2, 3, 4;
      Mat<mp_real> S;
      mp_real tr;
      CHECK_FALSE(ael::exact_gram(X, ael::ExactGramOptions{}, S, tr));
    }
  }

  TEST_CASE("fixed_point_product is within 2^-P (|x_i|_inf |y_j|_inf + |xy|) of the exact product") {
    ael::set_working_digits(30);
    ael::Rng rng(11);
    const int r = 7, k = 50, c = 9;
    Mat<mp_real> X(r, k), Y(k, c);
    // Entries over 2^±20 with mixed signs, some exact zeros; a zero row.
    for (Eigen::Index t = 0; t < X.size(); ++t)
      X.data()[t] = t % 11 == 0 ? mp_real(0) : mp_real(rng.gaussian()) * pow(mp_real(2), static_cast<int>(40 * rng.uniform()) - 20) / 3;
    for (Eigen::Index t = 0; t < Y.size(); ++t)
      Y.data()[t] = mp_real(rng.gaussian()) * pow(mp_real(2), static_cast<int>(40 * rng.uniform()) - 20) / 7;
    X.row(3).setZero();
    const Mat<mp_real> C = ael::fixed_point_product(X, Y);
    const long P = mpfr_get_prec(C(0, 0).backend().data());
    mpfr_t acc, term, err;
    mpfr_inits2(4000, acc, term, err, static_cast<mpfr_ptr>(nullptr));  // wide enough: every sum below is exact
    for (int i = 0; i < r; ++i)
      for (int j = 0; j < c; ++j) {
        mpfr_set_zero(acc, 1);
        for (int t = 0; t < k; ++t) {
          mpfr_mul(term, X(i, t).backend().data(), Y(t, j).backend().data(), MPFR_RNDN);
          mpfr_add(acc, acc, term, MPFR_RNDN);
        }
        mpfr_sub(err, C(i, j).backend().data(), acc, MPFR_RNDN);
        mp_real exact, error;
        mpfr_set(exact.backend().data(), acc, MPFR_RNDN);
        mpfr_set(error.backend().data(), err, MPFR_RNDN);
        const mp_real bound = (X.row(i).cwiseAbs().maxCoeff() * Y.col(j).cwiseAbs().maxCoeff() + abs(exact)) *
                              pow(mp_real(2), -P);
        CHECK(abs(error) <= bound);
      }
    mpfr_clears(acc, term, err, static_cast<mpfr_ptr>(nullptr));
    CHECK(C.row(3).cwiseAbs().maxCoeff() == 0);
  }

  TEST_CASE("refinement agrees with Householder + QL on known spectra (n = 80, 60 digits)") {
    ael::set_working_digits(60);
    const int n = 80;
    std::vector<mp_real> lambda;
    for (int i = 0; i < n; ++i) lambda.push_back(mp_real(1) / (i + 1) + i);  // distinct, spread
    const Mat<mp_real> S = with_spectrum(lambda, 3);
    Vec<mp_real> values, ql_values;
    Mat<mp_real> vectors, ql_vectors;
    ael::RefinementReport report;
    REQUIRE(ael::refined_symmetric_eigen(S, values, vectors, report));
    CHECK(report.converged);
    ael::symmetric_eigen<mp_real>(S, ql_values, ql_vectors);
    const mp_real scale = max_abs(ql_values), printed = pow(mp_real(10), -ael::printed_digits());
    CHECK(max_abs(Vec<mp_real>(values - ql_values)) <= printed * scale);
    // Against the exact spectrum (ascending) and as a decomposition.
    std::vector<mp_real> sorted = lambda;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < n; ++i) CHECK(abs(values(i) - sorted[static_cast<size_t>(i)]) <= printed * scale);
    const Mat<mp_real> residual = S * vectors - vectors * values.asDiagonal();
    CHECK(residual.cwiseAbs().maxCoeff() <= printed * scale);
    const Mat<mp_real> orth = vectors.transpose() * vectors - Mat<mp_real>::Identity(n, n);
    CHECK(orth.cwiseAbs().maxCoeff() <= printed);
  }

  TEST_CASE("refinement agrees with Householder + QL on the digits data (n = 61, 50 digits)") {
    ael::set_working_digits(50);
    const Mat<double> raw = ael::load_dataset<double>("digits");
    const auto constant = ael::constant_columns<double>(raw);
    Mat<double> X(raw.rows(), raw.cols() - static_cast<Eigen::Index>(constant.size()));
    for (Eigen::Index j = 0, c = 0; j < raw.cols(); ++j)
      if (std::find(constant.begin(), constant.end(), j) == constant.end()) X.col(c++) = raw.col(j);
    Mat<mp_real> S;
    mp_real tr;
    ael::ExactGramOptions o;
    o.center = true;
    REQUIRE(ael::exact_gram(X, o, S, tr));
    Vec<mp_real> values, ql_values;
    Mat<mp_real> vectors, ql_vectors;
    ael::RefinementReport report;
    REQUIRE(ael::refined_symmetric_eigen(S, values, vectors, report));
    ael::symmetric_eigen<mp_real>(S, ql_values, ql_vectors);
    const mp_real scale = max_abs(ql_values), printed = pow(mp_real(10), -ael::printed_digits());
    CHECK(max_abs(Vec<mp_real>(values - ql_values)) <= printed * scale);
    // Eigenvectors agree up to sign.
    for (Eigen::Index j = 0; j < S.cols(); ++j) {
      const mp_real sign = vectors.col(j).dot(ql_vectors.col(j)) < 0 ? -1 : 1;
      CHECK(Vec<mp_real>(vectors.col(j) - sign * ql_vectors.col(j)).cwiseAbs().maxCoeff() <= printed * 1e6);
    }
  }

  TEST_CASE("close eigenvalues: the refinement declines and eigen_data falls back to QL") {
    ael::set_working_digits(40);
    const int n = 70;
    std::vector<mp_real> lambda;
    for (int i = 0; i < n; ++i) lambda.push_back(mp_real(n - i));
    // A gap 10^-14 relative: resolvable at 40 digits, below the double start's separation bound.
  lambda[10] = lambda[11] + pow(mp_real(10), -14);
    const Mat<mp_real> S = with_spectrum(lambda, 5);
    Vec<mp_real> values;
    Mat<mp_real> vectors;
    ael::RefinementReport report;
    CHECK_FALSE(ael::refined_symmetric_eigen(S, values, vectors, report));
    CHECK(report.failure.find("closer than") != std::string::npos);
    ael::lae::Moments<mp_real> m;
    m.Sxx = S;
    m.Syx = S;
    m.trSyy = S.trace();
    ael::lae::DataEigenSolver info;
    const auto e = ael::lae::eigen_data(m, -1, &info);
    CHECK(info.fell_back);
    CHECK(info.solver.find("Householder + QL") != std::string::npos);
    Vec<mp_real> ql_values;
    Mat<mp_real> ql_vectors;
    ael::symmetric_eigen<mp_real>(S, ql_values, ql_vectors);
    CHECK(max_abs(Vec<mp_real>(e.lambda - Vec<mp_real>(ql_values.reverse()))) == 0);
  }
}
