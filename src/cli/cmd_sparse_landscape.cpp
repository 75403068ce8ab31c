// aelandscape sparse landscape: E[L] along random directions through A*' (P2).
#include "cli/cmd_sparse_common.hpp"
#include "sparse/landscape.hpp"

#include <iostream>

namespace ael::cli {

namespace {

struct LandscapeOptions {
  sparse::InstanceSpec spec;
  sparse::LandscapeSettings settings;
  OutputOptions output;
};

void run_landscape(LandscapeOptions o) {
  parse_format(o.output.format);
  check_output_paths({o.output.output});
  const auto& s = o.settings;
  require_value(s.t0, s.t0 > 0, "--t0", "a finite number > 0");
  require_at_least(s.directions, 1, "--directions");
  require_at_least(s.points, 5, "--points");
  require_at_least(s.sampled_supports, 1, "--supports");
  default_threshold(o.spec, "0.5");
  report_progress("sparse landscape");
  o.spec.delta = "0";  // the path goes through A*'
  const auto I = sparse::build_instance<double>(o.spec);
  o.settings.seed = o.spec.seed;
  std::cerr << "sparse landscape: " << o.settings.directions << " directions\n";
  const auto L = sparse::landscape(I.P, o.settings);
  Json doc;
  doc["command"] = "sparse landscape";
  doc["instance"] = I.describe(17);
  doc["method"] = L.method;
  doc["path"] = "W(t) = A*' + t Delta, Delta with seeded unit-norm rows";
  Json rows = Json::array();
  int convex = 0, certified = 0;
  for (size_t d = 0; d < L.directions.size(); ++d) {
    const auto& r = L.directions[d];
    convex += r.curvature > 0;
    certified += r.certified;
    rows.push_back({{"direction", d + 1},
                    {"L_prime_closed_form", to_decimal(r.slope_closed, 10)},
                    {"L_prime_numeric", to_decimal(r.slope_numeric, 10)},
                    {"L_second", to_decimal(r.curvature, 10)},
                    {"t_min_grid", to_decimal(r.t_min, 6)},
                    {"t_predicted", to_decimal(r.t_predicted, 6)},
                    {"certified_on_segment", r.certified}});
  }
  doc["directions"] = rows;
  Json curve = Json::array();
  for (size_t g = 0; g < L.directions[0].t.size(); ++g)
    curve.push_back({{"t", to_decimal(L.directions[0].t[g], 6)}, {"expected_loss", to_decimal(L.directions[0].loss[g], 12)}});
  doc["curve_direction_1"] = curve;
  doc["summary"] = {{"locally_convex_directions", convex},
                    {"certified_segments", certified},
                    {"directions", static_cast<int>(L.directions.size())}};
  doc["meta"] = metadata("double", 17, o.spec.seed);
  refuse_non_finite(doc, "double arithmetic overflowed; use a smaller --t0 or smaller --values");
  emit(doc, o.output);
}
}  // namespace

void add_sparse_landscape(CLI::App& group) {
  auto o = std::make_shared<LandscapeOptions>();
  auto* cmd = group.add_subcommand("landscape", "E[L] along random directions through A*' (the well, P2)");
  add_instance_options(*cmd, o->spec);
  drop_weight_options(*cmd);  // the path goes through A*'
  cmd->get_option("--eps-frac")->description("threshold at lo + t (hi - lo) of the recovery window of W = A*' (default 0.5 without --eps)");
  o->output.add_to(*cmd, false);
  cmd->add_option("--directions", o->settings.directions, "number of random directions");
  cmd->add_option("--t0", o->settings.t0, "half-length of the segment");
  cmd->add_option("--points", o->settings.points, "grid points on [-t0, t0]");
  cmd->add_option("--supports", o->settings.sampled_supports, "sampled supports when there are too many to enumerate");
  cmd->callback([o] { run_landscape(*o); });
}

}  // namespace ael::cli
