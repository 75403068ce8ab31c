#include "sign/bg_train.hpp"

#include "core/resources.hpp"
#include "core/rng.hpp"
#include "sign/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ael::sign {

template <class T>
MaskGradient<T> mask_gradient(const Mat<T>& A, const Mat<T>& B, const std::vector<bool>& mask, const T& p, Sign0 s) {
  using std::sqrt, std::asin, std::abs;
  const Eigen::Index n = B.rows(), d = B.cols();
  if (static_cast<Eigen::Index>(mask.size()) != d) throw std::invalid_argument("mask length != d");
  const T pi = pi_value<T>(), dd = T(d), clip = T(1) - T(1e-12), c = sqrt(2 / pi) / sqrt(p);
  Mat<T> BD = B;  // rows D b_i
  for (Eigen::Index k = 0; k < d; ++k)
    if (!mask[k]) BD.col(k).setZero();
  const Mat<T> Gm = BD * BD.transpose(), Q = A.transpose() * A;
  Vec<T> nu(n);
  std::vector<bool> on(n);
  for (Eigen::Index i = 0; i < n; ++i) nu(i) = sqrt(Gm(i, i)), on[i] = nu(i) > 0;
  Mat<T> M = Mat<T>::Zero(n, d), K = Mat<T>::Zero(n, n), W = Mat<T>::Zero(n, n);
  Vec<T> radial = Vec<T>::Zero(n);  // Σ_j Q_ij H_ij ρ_ij / ν_i² (coefficient of D b_i)
  MaskGradient<T> g;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (on[i]) M.row(i) = (c / nu(i)) * BD.row(i);
    for (Eigen::Index j = 0; j < n; ++j) {
      if (on[i] && on[j]) {
        if (i == j) { K(i, i) = 1; continue; }
        // K and the bracket use ρ itself (in [−1, 1]); only H = (1 − ρ²)^{−1/2} uses the clipped value.
        // On a mask where D b_i ∥ D b_j (e.g. one active coordinate) the bracket vanishes exactly,
        // so a clipped ρ there would leave a spurious (1 − clip)·H ≈ 1e−6 term.
        T rho = Gm(i, j) / (nu(i) * nu(j));
        if (abs(rho) > 1) rho = rho > 0 ? T(1) : T(-1);
        T rc = rho;
        if (abs(rc) > clip) { rc = rc > 0 ? clip : T(-clip); ++g.clipped; }
        K(i, j) = 2 * asin(rho) / pi;
        const T h = Q(i, j) / sqrt(1 - rc * rc);
        W(i, j) = h / (nu(i) * nu(j));
        radial(i) += h * rho / (nu(i) * nu(i));
      } else if (!on[i] && !on[j]) {
        K(i, j) = s == Sign0::zero ? T(0) : (s == Sign0::plus || i == j ? T(1) : T(0));
      }
    }
  }
  const Mat<T> AK = A * K;
  g.risk = 1 - 2 * (A.cwiseProduct(M.transpose())).sum() / dd + AK.cwiseProduct(A).sum() / dd;
  g.dA = (2 / dd) * (AK - M.transpose());
  // First term: −(2/d) c [D a_i/ν_i − (a_iᵀ D b_i) D b_i/ν_i³]; second: (2/d)(2/π)[(W BD)_i − radial_i D b_i].
  Mat<T> AD = A.transpose();  // rows a_iᵀ, masked below
  for (Eigen::Index k = 0; k < d; ++k)
    if (!mask[k]) AD.col(k).setZero();
  g.dB = (4 / (pi * dd)) * (W * BD);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!on[i]) { g.dB.row(i).setZero(); continue; }
    const T proj = AD.row(i).dot(BD.row(i)) / (nu(i) * nu(i) * nu(i));
    g.dB.row(i) += (-2 * c / dd) * (AD.row(i) / nu(i) - proj * BD.row(i)) - (4 / (pi * dd)) * radial(i) * BD.row(i);
  }
  return g;
}

template MaskGradient<double> mask_gradient<double>(const Mat<double>&, const Mat<double>&, const std::vector<bool>&,
                                                    const double&, Sign0);
template MaskGradient<mp_real> mask_gradient<mp_real>(const Mat<mp_real>&, const Mat<mp_real>&, const std::vector<bool>&,
                                                      const mp_real&, Sign0);

namespace {
struct BlockSum {
  Mat<double> dA, dB;
  double risk = 0;
  long clipped = 0;
};

BlockSum mask_block(const Mat<double>& A, const Mat<double>& B, const BgTrainOptions& o, int count, std::uint64_t seed) {
  Rng rng(seed);
  BlockSum out{Mat<double>::Zero(A.rows(), A.cols()), Mat<double>::Zero(B.rows(), B.cols())};
  std::vector<bool> mask(o.d);
  for (int k = 0; k < count; ++k) {
    for (int j = 0; j < o.d; ++j) mask[j] = o.p >= 1 || rng.uniform() < o.p;
    const MaskGradient<double> g = mask_gradient<double>(A, B, mask, o.p, o.sign0);
    out.dA += g.dA, out.dB += g.dB, out.risk += g.risk, out.clipped += g.clipped;
  }
  return out;
}
}  // namespace

BgTrainResult train_bg(const BgTrainOptions& o, const std::function<void(long, double, double)>& progress) {
  if (o.masks < 1 || o.d < 1 || o.n < 1) throw std::invalid_argument("train_bg: masks, d, n must be >= 1");
  check_thread_count(o.threads);
  if (!(o.p > 0 && o.p <= 1)) throw std::invalid_argument("train_bg: p must be in (0, 1]");
  BgTrainResult res;
  TrainOptions init;
  init.d = o.d, init.n = o.n, init.seed = o.seed;
  initial_point(init, res.A, res.B);  // same initialization as the Gaussian trainer (§5.2 defaults)
  const double eta = o.eta > 0 ? o.eta : 0.5 * o.d / o.n, eta_A = o.eta_A > 0 ? o.eta_A : 0.5 * o.d / o.n;
  const int blocks = (o.masks + kMaskBlock - 1) / kMaskBlock;
  std::vector<BlockSum> sums(blocks);
  double initial_risk = 0;
  for (long step = 0;; ++step) {
    const std::uint64_t step_seed = block_seed(o.seed, 1000 + static_cast<std::uint64_t>(step));
    auto work = [&](int worker) {
      for (int b = worker; b < blocks; b += o.threads)
        sums[b] = mask_block(res.A, res.B, o, std::min(kMaskBlock, o.masks - b * kMaskBlock), block_seed(step_seed, b));
    };
    run_workers(std::min(o.threads, blocks), work);
    BlockSum total = sums[0];  // block order: independent of the thread count
    for (int b = 1; b < blocks; ++b) total.dA += sums[b].dA, total.dB += sums[b].dB, total.risk += sums[b].risk, total.clipped += sums[b].clipped;
    total.dA /= o.masks, total.dB /= o.masks, total.risk /= o.masks;
    for (Eigen::Index i = 0; i < res.B.rows(); ++i)  // tangent projection (numerical safety, §5.3)
      total.dB.row(i) -= total.dB.row(i).dot(res.B.row(i)) * res.B.row(i);
    res.clipped += total.clipped;
    res.last_risk_estimate = total.risk;
    res.last_grad_norm = std::sqrt(total.dA.squaredNorm() + total.dB.squaredNorm());
    res.steps = step;
    if (step == 0) initial_risk = total.risk;
    check_not_diverged(step, total.risk, res.last_grad_norm, initial_risk, std::max(eta, eta_A), 0.5 * o.d / o.n);
    const bool done = step >= o.steps;
    if (step % o.trace_every == 0 || done) {
      res.trace.push_back({step, total.risk, res.last_grad_norm});
      if (progress) progress(step, total.risk, res.last_grad_norm);
    }
    if (done) return res;
    res.B -= eta * total.dB;
    for (Eigen::Index i = 0; i < res.B.rows(); ++i) res.B.row(i).normalize();
    res.A -= eta_A * total.dA;
  }
}

const char* shape_verdict(const Shape& s, int d) {
  if (s.mean_peak > 0.9) return "identity-like";
  if (s.mean_ipr < 10.0 / d) return "rotation-like";
  return "intermediate";
}

}  // namespace ael::sign
