// aelandscape sparse train: SGD / full-batch gradient descent from a start at
// column distance d0 (spec P3, SC-18); per-epoch trace in double precision, or
// with --lr-grid one run per step size from the same seeded start.
#include "cli/cmd_sparse_common.hpp"
#include "cli/errors.hpp"
#include "sparse/train.hpp"

#include <cmath>
#include <iostream>
#include <sstream>

namespace ael::cli {

namespace {

struct TrainOptions {
  sparse::InstanceSpec spec;
  sparse::TrainSettings settings;
  OutputOptions output;
  std::string lr_grid;  // "spec" (the flag without a value) or a comma list
  CLI::Option* lr_grid_option = nullptr;
};

// A decimal string, or null for the non-finite values of a diverged run
// (its status says "non-finite"): JSON never holds "inf" or "nan".
Json finite_or_null(double x, int digits) { return std::isfinite(x) ? Json(to_decimal(x, digits)) : Json(nullptr); }

Json epoch_json(const sparse::EpochRecord& r) {
  Json j;
  j["epoch"] = r.epoch;
  j["max_dist"] = finite_or_null(r.max_distance, 6);
  j["mean_dist"] = finite_or_null(r.mean_distance, 6);
  j["frac_within_tol"] = to_decimal(r.fraction_within, 4);
  j["max_dist_alive"] = finite_or_null(r.max_distance_alive, 6);
  j["recovery_rate"] = to_decimal(r.recovery_rate, 6);
  j["loss"] = finite_or_null(r.loss, 8);
  j["grad_norm"] = finite_or_null(r.gradient_norm, 6);
  j["dead_units"] = r.dead_units;
  j["rows_at_other_columns"] = r.other_columns;
  return j;
}

std::vector<double> parse_grid(const std::string& text) {
  if (text.empty() || text == "spec") return sparse::spec_step_grid();
  std::vector<double> grid;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    const double lr = parse_option_value<double>(item, "--lr-grid");
    if (!(lr > 0)) throw std::invalid_argument("--lr-grid entry '" + item + "' must be > 0");
    grid.push_back(lr);
  }
  if (grid.empty()) throw std::invalid_argument("--lr-grid is empty");
  return grid;
}

Json grid_json(const sparse::Instance<double>& I, TrainOptions& o, const std::vector<double>& grid) {
  Json rows = Json::array();
  double largest = 0;
  for (double lr : grid) {
    o.settings.learning_rate = lr;
    std::cerr << "sparse train: lr " << lr << "\n";
    const sparse::TrainRun run = sparse::train_run(I.P, o.settings);
    Json row;
    row["lr"] = to_decimal(lr, 6);
    row["status"] = sparse::train_status_name(run.status);
    row["unstable_epoch"] = run.unstable_epoch;
    Json last = epoch_json(run.trace.back());
    last["initial_loss"] = finite_or_null(run.trace.front().loss, 8);
    row.update(last);
    rows.push_back(row);
    if (run.stable() && lr > largest) largest = lr;
  }
  Json doc;
  doc["grid"] = rows;
  doc["largest_stable_step"] = largest > 0 ? Json(to_decimal(largest, 6)) : Json("none");
  return doc;
}

void check_settings(const sparse::TrainSettings& s) {
  require_value(s.d0, s.d0 >= 0, "--d0", "a finite number >= 0");
  require_value(s.learning_rate, s.learning_rate > 0, "--lr", "a finite number > 0");
  require_value(s.blowup, s.blowup > 1, "--blowup", "a finite number > 1");
  require_value(s.tolerance, s.tolerance > 0, "--tolerance", "a finite number > 0");
  require_at_least(s.epochs, 1, "--epochs");
  require_at_least(s.steps_per_epoch, 1, "--steps");
  require_at_least(s.batch, 1, "--batch");
}

void run_train(TrainOptions o) {
  parse_format(o.output.format);
  check_output_paths({o.output.output});
  check_settings(o.settings);
  default_threshold(o.spec, "0.5");
  const bool grid_mode = o.lr_grid_option->count() > 0;
  const std::vector<double> grid = grid_mode ? parse_grid(o.lr_grid) : std::vector<double>{};
  o.spec.delta = "0";  // thresholds are placed in the window of W = A*' (spec P3)
  const auto I = sparse::build_instance<double>(o.spec);
  o.settings.seed = o.spec.seed;
  o.settings.progress = [&](int epoch) {
    if (epoch % 10 == 0 || epoch == o.settings.epochs) std::cerr << "sparse train: epoch " << epoch << "/" << o.settings.epochs << "\n";
  };
  Json doc;
  doc["command"] = "sparse train";
  doc["instance"] = I.describe(17);
  Json setup;
  setup["d0"] = to_decimal(o.settings.d0, 6);
  if (!grid_mode) setup["learning_rate"] = to_decimal(o.settings.learning_rate, 6);
  setup["mode"] = o.settings.full_batch ? "full-batch on one fixed sample set of --batch samples" : "minibatch SGD on fresh samples";
  setup["batch"] = o.settings.batch;
  setup["steps_per_epoch"] = o.settings.steps_per_epoch;
  setup["epochs"] = o.settings.epochs;
  setup["row_renormalisation"] = o.settings.renormalise;
  setup["tolerance"] = to_decimal(o.settings.tolerance, 6);
  setup["eps_position_at_delta_0"] = I.describe(8)["window"]["eps_position"];
  setup["stability"] = "unstable if a weight or loss is non-finite, an epoch's mean loss exceeds " +
                       to_decimal(o.settings.blowup, 6) + " x the initial loss, or the final loss is not below the initial loss";
  doc["setup"] = setup;
  if (grid_mode) {
    doc.update(grid_json(I, o, grid));
  } else {
    const auto trace = sparse::train(I.P, o.settings);
    Json rows = Json::array();
    for (const auto& r : trace) rows.push_back(epoch_json(r));
    doc["trace"] = rows;
    const auto& last = trace.back();
    doc["final"] = {{"max_dist", to_decimal(last.max_distance, 6)},
                    {"max_dist_alive", to_decimal(last.max_distance_alive, 6)},
                    {"dead_units", last.dead_units},
                    {"rows_at_other_columns", last.other_columns},
                    {"recovery_rate", to_decimal(last.recovery_rate, 6)}};
  }
  doc["meta"] = metadata("double", 17, o.spec.seed);
  refuse_non_finite(doc, "double arithmetic overflowed; lower --lr");
  emit(doc, o.output);
}
}  // namespace

void add_sparse_train(CLI::App& group) {
  auto o = std::make_shared<TrainOptions>();
  auto* cmd = group.add_subcommand("train", "gradient descent from a start at column distance d0: per-epoch trace, or a step-size grid (P3)");
  add_instance_options(*cmd, o->spec);
  drop_weight_options(*cmd);  // the start is drawn at distance --d0 from A*; thresholds sit in the window of W = A*'
  cmd->get_option("--eps-frac")->description("threshold at lo + t (hi - lo) of the recovery window of W = A*' (default 0.5 without --eps)");
  o->output.add_to(*cmd, false);
  cmd->add_option("--d0", o->settings.d0, "initial column distance d0 (W_i = A*_i + d0 u_i)");
  cmd->add_option("--lr", o->settings.learning_rate, "step size");
  o->lr_grid_option = cmd->add_option("--lr-grid", o->lr_grid,
                                      "run each step size of a comma list from the same start and report the largest stable one; "
                                      "without a value: the spec grid 1e-3,3e-3,1e-2,3e-2,1e-1")
                          ->expected(0, 1);
  cmd->add_option("--blowup", o->settings.blowup, "instability: an epoch's mean loss above this factor x the initial loss (default 10)");
  cmd->add_option("--epochs", o->settings.epochs, "epochs");
  cmd->add_option("--steps", o->settings.steps_per_epoch, "steps per epoch");
  cmd->add_option("--batch", o->settings.batch, "samples per step (full batch: size of the fixed set)");
  cmd->add_flag("--full-batch", o->settings.full_batch, "full-batch gradient descent on one fixed sample set");
  cmd->add_flag("--renormalise-rows", o->settings.renormalise, "rows of W at unit norm (the start and after each step)");
  cmd->add_option("--tolerance", o->settings.tolerance, "a row counts as recovered within this distance");
  cmd->callback([o] { run_train(*o); });
}

}  // namespace ael::cli
