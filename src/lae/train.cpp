#include "lae/train.hpp"

#include "core/errors.hpp"
#include "core/rng.hpp"

#include <cmath>
#include <stdexcept>

namespace ael::lae {

CovarianceData covariance_data(const arma::mat& X, const arma::mat& Y) {
  CovarianceData c;
  c.Sxx = X * X.t();
  c.Syx = Y.is_empty() ? c.Sxx : arma::mat(Y * X.t());
  c.trSyy = Y.is_empty() ? arma::trace(c.Sxx) : arma::accu(arma::square(Y));
  c.autoencoder = Y.is_empty();
  return c;
}

ArmaWeights arma_weights(LossKind kind, int p) {
  const LossWeights<double> lw = loss_weights<double>(kind, p);
  return {arma::mat(lw.S.data(), p, p), arma::vec(lw.w.data(), p), double(lw.terms)};
}

void covariance_step(const CovarianceData& c, const arma::mat& A, const arma::mat& B, const ArmaWeights& w,
                     StepWorkspace& ws, LossAndGradient& out) {
  // Every matrix below is assigned into an existing buffer of the same shape
  // (Armadillo's products write straight into a non-aliased destination), so
  // from the second call on with the same workspace nothing is allocated but
  // p×p temporaries. The arithmetic is that of the plain expressions
  //   loss = t·tr Σ_yy − 2 wᵀ rowsum(V_t ∘ Aᵀ) + Σ S∘Gₐ∘G,
  //   dA = 2A(G∘S) − 2(diag(w)V_t)ᵀ,  dB = 2(Gₐ∘S)P − 2 diag(w)F,
  // operation for operation, so the result is bit-identical to them.
  const arma::uword p = A.n_cols, n = A.n_rows;
  if (c.autoencoder) {
    // One dgemm for both pn² products: [B; Aᵀ] Σ_xx (Σ_yx = Σ_xx is symmetric, so V_t = P).
    ws.J.set_size(2 * p, n);
    ws.J.rows(0, p - 1) = B;
    ws.J.rows(p, 2 * p - 1) = A.t();
    ws.PF = ws.J * c.Sxx;
    ws.P = ws.PF.rows(0, p - 1);
    ws.F = ws.PF.rows(p, 2 * p - 1);
  } else {
    ws.P = B * c.Sxx;
    ws.F = A.t() * c.Syx;
    ws.Vt = B * c.Syx.t();
  }
  const arma::mat& V_t = c.autoencoder ? ws.P : ws.Vt;
  ws.G = ws.P * B.t();  // p²n
  ws.Ga = A.t() * A;    // p²n
  // rowsum(V_t ∘ Aᵀ), column by column as Armadillo's sum(·, 1) adds.
  ws.s.zeros(p);
  for (arma::uword i = 0; i < n; ++i)
    for (arma::uword k = 0; k < p; ++k) ws.s(k) += V_t(k, i) * A(i, k);
  out.loss = w.terms * c.trSyy - 2 * arma::dot(w.w, ws.s) + arma::accu(w.S % ws.Ga % ws.G);
  out.dA = 2 * A * (ws.G % w.S);
  for (arma::uword k = 0; k < p; ++k)
    for (arma::uword i = 0; i < n; ++i) out.dA(i, k) -= 2 * (w.w(k) * V_t(k, i));
  out.dB = 2 * (ws.Ga % w.S) * ws.P;
  for (arma::uword i = 0; i < n; ++i)
    for (arma::uword k = 0; k < p; ++k) out.dB(k, i) -= 2 * (w.w(k) * ws.F(k, i));
}

LossAndGradient covariance_step(const CovarianceData& c, const arma::mat& A, const arma::mat& B, const ArmaWeights& w) {
  StepWorkspace ws;
  LossAndGradient r;
  covariance_step(c, A, B, w, ws, r);
  return r;
}

LossAndGradient data_step(const arma::mat& X, const arma::mat& Y_in, const arma::mat& A, const arma::mat& B, const ArmaWeights& w) {
  const arma::mat& Y = Y_in.is_empty() ? X : Y_in;
  const arma::mat Z = B * X;        // pnm
  const arma::mat G = Z * Z.t();    // p²m
  const arma::mat F = A.t() * Y;    // pnm
  const arma::mat V = Y * Z.t();    // pnm
  const arma::mat Ga = A.t() * A;
  LossAndGradient r;
  r.loss = w.terms * arma::accu(arma::square(Y)) - 2 * arma::accu(arma::diagmat(w.w) * F % Z) + arma::accu(w.S % Ga % G);
  r.dA = 2 * A * (G % w.S) - 2 * V * arma::diagmat(w.w);
  r.dB = (2 * (Ga % w.S) * Z - 2 * arma::diagmat(w.w) * F) * X.t();  // pnm
  return r;
}

Optimizer parse_optimizer(const std::string& name) {
  if (name == "gd") return Optimizer::gd;
  if (name == "momentum") return Optimizer::momentum;
  if (name == "adam") return Optimizer::adam;
  if (name == "sgd") return Optimizer::sgd;
  throw ParameterError("optimizer", "unknown @optimizer '" + name + "' (gd, momentum, adam, sgd)");
}

const char* optimizer_name(Optimizer o) {
  switch (o) {
    case Optimizer::gd: return "gd";
    case Optimizer::momentum: return "momentum";
    case Optimizer::adam: return "adam";
    case Optimizer::sgd: return "sgd";
  }
  return "?";
}

double default_learning_rate(LossKind kind, int p, double lambda1) {
  const double w1 = kind == LossKind::ordered ? p : 1;
  return 1.0 / (4 * w1 * lambda1);
}

double gradient_norm(const LossAndGradient& g) {
  // arma::norm rescales when the plain sum of squares under- or overflows; a bare
  // accu(square(·)) underflows to 0 for data of scale 1e-200 and fakes convergence.
  return std::hypot(arma::norm(g.dA, "fro"), arma::norm(g.dB, "fro"));
}

double relative_gradient_norm(const LossAndGradient& g, const CovarianceData& c, const ArmaWeights& w) {
  return relative_gradient_norm(g, arma::norm(c.Syx, "fro"), w);
}

double relative_gradient_norm(const LossAndGradient& g, double syx_norm, const ArmaWeights& w) {
  return gradient_norm(g) / (w.w(0) * syx_norm);
}

namespace {
arma::mat gaussian(int rows, int cols, double scale, Rng& rng) {
  arma::mat M(rows, cols);
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i) M(i, j) = scale * rng.gaussian();
  return M;
}

struct Adam {
  arma::mat m, v;
  long t = 0;
  // W += −lr m̂ / (√v̂ + ε), element-wise in place (no n×p temporaries).
  void step(arma::mat& W, const arma::mat& g, const TrainConfig& cfg, double lr) {
    if (m.is_empty()) m.zeros(g.n_rows, g.n_cols), v.zeros(g.n_rows, g.n_cols);
    ++t;
    m = cfg.momentum * m + (1 - cfg.momentum) * g;
    v = cfg.beta2 * v + (1 - cfg.beta2) * arma::square(g);
    const double c1 = 1 - std::pow(cfg.momentum, t), c2 = 1 - std::pow(cfg.beta2, t);
    W += -lr * (m / c1) / (arma::sqrt(v / c2) + cfg.adam_eps);
  }
};

bool finite(const LossAndGradient& g) { return std::isfinite(g.loss) && g.dA.is_finite() && g.dB.is_finite(); }
}  // namespace

TrainResult train(const arma::mat& X, const arma::mat& Y, const CovarianceData& c, double lambda1, const TrainConfig& cfg,
                  const std::function<void(const TraceRow&)>& on_log) {
  const int n = static_cast<int>(X.n_rows), p = cfg.p;
  const long m = static_cast<long>(X.n_cols);
  const ArmaWeights w = arma_weights(cfg.kind, p);
  Rng rng(cfg.seed);
  TrainResult r;
  r.A = gaussian(n, p, cfg.init_scale / std::sqrt(double(n)), rng);
  r.B = gaussian(p, n, cfg.init_scale / std::sqrt(double(n)), rng);
  if (!cfg.initial_A.is_empty()) {
    if (cfg.initial_A.n_rows != r.A.n_rows || cfg.initial_A.n_cols != r.A.n_cols || cfg.initial_B.n_rows != r.B.n_rows ||
        cfg.initial_B.n_cols != r.B.n_cols)
      throw std::invalid_argument("initial weights have the wrong shape (decoder n x p, encoder p x n)");
    r.A = cfg.initial_A, r.B = cfg.initial_B;
  }
  r.A0 = r.A, r.B0 = r.B;
  r.lr = cfg.lr > 0 ? cfg.lr : default_learning_rate(cfg.kind, p, lambda1);
  if (cfg.optimizer == Optimizer::adam && cfg.lr <= 0) r.lr = 1e-3;  // Adam's step is scale-free
  r.predicted_drift.zeros(p);
  const bool drift_matrix = cfg.optimizer == Optimizer::gd && cfg.kind == LossKind::mse;
  if (drift_matrix) r.predicted_drift_matrix.zeros(p, p);
  const double blow_up = 1e6 * (w.terms * c.trSyy + 1);
  arma::mat vA(n, p, arma::fill::zeros), vB(p, n, arma::fill::zeros);
  Adam adamA, adamB;
  std::vector<int> order;
  long cursor = m;
  const double syx_norm = arma::norm(c.Syx, "fro");
  StepWorkspace ws;           // reused: a step allocates no n×p or n×n buffer
  LossAndGradient full, batch;
  for (long it = 0;; ++it) {
    covariance_step(c, r.A, r.B, w, ws, full);
    if (!finite(full) || full.loss > blow_up || !r.A.is_finite() || !r.B.is_finite())
      throw std::runtime_error("training diverged at iteration " + std::to_string(it) + " (learning rate " +
                               std::to_string(r.lr) + " too large? the safe default is " +
                               std::to_string(default_learning_rate(cfg.kind, p, lambda1)) + ")");
    r.relative_gradient_norm = relative_gradient_norm(full, syx_norm, w);
    r.iterations = it;
    r.converged = r.relative_gradient_norm <= cfg.tol;
    const bool last = r.converged || it >= cfg.iters;
    if (on_log && (it % cfg.log_every == 0 || last))
      on_log({it, full.loss, gradient_norm(full),
              r.relative_gradient_norm, r.A, r.B});
    if (last) break;
    const LossAndGradient& g = cfg.optimizer == Optimizer::sgd ? batch : full;
    if (cfg.optimizer == Optimizer::sgd) {
      // Mini-batch in data form, rescaled to an unbiased estimate of the full gradient.
      if (cursor + cfg.batch_size > m) order = rng.permutation(static_cast<int>(m)), cursor = 0;
      const long b = std::min(cfg.batch_size, m);
      arma::uvec idx(b);
      for (long i = 0; i < b; ++i) idx(i) = order[cursor + i];
      cursor += b;
      batch = data_step(X.cols(idx), Y.is_empty() ? arma::mat() : arma::mat(Y.cols(idx)), r.A, r.B, w);
      batch.dA *= double(m) / b;
      batch.dB *= double(m) / b;
    }
    switch (cfg.optimizer) {
      case Optimizer::gd:
      case Optimizer::sgd:
        if (cfg.optimizer == Optimizer::gd)
          r.predicted_drift += r.lr * r.lr * (arma::sum(arma::square(g.dA), 0).t() - arma::sum(arma::square(g.dB), 1));
        if (drift_matrix) r.predicted_drift_matrix += r.lr * r.lr * (g.dA.t() * g.dA - g.dB * g.dB.t());
        r.A -= r.lr * g.dA;
        r.B -= r.lr * g.dB;
        break;
      case Optimizer::momentum:
        vA = cfg.momentum * vA - r.lr * g.dA;
        vB = cfg.momentum * vB - r.lr * g.dB;
        r.A += vA;
        r.B += vB;
        break;
      case Optimizer::adam:
        adamA.step(r.A, g.dA, cfg, r.lr);
        adamB.step(r.B, g.dB, cfg, r.lr);
        break;
    }
  }
  return r;
}

}  // namespace ael::lae
