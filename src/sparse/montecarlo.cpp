#include "sparse/montecarlo.hpp"

#include "core/resources.hpp"
#include "core/errors.hpp"
#include "sparse/sampling.hpp"

#include <armadillo>
#include <boost/math/special_functions/beta.hpp>

#include <cmath>
#include <stdexcept>

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

// Buffers of one worker, reused from block to block: fresh multi-megabyte
// temporaries per block cost more in page faults than the GEMMs at small n.
struct Workspace {
  arma::mat Y, U, R, E, G;  // n×m observations, h×m pre-activations and ReLU, n×m residuals and gradients
  arma::rowvec WiE;
  std::vector<int> S, supports;  // supports of the block, flattened
  std::vector<size_t> starts;
};

// Per-sample gradients of row i for the samples ws.Y.col(t) (§2.3 row form as
// two GEMMs) into ws.G; ws.U receives the pre-activations W y − ε.
void row_gradients(const arma::mat& W, const arma::vec& eps, int i, Workspace& ws) {
  ws.U = W * ws.Y;
  ws.U.each_col() -= eps;
  ws.R = arma::clamp(ws.U, 0.0, arma::datum::inf);
  ws.E = W.t() * ws.R;
  ws.E -= ws.Y;
  ws.WiE = W.row(i) * ws.E;
  ws.G.zeros(ws.Y.n_rows, ws.Y.n_cols);
  for (arma::uword t = 0; t < ws.Y.n_cols; ++t)
    if (ws.U(i, t) > 0) ws.G.col(t) = ws.U(i, t) * ws.E.col(t) + ws.WiE(t) * ws.Y.col(t);
}

BlockStats run_block(const Problem<double>& P, const CodeSampler& sampler, const arma::mat& A, const arma::mat& W,
                     std::uint64_t seed, long count, const McSettings& s, Workspace& ws) {
  const int n = P.n(), h = P.h(), i = s.row;
  Rng rng(seed);
  ws.Y.zeros(n, count);
  ws.supports.clear();
  ws.starts.assign(1, 0);
  for (long t = 0; t < count; ++t) {
    sampler.support(rng, ws.S);
    for (int j : ws.S) ws.Y.col(t) += sampler.value(rng) * A.col(j);
    ws.supports.insert(ws.supports.end(), ws.S.begin(), ws.S.end());
    ws.starts.push_back(ws.supports.size());
  }
  row_gradients(W, arma::vec(P.eps.data(), h), i, ws);
  BlockStats b;
  b.count = count;
  for (long t = 0; t < count; ++t) {
    // Recovery: the active set equals S (S has distinct entries) iff every j ∈ S is active and |active| = |S|.
    const double* u = ws.U.colptr(t);
    long active = 0;
    for (int j = 0; j < h; ++j) active += u[j] > 0;
    bool failed = active != static_cast<long>(ws.starts[t + 1] - ws.starts[t]);
    for (size_t q = ws.starts[t]; q < ws.starts[t + 1]; ++q) {
      failed = failed || !(u[ws.supports[q]] > 0);
      b.in_support += ws.supports[q] == i;
    }
    b.failures += failed;
    const double norm = arma::norm(ws.G.col(t));
    b.max_norm = std::max(b.max_norm, norm);
    if (s.per_sample_bound >= 0 && norm > s.per_sample_bound) ++b.violations;
  }
  b.mean = arma::mean(ws.G, 1);
  ws.G.each_col() -= b.mean;
  b.m2 = arma::sum(arma::square(ws.G), 1);
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

// A block's statistics as a work-item result, bit for bit (core/distribute.hpp).
std::string encode(const BlockStats& b) {
  ItemWriter w;
  w.put(b.count).put(b.failures).put(b.in_support).put(b.violations).put(b.max_norm);
  for (double x : b.mean) w.put(x);
  for (double x : b.m2) w.put(x);
  return w.str();
}
BlockStats decode(const std::string& text, int n) {
  ItemReader in(text);
  BlockStats b;
  b.count = in.get_long(), b.failures = in.get_long(), b.in_support = in.get_long(), b.violations = in.get_long();
  b.max_norm = in.get_double();
  b.mean.set_size(static_cast<arma::uword>(n)), b.m2.set_size(static_cast<arma::uword>(n));
  for (double& x : b.mean) x = in.get_double();
  for (double& x : b.m2) x = in.get_double();
  return b;
}

arma::mat to_arma(const Mat<double>& M) { return arma::mat(M.data(), M.rows(), M.cols()); }  // both column-major

}  // namespace

McResult monte_carlo(const Problem<double>& P, const McSettings& s) {
  if (s.samples < 2) throw ParameterError("samples", "@samples must be >= 2");
  check_thread_count(s.threads);
  const CodeSampler sampler(P);
  const arma::mat A = to_arma(P.A), W = to_arma(P.W);
  const long blocks = (s.samples + s.block - 1) / s.block;
  // Block statistics are kept to the end (ordered reduction): at least two n-vectors per block.
  check_memory(double(blocks) * (sizeof(BlockStats) + 2.0 * sizeof(double) * P.n()),
               "Monte Carlo with " + std::to_string(s.samples) + " samples (" + std::to_string(blocks) + " blocks of statistics)");
  SweepSettings sweep;
  sweep.threads = s.threads;
  sweep.checkpoint = s.checkpoint;
  if (s.progress) sweep.progress = [&s](long done, long) { s.progress(std::min(done * s.block, s.samples), s.samples); };
  std::vector<Workspace> workspaces(static_cast<size_t>(s.threads));
  const std::vector<std::string> stats = run_items(blocks, [&](long b, int worker) {
    const long count = std::min(s.block, s.samples - b * s.block);
    return encode(run_block(P, sampler, A, W, mix(mix(s.seed) ^ static_cast<std::uint64_t>(b)), count, s, workspaces[static_cast<size_t>(worker)]));
  }, sweep);

  BlockStats total;
  for (const auto& b : stats) merge(total, decode(b, P.n()));  // fixed order: thread- and rank-count independent
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

Mat<double> batch_row_gradients(const Problem<double>& P, const Mat<double>& Y, int row) {
  if (row < 0 || row >= P.h()) throw std::invalid_argument("row out of range");
  Workspace ws;
  ws.Y = to_arma(Y);
  row_gradients(to_arma(P.W), arma::vec(P.eps.data(), P.h()), row, ws);
  return Eigen::Map<const Mat<double>>(ws.G.memptr(), ws.G.n_rows, ws.G.n_cols);
}

std::pair<double, double> clopper_pearson(long x, long n, double alpha) {
  const double lo = x == 0 ? 0.0 : boost::math::ibeta_inv(static_cast<double>(x), static_cast<double>(n - x + 1), alpha / 2);
  const double hi = x == n ? 1.0 : boost::math::ibeta_inv(static_cast<double>(x + 1), static_cast<double>(n - x), 1 - alpha / 2);
  return {lo, hi};
}

}  // namespace ael::sparse
