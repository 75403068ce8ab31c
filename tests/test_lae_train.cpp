// The double-precision trainer against the exact landscape (issue: LAE trainer).
#include <doctest/doctest.h>

#include "core/linalg.hpp"
#include "core/rng.hpp"
#include "lae/critical.hpp"
#include "lae/diagnostics.hpp"
#include "lae/synthetic.hpp"
#include "lae/train.hpp"

#include <sys/resource.h>

#include <cmath>
#include <cstring>

using namespace ael;

namespace {
arma::mat columns_of(const Mat<double>& rows) {
  return arma::mat(const_cast<double*>(rows.data()), rows.rows(), rows.cols(), false, true).t();
}
template <class T> Mat<T> to_eigen(const arma::mat& M) {
  return Eigen::Map<const Mat<double>>(M.memptr(), M.n_rows, M.n_cols).cast<T>();
}
arma::mat random(int r, int c, Rng& rng) {
  arma::mat M(r, c);
  for (auto& v : M) v = rng.gaussian();
  return M;
}
}  // namespace

TEST_SUITE("lae_train") {
  TEST_CASE("Armadillo covariance and data forms equal the multiprecision kernels (double tolerance)") {
    for (int seed = 1; seed <= 8; ++seed) {
      const int n = 3 + seed % 4, p = 1 + seed % 3;
      const bool autoencoder = seed % 2 == 0;  // the Y = X branch fuses its products
      Rng rng(seed);
      const Mat<double> Xr = lae::synthetic_samples<double>(n, 2 * n + 3, seed, "gaussian");
      const Mat<double> Yr = autoencoder ? Xr : lae::synthetic_targets<double>(Xr, seed);
      const arma::mat X = columns_of(Xr), Y = autoencoder ? arma::mat() : columns_of(Yr);
      const arma::mat A = random(n, p, rng), B = random(p, n, rng);
      const auto cov = lae::covariance_data(X, Y);
      const Mat<mp_real> Xm = Xr.cast<mp_real>(), Ym = Yr.cast<mp_real>();
      const auto m = autoencoder ? lae::moments_from_rows<mp_real>(Xm) : lae::moments_from_rows<mp_real>(Xm, &Ym);
      for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
        const auto w = lae::arma_weights(kind, p);
        const auto fast = lae::covariance_step(cov, A, B, w);
        const auto data = lae::data_step(X, Y, A, B, w);
        const auto wm = lae::loss_weights<mp_real>(kind, p);
        const Mat<mp_real> Am = to_eigen<mp_real>(A), Bm = to_eigen<mp_real>(B);
        const double L = lae::loss(m, Am, Bm, wm).convert_to<double>();
        const auto g = lae::gradient(m, Am, Bm, wm);
        // Rounding of O(1)-sized sums of products of size ~ p·tr Σ_yy · ‖A‖²‖B‖².
        const double scale = w.terms * cov.trSyy * (1 + arma::accu(arma::square(A))) * (1 + arma::accu(arma::square(B)));
        const double tol = 1e3 * std::numeric_limits<double>::epsilon() * scale;
        CHECK(std::abs(fast.loss - L) <= tol);
        CHECK(std::abs(data.loss - L) <= tol);
        CHECK((to_eigen<mp_real>(fast.dA) - g.dA).cwiseAbs().maxCoeff() <= tol);
        CHECK((to_eigen<mp_real>(fast.dB) - g.dB).cwiseAbs().maxCoeff() <= tol);
        CHECK(arma::abs(fast.dA - data.dA).max() <= tol);
        CHECK(arma::abs(fast.dB - data.dB).max() <= tol);
      }
    }
  }

  TEST_CASE("a tiny step along the swap direction at a saddle lowers the loss by the closed-form second-order amount") {
    const int n = 5, p = 2;
    const Mat<double> Xr = lae::synthetic_samples<double>(n, 20, 3, "geometric:0.6");
    const arma::mat X = columns_of(Xr);
    const auto cov = lae::covariance_data(X, arma::mat());
    const auto m = lae::moments_from_rows<double>(Xr);
    const auto e = lae::eigen_data<double>(m);
    const lae::Index I{1, 0};  // the swapped top pair: an ordered-loss saddle of index 1
    const auto x = lae::critical_point<double>(e, I, Mat<double>::Identity(p, p));
    // docs/lae-math.md §10 swap direction for k = 1, l = 2 with c = 1: H[Δ,Δ] = 2(l−k)(λ_{i_k} − λ_{i_l}) < 0.
    Mat<double> dA = Mat<double>::Zero(n, p), dB = Mat<double>::Zero(p, n);
    dA.col(0) = e.U.col(I[1]);
    dA.col(1) = -e.U.col(I[0]);
    dB.row(0) = e.U.col(I[1]).transpose();
    dB.row(1) = -e.U.col(I[0]).transpose();
    const double curvature = 2 * (e.lambda(I[0]) - e.lambda(I[1]));
    REQUIRE(curvature < 0);
    const auto w = lae::arma_weights(lae::LossKind::ordered, p);
    auto to_arma = [](const Mat<double>& M) { return arma::mat(M.data(), M.rows(), M.cols()); };
    const double L0 = lae::covariance_step(cov, to_arma(x.A), to_arma(x.B), w).loss;
    for (double t : {1e-2, 5e-3}) {
      const double L = lae::covariance_step(cov, to_arma(x.A + t * dA), to_arma(x.B + t * dB), w).loss;
      // L is quartic: the remainder after the quadratic term is O(t³)·‖θ‖-sized; bound it by 10·t.
      CHECK((L - L0) / (0.5 * t * t * curvature) == doctest::Approx(1).epsilon(10 * t));
    }
  }

  TEST_CASE("GD started next to a saddle leaves along the negative-curvature direction and reaches the global minimum") {
    const int n = 5, p = 2;
    const Mat<double> Xr = lae::synthetic_samples<double>(n, 20, 4, "geometric:0.6");
    const arma::mat X = columns_of(Xr);
    const auto cov = lae::covariance_data(X, arma::mat());
    const auto e = lae::eigen_data<double>(lae::moments_from_rows<double>(Xr));
    const auto x = lae::critical_point<double>(e, lae::Index{1, 0}, Mat<double>::Identity(p, p));  // saddle, index 1
    Rng rng(9);
    lae::TrainConfig cfg;
    cfg.p = p;
    cfg.tol = 1e-12;
    cfg.iters = 400000;
    cfg.initial_A = arma::mat(x.A.data(), n, p) + 1e-7 * random(n, p, rng);
    cfg.initial_B = arma::mat(x.B.data(), p, n) + 1e-7 * random(p, n, rng);
    // The swap direction (docs/lae-math.md §10), normalised: the only negative-curvature direction here.
    Mat<double> dA = Mat<double>::Zero(n, p), dB = Mat<double>::Zero(p, n);
    dA.col(0) = e.U.col(0), dA.col(1) = -e.U.col(1), dB.row(0) = e.U.col(0).transpose(), dB.row(1) = -e.U.col(1).transpose();
    const double norm = std::sqrt(dA.squaredNorm() + dB.squaredNorm());
    double along = 0, total = 0;
    bool recorded = false;
    cfg.log_every = 1;
    auto watch = [&](const lae::TraceRow& row) {
      // Once the iterate has moved 1e-3 from the saddle, measure the share of the displacement along Δ.
      const Mat<double> ddA = to_eigen<double>(row.A) - x.A, ddB = to_eigen<double>(row.B) - x.B;
      const double moved = std::sqrt(ddA.squaredNorm() + ddB.squaredNorm());
      if (!recorded && moved > 1e-3) {
        along = std::abs(ddA.cwiseProduct(dA).sum() + ddB.cwiseProduct(dB).sum()) / norm;
        total = moved;
        recorded = true;
      }
    };
    const auto r = lae::train(X, arma::mat(), cov, e.lambda(0), cfg, watch);
    REQUIRE(recorded);
    CHECK(along / total > 0.99);  // escape along the closed-form negative eigenvector
    CHECK(r.converged);
    CHECK(lae::column_cosines<double>(to_eigen<double>(r.A), e.U).minCoeff() > 1 - 1e-9);
  }

  TEST_CASE("a diverging learning rate is detected and reported, never returned as trained weights") {
    const Mat<double> Xr = lae::synthetic_samples<double>(4, 12, 5, "linear");
    const arma::mat X = columns_of(Xr);
    const auto cov = lae::covariance_data(X, arma::mat());
    lae::TrainConfig cfg;
    cfg.p = 2;
    cfg.lr = 1.0;  // λ_1 = 4: far beyond 2/h_max
    CHECK_THROWS_AS(lae::train(X, arma::mat(), cov, 4.0, cfg, nullptr), std::runtime_error);
  }

  TEST_CASE("data of scale 1e-200: the gradient norm does not underflow, training does not stop at iteration 0 (issue #14 item 12)") {
    const Mat<double> Xr = lae::synthetic_samples<double>(6, 40, 1, "6e-200,5e-200,4e-200,3e-200,2e-200,1e-200");
    const arma::mat X = columns_of(Xr);
    const auto cov = lae::covariance_data(X, arma::mat());
    lae::TrainConfig cfg;
    cfg.p = 2;
    cfg.iters = 50;
    const auto w = lae::arma_weights(cfg.kind, cfg.p);
    Rng rng(3);
    const auto g = lae::covariance_step(cov, 0.1 * random(6, 2, rng), 0.1 * random(2, 6, rng), w);
    // Independent route: the plain sum of squares after scaling the gradient up by 1e200 (the
    // scaling rounds, hence the relative tolerance).
    const double direct = lae::gradient_norm(g);
    const double scaled = std::sqrt(arma::accu(arma::square(g.dA * 1e200)) + arma::accu(arma::square(g.dB * 1e200))) / 1e200;
    CHECK(direct > 0);
    CHECK(std::abs(direct - scaled) <= 1e-14 * scaled);
    const auto r = lae::train(X, arma::mat(), cov, 6e-200, cfg, nullptr);  // X Xᵀ has eigenvalues exactly 6e-200, …
    CHECK(r.iterations == 50);
    CHECK_FALSE(r.converged);
    CHECK(r.relative_gradient_norm > 1e-6);
  }

  TEST_CASE("momentum, Adam and mini-batch SGD also approach the ordered global minimum") {
    const int n = 5, p = 2;
    const Mat<double> Xr = lae::synthetic_samples<double>(n, 400, 6, "geometric:0.5");
    const arma::mat X = columns_of(Xr);
    const auto cov = lae::covariance_data(X, arma::mat());
    const auto e = lae::eigen_data<double>(lae::moments_from_rows<double>(Xr));
    const double Lstar = (e.lambda(1) + e.lambda(2) + e.lambda(3) + e.lambda(4)) + (e.lambda(2) + e.lambda(3) + e.lambda(4));
    for (auto opt : {lae::Optimizer::momentum, lae::Optimizer::adam, lae::Optimizer::sgd}) {
      lae::TrainConfig cfg;
      cfg.p = p;
      cfg.optimizer = opt;
      cfg.iters = 20000;
      cfg.batch_size = 50;
      if (opt == lae::Optimizer::adam) cfg.lr = 1e-2;
      const auto r = lae::train(X, arma::mat(), cov, e.lambda(0), cfg, nullptr);
      const double L = lae::covariance_step(cov, r.A, r.B, lae::arma_weights(lae::LossKind::ordered, p)).loss;
      INFO("optimizer " << int(opt));
      CHECK((L - Lstar) / Lstar < 1e-2);
      CHECK(lae::column_cosines<double>(to_eigen<double>(r.A), e.U).minCoeff() > 0.99);
    }
  }

  TEST_CASE("a reused step workspace gives bit-identical results and allocates no fresh pages (trainer step vs dgemm)") {
    // Regression for the trainer-step throughput (docs/benchmarks.md, "Trainer step vs dgemm"): each step
    // allocated its n×p and 2p×n buffers afresh, and every fresh page cost a page fault; the trainer now
    // reuses one workspace. n = 300, p = 32: every buffer exceeds glibc's 128 KiB mmap threshold.
    const int n = 300, p = 32;
    Rng rng(7);
    const arma::mat X = random(n, 2 * n, rng), Y = random(n, 2 * n, rng);
    const arma::mat A = 0.1 * random(n, p, rng), B = 0.1 * random(p, n, rng);
    const auto same = [](const arma::mat& a, const arma::mat& b) {
      return a.n_rows == b.n_rows && a.n_cols == b.n_cols && std::memcmp(a.memptr(), b.memptr(), 8 * a.n_elem) == 0;
    };
    const auto thread_faults = [] {
      rusage u{};
      getrusage(RUSAGE_THREAD, &u);
      return u.ru_minflt;
    };
    for (const bool autoencoder : {true, false}) {
      const auto cov = lae::covariance_data(X, autoencoder ? arma::mat() : Y);
      for (auto kind : {lae::LossKind::ordered, lae::LossKind::mse}) {
        const auto w = lae::arma_weights(kind, p);
        lae::StepWorkspace ws;
        lae::LossAndGradient out;
        lae::covariance_step(cov, A, B, w, ws, out);
        const double* dA = out.dA.memptr();
        const double* dB = out.dB.memptr();
        const long before = thread_faults();
        for (int step = 0; step < 10; ++step) lae::covariance_step(cov, A, B, w, ws, out);
        const long faults = thread_faults() - before;
        CHECK(out.dA.memptr() == dA);
        CHECK(out.dB.memptr() == dB);
        // Ten steps touch ≈ 10·(4pn + 2pn)·8 B ≈ 4.6 MB of buffers: fresh pages would be > 1000 faults.
        CHECK(faults <= 8);
        const auto fresh = lae::covariance_step(cov, A, B, w);
        CHECK(std::memcmp(&fresh.loss, &out.loss, sizeof(double)) == 0);
        CHECK(same(fresh.dA, out.dA));
        CHECK(same(fresh.dB, out.dB));
      }
    }
  }
}
