// `lae inspect` numerics (issue #14, items 1–3, 5, 8, 10): the closed-form inertia
// at critical points with dead units (docs/lae-math.md §10.1) against the assembled
// Hessian; the zero band of docs/lae-math.md §7.11 on the exact ordered minimum of digits (p = 8) and
// on its swapped, zeroed, rescaled and all-zero variants; the nearest critical point
// with dead units; the balanced representative; tuple counts beyond 64 bits.
#include <doctest/doctest.h>

#include "core/io.hpp"
#include "core/linalg.hpp"
#include "lae/critical.hpp"
#include "lae/diagnostics.hpp"
#include "lae/optimal_loss.hpp"
#include "lae/synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using ael::Mat;
using ael::mp_real;
using ael::Vec;
namespace lae = ael::lae;
using lae::Index;
using lae::Inertia;
using lae::LossKind;

namespace {

std::string show(const Inertia& in) {
  return "(" + std::to_string(in.negative) + "," + std::to_string(in.zero) + "," + std::to_string(in.positive) + ")";
}

// Every subset of unit positions (ascending) of size r < p.
void subsets(int p, int r, int from, std::vector<int>& cur, std::vector<std::vector<int>>& out) {
  if (static_cast<int>(cur.size()) == r) return out.push_back(cur);
  for (int k = from; k < p; ++k) {
    cur.push_back(k);
    subsets(p, r, k + 1, cur, out);
    cur.pop_back();
  }
}

// The centred digits with constant columns dropped (what --data digits --center --drop-constant reads).
lae::Moments<double> digits_moments() {
  Mat<double> X = ael::load_dataset<double>("digits");
  for (Eigen::Index j = 0; j < X.cols(); ++j) X.col(j).array() -= X.col(j).mean();
  const std::vector<int> drop = ael::constant_columns<double>(X);
  Mat<double> kept(X.rows(), X.cols() - static_cast<Eigen::Index>(drop.size()));
  for (Eigen::Index j = 0, c = 0; j < X.cols(); ++j)
    if (std::find(drop.begin(), drop.end(), j) == drop.end()) kept.col(c++) = X.col(j);
  return lae::moments_from_rows<double>(kept);
}

struct Verdict {
  lae::NearestCritical<double> near;
  Inertia closed, numeric;
  lae::BandedInertia<double> band;
  double relative_gradient = 0;
};

// What `lae inspect --numeric` computes for one loss (src/cli/cmd_lae_inspect.cpp).
Verdict inspect(const lae::Moments<double>& m, const lae::EigenData<double>& e, const Mat<double>& A, const Mat<double>& B,
                LossKind kind) {
  const int n = m.n(), p = static_cast<int>(A.cols());
  const auto w = lae::loss_weights<double>(kind, p);
  Verdict v;
  const auto bal = lae::balanced<double>(A, B);
  v.relative_gradient = lae::gradient(m, bal.A, bal.B, w).norm() / (w.w(0) * m.Syx.norm());
  v.near = lae::nearest_critical<double>(e, A, B, kind);
  REQUIRE(v.near.has_point);
  Index J;
  if (kind == LossKind::ordered)
    for (int k : v.near.live_units) J.push_back(v.near.I[k]);
  else
    J = v.near.I;
  v.closed = lae::inertia_at_critical(v.near.live_units, J, n, p, kind);
  const Mat<double> H = lae::hessian_elementwise(m, bal.A, bal.B, w);
  const auto nb = lae::nearest_critical<double>(e, bal.A, bal.B, kind);
  const double rho = (H - lae::hessian_elementwise(m, nb.point.A, nb.point.B, w)).norm();
  v.band = lae::banded_inertia<double>(ael::symmetric_eigenvalues<double>(H), rho);
  v.numeric = v.band.inertia;
  return v;
}

}  // namespace

TEST_SUITE("lae_inspect") {

TEST_CASE_TEMPLATE("closed-form inertia with dead units equals the assembled Hessian's at every rank-deficient point", T, double,
                   mp_real) {
  // Route 1: docs/lae-math.md §10.1 counting. Route 2: the elementwise Hessian at the explicit point,
  // diagonalised; its zeros are structural, so the band is the precision threshold alone.
  const int n = 4, p = 3;
  for (bool ae : {true, false}) {
    const auto X = lae::synthetic_samples<T>(n, n + 3, ae ? 21 : 22, "linear");
    const Mat<T> Y = lae::synthetic_targets<T>(X, 22);
    const auto m = lae::moments_from_rows<T>(X, ae ? nullptr : &Y);
    const auto e = lae::eigen_data<T>(m);
    for (int r = 0; r < p; ++r) {
      std::vector<std::vector<int>> positions;
      std::vector<int> cur;
      subsets(p, r, 0, cur, positions);
      for (const auto& live : positions)
        lae::enumerate_tuples(n, r, true, [&](const Index& J) {
          lae::Point<T> x{Mat<T>::Zero(n, p), Mat<T>::Zero(p, n)};
          for (int q = 0; q < r; ++q) {
            const T c = T(q % 2 ? -1.5 : 0.75);
            x.A.col(live[q]) = c * e.U.col(J[q]);
            x.B.row(live[q]) = e.U.col(J[q]).transpose() * e.Mhat / c;
          }
          for (LossKind kind : {LossKind::ordered, LossKind::mse}) {
            CAPTURE(ae);
            CAPTURE(lae::loss_name(kind));
            CAPTURE(r);
            CAPTURE(lae::format_index(J));
            const Inertia closed = lae::inertia_at_critical(live, J, n, p, kind);
            const Inertia numeric =
                lae::inertia_of<T>(lae::numeric_spectrum<T>(m, e, x, kind), ael::zero_threshold<T>());
            CAPTURE(show(closed));
            CAPTURE(show(numeric));
            CHECK(closed == numeric);
            CHECK(closed.negative >= n - r);  // LAE-26
          }
        });
    }
  }
}

TEST_CASE("digits p = 8: exact ordered minimum, swapped, zeroed, rescaled, zero — numeric and closed-form inertias agree") {
  const auto m = digits_moments();
  const auto e = lae::eigen_data<double>(m);
  const int n = m.n(), p = 8;
  REQUIRE(n == 61);
  Mat<double> A = e.U.leftCols(p), B = e.U.leftCols(p).transpose();

  SUBCASE("the exact minimum") {
    const auto v = inspect(m, e, A, B, LossKind::ordered);
    CHECK(v.closed == Inertia{0, p, 2 * n * p - p});
    CHECK(v.numeric == v.closed);
    CHECK(v.band.clear_gap);
  }
  SUBCASE("units 1 and 2 swapped: a saddle of index 1 (the old band sqrt(tol) max|mu| hid it)") {
    A.col(0).swap(A.col(1));
    B.row(0).swap(B.row(1));
    const auto v = inspect(m, e, A, B, LossKind::ordered);
    CHECK(v.near.I == Index{1, 0, 2, 3, 4, 5, 6, 7});
    CHECK(v.closed == Inertia{1, p, 2 * n * p - p - 1});
    CHECK(v.numeric == v.closed);
    CHECK(v.band.clear_gap);
    // The MSE sees the same weights as a minimum.
    const auto vm = inspect(m, e, A, B, LossKind::mse);
    CHECK(vm.closed.negative == 0);
    CHECK(vm.numeric == vm.closed);
  }
  SUBCASE("unit 8 zeroed: live units keep their indices, the dead unit has none; index n - r = 54") {
    A.col(7).setZero();
    B.row(7).setZero();
    const auto v = inspect(m, e, A, B, LossKind::ordered);
    CHECK(v.near.I == Index{0, 1, 2, 3, 4, 5, 6, -1});
    CHECK(v.near.dead_units == std::vector<int>{7});
    for (int k = 0; k < 7; ++k) CHECK(std::abs(std::abs(v.near.C(k, k)) - 1) < 1e-12);
    CHECK(v.closed.negative == 54);
    CHECK(v.numeric == v.closed);
    CHECK(v.relative_gradient < 1e-12);
  }
  SUBCASE("unit 3 zeroed: a dead unit before live ones adds their indices to its negative count") {
    A.col(2).setZero();
    B.row(2).setZero();
    const auto v = inspect(m, e, A, B, LossKind::ordered);
    CHECK(v.near.I == Index{0, 1, -1, 3, 4, 5, 6, 7});
    CHECK(v.closed.negative == (n - 2) + 5);  // n − #(live units before it), plus nu(J) = 5 for the unused u_3
    CHECK(v.numeric == v.closed);
  }
  SUBCASE("unit 4 rescaled (a x 1000, b / 1000): the same function, the same verdict") {
    A.col(3) *= 1000;
    B.row(3) /= 1000;
    const auto v = inspect(m, e, A, B, LossKind::ordered);
    CHECK(v.relative_gradient < 1e-12);
    CHECK(v.near.I == Index{0, 1, 2, 3, 4, 5, 6, 7});
    CHECK(std::abs(v.near.C(3, 3) - 1000) < 1e-6);
    CHECK(v.closed.negative == 0);
    CHECK(v.numeric == v.closed);
  }
  SUBCASE("all-zero weights: index np = 488 (the origin, docs/lae-math.md §9)") {
    A.setZero();
    B.setZero();
    for (LossKind kind : {LossKind::ordered, LossKind::mse}) {
      const auto v = inspect(m, e, A, B, kind);
      CHECK(v.closed == Inertia{n * p, 0, n * p});
      CHECK(v.numeric == v.closed);
    }
  }
}

TEST_CASE("balanced representative: one point per rescaling orbit, same loss") {
  const auto m = digits_moments();
  const auto e = lae::eigen_data<double>(m);
  const int p = 3;
  Mat<double> A = 0.9 * e.U.leftCols(p), B = e.U.leftCols(p).transpose() / 0.9;
  A(0, 0) += 0.01;  // not critical
  Mat<double> A2 = A, B2 = B;
  A2.col(1) *= -250;
  B2.row(1) /= -250;
  const auto x = lae::balanced<double>(A, B), y = lae::balanced<double>(A2, B2);
  for (int k = 0; k < p; ++k) CHECK(std::abs(x.A.col(k).norm() - x.B.row(k).norm()) < 1e-12);
  // Same orbit: the balanced points agree up to the sign of unit 2.
  CHECK((x.A.col(0) - y.A.col(0)).norm() < 1e-12);
  CHECK((x.A.col(1) + y.A.col(1)).norm() < 1e-10);
  const auto w = lae::loss_weights<double>(LossKind::ordered, p);
  CHECK(std::abs(lae::loss(m, A, B, w) - lae::loss(m, A2, B2, w)) < 1e-9 * lae::loss(m, A, B, w));
  const double gx = lae::gradient(m, x.A, x.B, w).norm(), gy = lae::gradient(m, y.A, y.B, w).norm();
  CHECK(std::abs(gx - gy) < 1e-9 * gx);
}

TEST_CASE("banded inertia: band from precision, gap ratio") {
  Vec<double> mu(6);
  mu << -3, -1e-3, 1e-17, -2e-16, 2, 5;
  const auto b = lae::banded_inertia<double>(mu, 0.0);
  CHECK(b.inertia == Inertia{2, 2, 2});
  CHECK(b.rounding == doctest::Approx(4 * 6 * 2.220446049250313e-16 * 5));
  CHECK(b.clear_gap);
  const auto wide = lae::banded_inertia<double>(mu, 0.01);  // a distance term wider than 1e-3 swallows it
  CHECK(wide.inertia == Inertia{1, 3, 2});
}

TEST_CASE("optimal loss without cancellation equals the closed-form loss at I = (1..p)") {
  for (LossKind kind : {LossKind::ordered, LossKind::mse}) {
    ael::set_working_digits(40);
    const auto X = lae::synthetic_samples<mp_real>(6, 20, 3, "linear");
    const auto m = lae::moments_from_rows<mp_real>(X);
    const auto e = lae::eigen_data<mp_real>(m);
    const Index top{0, 1, 2};
    const mp_real a = lae::optimal_loss<mp_real>(e.lambda, m.trSyy, m.autoencoder, kind, 3), b = lae::critical_loss<mp_real>(m, e, top, 3, kind);
    CHECK(abs(a - b) <= 1e-50 * b);
  }
}

TEST_CASE("tuple counts beyond 64 bits are detected, and exact in decimal") {
  CHECK(lae::count_tuples(21, 21, true) == -1);  // 21! > 2^63
  CHECK(lae::count_tuples_decimal(21, 21, true) == "51090942171709440000");
  CHECK(lae::count_tuples(20, 20, true) == 2432902008176640000L);
  CHECK(lae::count_tuples(25, 20, false) == 53130);
  // C(64, 32) fits in 63 bits, but c·(n − i) did not: the old count was wrong.
  CHECK(lae::count_tuples(64, 32, false) == 1832624140942590534L);
  CHECK(lae::count_tuples_decimal(64, 32, false) == "1832624140942590534");
  CHECK(lae::count_tuples(400, 2, true) == 159600);
}

TEST_CASE("eigenvector sign convention: the largest-magnitude entry of each u_s is positive") {
  const auto m = digits_moments();
  const auto e = lae::eigen_data<double>(m);
  for (Eigen::Index s = 0; s < e.U.cols(); ++s) {
    Eigen::Index top = 0;
    e.U.col(s).cwiseAbs().maxCoeff(&top);
    CHECK(e.U(top, s) > 0);
  }
}

}  // TEST_SUITE
