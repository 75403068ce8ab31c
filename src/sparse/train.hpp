// Gradient descent from a far initialization (protocol P3 of docs/sparse.md, claim SC-18): minibatch
// SGD on fresh samples or full-batch on a fixed sample set, double precision
// (Armadillo), with the matrix-form gradient of docs/sparse.md §2.3.
#pragma once

#include "sparse/model.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ael::sparse {

struct TrainSettings {
  double d0 = 1;               // W_i = A*_i + d0 u_i at start (u_i seeded unit)
  double learning_rate = 0.01;
  int epochs = 50;
  int steps_per_epoch = 50;
  int batch = 256;
  bool full_batch = false;     // one fixed sample set of `batch` samples, one step per iteration
  bool renormalise = false;    // rows at unit norm: the start and after each step
  double tolerance = 0.1;      // a row is "recovered" when ‖W_i − A*_i‖ ≤ tolerance
  double blowup = 10;          // instability: an epoch's mean loss above blowup × the initial loss
  std::uint64_t seed = 1;
  std::function<void(int epoch)> progress;
};

struct EpochRecord {
  int epoch = 0;
  double max_distance = 0, mean_distance = 0, fraction_within = 0;
  double recovery_rate = 0;    // fraction of samples whose active set equals S
  double loss = 0;             // mean per-sample loss over the epoch (before each step)
  double gradient_norm = 0;    // Frobenius norm of the last step's mean gradient
  int dead_units = 0;          // units never active during the epoch
  double max_distance_alive = 0;  // max distance over units active at least once
  int other_columns = 0;       // rows not within tolerance of A*_i but within it of some ±A*_j, j ≠ i, or of −A*_i
};

// How a run ended. Unstable (in this order): a non-finite weight or loss (the
// run stops there); an epoch loss above blowup × the initial loss; a final
// loss not below the initial loss (no net decrease).
enum class TrainStatus { stable, non_finite, loss_blowup, no_decrease };
// "stable" | "non-finite" | "loss blow-up" | "no decrease" (the JSON's words).
const char* train_status_name(TrainStatus s);

struct TrainRun {
  std::vector<EpochRecord> trace;  // record 0: the start, evaluated on one epoch of samples without steps
  TrainStatus status = TrainStatus::stable;
  int unstable_epoch = 0;          // first epoch showing the instability (0 if stable)
  Mat<double> weights;             // W at the end (h × n)
  bool stable() const { return status == TrainStatus::stable; }
};

// P supplies A*, ε and the laws; P.W is ignored (the start is drawn from d0).
// Same seed → same start and the same sample stream for every step size.
TrainRun train_run(const Problem<double>& P, const TrainSettings& settings);
// As train_run, but a non-finite weight is an error (std::invalid_argument).
std::vector<EpochRecord> train(const Problem<double>& P, const TrainSettings& settings);

// The step-size log grid of spec P3.
std::vector<double> spec_step_grid();

}  // namespace ael::sparse
