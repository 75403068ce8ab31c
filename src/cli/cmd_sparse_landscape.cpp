// aelandscape sparse landscape: E[L] along random directions through A*' (P2).
#include "cli/cmd_sparse_common.hpp"
#include "cli/runner.hpp"
#include "sparse/landscape.hpp"

#include <iostream>
#include <limits>

namespace ael::cli {

namespace {

struct LandscapeOptions {
  sparse::InstanceSpec spec;
  sparse::LandscapeSettings settings;
  OutputOptions output;
};

Json landscape_document(const LandscapeOptions& o) {
  sparse::InstanceSpec spec = o.spec;
  default_threshold(spec, "0.5");
  spec.delta = "0";  // the path goes through A*'
  const auto I = sparse::build_instance<double>(spec);
  sparse::LandscapeSettings settings = o.settings;
  settings.seed = spec.seed;
  std::cerr << "sparse landscape: " << settings.directions << " directions\n";
  const auto prover = sparse::per_row_prover(spec, I);  // certificate (b) for the exact instance, in balls
  const auto L = sparse::landscape(I.P, settings, prover ? &*prover : nullptr);
  Json doc;
  doc["command"] = "sparse landscape";
  doc["instance"] = I.describe(17);
  doc["method"] = L.method;
  doc["path"] = "W(t) = A*' + t Delta, Delta with seeded unit-norm rows";
  Json rows = Json::array();
  int convex = 0, certified = 0;
  bool proved = true;
  for (size_t d = 0; d < L.directions.size(); ++d) {
    const auto& r = L.directions[d];
    convex += r.curvature > 0;
    certified += r.certified;
    proved = proved && r.evidence != sparse::Evidence::estimate;
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
                    {"certified_segments_evidence", proved ? "proved-ball" : "estimate"},
                    {"directions", static_cast<int>(L.directions.size())}};
  return doc;
}
}  // namespace

void add_sparse_landscape(CLI::App& group) {
  constexpr long kMax = std::numeric_limits<int>::max();
  Command<LandscapeOptions> c{
      "landscape", "E[L] along random directions through A*' (the well, P2)", Arithmetic::double_precision,
      [](CLI::App& cmd, LandscapeOptions& o) {
        add_instance_options(cmd, o.spec);
        refuse_sparse_certify(cmd, "the landscape curves are double-precision estimates (certified_on_segment is proved by balls "
                                   "without the flag)");
        drop_weight_options(cmd);  // the path goes through A*'
        cmd.get_option("--eps-frac")->description("threshold at lo + t (hi - lo) of the recovery window of W = A*' (default 0.5 without --eps)");
        cmd.add_option("--directions", o.settings.directions, "number of random directions")->check(integer_in(1, kMax))->capture_default_str();
        cmd.add_option("--t0", o.settings.t0, "half-length of the segment")->check(number_in({"0", "", true, false}))->capture_default_str();
        cmd.add_option("--points", o.settings.points, "grid points on [-t0, t0]")->check(integer_in(5, kMax))->capture_default_str();
        cmd.add_option("--supports", o.settings.sampled_supports, "sampled supports when there are too many to enumerate")
            ->check(integer_in(1, std::numeric_limits<long>::max()))
            ->capture_default_str();
      },
      landscape_document,
      [](const LandscapeOptions& o) { return std::optional<std::uint64_t>(o.spec.seed); }};
  c.finite_hint = "double arithmetic overflowed; use a smaller --t0 or smaller --values";
  add_command(group, c);
}

}  // namespace ael::cli
