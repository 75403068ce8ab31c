// aelandscape sign train: double-precision gradient descent on
// Gaussian data and mask-averaged SGD on BG data (docs/sign.md "Double-precision simulation and training") with its trace, shape
// diagnostics and an independent Monte-Carlo evaluation on actual samples.
#include "cli/cmd_sign_common.hpp"
#include "cli/common.hpp"
#include "core/io.hpp"
#include "sign/bg_train.hpp"
#include "sign/closed_forms.hpp"
#include "sign/denoiser.hpp"
#include "sign/phase.hpp"
#include "sign/simulate.hpp"
#include "sign/smooth_train.hpp"
#include "sign/train.hpp"

#include <iostream>
#include <memory>

namespace ael::cli {

namespace {
using namespace ael::sign;

struct TrainCliOptions {
  OutputOptions output;
  std::string data = "gaussian", rate = "1", eta, p;
  int d = 100, steps = 20000, threads = 1, trace_every = 100, masks = 64;
  long test_samples = 100000;
  Sign0 sign0 = Sign0::plus;
  std::uint64_t seed = 1;
  std::string save_encoder, save_decoder;
  NonzeroLaw nonzero = NonzeroLaw::gaussian;  // bg: other laws train with the smoothed sign (docs/sign.md "Non-Gaussian nonzeros")
};

Json trace_json(const std::vector<TraceRow>& trace) {
  Json rows = Json::array();
  for (const auto& t : trace)
    rows.push_back({{"step", t.step}, {"risk", to_decimal(t.risk, 17)}, {"grad_norm", to_decimal(t.grad_norm, 3)}});
  return rows;
}

// The independent Monte-Carlo risk and the reference R_Gauss (n <= d) or R_TF,
// with `risk` - reference.
void add_reference(Json& doc, const McEstimate& mc, bool gauss, double reference, double risk) {
  doc["risk_monte_carlo"] = to_decimal(mc.mean, 10);
  doc["risk_monte_carlo_se"] = to_decimal(mc.se, 3);
  doc["test_samples"] = mc.samples;
  doc["reference"] = gauss ? "R_Gauss = 1 - 2r/pi" : "R_TF (tight-frame limit)";
  doc["reference_risk"] = to_decimal(reference, 17);
  doc["risk_minus_reference"] = to_decimal(risk - reference, 3);
}

Json shape_json(const Shape& s, int n, int d) {
  Json j;
  j["max_row_peak"] = to_decimal(s.max_peak, 6);
  j["mean_row_peak"] = to_decimal(s.mean_peak, 6);
  j["mean_ipr"] = to_decimal(s.mean_ipr, 6);
  j["ipr_delocalized_reference_3_over_d"] = to_decimal(3.0 / d, 6);
  j[n <= d ? "frame_error_BBt_minus_I_op" : "frame_error_dn_BtB_minus_I_op"] = to_decimal(s.frame_error, 3);
  j["ks_statistic_sqrt_d_B_vs_N01"] = to_decimal(s.ks_statistic, 4);
  j["ks_critical_1pct"] = to_decimal(1.63 / std::sqrt(double(n) * d), 4);
  j["verdict"] = shape_verdict(s, d);
  j["verdict_rule"] = "identity-like: mean row peak > 0.9; rotation-like: mean IPR < 10/d; else intermediate";
  return j;
}
}  // namespace

std::function<void(long, double, double)> bg_progress(const BgTrainOptions& t) {
  return [&t](long step, double risk, double g) {
    std::cerr << "sign train --data bg (p=" << t.p << "): step " << step << " risk~ " << to_decimal(risk, 8) << " grad "
              << to_decimal(g, 3) << "\n";
  };
}

Json bg_training_report(const BgTrainOptions& t, long samples, bool with_trace) {
  // Independent evaluation: Monte Carlo on actual BG samples, declared sign0.
  const BgEvaluation e = train_and_evaluate_bg(t, samples, bg_progress(t));
  const BgTrainResult& res = e.run;
  const McEstimate& mc = e.mc;
  const double r = e.rate, reference = e.reference;
  Json doc;
  doc["data"] = "Bernoulli-Gaussian x_i = m_i g_i/sqrt(p): mask-averaged population SGD (docs/sign.md)";
  doc["d"] = t.d;
  doc["n"] = t.n;
  doc["rate"] = to_decimal(r, 17);
  doc["p"] = to_decimal(t.p, 17);
  doc["sign0"] = sign0_name(t.sign0);
  doc["masks_per_step"] = t.masks;
  doc["eta"] = to_decimal(t.eta > 0 ? t.eta : 0.5 * t.d / t.n, 6);
  doc["init"] = "B0 iid N(0,1/d) rows normalized; A0 iid N(0,1/n)";
  doc["steps"] = res.steps;
  doc["last_step_risk_mask_estimate"] = to_decimal(res.last_risk_estimate, 10);
  doc["last_step_grad_norm_mask_estimate"] = to_decimal(res.last_grad_norm, 3);
  add_reference(doc, mc, t.n <= t.d, reference, mc.mean);
  if (t.n <= t.d && t.p < 1) {
    const auto den = denoiser_risk<double>(t.p, r, 1e-10);
    doc["denoiser_risk_R_den"] = to_decimal(den.value, 10);
    doc["denoiser_risk_note"] = "Bayes denoiser on top of a rotation (docs/sign.md \"Decoder simulation\"); a linear decoder cannot reach it";
  }
  doc["near_parallel_clips"] = res.clipped;
  doc["shape"] = shape_json(e.shape, t.n, t.d);
  if (with_trace) doc["trace"] = trace_json(res.trace);
  return doc;
}

// cmd_sign_phase.cpp: smoothed-sign GD and its hard-sign evaluation.
Json smoothed_gd_report(const SmoothTrainOptions& t, Sign0 s, long moment_samples, long test_samples, bool with_trace);

namespace {
// --eta: the given step size, or 0 for the trainers' default.
double step_size(const TrainCliOptions& o) { return o.eta.empty() ? 0.0 : parse_scalar<double>(o.eta); }

Json bg_run(const TrainCliOptions& o, int n) {
  BgTrainOptions t;
  t.d = o.d, t.n = n;
  if (o.p.empty()) throw std::invalid_argument("--data bg needs --p in (0, 1]");
  t.p = parse_scalar<double>(o.p);  // syntax and range checked by the parser
  t.sign0 = o.sign0;
  t.steps = o.steps;
  t.masks = o.masks;
  t.trace_every = o.trace_every;
  t.threads = o.threads;
  t.eta = t.eta_A = step_size(o);
  t.seed = o.seed;
  if (o.nonzero != NonzeroLaw::gaussian) {
    SmoothTrainOptions st;  // defaults of `phase-transition --gd --method smoothed` otherwise
    st.d = o.d, st.n = n, st.p = t.p, st.nonzero = o.nonzero, st.steps = t.steps, st.seed = t.seed, st.threads = o.threads;
    st.trace_every = t.trace_every, st.eta = st.eta_A = t.eta;
    Json doc = smoothed_gd_report(st, t.sign0, 20000, o.test_samples, true);
    doc["data"] = std::string("sparse x_i = m_i z_i/sqrt(p), z ") + nonzero_name(o.nonzero) + ": smoothed-sign GD (docs/sign.md)";
    doc["d"] = o.d, doc["n"] = n, doc["p"] = to_decimal(t.p, 17), doc["sign0"] = sign0_name(t.sign0);
    doc["train_samples"] = st.samples, doc["steps"] = st.steps, doc["moment_samples"] = 20000, doc["test_samples"] = o.test_samples;
    return doc;
  }
  return bg_training_report(t, o.test_samples, true);
}

Json train_document(const TrainCliOptions& o) {
  check_output_paths({o.save_encoder, o.save_decoder});
  check_thread_count(o.threads);  // the library error names @threads: printed as --threads
  TrainOptions t;
  t.d = o.d;
  t.n = code_length<double>(parse_scalar<double>(o.rate), t.d);  // syntax and range checked by the parser
  t.max_steps = o.steps;
  t.trace_every = o.trace_every;
  if (o.data == "bg") {
    Json doc = bg_run(o, t.n);
    doc["command"] = "sign train";
    return doc;
  }
  if (o.nonzero != NonzeroLaw::gaussian) throw std::invalid_argument("--nonzero applies to --data bg only");
  if (!o.p.empty() || o.sign0 != Sign0::plus) throw std::invalid_argument("--p and --sign0 apply to --data bg only");
  t.eta = t.eta_A = step_size(o);
  t.seed = o.seed;
  const TrainResult res = train_gaussian(t, [](long step, double risk, double g) {
    std::cerr << "sign train: step " << step << " risk " << to_decimal(risk, 12) << " grad " << to_decimal(g, 3) << "\n";
  });
  const McEstimate mc = mc_risk(res.A, res.B, DataLaw{}, Sign0::plus, o.test_samples, block_seed(t.seed, 2), o.threads);
  const double reference = t.n <= t.d ? r_gauss<double>(double(t.n) / t.d) : r_tight_frame<double>(double(t.n) / t.d);
  Json doc;
  doc["command"] = "sign train";
  doc["data"] = "gaussian N(0, I_d): exact population gradients (docs/sign.md)";
  doc["d"] = t.d;
  doc["n"] = t.n;
  doc["rate"] = to_decimal(double(t.n) / t.d, 17);
  doc["eta"] = to_decimal(t.eta > 0 ? t.eta : 0.5 * t.d / t.n, 6);
  doc["init"] = "B0 iid N(0,1/d) rows normalized; A0 iid N(0,1/n)";
  doc["steps"] = res.steps;
  doc["converged"] = res.converged;
  doc["grad_norm"] = to_decimal(res.grad_norm, 3);
  doc["risk"] = to_decimal(res.risk, 17);
  add_reference(doc, mc, t.n <= t.d, reference, res.risk);
  doc["near_parallel_clips"] = res.clipped;
  doc["shape"] = shape_json(shape_of(res.B), t.n, t.d);
  doc["trace"] = trace_json(res.trace);
  if (!o.save_encoder.empty()) write_csv<double>(o.save_encoder, res.B, 17), doc["encoder_file"] = o.save_encoder;
  if (!o.save_decoder.empty()) write_csv<double>(o.save_decoder, res.A, 17), doc["decoder_file"] = o.save_decoder;
  return doc;
}
}  // namespace

void add_sign_simulation(CLI::App& sign) {
  const Interval positive{"0", "", true, false};
  Command<TrainCliOptions> c{
      "train", "Riemannian GD: population risk (gaussian) or mask-averaged SGD (bg); docs/sign.md", Arithmetic::double_precision,
      [positive](CLI::App& cmd, TrainCliOptions& o) {
        cmd.add_option("--data", o.data, "gaussian (exact population gradients) | bg (mask-averaged population SGD)")
            ->check(CLI::IsMember({"gaussian", "bg"}))
            ->capture_default_str();
        cmd.add_option("--p", o.p, "bg: fraction of nonzeros p")->check(decimal_in(kUnitInterval));
        declare_sign0_law(cmd, o.sign0, o.nonzero);
        cmd.get_option("--sign0")->description("bg: sign(0) convention");
        cmd.get_option("--nonzero")->description("bg: law of the nonzeros (gaussian: mask SGD; others: smoothed-sign GD)");
        cmd.add_option("--masks", o.masks, "bg: masks per SGD step")->check(integer_in(1, kMaxCount))->capture_default_str();
        cmd.add_option("--d", o.d, "input dimension d")->check(integer_in(1, kMaxCount))->capture_default_str();
        cmd.add_option("--rate", o.rate, "rate r = n/d (n must be an integer)")->check(decimal_number(true))->capture_default_str();
        cmd.add_option("--steps", o.steps, "gaussian: maximum number of steps (stops earlier at grad norm < 1e-12); bg: number of steps")
            ->check(integer_in(0, kMaxCount))
            ->capture_default_str();
        cmd.add_option("--eta", o.eta, "step size for B and A (default 0.5 d/n)")->check(decimal_in(positive));
        cmd.add_option("--seed", o.seed, "seed of the initialization and of the Monte-Carlo test set")
            ->check(seed_validator())
            ->capture_default_str();
        cmd.add_option("--test-samples", o.test_samples, "Monte-Carlo samples for the independent risk estimate")
            ->check(integer_in(2, kMaxCount))
            ->capture_default_str();
        cmd.add_option("--threads", o.threads, "threads for the mask blocks and the Monte-Carlo evaluation (1..256; results do not depend on it)")
            ->capture_default_str();
        cmd.add_option("--trace-every", o.trace_every, "trace (and stderr progress) every k steps")
            ->check(integer_in(1, kMaxCount))
            ->capture_default_str();
        cmd.add_option("--save-encoder", o.save_encoder, "write the trained B (unit rows, n x d) as CSV");
        cmd.add_option("--save-decoder", o.save_decoder, "write the trained A (d x n) as CSV");
      },
      train_document,
      [](const TrainCliOptions& o) { return std::optional<std::uint64_t>(o.seed); }};
  c.finite_hint = "double arithmetic overflowed";
  add_command(sign, c);
  add_sign_phase(sign);
}

}  // namespace ael::cli
