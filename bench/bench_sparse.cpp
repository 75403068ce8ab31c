// bench_sparse: ratios in one run (issue 4, Performance).
//
//   1. exact E∇ (§5.3) for ALL h rows in double on HAD (h = 2n) against one
//      h×n by n×h matrix product (Eigen, same run). The per-row formula costs
//      about 30 O(hn) passes, so all rows cost ~30 h²n: this measures how far
//      the current per-row kernel is from the 2× target.
//   2. Monte-Carlo per-sample gradient throughput: the batched estimator
//      (Armadillo GEMMs, 1 thread) against a straightforward per-sample loop
//      (Eigen mat-vecs) in the same binary; samples/s and the ratio.
//
//   bench_sparse           h = 4096 (n = 2048) for 1. (rows sampled, then scaled)
//   bench_sparse --quick   h = 512
// Only ratios are meant to be compared across machines; nothing is asserted.
#include "core/rng.hpp"
#include "sparse/expected.hpp"
#include "sparse/montecarlo.hpp"
#include "sparse/small_instances.hpp"

#include <chrono>
#include <cstdio>
#include <algorithm>
#include <cstring>

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
  // Time a seeded sample of rows and scale to all h rows (the cost per row is uniform).
  const int sample = std::min(h, 64);
  ael::Rng rng(3);
  double checksum = product(0, 0);
  start = Clock::now();
  for (int r = 0; r < sample; ++r) checksum += expected_gradient(I.P, static_cast<int>(rng.below(static_cast<std::uint64_t>(h)))).norm_sq;
  const double t_rows = seconds_since(start) * h / sample;
  std::printf("| E grad all %d rows (double, n=%d) | %.3f s (from %d rows) | matmul %dx%d*%dx%d | %.3f s | ratio %.1f | checksum %.3g |\n", h,
              n, t_rows, sample, h, n, n, h, t_product, t_rows / t_product, checksum);
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
  std::printf("| MC n=%d h=%d, %ld samples | batched %.3g samples/s | per-sample loop %.3g samples/s | ratio %.1f | (check %.3g %.3g) |\n", n,
              2 * n, samples, samples / t_batched, samples / t_loop, t_loop / t_batched, r.mean[0], sum(0));
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
