// aelandscape lae train: double-precision training, scored against the exact landscape.
#include "cli/commands.hpp"
#include "cli/refuse_certify.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "core/atomic_write.hpp"
#include "cli/lae_common.hpp"
#include "cli/runner.hpp"
#include "core/io.hpp"
#include "lae/diagnostics.hpp"
#include "lae/optimal_loss.hpp"
#include "lae/train.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <cmath>
#include <iostream>
#include <sstream>

namespace ael::cli {

namespace {
struct TrainOptions {
  DataOptions data;
  OutputOptions output;
  lae::TrainConfig cfg;
  std::string loss = "ordered", log, save_decoder, save_encoder;
  const CLI::Option *momentum = nullptr, *batch_size = nullptr;  // given on the command line?
};

// Ranges are checked by the option parser; here: options that the chosen optimizer ignores are refused.
void validate(const TrainOptions& o) {
  const auto& c = o.cfg;
  const std::string got = std::string(" (got --optimizer ") + lae::optimizer_name(c.optimizer) + ")";
  if (o.momentum->count() > 0 && c.optimizer != lae::Optimizer::momentum && c.optimizer != lae::Optimizer::adam)
    throw std::invalid_argument("--momentum is used only by --optimizer momentum or adam" + got);
  if (o.batch_size->count() > 0 && c.optimizer != lae::Optimizer::sgd)
    throw std::invalid_argument("--batch-size is used only by --optimizer sgd" + got);
}

arma::mat to_arma_columns(const Mat<double>& rows) {  // m × n Eigen → n × m Armadillo
  return arma::mat(const_cast<double*>(rows.data()), rows.rows(), rows.cols(), false, true).t();
}
Mat<double> to_eigen(const arma::mat& M) { return Eigen::Map<const Mat<double>>(M.memptr(), M.n_rows, M.n_cols); }

const char* const kFiniteHint = "; rescale the data";

std::string num(double x, int digits = 10) { return to_decimal(x, digits); }

// Loss without cancellation (docs/lae-math.md §11 backward sweep; MSE: one residual).
double final_loss(const arma::mat& X, const arma::mat& Y_in, const arma::mat& A, const arma::mat& B, lae::LossKind kind) {
  const arma::mat& Y = Y_in.is_empty() ? X : Y_in;
  const arma::mat Z = B * X;
  arma::mat E = A * Z - Y;
  double L = arma::accu(arma::square(E));
  if (kind == lae::LossKind::ordered)
    for (arma::uword k = A.n_cols - 1; k >= 1; --k) {
      E -= A.col(k) * Z.row(k);
      L += arma::accu(arma::square(E));
    }
  return L;
}

// With --loss both, "A.csv" becomes "A.ordered.csv" and "A.mse.csv".
std::string weights_path(const TrainOptions& o, const std::string& path, lae::LossKind kind) {
  if (o.loss != "both") return path;
  const std::string name = lae::loss_name(kind);
  const auto dot = path.find_last_of('.'), slash = path.find_last_of('/');
  const bool has_ext = dot != std::string::npos && (slash == std::string::npos || dot > slash);
  return has_ext ? path.substr(0, dot) + "." + name + path.substr(dot) : path + "." + name;
}

struct PendingWeights {
  std::string option, path;
  Mat<double> M;
};

std::string weights_bytes(const std::string& path, const Mat<double>& M) {
  return path.size() > 4 && path.substr(path.size() - 4) == ".npy" ? npy_bytes<double>(path, M) : csv_bytes<double>(path, M, 17);
}

Json train_one(const TrainOptions& o, lae::LossKind kind, const arma::mat& X, const arma::mat& Y, const lae::CovarianceData& c,
               const lae::EigenData<double>& e, std::ostream* trace, std::vector<PendingWeights>& pending) {
  lae::TrainConfig cfg = o.cfg;
  cfg.kind = kind;
  cfg.seed = o.data.seed;  // one --seed: the synthetic data and the initialisation
  const int p = cfg.p;
  const std::string name = lae::loss_name(kind);
  auto last_progress = std::chrono::steady_clock::now();
  auto log_row = [&](const lae::TraceRow& row) {
    const Mat<double> A = to_eigen(row.A);
    const Vec<double> cosines = lae::column_cosines<double>(A, e.U);
    if (trace)
      *trace << name << "," << row.iteration << "," << num(row.loss, 17) << "," << num(row.gradient_norm, 6) << ","
             << num(row.relative_gradient_norm, 6) << "," << num(cosines.minCoeff(), 8) << ","
             << num(lae::subspace_distance<double>(A, e.U), 6) << "," << num(lae::offdiag_ratio<double>(A), 6) << "\n";
    const auto now = std::chrono::steady_clock::now();
    if (now - last_progress > std::chrono::milliseconds(500)) {
      last_progress = now;
      std::cerr << "\r" << name << " iter " << row.iteration << "  rel.grad " << num(row.relative_gradient_norm, 3)
                << "      " << std::flush;
    }
  };
  const lae::TrainResult r = lae::train(X, Y, c, e.lambda(0), cfg, log_row);
  std::cerr << "\n";
  const Mat<double> A = to_eigen(r.A), B = to_eigen(r.B);
  const double L = final_loss(X, Y, r.A, r.B, kind), Lstar = lae::optimal_loss(e.lambda, c.trSyy, c.autoencoder, kind, p);
  Json j;
  j["loss_kind"] = name;
  j["optimizer"] = lae::optimizer_name(o.cfg.optimizer);
  j["learning_rate"] = num(r.lr);
  j["learning_rate_default"] = num(lae::default_learning_rate(kind, p, e.lambda(0)));
  j["iterations"] = r.iterations;
  j["converged"] = r.converged;
  j["relative_gradient_norm"] = num(r.relative_gradient_norm, 6);
  j["final_loss"] = num(L, 15);
  j["optimal_loss"] = num(Lstar, 15);
  j["relative_gap"] = Lstar > 0 ? Json(num((L - Lstar) / Lstar, 6)) : Json(nullptr);
  Json cos = Json::array();
  const Vec<double> cosines = lae::column_cosines<double>(A, e.U);
  for (int k = 0; k < p; ++k) cos.push_back(num(cosines(k), 12));
  j["abs_cos_columns_vs_eigenvectors"] = cos;
  j["subspace_distance"] = num(lae::subspace_distance<double>(A, e.U), 6);
  j["offdiag_ratio_AtA"] = num(lae::offdiag_ratio<double>(A), 6);
  // Conserved quantities (docs/lae-math.md §3): Q = AᵀA − BBᵀ.
  const arma::mat Q0 = r.A0.t() * r.A0 - r.B0 * r.B0.t(), Q1 = r.A.t() * r.A - r.B * r.B.t();
  const arma::vec drift = Q1.diag() - Q0.diag();
  j["conserved_diag_drift_max"] = num(arma::abs(drift).max(), 6);
  if (kind == lae::LossKind::mse) j["conserved_Q_drift_fro"] = num(arma::norm(Q1 - Q0, "fro"), 6);
  if (o.cfg.optimizer == lae::Optimizer::gd) {
    // Σ η²(…) overflows when η is huge (data of scale 1e-200): then it is not reported.
    const double unexplained = arma::abs(drift - r.predicted_drift).max();
    j["conserved_diag_drift_unexplained"] = std::isfinite(unexplained) ? Json(num(unexplained, 6)) : Json(nullptr);
  }
  if (kind == lae::LossKind::ordered && c.autoencoder) {
    // Gradient-flow limit d_k² = (δ_k + √(δ_k² + 4))/2 with δ_k the (drifted) conserved value (LAE-10).
    Json pred = Json::array(), got = Json::array();
    for (int k = 0; k < p; ++k) {
      const double delta = Q1(k, k);
      pred.push_back(num((delta + std::sqrt(delta * delta + 4)) / 2, 10));
      got.push_back(num(arma::dot(r.A.col(k), r.A.col(k)), 10));
    }
    j["column_norms_squared"] = got;
    j["column_norms_squared_predicted"] = pred;
  }
  // Weight files are written only after every loss has trained (nothing half-written).
  if (!o.save_decoder.empty()) pending.push_back({"--save-decoder", weights_path(o, o.save_decoder, kind), A});
  if (!o.save_encoder.empty()) pending.push_back({"--save-encoder", weights_path(o, o.save_encoder, kind), B});
  return j;
}

Json train_document(const TrainOptions& o) {
  validate(o);
  for (auto kind : {lae::LossKind::ordered, lae::LossKind::mse})
    if (o.loss == "both" || o.loss == lae::loss_name(kind)) {
      check_output_path("--save-decoder", o.save_decoder.empty() ? "" : weights_path(o, o.save_decoder, kind));
      check_output_path("--save-encoder", o.save_encoder.empty() ? "" : weights_path(o, o.save_encoder, kind));
    }
  check_output_path("--log", o.log);
  const LaeData<double> data = load_lae_data<double>(o.data, false);
  const int n = static_cast<int>(data.X_rows.cols());
  if (o.cfg.p < 1 || o.cfg.p > n) throw std::invalid_argument("p = " + std::to_string(o.cfg.p) + " must satisfy 1 <= p <= n = " + std::to_string(n));
  const arma::mat X = to_arma_columns(data.X_rows);
  const arma::mat Y = data.Y_rows.size() ? to_arma_columns(data.Y_rows) : arma::mat();
  std::cerr << "forming covariances (n = " << n << ", m = " << X.n_cols << ")\n";
  const lae::CovarianceData c = lae::covariance_data(X, Y);
  // Double-precision training needs the moments and the loss (≈ p·tr Σ_yy, and 10^6 times it
  // as the divergence threshold) to be representable; the landscape is scale-equivariant, so
  // such data are refused with a hint instead of trained to a wrong or non-finite answer.
  const double safe_top = std::numeric_limits<double>::max() / (1e7 * o.cfg.p);
  if (!c.Sxx.is_finite() || !c.Syx.is_finite() || !std::isfinite(c.trSyy) || c.trSyy > safe_top || c.trSyy < 1e-250)
    throw std::invalid_argument("the data's scale (tr Sigma_yy = " + num(c.trSyy, 3) +
                                ") is outside what double-precision training can represent; rescale the data");
  lae::Moments<double> m{to_eigen(c.Sxx), to_eigen(c.Syx), c.trSyy, c.autoencoder};
  const auto e = lae::eigen_data<double>(m, o.cfg.p + 1);
  // The trace is kept in memory and written whole at the end (an interrupted run leaves no partial trace).
  std::ostringstream trace;
  if (!o.log.empty())
    trace << "loss_kind,iteration,loss,gradient_norm,relative_gradient_norm,min_abs_cos,subspace_distance,offdiag_ratio\n";
  std::vector<PendingWeights> pending;
  Json doc;
  doc["command"] = "lae train";
  doc["data"] = data.description;
  doc["p"] = o.cfg.p;
  doc["seed"] = std::to_string(o.data.seed);
  for (auto kind : {lae::LossKind::ordered, lae::LossKind::mse})
    if (o.loss == "both" || o.loss == lae::loss_name(kind))
      doc[lae::loss_name(kind)] = train_one(o, kind, X, Y, c, e, o.log.empty() ? nullptr : &trace, pending);
  require_finite_results(doc, kFiniteHint);  // before any weight file is written (the runner checks again)
  std::vector<std::pair<std::string, std::string>> bytes;  // encode everything before writing anything
  for (const auto& w : pending) bytes.emplace_back(w.path, weights_bytes(w.path, w.M));
  for (size_t i = 0; i < pending.size(); ++i) write_output_file(pending[i].option, bytes[i].first, bytes[i].second);
  if (!o.log.empty()) write_output_file("--log", o.log, trace.str());
  return doc;
}
}  // namespace

void add_lae_train(CLI::App& lae) {
  constexpr long kMaxLong = std::numeric_limits<long>::max();
  const Interval positive{"0", "", true, false};
  Command<TrainOptions> c{
      "train", "train a linear autoencoder in double precision and score it against the exact landscape",
      Arithmetic::double_precision,
      [positive](CLI::App& cmd, TrainOptions& o) {
        o.data.add_to(cmd);
        cmd.add_option("--p", o.cfg.p, "hidden units (at most n)")->check(integer_in(1, kMaxDimension))->capture_default_str();
        cmd.add_option("--loss", o.loss, "both: same initialisation, side by side")
            ->check(CLI::IsMember({"ordered", "mse", "both"}))
            ->capture_default_str();
        add_enum_option(cmd, "--optimizer", o.cfg.optimizer,
                        {lae::Optimizer::gd, lae::Optimizer::momentum, lae::Optimizer::adam, lae::Optimizer::sgd}, lae::optimizer_name,
                        "gd: full batch, covariance form; momentum: heavy ball; adam; sgd: mini-batch, data form");
        cmd.add_option("--lr", o.cfg.lr, "learning rate (default: 1/(4 w_1 lambda_1), half the GD stability limit at a balanced minimum; Adam: 1e-3)")
            ->check(number_in(positive));
        cmd.add_option("--iters", o.cfg.iters, "maximum iterations")->check(integer_in(0, kMaxLong))->capture_default_str();
        cmd.add_option("--tol", o.cfg.tol, "stop when ||grad L||_F / (w_1 ||Sigma_yx||_F) <= tol")
            ->check(number_in({"0", "", false, false}))
            ->capture_default_str();
        o.momentum = cmd.add_option("--momentum", o.cfg.momentum, "momentum (and Adam's beta1); only with --optimizer momentum or adam")
                         ->check(number_in({"0", "1", false, true}))
                         ->capture_default_str();
        o.batch_size = cmd.add_option("--batch-size", o.cfg.batch_size, "sgd mini-batch size; only with --optimizer sgd")
                           ->check(integer_in(1, kMaxLong))
                           ->capture_default_str();
        cmd.add_option("--init-scale", o.cfg.init_scale, "initial weights ~ N(0, s^2/n)")->check(number_in(positive))->capture_default_str();
        auto* log = cmd.add_option("--log", o.log, "trace CSV file (written whole at the end)");
        cmd.add_option("--log-every", o.cfg.log_every, "trace every k iterations")
            ->check(integer_in(1, kMaxLong))
            ->capture_default_str()
            ->needs(log);
        cmd.add_option("--save-decoder", o.save_decoder, "write A (n x p) as .csv or .npy");
        cmd.add_option("--save-encoder", o.save_encoder, "write B (p x n) as .csv or .npy");
        refuse_certify(cmd, "lae train --certify: a double-precision run has no certified route; certify the trained "
                            "weights with `lae inspect --certify`");
      },
      train_document,
      [](const TrainOptions& o) { return std::optional<std::uint64_t>(o.data.seed); }};
  c.finite_hint = "rescale the data";
  add_command(lae, c);
}

}  // namespace ael::cli
