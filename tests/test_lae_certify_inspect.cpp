// lae inspect --certify, library level (docs/certification.md §9). References come
// from other routes: Σ formed directly in ℚ from the samples, the closed-form loss
// terms·tr Σ − Σ_k w_k λ_{i_k} with the instance's exact λ, the exact size of a
// perturbation, the inertia formula of docs/lae-math.md §8.
#include <doctest/doctest.h>

#include "core/precision.hpp"
#include "lae/certify_inspect.hpp"
#include "lae/exact.hpp"

#include <string>
#include <vector>

using ael::Ball;
using ael::BallMatrix;
using ael::Mat;
using ael::rational;
namespace lae = ael::lae;

namespace {
BallMatrix balls(const Mat<rational>& M) {
  BallMatrix out(M.rows(), M.cols());
  for (Eigen::Index i = 0; i < M.rows(); ++i)
    for (Eigen::Index j = 0; j < M.cols(); ++j) out.set(i, j, lae::ball_of(M(i, j)));
  return out;
}
}  // namespace

TEST_SUITE("lae_certify_inspect") {
  TEST_CASE("exact rational moments equal the centred Gram matrix formed directly in Q") {
    const ael::PrecisionScope precision(30);
    const std::vector<std::string> cells = {"0.1", "2", "-0.3", "1.5", "0.25", "-1", "3", "0", "0.7", "-2.5", "1", "0.125"};
    const lae::ExactSamples X(4, 3, cells);
    Mat<rational> R(4, 3);
    for (int i = 0; i < 12; ++i) R(i / 3, i % 3) = ael::parse_exact_decimal(cells[static_cast<size_t>(i)]);
    const Mat<rational> mean = R.colwise().sum() / rational(4);
    Mat<rational> Rc = R;
    for (int i = 0; i < 4; ++i) Rc.row(i) -= mean;
    const Mat<rational> S = Rc.transpose() * Rc;
    const auto m = lae::exact_rational_moments(X, true, {});
    CHECK(m.Sxx == S);
    CHECK(m.Syx == S);
    CHECK(m.trSyy == S.trace());
    const lae::ExactMoments b = lae::exact_moments(X, true, {});
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) CHECK(b.Sxx.entry(i, j).contains(lae::ball_of(S(i, j))));
  }

  TEST_CASE("at an exact rational critical point: gradient exactly 0, distance ball contains 0; a perturbation of known size") {
    const ael::PrecisionScope precision(30);
    const int n = 5, p = 2;
    const lae::RationalInstance inst = lae::cayley_instance(n, 3);
    const BallMatrix Sxx = balls(inst.Sigma);
    const lae::CertifiedEigen e = lae::certified_eigen(Sxx);
    lae::Moments<rational> m;
    m.Sxx = m.Syx = inst.Sigma;
    m.trSyy = inst.Sigma.trace();
    const lae::Index I = {1, 0};
    const std::vector<rational> c = {rational(3, 2), rational(-1, 2)};
    for (auto kind : {lae::LossKind::ordered, lae::LossKind::mse}) {
      // P(I,C) with the convention-signed eigenvectors (largest |entry| positive).
      Mat<rational> A = Mat<rational>::Zero(n, p), B = Mat<rational>::Zero(p, n);
      bool ties = false;
      for (int k = 0; k < p; ++k) {
        auto u = inst.Q.col(I[k]).eval();
        int j = 0;
        for (int i = 1; i < n; ++i)
          if (abs(u(i)) > abs(u(j))) j = i;
        for (int i = 0; i < n; ++i) ties |= i != j && abs(u(i)) == abs(u(j));
        if (u(j) < 0) u = -u;
        A.col(k) = c[k] * u;
        B.row(k) = u.transpose() / c[k];
      }
      REQUIRE_FALSE(ties);  // seed 3 has a unique largest entry in u_1 and u_2
      lae::InspectTarget t;
      t.live_units = {0, 1};
      t.I = I;
      t.C = BallMatrix(p, p);
      for (int k = 0; k < p; ++k) t.C.set(k, k, lae::ball_of(c[k]));  // MSE: inspect's C = U_Iᵀ A is diag(c) here
      const auto r = lae::certify_inspection(m, Sxx, e.lambda, e.V, A, B, kind, t);
      CHECK(r.gradient_norm_sq == 0);
      const int terms = kind == lae::LossKind::ordered ? p : 1;
      rational closed = terms * m.trSyy;
      for (int k = 0; k < p; ++k) closed -= (kind == lae::LossKind::ordered ? p - k : 1) * inst.lambda(I[k]);
      CHECK(r.loss == closed);
      REQUIRE(r.distance_proved);
      CHECK(r.distance.contains(Ball(0)));
      CHECK(r.distance.rad_upper() < 1e-40);
      REQUIRE(r.inertia_proved);
      CHECK(r.inertia == lae::inertia_formula(I, n, kind));
      // Move A(0,0) by 1/1000 and B(1,3) by −1/500: the distance to the same P(I,C) is exactly √5/1000.
      Mat<rational> A2 = A, B2 = B;
      A2(0, 0) += rational(1, 1000);
      B2(1, 3) -= rational(1, 500);
      const auto r2 = lae::certify_inspection(m, Sxx, e.lambda, e.V, A2, B2, kind, t);
      CHECK(r2.gradient_norm_sq > 0);
      REQUIRE(r2.distance_proved);
      CHECK(r2.distance.contains(sqrt(lae::ball_of(rational(5, 1000000)))));
    }
  }
}
