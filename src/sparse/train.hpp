// Gradient descent from a far initialization (spec P3, claim SC-18): minibatch
// SGD on fresh samples or full-batch on a fixed sample set, double precision
// (Armadillo), with the matrix-form gradient of spec §2.3.
#pragma once

#include "sparse/model.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace ael::sparse {

struct TrainSettings {
  double d0 = 1;               // W_i = A*_i + d0 u_i at start (u_i seeded unit)
  double learning_rate = 0.01;
  int epochs = 50;
  int steps_per_epoch = 50;
  int batch = 256;
  bool full_batch = false;     // one fixed sample set of `batch` samples, one step per iteration
  bool renormalise = false;    // rows back to unit norm after each step
  double tolerance = 0.1;      // a row is "recovered" when ‖W_i − A*_i‖ ≤ tolerance
  std::uint64_t seed = 1;
  std::function<void(int epoch)> progress;
};

struct EpochRecord {
  int epoch = 0;
  double max_distance = 0, mean_distance = 0, fraction_within = 0;
  double recovery_rate = 0;    // fraction of samples whose active set equals S
  double loss = 0;             // mean per-sample loss over the epoch
  double gradient_norm = 0;    // Frobenius norm of the last step's mean gradient
  int dead_units = 0;          // units never active during the epoch
  double max_distance_alive = 0;  // max distance over units active at least once
};

// P supplies A*, ε and the laws; P.W is ignored (the start is drawn from d0).
// Record 0 describes the initialization.
std::vector<EpochRecord> train(const Problem<double>& P, const TrainSettings& settings);

}  // namespace ael::sparse
