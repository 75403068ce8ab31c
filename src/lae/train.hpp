// Double-precision trainer for both LAE losses (Armadillo + BLAS),
// docs/lae-math.md §3, §11. Full-batch gradient descent in covariance form (Σ_xx, Σ_yx formed
// once; a step costs O(pn² + p²n), independent of m), mini-batch SGD in data
// form, heavy-ball momentum and Adam.
#pragma once

#include "lae/model.hpp"

#include <armadillo>

#include <cstdint>
#include <functional>
#include <string>

namespace ael::lae {

struct CovarianceData {
  arma::mat Sxx, Syx;  // n×n, unnormalized
  double trSyy = 0;
  bool autoencoder = true;  // Y = X: Σ_yx = Σ_xx, one product fewer per step
};
// X, Y: n × m (samples as columns).
CovarianceData covariance_data(const arma::mat& X, const arma::mat& Y);

struct ArmaWeights {
  arma::mat S;  // p×p
  arma::vec w;  // diag T_p
  double terms = 1;
};
ArmaWeights arma_weights(LossKind kind, int p);

struct LossAndGradient {
  double loss = 0;
  arma::mat dA, dB;
};
// Buffers of covariance_step, kept between calls: a trainer that reuses one
// workspace and one result allocates nothing per step (docs/benchmarks.md,
// "Trainer step vs dgemm": freshly allocated pages cost a page fault each).
struct StepWorkspace {
  arma::mat J, PF, P, F, Vt, G, Ga;
  arma::vec s;
};
// Covariance form, docs/lae-math.md §11, into `out` (its matrices are reused).
void covariance_step(const CovarianceData& c, const arma::mat& A, const arma::mat& B, const ArmaWeights& w,
                     StepWorkspace& ws, LossAndGradient& out);
// The same with fresh buffers (bit-identical results).
LossAndGradient covariance_step(const CovarianceData& c, const arma::mat& A, const arma::mat& B, const ArmaWeights& w);
// Data form, docs/lae-math.md §11 (Y = X when Y is empty), for mini-batches.
LossAndGradient data_step(const arma::mat& X, const arma::mat& Y, const arma::mat& A, const arma::mat& B, const ArmaWeights& w);

enum class Optimizer { gd, momentum, adam, sgd };
Optimizer parse_optimizer(const std::string& name);  // throws ParameterError("optimizer", …)
const char* optimizer_name(Optimizer o);             // "gd", "momentum", "adam", "sgd"

struct TrainConfig {
  LossKind kind = LossKind::ordered;
  Optimizer optimizer = Optimizer::gd;
  int p = 2;
  double lr = 0;              // 0: the safe default of default_learning_rate
  long iters = 200000;
  double tol = 1e-8;          // stop when relative gradient norm ≤ tol
  double momentum = 0.9;
  double beta2 = 0.999, adam_eps = 1e-8;
  long batch_size = 256;      // sgd
  double init_scale = 0.1;    // entries of A, B ~ N(0, (init_scale)²/n)
  std::uint64_t seed = 1;
  long log_every = 100;
  arma::mat initial_A, initial_B;  // empty: seeded random start
};

// Step for full-batch GD: 1/h_max with h_max = 4 w_1 λ_1, the largest Hessian
// eigenvalue at a balanced minimum (docs/lae-math.md §7.2/§7.4 with |c_k| = 1); GD is
// stable for η < 2/h_max, so this keeps a factor 2 in hand.
double default_learning_rate(LossKind kind, int p, double lambda1);
// sqrt(‖∇_A L‖_F² + ‖∇_B L‖_F²), without under- or overflow of the squares.
double gradient_norm(const LossAndGradient& g);
// ‖∇L‖_F / (w_1 ‖Σ_yx‖_F): invariant under scaling of the data.
double relative_gradient_norm(const LossAndGradient& g, const CovarianceData& c, const ArmaWeights& w);
// The same with ‖Σ_yx‖_F given (computed once per run by the trainer).
double relative_gradient_norm(const LossAndGradient& g, double syx_norm, const ArmaWeights& w);

struct TraceRow {
  long iteration;
  double loss, gradient_norm, relative_gradient_norm;
  arma::mat A, B;
};

struct TrainResult {
  arma::mat A, B, A0, B0;
  long iterations = 0;
  bool converged = false;
  double lr = 0;
  double relative_gradient_norm = 0;
  // Σ_t η²(‖∇_{a_k}‖² − ‖∇_{b_k}‖²) per unit (plain GD only: the exact drift of ‖a_k‖² − ‖b_k‖², LAE-9).
  arma::vec predicted_drift;
  // MSE only (plain GD): Σ_t η²(∇_Aᵀ∇_A − ∇_B∇_Bᵀ), the exact drift of the whole matrix AᵀA − BBᵀ
  // (the first-order terms cancel under the GL(p) invariance of the MSE, docs/lae-math.md, LAE-9).
  // Empty for the ordered loss, whose invariance is only the diagonal one.
  arma::mat predicted_drift_matrix;
};

// Throws std::runtime_error when the iteration diverges (non-finite or exploding
// loss): weights are then not returned, so nothing untrained can be written.
TrainResult train(const arma::mat& X, const arma::mat& Y, const CovarianceData& c, double lambda1, const TrainConfig& cfg,
                  const std::function<void(const TraceRow&)>& on_log);

}  // namespace ael::lae
