// aelandscape sign phase-transition: the S2 protocol of the spec (§2.6, §6).
// For each p on the grid: L_rot(p) (d → ∞, any z: R_Gauss), L_id(p) exact at
// the given d and its d → ∞ limit, the predicted winner, and p* from the
// formula and from bisection of L_id(p) − R_Gauss. GD runs (--gd) exist only
// for Gaussian nonzeros (`sign train --data bg`, spec 5.3); other laws need a
// §5.4 trainer, and the output says so instead of showing any verdict.
#include "cli/cmd_sign_common.hpp"
#include "cli/common.hpp"
#include "sign/closed_forms.hpp"

#include <iostream>
#include <memory>
#include <sstream>

namespace ael::cli {

namespace {
using T = mp_real;
using namespace ael::sign;

struct PhaseOptions {
  OutputOptions output;
  std::string nonzero, sign0 = "plus", d, p_grid, rate = "0.5";
  bool gd = false;
  std::string steps = "1000", masks = "32", seed = "1", threads = "1", test_samples = "20000";
};

std::vector<std::string> split_grid(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const auto a = item.find_first_not_of(" \t"), b = item.find_last_not_of(" \t");
    if (a == std::string::npos) throw std::invalid_argument("--p-grid has an empty entry (got '" + text + "')");
    out.push_back(item.substr(a, b - a + 1));
  }
  if (out.empty() || text.back() == ',') throw std::invalid_argument("--p-grid must be a comma-separated list of p in (0, 1] (got '" + text + "')");
  return out;
}

// Root of L_id(p) − R_Gauss on (lo, hi) by bisection, without the p* formula;
// unset when the gap does not change sign there.
bool bisect_p_star(const T& r, const T& m2, Sign0 s, T lo, T hi, T& root) {
  auto gap = [&](const T& p) { return identity_risk_limit<T>(r, p, m2, s) - r_gauss<T>(r); };
  const bool lo_positive = gap(lo) > 0;
  if ((gap(hi) > 0) == lo_positive) return false;
  for (int k = 0; k < static_cast<int>(3.33 * working_digits()) + 10; ++k) {
    const T mid = (lo + hi) / 2;
    ((gap(mid) > 0) == lo_positive ? lo : hi) = mid;
  }
  root = (lo + hi) / 2;
  return true;
}

void run_phase(const PhaseOptions& o) {
  set_working_digits(o.output.digits);
  parse_format(o.output.format);
  const Sign0 s = parse_sign0(o.sign0);
  const NonzeroLaw z = parse_nonzero(o.nonzero);
  require_unit_variance(z);
  const T r = parse_rate<T>(o.rate);
  if (r > 1) throw std::invalid_argument("phase-transition compares with an identity encoder: --rate must be <= 1");
  const int d = parse_count(o.d, "--d", 1), n = code_length<T>(r, d);
  std::vector<T> grid;
  for (const auto& item : split_grid(o.p_grid)) grid.push_back(parse_fraction<T>(item, "--p-grid entry"));
  const bool gd_possible = z == NonzeroLaw::gaussian;
  if (o.gd && !gd_possible)
    throw std::invalid_argument(std::string("--gd needs --nonzero gaussian: GD on ") + nonzero_name(z) +
                                " nonzeros needs a spec 5.4 method, which is not implemented");
  BgTrainOptions t;
  long samples = 0;
  if (o.gd) {
    t.d = d, t.n = n, t.sign0 = s;
    t.steps = parse_count(o.steps, "--steps", 0);
    t.masks = parse_count(o.masks, "--masks", 1);
    t.seed = parse_seed(o.seed);
    t.threads = parse_count(o.threads, "--threads", 1);
    t.trace_every = std::max<long>(1, t.steps / 5);
    samples = parse_count(o.test_samples, "--test-samples", 2);
  }
  const int D = o.output.digits;
  const T m2 = mu2<T>(z), rg = r_gauss<T>(T(T(n) / T(d))), rr = T(T(n) / T(d));
  const T tie = pow(T(10), -D);
  Json doc;
  doc["command"] = "sign phase-transition";
  doc["protocol"] = "S2 (spec 6): L_rot(p), L_id(p), p*, and GD shape verdicts";
  doc["nonzero"] = nonzero_name(z);
  doc["sign0"] = sign0_name(s);
  doc["mu_z_squared"] = to_decimal(m2, D);
  doc["d"] = d;
  doc["n"] = n;
  doc["rate"] = to_decimal(rr, D);
  doc["L_rot"] = to_decimal(rg, D);
  doc["L_rot_note"] = "d -> infinity limit R_Gauss = 1 - 2r/pi for every p and z (spec 2.4); at finite d a Haar rotation "
                      "is worse by a positive excess ~ C/(p d) that has no closed form";
  const auto c = critical_sparsity<T>(m2, s);
  if (c.p_dependent) {
    doc["p_star"] = to_decimal(c.p_star, D);
    doc["p_star_formula"] = s == Sign0::plus ? "p* = 2 - (pi/2) mu_z^2" : "p* = 2/(pi mu_z^2)";
    T root;
    const bool found = bisect_p_star(rr, m2, s, T(1e-30), s == Sign0::plus ? T(2) - T(1e-30) : T(100), root);
    doc["p_star_bisection"] = found ? Json(to_decimal(root, D)) : Json(nullptr);
    doc["transition"] = c.transition;
  } else {
    doc["p_star"] = nullptr;
    doc["transition"] = false;
    doc["identity_always_better"] = c.identity_always_better;
  }
  doc["orientation"] = "identity better iff L_id(p) < L_rot, i.e. p > p* (plus, random)";
  Json rows = Json::array();
  for (const T& p : grid) {
    const T lim = identity_risk_limit<T>(rr, p, m2, s), exact = identity_risk_exact<T>(n, d, p, m2, s);
    Json row;
    row["p"] = to_decimal(p, D);
    row["L_rot"] = to_decimal(rg, D);
    row["L_id_exact_d"] = to_decimal(exact, D);
    row["L_id_d_infinity"] = to_decimal(lim, D);
    const T gap = lim - rg;
    const char* winner = abs(gap) <= tie ? "tie" : (gap > 0 ? "rotation" : "identity");
    row["predicted_winner_d_infinity"] = winner;
    if (o.gd) {
      t.p = to_double(p);
      std::cerr << "sign phase-transition: GD at p = " << to_decimal(p, 6) << "\n";
      const Json run = bg_training_report(t, samples, false);
      Json g;
      g["verdict"] = run["shape"]["verdict"];
      g["mean_row_peak"] = run["shape"]["mean_row_peak"];
      g["mean_ipr"] = run["shape"]["mean_ipr"];
      g["frame_error"] = run["shape"].contains("frame_error_BBt_minus_I_op") ? run["shape"]["frame_error_BBt_minus_I_op"] : Json(nullptr);
      g["risk_monte_carlo"] = run["risk_monte_carlo"];
      g["risk_monte_carlo_se"] = run["risk_monte_carlo_se"];
      g["risk_minus_L_rot"] = run["risk_minus_reference"];
      const std::string v = run["shape"]["verdict"].get<std::string>(), w = winner;
      g["verdict_matches_prediction"] = w == "tie" ? Json(nullptr) : Json((w == "rotation") == (v == "rotation-like") && (w == "identity") == (v == "identity-like"));
      row["gd"] = g;
    }
    rows.push_back(row);
  }
  doc["table"] = rows;
  if (o.gd) {
    doc["gd_status"] = "run";
    doc["gd_method"] = "sign train --data bg: mask-averaged population SGD (spec 5.3), Riemannian steps, eta = 0.5 d/n";
    doc["gd_steps"] = t.steps;
    doc["gd_masks_per_step"] = t.masks;
    doc["gd_seed"] = std::to_string(t.seed);
    doc["gd_test_samples"] = samples;
  } else if (gd_possible) {
    doc["gd_status"] = "not run: pass --gd to train with `sign train --data bg` (spec 5.3) at every p of the grid";
  } else {
    doc["gd_status"] = std::string("not available: `sign train --data bg` samples Gaussian nonzeros only; GD on ") +
                       nonzero_name(z) + " nonzeros needs a spec 5.4 method (Gaussian-mixture moments, smoothed sign or "
                       "structured search), not implemented. No GD verdicts are shown.";
  }
  doc["tag"] = "[derived] closed forms; GD verdicts are evidence only (SA-13)";
  doc["meta"] = metadata(nullptr, D);
  emit(doc, o.output);
}
}  // namespace

void add_sign_phase(CLI::App& sign) {
  auto o = std::make_shared<PhaseOptions>();
  auto* c = sign.add_subcommand("phase-transition", "S2 protocol: L_rot(p), L_id(p), p* and GD shape verdicts (spec 2.6, 6)");
  o->output.add_to(*c);
  c->add_option("--nonzero", o->nonzero, "nonzero law: gaussian | rademacher | uniform | laplace")->required();
  c->add_option("--sign0", o->sign0, "sign(0): plus (default) | zero | random");
  c->add_option("--d", o->d, "input dimension d (n = r d must be an integer)")->required();
  c->add_option("--p-grid", o->p_grid, "comma-separated p values in (0, 1], e.g. 0.1,0.3,0.5,0.7,0.9")->required();
  c->add_option("--rate", o->rate, "rate r = n/d in (0, 1] (default 0.5)");
  c->add_flag("--gd", o->gd, "also run BG GD at every p (Gaussian nonzeros only)");
  c->add_option("--steps", o->steps, "GD steps per p (default 1000)");
  c->add_option("--masks", o->masks, "GD masks per step (default 32)");
  c->add_option("--seed", o->seed, "GD seed (same seed at every p)");
  c->add_option("--threads", o->threads, "threads (results do not depend on it)");
  c->add_option("--test-samples", o->test_samples, "Monte-Carlo samples for each GD evaluation (default 20000)");
  c->callback([o] { run_phase(*o); });
}

}  // namespace ael::cli
