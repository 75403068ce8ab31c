#include "sparse/montecarlo.hpp"

#include "sparse/sampling.hpp"

#include <armadillo>
#include <boost/math/special_functions/beta.hpp>

#include <atomic>
#include <cmath>
#include <stdexcept>
#include <thread>

namespace ael::sparse {

namespace {

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Per-block statistics: count, mean and centred sums of squares per component.
struct BlockStats {
  long count = 0, failures = 0, in_support = 0, violations = 0;
  arma::vec mean, m2;
  double max_norm = 0;
};

BlockStats run_block(const Problem<double>& P, const CodeSampler& sampler, const arma::mat& A, const arma::mat& W,
                     std::uint64_t seed, long count, const McSettings& s) {
  const int n = P.n(), h = P.h(), i = s.row;
  Rng rng(seed);
  arma::mat Y(n, count, arma::fill::zeros);
  std::vector<std::vector<int>> supports(static_cast<size_t>(count));
  for (long t = 0; t < count; ++t) {
    sampler.support(rng, supports[static_cast<size_t>(t)]);
    for (int j : supports[static_cast<size_t>(t)]) Y.col(t) += sampler.value(rng) * A.col(j);
  }
  arma::mat U = W * Y;
  U.each_col() -= arma::vec(P.eps.data(), h);
  const arma::mat R = arma::clamp(U, 0.0, arma::datum::inf);
  const arma::mat E = W.t() * R - Y;
  const arma::rowvec WiE = W.row(i) * E;
  arma::mat G(n, count, arma::fill::zeros);
  BlockStats b;
  b.count = count;
  std::vector<char> in_s(static_cast<size_t>(h));
  for (long t = 0; t < count; ++t) {
    std::fill(in_s.begin(), in_s.end(), 0);
    for (int j : supports[static_cast<size_t>(t)]) in_s[static_cast<size_t>(j)] = 1;
    bool failed = false;
    for (int j = 0; j < h && !failed; ++j) failed = (U(j, t) > 0) != (in_s[static_cast<size_t>(j)] != 0);
    b.failures += failed;
    b.in_support += in_s[static_cast<size_t>(i)];
    if (U(i, t) > 0) G.col(t) = U(i, t) * E.col(t) + WiE(t) * Y.col(t);
    const double norm = arma::norm(G.col(t));
    b.max_norm = std::max(b.max_norm, norm);
    if (s.per_sample_bound >= 0 && norm > s.per_sample_bound) ++b.violations;
  }
  b.mean = arma::mean(G, 1);
  const arma::mat centred = G.each_col() - b.mean;
  b.m2 = arma::sum(arma::square(centred), 1);
  return b;
}

// Chan et al.: merge (count, mean, M2) of two disjoint sample sets.
void merge(BlockStats& into, const BlockStats& b) {
  if (into.count == 0) {
    into = b;
    return;
  }
  const double na = static_cast<double>(into.count), nb = static_cast<double>(b.count), nt = na + nb;
  const arma::vec d = b.mean - into.mean;
  into.mean += d * (nb / nt);
  into.m2 += b.m2 + arma::square(d) * (na * nb / nt);
  into.count += b.count;
  into.failures += b.failures;
  into.in_support += b.in_support;
  into.violations += b.violations;
  into.max_norm = std::max(into.max_norm, b.max_norm);
}

arma::mat to_arma(const Mat<double>& M) { return arma::mat(M.data(), M.rows(), M.cols()); }  // both column-major

}  // namespace

McResult monte_carlo(const Problem<double>& P, const McSettings& s) {
  if (s.samples < 2) throw std::invalid_argument("--samples must be >= 2");
  if (s.threads < 1 || s.threads > 256) throw std::invalid_argument("--threads must be between 1 and 256");
  const CodeSampler sampler(P);
  const arma::mat A = to_arma(P.A), W = to_arma(P.W);
  const long blocks = (s.samples + s.block - 1) / s.block;
  std::vector<BlockStats> stats(static_cast<size_t>(blocks));
  std::atomic<long> next{0}, done{0};
  auto worker = [&] {
    for (long b; (b = next++) < blocks;) {
      const long count = std::min(s.block, s.samples - b * s.block);
      stats[static_cast<size_t>(b)] = run_block(P, sampler, A, W, mix(mix(s.seed) ^ static_cast<std::uint64_t>(b)), count, s);
      const long finished = ++done;
      if (s.progress) s.progress(std::min(finished * s.block, s.samples), s.samples);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < s.threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();

  BlockStats total;
  for (const auto& b : stats) merge(total, b);  // fixed order: thread-count independent
  McResult r;
  const double N = static_cast<double>(total.count);
  r.samples = total.count;
  r.mean = arma::conv_to<std::vector<double>>::from(total.mean);
  const arma::vec var = total.m2 / (N - 1);
  r.standard_error = arma::conv_to<std::vector<double>>::from(arma::sqrt(var / N));
  r.se_norm = std::sqrt(arma::accu(var) / N);
  r.recovery_failures = total.failures;
  r.row_in_support = total.in_support;
  r.max_gradient_norm = total.max_norm;
  r.bound_violations = total.violations;
  return r;
}

std::pair<double, double> clopper_pearson(long x, long n, double alpha) {
  const double lo = x == 0 ? 0.0 : boost::math::ibeta_inv(static_cast<double>(x), static_cast<double>(n - x + 1), alpha / 2);
  const double hi = x == n ? 1.0 : boost::math::ibeta_inv(static_cast<double>(x + 1), static_cast<double>(n - x), 1 - alpha / 2);
  return {lo, hi};
}

}  // namespace ael::sparse
