// aelandscape sparse train: SGD / full-batch gradient descent from a start at
// column distance d0 (docs/sparse.md §4, SC-18); per-epoch trace in double precision, or
// with --lr-grid one run per step size from the same seeded start.
#include "cli/cmd_sparse_common.hpp"
#include "cli/errors.hpp"
#include "cli/runner.hpp"
#include "sparse/train.hpp"

#include <cmath>
#include <iostream>
#include <limits>
#include <sstream>

namespace ael::cli {

namespace {

struct TrainOptions {
  sparse::InstanceSpec spec;
  sparse::TrainSettings settings;
  OutputOptions output;
  std::vector<double> lr_grid;  // --lr-grid's values (see train_document for the flag without a value)
  const CLI::Option* lr_grid_option = nullptr;
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

Json grid_json(const sparse::Instance<double>& I, sparse::TrainSettings settings, const std::vector<double>& grid) {
  Json rows = Json::array();
  double largest = 0;
  for (double lr : grid) {
    settings.learning_rate = lr;
    std::cerr << "sparse train: lr " << lr << "\n";
    const sparse::TrainRun run = sparse::train_run(I.P, settings);
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

Json train_document(const TrainOptions& o) {
  sparse::InstanceSpec spec = o.spec;
  default_threshold(spec, "0.5");
  const bool grid_mode = o.lr_grid_option->count() > 0;
  // The flag without a value leaves one empty item, which CLI11 converts to 0 (its validator refuses
  // every typed value <= 0): then the default grid.
  const bool default_grid = o.lr_grid.empty() || o.lr_grid == std::vector<double>{0};
  const std::vector<double> grid = !grid_mode ? std::vector<double>{} : default_grid ? sparse::spec_step_grid() : o.lr_grid;
  spec.delta = "0";  // thresholds are placed in the window of W = A*' (docs/sparse.md)
  const auto I = sparse::build_instance<double>(spec);
  sparse::TrainSettings settings = o.settings;
  settings.seed = spec.seed;
  settings.progress = [&settings](int epoch) {
    if (epoch % 10 == 0 || epoch == settings.epochs) std::cerr << "sparse train: epoch " << epoch << "/" << settings.epochs << "\n";
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
    doc.update(grid_json(I, settings, grid));
  } else {
    const auto trace = sparse::train(I.P, settings);
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
  return doc;
}
}  // namespace

void add_sparse_train(CLI::App& group) {
  constexpr int kMax = std::numeric_limits<int>::max();
  const Interval positive{"0", "", true, false};
  Command<TrainOptions> c{
      "train", "gradient descent from a start at column distance d0: per-epoch trace, or a step-size grid (P3)",
      Arithmetic::double_precision,
      [positive](CLI::App& cmd, TrainOptions& o) {
        add_instance_options(cmd, o.spec);
        refuse_sparse_certify(cmd, "gradient descent on sampled data has no certified route");
        drop_weight_options(cmd);  // the start is drawn at distance --d0 from A*; thresholds sit in the window of W = A*'
        cmd.get_option("--eps-frac")->description("threshold at lo + t (hi - lo) of the recovery window of W = A*' (default 0.5 without --eps)");
        cmd.add_option("--d0", o.settings.d0, "initial column distance d0 (W_i = A*_i + d0 u_i)")
            ->check(number_in({"0", "", false, false}))
            ->capture_default_str();
        cmd.add_option("--lr", o.settings.learning_rate, "step size")->check(number_in(positive))->capture_default_str();
        o.lr_grid_option = cmd.add_option("--lr-grid", o.lr_grid,
                                          "run each step size of a comma list from the same start and report the largest stable one; "
                                          "without a value: the grid 1e-3,3e-3,1e-2,3e-2,1e-1")
                               ->expected(0, CLI::detail::expected_max_vector_size)
                               ->delimiter(',')
                               ->check(number_in(positive));
        cmd.add_option("--blowup", o.settings.blowup, "instability: an epoch's mean loss above this factor x the initial loss")
            ->check(number_in({"1", "", true, false}))
            ->capture_default_str();
        cmd.add_option("--epochs", o.settings.epochs, "epochs")->check(integer_in(1, kMax))->capture_default_str();
        cmd.add_option("--steps", o.settings.steps_per_epoch, "steps per epoch")->check(integer_in(1, kMax))->capture_default_str();
        cmd.add_option("--batch", o.settings.batch, "samples per step (full batch: size of the fixed set)")
            ->check(integer_in(1, kMax))
            ->capture_default_str();
        cmd.add_flag("--full-batch", o.settings.full_batch, "full-batch gradient descent on one fixed sample set");
        cmd.add_flag("--renormalise-rows", o.settings.renormalise, "rows of W at unit norm (the start and after each step)");
        cmd.add_option("--tolerance", o.settings.tolerance, "a row counts as recovered within this distance")
            ->check(number_in(positive))
            ->capture_default_str();
      },
      train_document,
      [](const TrainOptions& o) { return std::optional<std::uint64_t>(o.spec.seed); }};
  c.finite_hint = "double arithmetic overflowed; lower --lr";
  add_command(group, c);
}

}  // namespace ael::cli
