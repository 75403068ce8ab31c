// Riemannian gradient descent on the Gaussian population risk (docs/sign.md §5.2),
// in double, and the shape diagnostics of §5.5.
#pragma once

#include "core/eigen_mp.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace ael::sign {

struct TrainOptions {
  int d = 100, n = 100;
  long max_steps = 20000;
  double eta = 0;        // B̄ step; 0: the default 0.5·d/n
  double eta_A = 0;      // A step; 0: the default 0.5·d/n
  double grad_tol = 1e-12;
  std::uint64_t seed = 1;
  long trace_every = 100;
};

struct TraceRow {
  long step;
  double risk, grad_norm;
};

struct TrainResult {
  Mat<double> A, B;  // B with unit rows
  std::vector<TraceRow> trace;
  long steps = 0;
  bool converged = false;  // Riemannian gradient norm < grad_tol
  long clipped = 0;        // total near-parallel clips
  double risk = 0, grad_norm = 0;
};

// Initial point of §5.2: B0 with i.i.d. N(0, 1/d) entries, rows normalized;
// A0 with i.i.d. N(0, 1/n) entries; drawn from two streams derived from the seed.
void initial_point(const TrainOptions& o, Mat<double>& A, Mat<double>& B);

// Divergence guard shared by the three trainers (docs/sign.md "Divergence"):
// throws std::runtime_error "training diverged at step N ..." when the risk or
// the gradient norm is not finite, or the risk exceeds kBlowUp x max(1, initial
// risk). `eta` and `default_eta` are named in the message.
inline constexpr double kBlowUp = 1e6;
void check_not_diverged(long step, double risk, double grad_norm, double initial_risk, double eta, double default_eta);

// progress(step, risk, grad_norm) is called every trace_every steps (stderr reporting).
// Throws (check_not_diverged) when the iteration diverges: no weights are returned.
TrainResult train_gaussian(const TrainOptions& o, const std::function<void(long, double, double)>& progress = {});

struct Shape {
  double max_peak = 0, mean_peak = 0;  // max_j |b̄_ij|: per-row peak, max and mean over rows
  double mean_ipr = 0;                  // Σ_j b̄_ij⁴, mean over rows (≈ 3/d delocalized, 1 basis vector)
  double frame_error = 0;               // ‖B̄B̄ᵀ − I‖_op (r ≤ 1) or ‖(d/n)B̄ᵀB̄ − I‖_op (r > 1)
  double ks_statistic = 0;              // sup |F_emp − Φ| of the entries of √d B̄
};
Shape shape_of(const Mat<double>& B);

}  // namespace ael::sign
