// Shared set-up for the trainer claims (LAE-10, 28, 29): seeded synthetic data
// with a well separated spectrum, the double-precision trainer, and the exact
// landscape of the same data for reference.
#pragma once

#include "claim.hpp"
#include "core/linalg.hpp"
#include "lae/critical.hpp"
#include "lae/diagnostics.hpp"
#include "lae/optimal_loss.hpp"
#include "lae/synthetic.hpp"
#include "lae/train.hpp"

namespace ael::checks {

struct TrainedInstance {
  int n = 0, p = 0;
  arma::mat X;
  lae::CovarianceData cov;
  lae::EigenData<double> exact;
  lae::TrainResult result;
};

inline Mat<double> eigen_of(const arma::mat& M) { return Eigen::Map<const Mat<double>>(M.memptr(), M.n_rows, M.n_cols); }

// n ∈ {4,5,6}, p ∈ {2,3}, geometric spectrum (ratio 0.7): gaps large enough
// for GD to reach 1e-12 in a few thousand steps.
inline TrainedInstance train_instance(std::uint64_t seed, lae::LossKind kind, int i) {
  TrainedInstance t;
  t.n = 4 + i % 3;
  t.p = 2 + i % 2;
  const Mat<double> rows = lae::synthetic_samples<double>(t.n, 3 * t.n, seed + i, "geometric:0.7");
  t.X = arma::mat(const_cast<double*>(rows.data()), rows.rows(), rows.cols(), false, true).t();
  t.cov = lae::covariance_data(t.X, arma::mat());
  lae::Moments<double> m{eigen_of(t.cov.Sxx), eigen_of(t.cov.Syx), t.cov.trSyy, true};
  t.exact = lae::eigen_data<double>(m);
  lae::TrainConfig cfg;
  cfg.kind = kind;
  cfg.p = t.p;
  cfg.tol = 1e-12;
  cfg.iters = 400000;
  cfg.init_scale = 0.5;
  cfg.seed = seed * 17 + i;
  t.result = lae::train(t.X, arma::mat(), t.cov, t.exact.lambda(0), cfg, nullptr);
  return t;
}

inline double optimal_loss(const TrainedInstance& t, lae::LossKind kind) {
  return lae::optimal_loss(t.exact.lambda, t.cov.trSyy, true, kind, t.p);
}

}  // namespace ael::checks

using namespace ael;          // NOLINT(google-build-using-namespace)
using namespace ael::checks;  // NOLINT(google-build-using-namespace)
