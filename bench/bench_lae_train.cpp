// Trainer throughput at MNIST dimensions (n = 784, p = 64, m = 60 000), measured
// side by side in one run: ordered vs MSE step, covariance vs data form, and the
// achieved GFLOP/s of a covariance step against a plain dgemm of the same shape.
// The step and the dgemm are timed in alternating rounds (best of each kept, in
// wall and in process CPU time), so that load changes on a shared machine hit
// both; minor page faults per call are counted (docs/benchmarks.md, "Trainer
// step vs dgemm"). Usage: bench_lae_train [--quick]
#include "core/rng.hpp"
#include "lae/train.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <iostream>
#include <vector>

using namespace ael;

namespace {
double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}
long minor_faults() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
}

struct Timing {
  double wall = 1e300, cpu = 1e300;
  double faults = 0;  // minor page faults per call (last round)
};
// Best over `rounds` rounds of a batch of calls lasting >= min_seconds each;
// the functions take turns inside every round.
std::vector<Timing> alternate(const std::vector<std::function<void()>>& fs, int rounds, double min_seconds) {
  std::vector<Timing> t(fs.size());
  for (auto& f : fs) f();  // warm-up (and first allocation of reused buffers)
  for (int r = 0; r < rounds; ++r)
    for (size_t i = 0; i < fs.size(); ++i) {
      long reps = 0;
      const long f0 = minor_faults();
      const double c0 = process_cpu_seconds();
      const auto start = std::chrono::steady_clock::now();
      double elapsed = 0;
      do {
        fs[i]();
        ++reps;
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      } while (elapsed < min_seconds);
      t[i].wall = std::min(t[i].wall, elapsed / reps);
      t[i].cpu = std::min(t[i].cpu, (process_cpu_seconds() - c0) / reps);
      t[i].faults = double(minor_faults() - f0) / reps;
    }
  return t;
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
  lae::StepWorkspace ws;
  lae::LossAndGradient out;
  arma::mat C;
  std::cerr << "timing covariance-form steps and plain dgemm (p x n) * (n x n), alternating\n";
  const auto t = alternate({[&] { lae::covariance_step(cov, A, B, wo, ws, out); sink = sink + out.loss; },
                            [&] { lae::covariance_step(cov, A, B, wm, ws, out); sink = sink + out.loss; },
                            [&] { sink = sink + lae::covariance_step(cov, A, B, wo).loss; },
                            [&] { C = B * cov.Sxx; }},
                           quick ? 3 : 5, quick ? 0.1 : 0.3);
  const Timing &t_ord = t[0], &t_mse = t[1], &t_fresh = t[2], &t_gemm = t[3];
  std::cerr << "timing data-form steps\n";
  const Timing t_data = alternate({[&] { sink = sink + lae::data_step(X, arma::mat(), A, B, wo).loss; }}, 1, 0.5)[0];
  // Dominant work of one Y = X covariance step: B·Σ_xx and Aᵀ·Σ_xx, 2pn² flops each.
  const double step_flops = 2.0 * 2 * p * double(n) * n, gemm_flops = 2.0 * p * double(n) * n;
  const char* blas_threads = std::getenv("OPENBLAS_NUM_THREADS");
  std::printf("aelandscape bench_lae_train%s: n = %d, p = %d, m = %ld (synthetic Gaussian), OpenBLAS via Armadillo, "
              "OPENBLAS_NUM_THREADS=%s\n",
              quick ? " --quick" : "", n, p, m, blas_threads ? blas_threads : "unset");
  std::printf("  best of alternating rounds        wall         CPU   page faults/call\n");
  const auto row = [](const char* name, const Timing& x) {
    std::printf("  %-32s %8.3f ms %8.3f ms %8.0f\n", name, 1e3 * x.wall, 1e3 * x.cpu, x.faults);
  };
  row("ordered step (covariance form)", t_ord);
  row("MSE step (covariance form)", t_mse);
  row("ordered step, fresh buffers", t_fresh);
  row("ordered step (data form)", t_data);
  char name[64];
  std::snprintf(name, sizeof name, "plain dgemm %dx%d * %dx%d", p, n, n, n);
  row(name, t_gemm);
  std::printf("ratios (targets in parentheses; wall, CPU)\n");
  std::printf("  ordered / MSE step              %7.3f %7.3f   (<= 1.10)\n", t_ord.wall / t_mse.wall, t_ord.cpu / t_mse.cpu);
  std::printf("  data form / covariance form     %7.1f x         (>= 30)\n", t_data.wall / t_ord.wall);
  const auto share = [&](double step, double gemm) { return 100 * (step_flops / step) / (gemm_flops / gemm); };
  std::printf("  step GFLOP/s / dgemm GFLOP/s    %6.1f %% %6.1f %%  (>= 70 %%)  [step: %.1f GFLOP/s on its 2 products]\n",
              share(t_ord.wall, t_gemm.wall), share(t_ord.cpu, t_gemm.cpu), step_flops / t_ord.wall * 1e-9);
  std::printf("  same, step with fresh buffers   %6.1f %% %6.1f %%\n", share(t_fresh.wall, t_gemm.wall),
              share(t_fresh.cpu, t_gemm.cpu));
  return sink == 12345.678 ? 1 : 0;
}
