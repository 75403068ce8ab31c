// Direct simulation of the sign-code decoders on Bernoulli–Gaussian signals
// with Haar encoders (docs/sign.md §3.1 effective channel, §3.2 denoiser, §4.3
// GVAMP; protocols S3/S4). Signals come in groups with seed
// block_seed(seed, group); groups are reduced in group order, so results
// depend only on the options, never on `threads`. Standard errors come from
// the spread between groups (delete-one-group jackknife). With one encoder
// per group the groups are independent; a smaller encoder pool (the Haar QR
// costs O(n²d), 4 s at d = 2000) makes the SEs conditional on the pool.
#pragma once

#include "core/distribute.hpp"
#include "sign/simulate.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace ael::sign {

struct DecoderSimOptions {
  int d = 2000, n = 1000;
  double p = 0.1;
  int layers = 0;                  // GVAMP layers (0: channel, linear and denoiser only)
  int groups = 40;                 // groups of signals (≥ 2): the units of the standard errors
  int signals_per_group = 1;       // signals per group
  int encoders = 0;                // distinct Haar encoders, group g uses encoder g mod encoders
                                   // (0: one per group; fewer makes the SEs conditional on them)
  std::vector<double> se_gamma1;   // SE precision γ1 of layers 1..layers (paired references)
  std::uint64_t seed = 1;
  int threads = 1;
  SweepCheckpoint checkpoint;      // optional: finished groups kept in checkpoint.path (docs/mpi.md)
};

// Additive sums over the coordinates of the signals of one group.
// e := y − x with y := (√(π/2)/r) B̄ᵀ s (docs/sign.md §3.1).
struct DecoderSums {
  enum Index {
    coords, e1, e2, e3, e4, x1, x2, xe, abs_x, e2_abs_x,  // channel moments
    zeros, e1_zero, e2_zero, e1_nonzero, e2_nonzero,      // split by x_j = 0
    linear_sq,        // (x − A s)², A = √(2/π) B̄ᵀ
    denoiser_sq,      // (x − f(y))², f at σ² = π/(2r) − 1
    scalar_sq,        // (x − f(x + σw))²: the exact scalar channel, same x (mean R_den)
    fixed_count       // first per-layer slot
  };
  // Per layer t (0-based): gvamp slot fixed_count + 2t, paired scalar-channel
  // slot (x − f(x + w/√γ1_t))² at the SE noise (mean m_t) fixed_count + 2t + 1.
  static int gvamp(int t) { return fixed_count + 2 * t; }
  static int gvamp_scalar(int t) { return fixed_count + 2 * t + 1; }
  std::vector<double> v;
};

struct DecoderSim {
  DecoderSimOptions options;
  std::vector<DecoderSums> groups;  // in group order
};

// Under an MPI launch, ranks > 0 end the process once their groups are done
// (core/distribute.hpp run_items); rank 0 returns the simulation.
DecoderSim simulate_decoder(const DecoderSimOptions& o);

// Statistic g(totals) of the summed groups and its delete-one-group jackknife
// standard error.
McEstimate jackknife(const DecoderSim& sim, const std::function<double(const std::vector<double>&)>& g);
// Per-coordinate mean of slot k (e.g. an MSE), with its jackknife SE.
McEstimate coordinate_mean(const DecoderSim& sim, int k);
// Per-coordinate mean of slot k minus slot j (a paired difference: both use
// the same signals, so the signal-to-signal spread cancels), with its SE.
McEstimate paired_difference(const DecoderSim& sim, int k, int j);

// Pooled statistics of the channel error e = y − x (docs/sign.md §3.1, SA-16).
struct ChannelStats {
  McEstimate mean, variance, excess_kurtosis;
  McEstimate corr_e_x, corr_e2_abs_x;              // Pearson correlations
  McEstimate variance_x_zero, variance_x_nonzero;  // Var(e | x_j = 0), Var(e | x_j ≠ 0)
};
ChannelStats channel_statistics(const DecoderSim& sim);

}  // namespace ael::sign
