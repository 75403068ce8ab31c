// aelandscape sign phase-transition: protocol S2 (docs/sign.md "Closed forms", critical sparsity).
// For each p on the grid: L_rot(p) (d → ∞, any z: R_Gauss), L_id(p) exact at
// the given d and its d → ∞ limit, the predicted winner, and p* from the
// formula and from bisection of L_id(p) − R_Gauss. GD runs (--gd): for
// Gaussian nonzeros the mask-averaged SGD (`sign train --data bg`; docs/sign.md
// "Double-precision simulation and training") by default; for any law the
// smoothed-sign trainer (`--method smoothed`; docs/sign.md "Non-Gaussian
// nonzeros"), scored with the hard sign, the declared sign0 and the optimal
// decoder. The GD runs are the work items of a sweep (docs/mpi.md).
#include "cli/cmd_sign_common.hpp"
#include "cli/common.hpp"
#include "cli/sweep_options.hpp"
#include "core/ball_io.hpp"
#include "sign/certified_closed_forms.hpp"
#include "core/precision.hpp"
#include "sign/closed_forms.hpp"
#include "sign/phase.hpp"
#include "sign/smooth_train.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>

namespace ael::cli {

// §5.4(b) smoothed-sign GD (`phase-transition --gd`, `train --data bg --nonzero LAW`): train, then
// score with the hard sign (declared sign0), A*(B) from Monte-Carlo moments and an independent
// Monte-Carlo risk; shape diagnostics of §5.5 against L_rot = R_Gauss, L_id(d) and L_near-id.
Json smoothed_gd_report(const sign::SmoothTrainOptions& t, sign::Sign0 s, long moment_samples, long test_samples, bool with_trace) {
  using namespace ael::sign;
  const SmoothTrainResult res = train_smoothed(t, [&t](long step, double beta, double risk, double g) {
    std::cerr << "smoothed-sign GD (p=" << t.p << "): step " << step << " beta " << to_decimal(beta, 4) << " smoothed risk "
              << to_decimal(risk, 8) << " grad " << to_decimal(g, 3) << "\n";
  });
  const HardEvaluation e = evaluate_hard(res.B, DataLaw{t.p, t.nonzero}, s, moment_samples, test_samples, t.seed, t.threads);
  const double r = double(t.n) / t.d, m2 = mu2<double>(t.nonzero);
  Json g;
  g["method"] = std::string("smoothed sign (docs/sign.md \"Non-Gaussian nonzeros\") '") + smoothing_name(t.smoothing) + "', beta " + to_decimal(t.beta0, 4) +
                " -> " + to_decimal(t.beta1, 4) + ", start " + start_name(t.start) + "; hard-sign evaluation, optimal decoder";
  g["verdict"] = switch_verdict(e.shape, t.d);
  g["verdict_rule"] = kSwitchVerdictRule;
  g["mean_row_peak"] = to_decimal(e.shape.mean_peak, 6);
  g["max_row_peak"] = to_decimal(e.shape.max_peak, 6);
  g["mean_ipr"] = to_decimal(e.shape.mean_ipr, 6);
  g["ipr_delocalized_reference_3_over_d"] = to_decimal(3.0 / t.d, 6);
  g["frame_error"] = to_decimal(e.shape.frame_error, 3);
  g["risk_monte_carlo"] = to_decimal(e.mc.mean, 10);
  g["risk_monte_carlo_se"] = to_decimal(e.mc.se, 3);
  g["risk_plugin_moments"] = to_decimal(e.plugin_risk, 10);
  if (t.n <= t.d) {
    const double rot = r_gauss<double>(r), id = identity_risk_exact<double>(t.n, t.d, t.p, m2, s);
    g["signed_permutation_distance_rms_row"] = to_decimal(e.perm_distance, 4);
    g["L_rot"] = to_decimal(rot, 10);
    g["L_id_exact_d"] = to_decimal(id, 10);
    if (s == Sign0::plus) g["L_near_identity_heuristic"] = to_decimal(near_identity_risk(r, t.p, m2), 10);
    g["risk_minus_min_L_rot_L_id_exact_d"] = to_decimal(e.mc.mean - std::min(rot, id), 3);
  }
  g["final_beta"] = to_decimal(res.beta, 6);
  g["final_smoothed_training_risk"] = to_decimal(res.last_risk, 10);
  g["final_grad_norm"] = to_decimal(res.last_grad_norm, 3);
  if (with_trace) {
    g["trace"] = Json::array();
    for (const auto& row : res.trace)
      g["trace"].push_back({{"step", row.step}, {"smoothed_risk", to_decimal(row.risk, 10)}, {"grad_norm", to_decimal(row.grad_norm, 3)}});
  }
  return g;
}

namespace {
using T = mp_real;
using namespace ael::sign;

struct PhaseOptions {
  OutputOptions output;
  NonzeroLaw nonzero = NonzeroLaw::gaussian;
  Sign0 sign0 = Sign0::plus;
  int d = 0;
  std::string p_grid;  // comma list of decimals, parsed exactly at the working precision
  std::string rate = "0.5";
  bool gd = false, certify = false;
  long steps = -1;  // -1: 1000 (masks) or 1200 (smoothed)
  int masks = 32, threads = 1;
  std::uint64_t seed = 1;
  long test_samples = 20000, train_samples = 2048, moment_samples = 20000;
  std::string method, eta;  // method "": masks for Gaussian nonzeros, smoothed otherwise; eta "": 2 d/n
  Smoothing smoothing = Smoothing::stochastic;
  std::string beta0 = "1", beta1 = "30";  // decimals: parse_scalar<double> rounds once (CLI11 would go through long double)
  Start start = Start::random;
  std::string checkpoint;
  SweepCheckpoint sweep;  // what --checkpoint binds to (checkpoint_for)
};

// The entries of --p-grid, blanks around them removed. Throws
// std::invalid_argument for an empty entry (",," or a trailing comma): a
// malformed list is refused, never shortened.
std::vector<std::string> grid_entries(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const auto a = item.find_first_not_of(" \t"), b = item.find_last_not_of(" \t");
    if (a == std::string::npos) break;
    out.push_back(item.substr(a, b - a + 1));
  }
  if (out.empty() || text.back() == ',' || std::count(text.begin(), text.end(), ',') + 1 != static_cast<long>(out.size()))
    throw std::invalid_argument("has an empty entry (got '" + text + "')");
  return out;
}

// --p-grid: every entry a decimal in (0, 1].
CLI::Validator grid_validator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        try {
          for (std::string entry : grid_entries(text)) {
            const std::string problem = decimal_in(kUnitInterval)(entry);
            if (!problem.empty()) return problem;
          }
        } catch (const std::invalid_argument& e) {
          return e.what();
        }
        return std::string();
      },
      "LIST of DECIMAL (0, 1]");
}

Json phase_document(const PhaseOptions& o) {
  const Sign0 s = o.sign0;
  const NonzeroLaw z = o.nonzero;
  require_unit_variance(z);
  const T r = parse_scalar<T>(o.rate);  // syntax and range checked by the parser
  const int d = o.d, n = code_length<T>(r, d);
  std::vector<T> grid;
  const std::vector<std::string> entries = grid_entries(o.p_grid);
  for (const auto& item : entries) grid.push_back(parse_scalar<T>(item));
  const std::string method = o.method.empty() ? (z == NonzeroLaw::gaussian ? "masks" : "smoothed") : o.method;
  if (method == "masks" && z != NonzeroLaw::gaussian)
    throw std::invalid_argument(std::string("--method masks needs --nonzero gaussian; use --method smoothed for ") + nonzero_name(z));
  const bool smoothed = method == "smoothed";
  if (o.certify && o.gd) throw std::invalid_argument("sign phase-transition --gd has no certified route (GD verdicts are Monte-Carlo evidence); "
                                "nearest certified alternative: the same command without --gd (the closed-form S2 table), drop --gd");
  BgTrainOptions t;
  SmoothTrainOptions st;
  long samples = 0, moment_samples = 0;
  if (o.gd) {
    check_thread_count(o.threads);  // the library error names @threads: printed as --threads
    t.d = st.d = d, t.n = st.n = n, t.sign0 = s, st.nonzero = z;
    t.steps = st.steps = o.steps >= 0 ? o.steps : (smoothed ? 1200 : 1000);
    t.masks = o.masks;
    t.seed = st.seed = o.seed;
    t.threads = st.threads = o.threads;
    t.trace_every = st.trace_every = std::max<long>(1, t.steps / 5);
    samples = o.test_samples;
    st.smoothing = o.smoothing;
    st.samples = o.train_samples;
    st.beta0 = parse_scalar<double>(o.beta0);  // syntax and range checked by the parser
    st.beta1 = parse_scalar<double>(o.beta1);
    if (!o.eta.empty()) st.eta = st.eta_A = parse_scalar<double>(o.eta);
    st.start = o.start;
    moment_samples = o.moment_samples;
  }
  // The GD runs are the work items of a sweep (one per grid point, its seed
  // the same --seed at every p; docs/mpi.md): spread over MPI ranks, kept in
  // --checkpoint, and merged into the table in grid order.
  std::vector<std::string> gd_runs;
  if (o.gd) {
    std::vector<double> p_values;
    for (const T& p : grid) p_values.push_back(to_double(p));
    SweepSettings sweep;
    sweep.checkpoint = o.sweep;
    gd_runs = run_items(static_cast<long>(grid.size()), [&](long k, int) {
      const double p = p_values[static_cast<size_t>(k)];
      if (smoothed) {
        SmoothTrainOptions item = st;
        item.p = p;
        std::cerr << "sign phase-transition: smoothed-sign GD at p = " << to_decimal(grid[static_cast<size_t>(k)], 6) << "\n";
        return smoothed_gd_report(item, s, moment_samples, samples, false).dump();
      }
      BgTrainOptions item = t;
      item.p = p;
      std::cerr << "sign phase-transition: GD at p = " << to_decimal(grid[static_cast<size_t>(k)], 6) << "\n";
      const BgEvaluation run = train_and_evaluate_bg(item, samples, bg_progress(item));
      Json g;
      g["verdict"] = run.verdict;
      g["mean_row_peak"] = to_decimal(run.shape.mean_peak, 6);
      g["mean_ipr"] = to_decimal(run.shape.mean_ipr, 6);
      g["frame_error"] = run.reference_gauss ? Json(to_decimal(run.shape.frame_error, 3)) : Json(nullptr);
      g["risk_monte_carlo"] = to_decimal(run.mc.mean, 10);
      g["risk_monte_carlo_se"] = to_decimal(run.mc.se, 3);
      g["risk_minus_L_rot"] = to_decimal(run.mc.mean - run.reference, 3);
      return g.dump();
    }, sweep);
  }
  const int D = o.output.digits;
  const T m2 = mu2<T>(z), rg = r_gauss<T>(T(T(n) / T(d))), rr = T(T(n) / T(d));
  const T tie = pow(T(10), -D);
  Json doc;
  doc["command"] = "sign phase-transition";
  doc["protocol"] = "S2: L_rot(p), L_id(p), p*, and GD shape verdicts (docs/sign.md)";
  doc["nonzero"] = nonzero_name(z);
  doc["sign0"] = sign0_name(s);
  doc["mu_z_squared"] = to_decimal(m2, D);
  doc["d"] = d;
  doc["n"] = n;
  doc["rate"] = to_decimal(rr, D);
  doc["L_rot"] = to_decimal(rg, D);
  doc["L_rot_note"] = "d -> infinity limit R_Gauss = 1 - 2r/pi for every p and z (docs/sign.md \"Closed forms\"); at finite d a Haar rotation "
                      "is worse by a positive excess ~ C/(p d) that has no closed form";
  const auto c = critical_sparsity<T>(m2, s);
  if (c.p_dependent) {
    doc["p_star"] = to_decimal(c.p_star, D);
    doc["p_star_formula"] = s == Sign0::plus ? "p* = 2 - (pi/2) mu_z^2" : "p* = 2/(pi mu_z^2)";
    const std::optional<T> root = bisect_p_star<T>(rr, m2, s);
    doc["p_star_bisection"] = root ? Json(to_decimal(*root, D)) : Json(nullptr);
    doc["transition"] = c.transition;
  } else {
    doc["p_star"] = nullptr;
    doc["transition"] = false;
    doc["identity_always_better"] = c.identity_always_better;
  }
  doc["orientation"] = "identity better iff L_id(p) < L_rot, i.e. p > p* (plus, random)";
  if (s == Sign0::plus) doc["L_near_identity_note"] = "near-identity heuristic (docs/sign.md \"Near-identity report\") 1 - r[p mu_z^2 + (2/pi)(1-p)^2] (rows e_i + eps dense, eps -> 0+); crosses L_rot at the plus p*";
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
    if (s == Sign0::plus) row["L_near_identity_heuristic"] = to_decimal(near_identity_risk(to_double(rr), to_double(p), to_double(m2)), 10);
    if (o.gd) {
      Json g = Json::parse(gd_runs[rows.size()]);
      const std::string v = g["verdict"].get<std::string>(), w = winner;
      if (smoothed)
        g["verdict_matches_prediction"] = w == "tie" || v == "undecided" ? Json(nullptr) : Json((w == "rotation") == (v == "rotation-like"));
      else
        g["verdict_matches_prediction"] =
            w == "tie" ? Json(nullptr) : Json((w == "rotation") == (v == "rotation-like") && (w == "identity") == (v == "identity-like"));
      row["gd"] = g;
    }
    rows.push_back(row);
  }
  doc["table"] = rows;
  if (o.gd && smoothed) {
    doc["gd_status"] = "run";
    doc["gd_method"] = std::string("smoothed sign (docs/sign.md \"Non-Gaussian nonzeros\"), smoothing '") + smoothing_name(st.smoothing) +
                       "': Riemannian GD on the empirical risk of a fixed training set with sign -> tanh(beta u), beta annealed "
                       "geometrically; evaluated with the hard sign, declared sign0, optimal decoder A*(B) from Monte-Carlo moments, "
                       "independent Monte-Carlo risk";
    doc["gd_smoothing"] = smoothing_name(st.smoothing);
    doc["gd_steps"] = st.steps;
    doc["gd_train_samples"] = st.samples;
    doc["gd_beta0"] = to_decimal(st.beta0, 6);
    doc["gd_beta1"] = to_decimal(st.beta1, 6);
    doc["gd_eta"] = to_decimal(st.eta > 0 ? st.eta : 2.0 * d / n, 6);
    doc["gd_start"] = start_name(st.start);
    doc["gd_seed"] = std::to_string(st.seed);
    doc["gd_moment_samples"] = moment_samples;
    doc["gd_test_samples"] = samples;
    } else if (o.gd) {
    doc["gd_status"] = "run";
    doc["gd_method"] = "sign train --data bg: mask-averaged population SGD (docs/sign.md), Riemannian steps, eta = 0.5 d/n";
    doc["gd_steps"] = t.steps;
    doc["gd_masks_per_step"] = t.masks;
    doc["gd_seed"] = std::to_string(t.seed);
    doc["gd_test_samples"] = samples;
  } else {
    doc["gd_status"] = "not run: pass --gd (method " + method + ") to train at every p of the grid";
  }
  doc["tag"] = "[derived] closed forms; GD verdicts are evidence only (SA-13)";
  if (o.certify) {
    const Json c = certified_phase_table(o.rate, n, d, entries, s, z, D);
    for (size_t i = 0; i < c["rows"].size(); ++i) merge_certified(doc["table"][i], c["rows"][i]);
    merge_certified(doc, c["document"]);
  }
  return doc;
}
}  // namespace

void add_sign_phase(CLI::App& sign) {
  const Interval positive{"0", "", true, false};
  Command<PhaseOptions> c{
      "phase-transition", "S2 protocol: L_rot(p), L_id(p), p* and GD shape verdicts (docs/sign.md)", Arithmetic::mpfr,
      [positive](CLI::App& cmd, PhaseOptions& o) {
        declare_sign0_law(cmd, o.sign0, o.nonzero);
        cmd.get_option("--nonzero")->required();
        cmd.add_option("--d", o.d, "input dimension d (n = r d must be an integer)")->required()->check(integer_in(1, kMaxCount));
        cmd.add_option("--p-grid", o.p_grid, "comma-separated p values, e.g. 0.1,0.3,0.5,0.7,0.9")
            ->required()
            ->check(grid_validator());
        cmd.add_option("--rate", o.rate, "rate r = n/d")->check(decimal_in(kUnitInterval))->capture_default_str();
        auto* gd = cmd.add_flag("--gd", o.gd, "also run GD at every p and give a shape verdict");
        cmd.add_option("--method", o.method,
                       "GD method: masks (mask-averaged SGD, Gaussian nonzeros; their default) | smoothed (smoothed sign, any law; "
                       "default otherwise)")
            ->check(CLI::IsMember({"masks", "smoothed"}))
            ->needs(gd);
        add_enum_option(cmd, "--smoothing", o.smoothing, {Smoothing::stochastic, Smoothing::tanh}, smoothing_name,
                        "smoothed: stochastic (expected loss of random 1-bit codes) | tanh (plain tanh(beta u))")
            ->needs(gd);
        cmd.add_option("--train-samples", o.train_samples, "smoothed: training-set size")
            ->check(integer_in(1, kMaxCount))
            ->capture_default_str()
            ->needs(gd);
        cmd.add_option("--beta0", o.beta0, "smoothed: initial beta")->check(decimal_in(positive))->capture_default_str()->needs(gd);
        cmd.add_option("--beta1", o.beta1, "smoothed: final beta, reached geometrically at the last step")
            ->check(decimal_in(positive))
            ->capture_default_str()
            ->needs(gd);
        cmd.add_option("--eta", o.eta, "smoothed: step size for B and A (default 2 d/n)")->check(decimal_in(positive))->needs(gd);
        add_enum_option(cmd, "--start", o.start, {Start::random, Start::identity, Start::rotation}, start_name,
                        "smoothed: the start (identity, rotation: plus 0.1-scale noise)")
            ->needs(gd);
        cmd.add_option("--moment-samples", o.moment_samples, "smoothed: Monte-Carlo samples for the optimal decoder's moments")
            ->check(integer_in(2, kMaxCount))
            ->capture_default_str()
            ->needs(gd);
        cmd.add_option("--steps", o.steps, "GD steps per p (default 1000 masks, 1200 smoothed)")->check(integer_in(0, kMaxCount))->needs(gd);
        cmd.add_option("--masks", o.masks, "GD masks per step")->check(integer_in(1, kMaxCount))->capture_default_str()->needs(gd);
        cmd.add_option("--seed", o.seed, "GD seed (same seed at every p)")->check(seed_validator())->capture_default_str()->needs(gd);
        cmd.add_option("--threads", o.threads, "threads (1..256; results do not depend on it)")->capture_default_str()->needs(gd);
        cmd.add_option("--test-samples", o.test_samples, "Monte-Carlo samples for each GD evaluation")
            ->check(integer_in(2, kMaxCount))
            ->capture_default_str()
            ->needs(gd);
        cmd.add_flag("--certify", o.certify, "prove the closed-form table in Arb ball arithmetic (not with --gd)");
        add_checkpoint_option(cmd, o.checkpoint)->needs(gd);
      },
      phase_document};
  c.bind = bind_checkpoint<PhaseOptions>("sign phase-transition");
  add_command(sign, c);
}

}  // namespace ael::cli
