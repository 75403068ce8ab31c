#include "sparse/train.hpp"

#include "core/errors.hpp"
#include "sparse/sampling.hpp"

#include <armadillo>

#include <cmath>
#include <stdexcept>

namespace ael::sparse {

namespace {

struct Batch {
  arma::mat Y;                          // n × B observations
  std::vector<std::vector<int>> supports;
};

Batch draw(const Problem<double>& P, const CodeSampler& sampler, const arma::mat& A, Rng& rng, int count) {
  Batch b{arma::mat(P.n(), count, arma::fill::zeros), std::vector<std::vector<int>>(static_cast<size_t>(count))};
  for (int t = 0; t < count; ++t) {
    sampler.support(rng, b.supports[static_cast<size_t>(t)]);
    for (int j : b.supports[static_cast<size_t>(t)]) b.Y.col(t) += sampler.value(rng) * A.col(j);
  }
  return b;
}

struct StepStats {
  double loss_sum = 0;
  long recovered = 0, seen = 0;
  arma::uvec ever_active;
  arma::mat gradient;
};

// Mean gradient r eᵀ + (σ ∘ W e) yᵀ over the batch (docs/sparse.md §2.3, matrix form).
void accumulate(const arma::mat& W, const arma::vec& eps, const Batch& b, StepStats& s) {
  arma::mat U = W * b.Y;
  U.each_col() -= eps;
  const arma::mat R = arma::clamp(U, 0.0, arma::datum::inf);
  const arma::mat E = W.t() * R - b.Y;
  const arma::mat active = arma::conv_to<arma::mat>::from(U > 0.0);
  const double B = static_cast<double>(b.Y.n_cols);
  s.gradient = (R * E.t() + (active % (W * E)) * b.Y.t()) / B;
  s.loss_sum += 0.5 * arma::accu(arma::square(E));
  s.seen += static_cast<long>(b.Y.n_cols);
  s.ever_active = s.ever_active + arma::conv_to<arma::uvec>::from(arma::sum(active, 1) > 0);
  for (arma::uword t = 0; t < b.Y.n_cols; ++t) {
    arma::uvec in_s(W.n_rows, arma::fill::zeros);
    for (int j : b.supports[t]) in_s(static_cast<arma::uword>(j)) = 1;
    bool ok = true;
    for (arma::uword j = 0; j < W.n_rows && ok; ++j) ok = (U(j, t) > 0) == (in_s(j) == 1);
    s.recovered += ok;
  }
}

// Distances to the own column, and rows that sit near another column ±A*_j
// instead (‖W_i − sA_j‖² = ‖W_i‖² − 2s W_iᵀA_j + 1 for unit columns).
EpochRecord distances(const arma::mat& W, const arma::mat& A, double tolerance) {
  EpochRecord r;
  const arma::uword h = W.n_rows;
  const arma::mat T = W * A;
  double sum = 0;
  int within = 0;
  for (arma::uword i = 0; i < h; ++i) {
    const double d = arma::norm(W.row(i).t() - A.col(i));
    r.max_distance = std::max(r.max_distance, d);
    sum += d;
    within += d <= tolerance;
    if (d <= tolerance) continue;
    const double w2 = arma::dot(W.row(i), W.row(i));
    const double best = w2 + 1 - 2 * arma::max(arma::abs(T.row(i)));  // nearest ±A*_j
    const bool own_negated = w2 + 1 + 2 * T(i, i) <= tolerance * tolerance;
    r.other_columns += best <= tolerance * tolerance || own_negated;
  }
  if (!std::isfinite(sum)) r.max_distance = sum;  // std::max drops NaN: keep divergence visible
  r.mean_distance = sum / static_cast<double>(h);
  r.fraction_within = static_cast<double>(within) / static_cast<double>(h);
  return r;
}

EpochRecord summarise(const arma::mat& W, const arma::mat& A, double tolerance, const StepStats& st, int epoch) {
  EpochRecord r = distances(W, A, tolerance);
  r.epoch = epoch;
  r.loss = st.loss_sum / static_cast<double>(st.seen);
  r.recovery_rate = static_cast<double>(st.recovered) / static_cast<double>(st.seen);
  r.gradient_norm = arma::norm(st.gradient, "fro");
  for (arma::uword i = 0; i < W.n_rows; ++i) {
    if (st.ever_active(i) == 0) ++r.dead_units;
    else r.max_distance_alive = std::max(r.max_distance_alive, arma::norm(W.row(i).t() - A.col(i)));
  }
  return r;
}

}  // namespace

std::vector<double> spec_step_grid() { return {1e-3, 3e-3, 1e-2, 3e-2, 1e-1}; }

TrainRun train_run(const Problem<double>& P, const TrainSettings& s) {
  if (!(s.d0 >= 0) || !(s.learning_rate > 0) || s.epochs < 1 || s.steps_per_epoch < 1 || s.batch < 1 || !(s.blowup > 1))
    throw std::invalid_argument("train needs d0 >= 0, learning rate > 0, epochs, steps and batch >= 1, blow-up factor > 1");
  const CodeSampler sampler(P);
  const arma::mat A(P.A.data(), P.n(), P.h());
  const arma::vec eps(P.eps.data(), P.h());
  const Mat<double> W0 = perturbed_weights<double>(P.A, s.d0, s.seed);
  arma::mat W(W0.data(), P.h(), P.n());
  if (s.renormalise) W = arma::normalise(W, 2, 1);
  Rng rng(s.seed ^ 0x5DEECE66DULL);
  const Batch fixed = s.full_batch ? draw(P, sampler, A, rng, s.batch) : Batch{};
  const int steps = s.full_batch ? 1 : s.steps_per_epoch;
  auto new_stats = [&] {
    StepStats st;
    st.ever_active = arma::uvec(P.h(), arma::fill::zeros);
    return st;
  };
  TrainRun run;
  {  // the start, on its own sample stream so that the training stream is unchanged
    Rng eval_rng(s.seed ^ 0x2545F4914F6CDD1DULL);
    StepStats st = new_stats();
    for (int step = 0; step < steps; ++step) accumulate(W, eps, s.full_batch ? fixed : draw(P, sampler, A, eval_rng, s.batch), st);
    run.trace.push_back(summarise(W, A, s.tolerance, st, 0));
  }
  const double initial_loss = run.trace[0].loss;
  for (int epoch = 1; epoch <= s.epochs; ++epoch) {
    StepStats st = new_stats();
    for (int step = 0; step < s.steps_per_epoch; ++step) {
      const Batch b = s.full_batch ? fixed : draw(P, sampler, A, rng, s.batch);
      accumulate(W, eps, b, st);
      W -= s.learning_rate * st.gradient;
      if (s.renormalise) W = arma::normalise(W, 2, 1);
      if (!W.is_finite()) break;
    }
    run.trace.push_back(summarise(W, A, s.tolerance, st, epoch));
    if (s.progress) s.progress(epoch);
    const double loss = run.trace.back().loss;
    run.weights = Eigen::Map<const Mat<double>>(W.memptr(), P.h(), P.n());
    if (!W.is_finite() || !std::isfinite(loss)) {
      run.status = TrainStatus::non_finite;
      run.unstable_epoch = epoch;
      return run;
    }
    if (run.stable() && loss > s.blowup * initial_loss) {
      run.status = TrainStatus::loss_blowup;
      run.unstable_epoch = epoch;
    }
  }
  if (run.stable() && !(run.trace.back().loss < initial_loss)) {
    run.status = TrainStatus::no_decrease;
    run.unstable_epoch = s.epochs;
  }
  return run;
}

const char* train_status_name(TrainStatus s) {
  switch (s) {
    case TrainStatus::stable: return "stable";
    case TrainStatus::non_finite: return "non-finite";
    case TrainStatus::loss_blowup: return "loss blow-up";
    case TrainStatus::no_decrease: return "no decrease";
  }
  return "stable";
}

std::vector<EpochRecord> train(const Problem<double>& P, const TrainSettings& s) {
  TrainRun run = train_run(P, s);
  if (run.status == TrainStatus::non_finite)
    throw ParameterError("learning_rate", "training diverged (non-finite weights at epoch " + std::to_string(run.unstable_epoch) + "): lower @learning_rate");
  return std::move(run.trace);
}

}  // namespace ael::sparse
