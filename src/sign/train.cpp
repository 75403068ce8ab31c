#include "sign/train.hpp"

#include "core/linalg.hpp"
#include "core/rng.hpp"
#include "sign/denoiser.hpp"
#include "sign/gradient.hpp"
#include "sign/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace ael::sign {

void initial_point(const TrainOptions& o, Mat<double>& A, Mat<double>& B) {
  Rng rb(block_seed(o.seed, 0)), ra(block_seed(o.seed, 1));
  B.resize(o.n, o.d);
  A.resize(o.d, o.n);
  for (int j = 0; j < o.d; ++j)
    for (int i = 0; i < o.n; ++i) B(i, j) = rb.gaussian() / std::sqrt(o.d);
  for (int i = 0; i < o.n; ++i) B.row(i).normalize();
  for (int j = 0; j < o.n; ++j)
    for (int i = 0; i < o.d; ++i) A(i, j) = ra.gaussian() / std::sqrt(o.n);
}

void check_not_diverged(long step, double risk, double grad_norm, double initial_risk, double eta, double default_eta) {
  const bool finite = std::isfinite(risk) && std::isfinite(grad_norm);
  if (finite && risk <= kBlowUp * std::max(1.0, initial_risk)) return;
  throw std::runtime_error("training diverged at step " + std::to_string(step) + " (risk " +
                           (finite ? to_decimal(risk, 3) : std::string("not finite")) + ", initial " + to_decimal(initial_risk, 3) +
                           "): step size eta = " + to_decimal(eta, 6) + " too large? the default is " + to_decimal(default_eta, 6));
}

TrainResult train_gaussian(const TrainOptions& o, const std::function<void(long, double, double)>& progress) {
  TrainResult res;
  initial_point(o, res.A, res.B);
  const double eta = o.eta > 0 ? o.eta : 0.5 * o.d / o.n, eta_A = o.eta_A > 0 ? o.eta_A : 0.5 * o.d / o.n;
  double initial_risk = 0;
  for (long step = 0;; ++step) {
    const PopulationGradient<double> g = gaussian_population_gradient<double>(res.A, res.B);
    res.clipped += g.clipped;
    res.risk = g.risk;
    res.grad_norm = std::sqrt(g.dA.squaredNorm() + g.dB_tangent.squaredNorm());
    if (step == 0) initial_risk = g.risk;
    check_not_diverged(step, g.risk, res.grad_norm, initial_risk, std::max(eta, eta_A), 0.5 * o.d / o.n);
    res.steps = step;
    const bool done = res.grad_norm < o.grad_tol || step >= o.max_steps;
    if (step % o.trace_every == 0 || done) {
      res.trace.push_back({step, g.risk, res.grad_norm});
      if (progress) progress(step, g.risk, res.grad_norm);
    }
    if (done) {
      res.converged = res.grad_norm < o.grad_tol;
      return res;
    }
    // Retraction: a step along the tangent gradient, then back to the sphere.
    res.B -= eta * g.dB_tangent;
    for (Eigen::Index i = 0; i < res.B.rows(); ++i) res.B.row(i).normalize();
    res.A -= eta_A * g.dA;
  }
}

Shape shape_of(const Mat<double>& B) {
  Shape s;
  const Eigen::Index n = B.rows(), d = B.cols();
  for (Eigen::Index i = 0; i < n; ++i) {
    const double peak = B.row(i).cwiseAbs().maxCoeff();
    s.max_peak = std::max(s.max_peak, peak);
    s.mean_peak += peak / n;
    s.mean_ipr += B.row(i).array().pow(4).sum() / n;
  }
  const Mat<double> frame = n <= d ? Mat<double>(B * B.transpose() - Mat<double>::Identity(n, n))
                                   : Mat<double>((double(d) / n) * B.transpose() * B - Mat<double>::Identity(d, d));
  s.frame_error = symmetric_eigenvalues<double>(frame).cwiseAbs().maxCoeff();
  std::vector<double> entries(B.data(), B.data() + B.size());
  for (double& e : entries) e *= std::sqrt(double(d));
  std::sort(entries.begin(), entries.end());
  const double N = static_cast<double>(entries.size());
  for (size_t k = 0; k < entries.size(); ++k) {
    const double F = normal_cdf<double>(entries[k]);
    s.ks_statistic = std::max({s.ks_statistic, std::abs(F - k / N), std::abs((k + 1) / N - F)});
  }
  return s;
}

}  // namespace ael::sign
