// Trainer throughput at MNIST dimensions (n = 784, p = 64, m = 60 000), measured
// side by side in one run: ordered vs MSE step, covariance vs data form, and the
// achieved GFLOP/s of a covariance step against a plain dgemm of the same shape.
// Usage: bench_lae_train [--quick]
#include "core/rng.hpp"
#include "lae/train.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>

using namespace ael;

namespace {
double seconds_per_call(const std::function<void()>& f, double min_seconds = 0.5) {
  f();  // warm-up
  long reps = 0;
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  do {
    f();
    ++reps;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (elapsed < min_seconds);
  return elapsed / reps;
}

arma::mat gaussian(arma::uword r, arma::uword c, Rng& rng) {
  arma::mat M(r, c);
  for (auto& v : M) v = rng.gaussian();
  return M;
}
}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const int n = quick ? 196 : 784, p = quick ? 16 : 64;
  const long m = quick ? 6000 : 60000;
  Rng rng(1);
  std::cerr << "generating " << m << " x " << n << " synthetic data\n";
  const arma::mat X = gaussian(n, m, rng);
  const arma::mat A = gaussian(n, p, rng) / std::sqrt(double(n)), B = gaussian(p, n, rng) / std::sqrt(double(n));
  std::cerr << "forming covariances\n";
  const auto cov = lae::covariance_data(X, arma::mat());
  const auto wo = lae::arma_weights(lae::LossKind::ordered, p), wm = lae::arma_weights(lae::LossKind::mse, p);
  volatile double sink = 0;
  std::cerr << "timing covariance-form steps\n";
  const double t_ord = seconds_per_call([&] { sink = sink + lae::covariance_step(cov, A, B, wo).loss; });
  const double t_mse = seconds_per_call([&] { sink = sink + lae::covariance_step(cov, A, B, wm).loss; });
  std::cerr << "timing data-form steps\n";
  const double t_data = seconds_per_call([&] { sink = sink + lae::data_step(X, arma::mat(), A, B, wo).loss; });
  std::cerr << "timing plain dgemm (p x n) * (n x n)\n";
  arma::mat C;
  const double t_gemm = seconds_per_call([&] { C = B * cov.Sxx; });
  // Dominant work of one Y = X covariance step: B·Σ_xx and Aᵀ·Σ_xx, 2pn² flops each.
  const double step_flops = 2.0 * 2 * p * double(n) * n, gemm_flops = 2.0 * p * double(n) * n;
  std::printf("aelandscape bench_lae_train%s: n = %d, p = %d, m = %ld (synthetic Gaussian), OpenBLAS via Armadillo\n",
              quick ? " --quick" : "", n, p, m);
  std::printf("  ordered step (covariance form)  %10.3f ms\n", 1e3 * t_ord);
  std::printf("  MSE step (covariance form)      %10.3f ms\n", 1e3 * t_mse);
  std::printf("  ordered step (data form)        %10.3f ms\n", 1e3 * t_data);
  std::printf("  plain dgemm %dx%d * %dx%d     %10.3f ms  (%.1f GFLOP/s)\n", p, n, n, n, 1e3 * t_gemm, gemm_flops / t_gemm * 1e-9);
  std::printf("ratios (targets in parentheses)\n");
  std::printf("  ordered / MSE step              %10.3f   (<= 1.10)\n", t_ord / t_mse);
  std::printf("  data form / covariance form     %10.1f x (>= 30)\n", t_data / t_ord);
  std::printf("  step GFLOP/s / dgemm GFLOP/s    %10.1f %% (>= 70 %%)  [step: %.1f GFLOP/s on its 2 products]\n",
              100 * (step_flops / t_ord) / (gemm_flops / t_gemm), step_flops / t_ord * 1e-9);
  return sink == 12345.678 ? 1 : 0;
}
