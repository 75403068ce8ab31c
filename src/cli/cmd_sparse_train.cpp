// aelandscape sparse train: SGD / full-batch gradient descent from a start at
// column distance d0 (spec P3, SC-18); per-epoch trace in double precision.
#include "cli/cmd_sparse_common.hpp"
#include "sparse/train.hpp"

#include <iostream>

namespace ael::cli {

namespace {

struct TrainOptions {
  sparse::InstanceSpec spec;
  sparse::TrainSettings settings;
  OutputOptions output;
};

Json epoch_json(const sparse::EpochRecord& r) {
  Json j;
  j["epoch"] = r.epoch;
  j["max_dist"] = to_decimal(r.max_distance, 6);
  j["mean_dist"] = to_decimal(r.mean_distance, 6);
  j["frac_within_tol"] = to_decimal(r.fraction_within, 4);
  j["max_dist_alive"] = r.epoch == 0 ? Json("") : Json(to_decimal(r.max_distance_alive, 6));
  j["recovery_rate"] = r.epoch == 0 ? Json("") : Json(to_decimal(r.recovery_rate, 6));
  j["loss"] = r.epoch == 0 ? Json("") : Json(to_decimal(r.loss, 8));
  j["grad_norm"] = r.epoch == 0 ? Json("") : Json(to_decimal(r.gradient_norm, 6));
  j["dead_units"] = r.dead_units;
  return j;
}

void run_train(TrainOptions o) {
  parse_format(o.output.format);
  o.spec.delta = "0";  // thresholds are placed in the window of W = A*' (spec P3)
  const auto I = sparse::build_instance<double>(o.spec);
  o.settings.seed = o.spec.seed;
  o.settings.progress = [&](int epoch) {
    if (epoch % 10 == 0 || epoch == o.settings.epochs) std::cerr << "sparse train: epoch " << epoch << "/" << o.settings.epochs << "\n";
  };
  const auto trace = sparse::train(I.P, o.settings);
  Json doc;
  doc["command"] = "sparse train";
  doc["instance"] = I.describe(17);
  Json setup;
  setup["d0"] = to_decimal(o.settings.d0, 6);
  setup["learning_rate"] = to_decimal(o.settings.learning_rate, 6);
  setup["mode"] = o.settings.full_batch ? "full-batch on one fixed sample set of --batch samples" : "minibatch SGD on fresh samples";
  setup["batch"] = o.settings.batch;
  setup["steps_per_epoch"] = o.settings.steps_per_epoch;
  setup["row_renormalisation"] = o.settings.renormalise;
  setup["tolerance"] = to_decimal(o.settings.tolerance, 6);
  setup["eps_position_at_delta_0"] = I.describe(8)["window"]["eps_position"];
  doc["setup"] = setup;
  Json rows = Json::array();
  for (const auto& r : trace) rows.push_back(epoch_json(r));
  doc["trace"] = rows;
  const auto& last = trace.back();
  doc["final"] = {{"max_dist", to_decimal(last.max_distance, 6)},
                  {"max_dist_alive", to_decimal(last.max_distance_alive, 6)},
                  {"dead_units", last.dead_units},
                  {"recovery_rate", to_decimal(last.recovery_rate, 6)}};
  doc["meta"] = sparse_metadata("double", 17, o.spec.seed);
  emit(doc, o.output);
}
}  // namespace

void add_sparse_train(CLI::App& group) {
  auto o = std::make_shared<TrainOptions>();
  o->spec.eps_frac = "0.5";
  auto* cmd = group.add_subcommand("train", "gradient descent from a start at column distance d0: per-epoch trace (P3)");
  add_instance_options(*cmd, o->spec);
  o->output.add_to(*cmd, false);
  cmd->add_option("--d0", o->settings.d0, "initial column distance d0 (W_i = A*_i + d0 u_i)");
  cmd->add_option("--lr", o->settings.learning_rate, "step size");
  cmd->add_option("--epochs", o->settings.epochs, "epochs");
  cmd->add_option("--steps", o->settings.steps_per_epoch, "steps per epoch");
  cmd->add_option("--batch", o->settings.batch, "samples per step (full batch: size of the fixed set)");
  cmd->add_flag("--full-batch", o->settings.full_batch, "full-batch gradient descent on one fixed sample set");
  cmd->add_flag("--renormalise-rows", o->settings.renormalise, "renormalise rows of W to unit norm after each step");
  cmd->add_option("--tolerance", o->settings.tolerance, "a row counts as recovered within this distance");
  cmd->callback([o] { run_train(*o); });
}

}  // namespace ael::cli
