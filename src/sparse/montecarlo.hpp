// Monte Carlo of the TRUE network's per-sample gradient of one row (double,
// Armadillo, batched). Reproducible for any thread count and any number of MPI
// ranks: the samples are cut into fixed blocks, block b draws from its own Rng
// seeded from (seed, b), the blocks are the work items of a sweep
// (core/distribute.hpp, docs/mpi.md) and their statistics are merged in block
// order (Chan's pairwise formula).
#pragma once

#include "core/distribute.hpp"
#include "sparse/model.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace ael::sparse {

struct McSettings {
  long samples = 100000;
  int threads = 1;
  std::uint64_t seed = 1;
  int row = 0;
  long block = 2048;                 // samples per block (part of the result's definition)
  double per_sample_bound = -1;      // Lemma D2 per-sample bound to test (< 0: none)
  std::function<void(long done, long total)> progress;  // optional, samples done (rank 0, between rounds)
  SweepCheckpoint checkpoint;        // optional: finished blocks kept in checkpoint.path
};

struct McResult {
  std::vector<double> mean, standard_error;  // per component of ∇_{W_i} L
  double se_norm = 0;                        // √(tr Cov / N)
  long samples = 0;
  long recovery_failures = 0;                // samples whose active set ≠ S (all h units)
  long row_in_support = 0;                   // samples with i ∈ S
  double max_gradient_norm = 0;              // max over samples of ‖∇_{W_i} L‖
  long bound_violations = 0;                 // samples above per_sample_bound
};

// Requires a finite or uniform value law (an interval law given by moments
// only cannot be sampled). Under an MPI launch, ranks > 0 end the process
// once their blocks are done (run_items); rank 0 returns the result.
McResult monte_carlo(const Problem<double>& P, const McSettings& settings);

// The batched per-sample gradients of `row` used by monte_carlo: column t is
// ∇_{W_row} L at the observation Y.col(t) (Y is n × N).
Mat<double> batch_row_gradients(const Problem<double>& P, const Mat<double>& Y, int row);

// Clopper–Pearson interval for x successes in n trials at level 1 − alpha.
std::pair<double, double> clopper_pearson(long x, long n, double alpha);

}  // namespace ael::sparse
