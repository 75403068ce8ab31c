// bench_sparse: ratios in one run (issue 4, Performance).
//
//   1. exact E∇ (§5.3) for ALL h rows in double on HAD (h = 2n) with the
//      all-rows kernel (Grams W A*, W Wᵀ, WᵀW, A*A*ᵀ and two h×h·h×n products,
//      all Eigen GEMM) against one h×n by n×h product (Eigen GEMM, same run).
//      The per-row kernel (~30 O(hn) passes per row) is timed on a seeded
//      sample of rows and scaled, and the two kernels are compared on them.
//   2. Monte-Carlo per-sample gradient throughput of one row: the batched
//      estimator (Armadillo/OpenBLAS GEMMs, 1 thread) against a straightforward
//      per-sample loop (Eigen mat-vecs) in the same binary, and against the
//      vectorised NumPy version bench/numpy_sparse_mc.py run from here
//      (/usr/bin/python3, else python3; skipped when numpy is absent). The
//      NumPy code is checked on a shared seeded batch (its mean gradient vs the
//      C++ batched kernel's) and its own run against the closed form E∇.
//
//   bench_sparse           h = 4096 (n = 2048) for 1., n = 256 (h = 512) for 2.
//   bench_sparse --quick   h = 512 for 1., n = 64 for 2.
// Run with OPENBLAS_NUM_THREADS=1 for single-thread BLAS on both sides (the
// NumPy child inherits the environment). Only ratios are meant to be compared
// across machines; nothing is asserted.
#include "core/io.hpp"
#include "core/rng.hpp"
#include "sparse/expected.hpp"
#include "sparse/montecarlo.hpp"
#include "sparse/sampling.hpp"
#include "sparse/small_instances.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace {
using namespace ael::sparse;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void bench_expected(int n) {
  const auto I = build_instance<double>(had_spec(n, 2, "0.001", "0.5", 1));
  const int h = I.P.h();
  auto start = Clock::now();
  const ael::Mat<double> product = I.P.W * I.P.W.transpose();  // h×n by n×h
  const double t_product = seconds_since(start);
  start = Clock::now();
  const ael::Mat<double> all = expected_gradient_all_rows(I.P);
  const double t_all = seconds_since(start);
  // Per-row kernel on a seeded sample of rows, scaled to all h rows (uniform cost per row).
  const int sample = std::min(h, 16);
  ael::Rng rng(3);
  double gap = 0;
  start = Clock::now();
  for (int r = 0; r < sample; ++r) {
    const int i = static_cast<int>(rng.below(static_cast<std::uint64_t>(h)));
    const auto g = expected_gradient(I.P, i);
    gap = std::max(gap, (all.row(i).transpose() - g.value).norm() / (g.value.norm() / g.cancellation_ratio));
  }
  const double t_rows = seconds_since(start) * h / sample;
  std::printf("| E grad all %d rows (double, n=%d, Eigen %d thread) | all-rows kernel %.3f s | per-row kernel %.3f s (from %d rows) | "
              "matmul %dx%d*%dx%d %.3f s | ratio all-rows/matmul %.2f, per-row/matmul %.1f | max gap vs per-row %.2g ulp-scaled | checksum %.6g |\n",
              h, n, Eigen::nbThreads(), t_all, t_rows, sample, h, n, n, h, t_product, t_all / t_product, t_rows / t_product, gap / 1.1e-16,
              all.squaredNorm() + product(0, 0));
}

// NumPy side of 2.: the instance and the cross-check files in a temp dir, then
// one run of numpy_sparse_mc.py; returns its samples/s (0 when skipped).
double numpy_monte_carlo(const Instance<double>& I, long samples, long block) {
  const std::string script = (std::filesystem::path(__FILE__).parent_path() / "numpy_sparse_mc.py").string();
  std::string python;
  for (const char* candidate : {"/usr/bin/python3", "python3"})
    if (std::system((std::string(candidate) + " -c 'import numpy' >/dev/null 2>&1").c_str()) == 0) {
      python = candidate;
      break;
    }
  if (python.empty() || !std::filesystem::exists(script)) {
    std::printf("| MC NumPy | skipped: %s |\n", python.empty() ? "no python3 with numpy" : ("no " + script).c_str());
    return 0;
  }
  char dir_template[] = "/tmp/bench_sparse_XXXXXX";
  const std::string dir = mkdtemp(dir_template);
  const auto& P = I.P;
  ael::write_npy<double>(dir + "/A.npy", P.A);
  ael::write_npy<double>(dir + "/W.npy", P.W);
  ael::write_npy<double>(dir + "/eps.npy", P.eps);
  std::ofstream(dir + "/params.json") << "{\"k\": " << P.k << ", \"row\": 0, \"atoms\": [" << P.values.atoms[0] << ", "
                                      << P.values.atoms[1] << "], \"probs\": [" << P.values.probs[0] << ", " << P.values.probs[1]
                                      << "]}\n";
  // Shared seeded batch: the C++ batched kernel's mean gradient on it.
  const CodeSampler sampler(P);
  ael::Rng rng(11);
  ael::Mat<double> Y = ael::Mat<double>::Zero(P.n(), 4096);
  std::vector<int> S;
  for (Eigen::Index t = 0; t < Y.cols(); ++t) {
    sampler.support(rng, S);
    for (int j : S) Y.col(t) += sampler.value(rng) * P.A.col(j);
  }
  ael::write_npy<double>(dir + "/check_Y.npy", Y);
  ael::write_npy<double>(dir + "/check_G.npy", ael::Mat<double>(batch_row_gradients(P, Y, 0).rowwise().mean()));
  ael::write_npy<double>(dir + "/expected.npy", ael::Mat<double>(expected_gradient(P, 0).value));
  const std::string cmd = python + " " + script + " " + dir + " " + std::to_string(samples) + " " + std::to_string(block) + " 7";
  std::string out;
  if (FILE* pipe = popen(cmd.c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, pipe)) out += buf;
    pclose(pipe);
  }
  std::filesystem::remove_all(dir);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  const auto at = out.find("samples_per_s=");
  std::printf("| MC NumPy (%s) | %s |\n", python.c_str(), out.empty() ? "no output" : out.c_str());
  return at == std::string::npos ? 0 : std::atof(out.c_str() + at + 14);
}

void bench_monte_carlo(int n, long samples) {
  const auto I = build_instance<double>(had_spec(n, 2, "0.001", "0.5", 1));
  McSettings s;
  s.samples = samples;
  auto start = Clock::now();
  const auto r = monte_carlo(I.P, s);
  const double t_batched = seconds_since(start);
  // Straightforward loop: one sample at a time with the row-form gradient.
  ael::Rng rng(5);
  ael::Vec<double> sum = ael::Vec<double>::Zero(n);
  start = Clock::now();
  for (long t = 0; t < samples; ++t) {
    std::vector<int> S;
    while (static_cast<int>(S.size()) < I.P.k) {
      const int j = static_cast<int>(rng.below(static_cast<std::uint64_t>(I.P.h())));
      if (std::find(S.begin(), S.end(), j) == S.end()) S.push_back(j);
    }
    const std::vector<double> x(S.size(), rng.uniform() < 0.5 ? 0.95 : 1.05);
    sum += row_gradient(I.P.W, I.P.eps, observation(I.P.A, S, x), 0);
  }
  const double t_loop = seconds_since(start);
  const auto exact = expected_gradient(I.P, 0).value;
  const double dist = (Eigen::Map<const ael::Vec<double>>(r.mean.data(), n) - exact).norm() / r.se_norm;
  std::printf("| MC n=%d h=%d, %ld samples | batched %.3g samples/s | per-sample loop %.3g samples/s | ratio %.1f | "
              "batched mean vs closed form %.3g SE-norms, %ld recovery failures (loop check %.3g) |\n",
              n, 2 * n, samples, samples / t_batched, samples / t_loop, t_loop / t_batched, dist, r.recovery_failures, sum(0));
  const double numpy_rate = numpy_monte_carlo(I, samples, s.block);
  if (numpy_rate > 0)
    std::printf("| MC ratio | batched C++ / NumPy %.2f | per-sample loop / NumPy %.2f | OPENBLAS_NUM_THREADS=%s |\n",
                samples / t_batched / numpy_rate, samples / t_loop / numpy_rate,
                std::getenv("OPENBLAS_NUM_THREADS") ? std::getenv("OPENBLAS_NUM_THREADS") : "unset");
}
}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  std::fprintf(stderr, "bench_sparse: expected gradient\n");
  bench_expected(quick ? 256 : 2048);
  std::fprintf(stderr, "bench_sparse: monte carlo\n");
  bench_monte_carlo(quick ? 64 : 256, quick ? 20000 : 100000);
  return 0;
}
