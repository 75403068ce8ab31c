#include "sign/smooth_train.hpp"

#include "core/resources.hpp"
#include "core/rng.hpp"
#include "sign/encoder.hpp"
#include "sign/haar.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ael::sign {

Smoothing parse_smoothing(const std::string& name) {
  if (name == "tanh") return Smoothing::tanh;
  if (name == "stochastic") return Smoothing::stochastic;
  throw std::invalid_argument("unknown smoothing '" + name + "' (tanh, stochastic)");
}
const char* smoothing_name(Smoothing s) { return s == Smoothing::tanh ? "tanh" : "stochastic"; }

Start parse_start(const std::string& name) {
  if (name == "random") return Start::random;
  if (name == "identity") return Start::identity;
  if (name == "rotation") return Start::rotation;
  throw std::invalid_argument("unknown start '" + name + "' (random, identity, rotation)");
}
const char* start_name(Start s) { return s == Start::random ? "random" : s == Start::identity ? "identity" : "rotation"; }

namespace {
struct Partial {
  double loss = 0;
  Mat<double> dA, dBbar;  // unnormalized sums over the block
};

// Loss and gradient sums of one block of samples (columns of Xb), rows of Bn unit.
Partial block_sums(const Mat<double>& A, const Mat<double>& Bn, const Eigen::Ref<const Mat<double>>& Xb, double beta,
                   Smoothing sm) {
  const Mat<double> T = (beta * (Bn * Xb)).array().tanh().matrix();
  const Mat<double> E = Xb - A * T;
  const Mat<double> slope = (1 - T.array().square()).matrix();  // 1 − t², also the bit variance
  Partial out;
  out.loss = E.squaredNorm();
  out.dA = -2 * E * T.transpose();
  Mat<double> dT = -2 * A.transpose() * E;
  if (sm == Smoothing::stochastic) {  // + Σ_i ‖a_i‖² (1 − t_i²)
    const Vec<double> norms = A.colwise().squaredNorm().transpose(), variance = slope.rowwise().sum();
    out.loss += norms.dot(variance);
    out.dA += 2 * A * variance.asDiagonal();
    dT -= 2 * norms.asDiagonal() * T;
  }
  out.dBbar = (beta * dT.cwiseProduct(slope)) * Xb.transpose();
  return out;
}
}  // namespace

SmoothedRisk smoothed_risk(const Mat<double>& A, const Mat<double>& B, const Mat<double>& X, double beta, Smoothing sm,
                           int threads) {
  if (X.rows() != B.cols() || A.rows() != B.cols() || A.cols() != B.rows() || X.cols() < 1)
    throw std::invalid_argument("smoothed_risk: shapes of A (d x n), B (n x d), X (d x N) do not match");
  const Mat<double> Bn = normalize_rows<double>(B);
  const long N = X.cols(), blocks = (N + kSampleBlock - 1) / kSampleBlock;
  std::vector<Partial> parts(blocks);
  auto work = [&](int worker) {
    for (long b = worker; b < blocks; b += threads)
      parts[b] = block_sums(A, Bn, X.middleCols(b * kSampleBlock, std::min(kSampleBlock, N - b * kSampleBlock)), beta, sm);
  };
  run_workers(static_cast<int>(std::min<long>(threads, blocks)), work);
  Partial total = parts[0];  // block order: independent of the thread count
  for (long b = 1; b < blocks; ++b) total.loss += parts[b].loss, total.dA += parts[b].dA, total.dBbar += parts[b].dBbar;
  const double scale = 1.0 / (double(N) * double(B.cols()));
  SmoothedRisk r;
  r.risk = total.loss * scale;
  r.dA = total.dA * scale;
  // Chain rule through b̄_i = b_i/‖b_i‖: (I − b̄_i b̄_iᵀ) g_i / ‖b_i‖.
  r.dB = total.dBbar * scale;
  for (Eigen::Index i = 0; i < B.rows(); ++i)
    r.dB.row(i) = (r.dB.row(i) - r.dB.row(i).dot(Bn.row(i)) * Bn.row(i)) / B.row(i).norm();
  return r;
}

namespace {
Mat<double> structured_start(const SmoothTrainOptions& o) {
  Mat<double> B = o.start == Start::rotation ? haar_orthonormal_rows(o.n, o.d, block_seed(o.seed, 4))
                                             : Mat<double>(Mat<double>::Identity(o.n, o.d));
  Rng rng(block_seed(o.seed, 7));
  for (int j = 0; j < o.d; ++j)
    for (int i = 0; i < o.n; ++i) B(i, j) += o.start_noise * rng.gaussian() / std::sqrt(double(o.d));
  return normalize_rows<double>(B);
}
}  // namespace

SmoothTrainResult train_smoothed(const SmoothTrainOptions& o, const std::function<void(long, double, double, double)>& progress) {
  if (o.d < 1 || o.n < 1 || o.samples < 1 || o.steps < 0)
    throw std::invalid_argument("train_smoothed: d, n, samples must be >= 1 and steps >= 0");
  check_thread_count(o.threads);
  if (!(o.p > 0 && o.p <= 1)) throw std::invalid_argument("train_smoothed: p must be in (0, 1]");
  if (!(o.beta0 > 0 && o.beta1 > 0)) throw std::invalid_argument("train_smoothed: beta0 and beta1 must be > 0");
  if (o.start != Start::random && o.n > o.d) throw std::invalid_argument("identity/rotation starts need n <= d");
  SmoothTrainResult res;
  TrainOptions init;
  init.d = o.d, init.n = o.n, init.seed = o.seed;
  initial_point(init, res.A, res.B);
  if (o.start != Start::random) res.B = structured_start(o);
  const Mat<double> X = sample_data(DataLaw{o.p, o.nonzero}, o.d, o.samples, block_seed(o.seed, 3));
  const double eta = o.eta > 0 ? o.eta : 2.0 * o.d / o.n, eta_A = o.eta_A > 0 ? o.eta_A : 2.0 * o.d / o.n;
  double initial_risk = 0;
  for (long step = 0;; ++step) {
    res.beta = o.steps == 0 ? o.beta1 : o.beta0 * std::pow(o.beta1 / o.beta0, double(step) / double(o.steps));
    const SmoothedRisk g = smoothed_risk(res.A, res.B, X, res.beta, o.smoothing, o.threads);
    res.last_risk = g.risk;
    res.last_grad_norm = std::sqrt(g.dA.squaredNorm() + g.dB.squaredNorm());
    res.steps = step;
    if (step == 0) initial_risk = g.risk;
    check_not_diverged(step, g.risk, res.last_grad_norm, initial_risk, std::max(eta, eta_A), 2.0 * o.d / o.n);
    const bool done = step >= o.steps;
    if (step % o.trace_every == 0 || done) {
      res.trace.push_back({step, g.risk, res.last_grad_norm});
      if (progress) progress(step, res.beta, g.risk, res.last_grad_norm);
    }
    if (done) return res;
    res.B -= eta * g.dB;  // unit rows: dB is already tangent
    for (Eigen::Index i = 0; i < res.B.rows(); ++i) res.B.row(i).normalize();
    res.A -= eta_A * g.dA;
  }
}

double signed_permutation_distance(const Mat<double>& B) {
  const Mat<double> Bn = normalize_rows<double>(B);
  const int n = static_cast<int>(Bn.rows()), m = static_cast<int>(Bn.cols());
  if (n > m) throw std::invalid_argument("signed_permutation_distance needs n <= d");
  // Hungarian algorithm (potentials, O(n² m)) minimizing Σ −|b̄_i,ι(i)|; 1-based, column 0 is a sentinel.
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0), v(m + 1, 0);
  std::vector<int> owner(m + 1, 0), way(m + 1, 0);
  for (int i = 1; i <= n; ++i) {
    owner[0] = i;
    int j0 = 0;
    std::vector<double> minv(m + 1, inf);
    std::vector<bool> used(m + 1, false);
    do {
      used[j0] = true;
      const int i0 = owner[j0];
      double delta = inf;
      int j1 = 0;
      for (int j = 1; j <= m; ++j) {
        if (used[j]) continue;
        const double cur = -std::abs(Bn(i0 - 1, j - 1)) - u[i0] - v[j];
        if (cur < minv[j]) minv[j] = cur, way[j] = j0;
        if (minv[j] < delta) delta = minv[j], j1 = j;
      }
      for (int j = 0; j <= m; ++j) {
        if (used[j]) u[owner[j]] += delta, v[j] -= delta;
        else minv[j] -= delta;
      }
      j0 = j1;
    } while (owner[j0] != 0);
    do {
      const int j1 = way[j0];
      owner[j0] = owner[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  double squared = 0;  // ‖b̄_i ∓ e_j‖² = 2 − 2|b̄_ij| for a unit row
  for (int j = 1; j <= m; ++j)
    if (owner[j] != 0) squared += 2 - 2 * std::abs(Bn(owner[j] - 1, j - 1));
  return std::sqrt(std::max(0.0, squared) / n);
}

HardEvaluation evaluate_hard(const Mat<double>& B, const DataLaw& law, Sign0 s, long moment_samples, long test_samples,
                             std::uint64_t seed, int threads) {
  const McMoments mom = mc_moments(B, law, s, moment_samples, block_seed(seed, 5));
  const OptimalDecoder<double> opt = optimal_decoder<double>(CodeMoments<double>{mom.M, mom.K});
  HardEvaluation e;
  e.A = opt.A;
  e.plugin_risk = opt.risk;
  e.mc = mc_risk(opt.A, B, law, s, test_samples, block_seed(seed, 6), threads);
  e.shape = shape_of(normalize_rows<double>(B));
  e.perm_distance = B.rows() <= B.cols() ? signed_permutation_distance(B) : std::nan("");
  return e;
}

const char* switch_verdict(const Shape& s, int d) {
  if (s.mean_peak >= 0.8) return "identity-like";
  if (s.mean_ipr <= 10.0 / d && s.max_peak <= 0.6) return "rotation-like";
  return "undecided";
}

double near_identity_risk(double r, double p, double mu2) {
  return 1 - r * (p * mu2 + (2 / pi_value<double>()) * (1 - p) * (1 - p));
}

}  // namespace ael::sign
