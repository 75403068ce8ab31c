// aelandscape sign simulate-decoder: direct simulation of the linear, the
// denoised and the multi-layer (GVAMP) decoders of a Haar sign encoder on
// Bernoulli–Gaussian signals (docs/sign.md "Decoder simulation"; protocols S3, S4), next to
// their predictions R_Gauss, R_den and the state evolution m_t.
#include "cli/cmd_sign_common.hpp"
#include "cli/common.hpp"
#include "cli/sweep_options.hpp"
#include "sign/channel.hpp"
#include "sign/closed_forms.hpp"
#include "sign/denoiser.hpp"
#include "sign/state_evolution.hpp"

#include <iostream>
#include <memory>

namespace ael::cli {

namespace {
using namespace ael::sign;

struct DecoderCliOptions {
  OutputOptions output;
  std::string rate, p;
  int d = 2000, layers = 10, signals = 40, per_encoder = 1, threads = 1;
  std::uint64_t seed = 1;
  std::string checkpoint;
  SweepCheckpoint sweep;  // what --checkpoint binds to (checkpoint_for)
};

std::string num(double x) { return to_decimal(x, 10); }
std::string err(double x) { return to_decimal(x, 3); }
// (simulated - theory) / se; null when the standard error is 0 (e.g. every
// group gave the same value: too few distinct coordinates to estimate it).
Json deviation(double simulated, double theory, double se) { return se > 0 ? Json(to_decimal((simulated - theory) / se, 3)) : Json(nullptr); }

Json estimate(const McEstimate& e, const char* theory_key = nullptr, double theory = 0) {
  Json j;
  j["simulated"] = num(e.mean);
  j["se"] = err(e.se);
  if (theory_key) {
    j[theory_key] = num(theory);
    j["deviation_in_se"] = deviation(e.mean, theory, e.se);
  }
  return j;
}

Json channel_json(const DecoderSim& sim, double r, double p) {
  const ChannelStats c = channel_statistics(sim);
  Json j;
  j["definition"] = "e = y - x, y = (sqrt(pi/2)/r) B' sign(Bx) (docs/sign.md); pooled over coordinates, jackknife SE over encoder groups";
  j["mean"] = estimate(c.mean, "theory", 0);
  j["variance"] = estimate(c.variance, "theory", channel_noise<double>(r));
  j["excess_kurtosis"] = estimate(c.excess_kurtosis, "theory", 0);
  j["corr_e_x"] = estimate(c.corr_e_x, "theory", 0);
  j["corr_e2_abs_x"] = estimate(c.corr_e2_abs_x, "theory", 0);
  if (p < 1) {
    j["variance_given_x_zero"] = estimate(c.variance_x_zero, "theory", channel_noise<double>(r));
    j["variance_given_x_nonzero"] = estimate(c.variance_x_nonzero, "theory", channel_noise<double>(r));
  }
  return j;
}

Json simulate_decoder_document(const DecoderCliOptions& o) {
  const double r = parse_scalar<double>(o.rate), p = parse_scalar<double>(o.p);  // syntax and range checked by the parser
  check_thread_count(o.threads);  // the library error names @threads: printed as --threads
  DecoderSimOptions s;
  s.p = p;
  s.d = o.d;
  s.n = code_length<double>(r, s.d);
  s.layers = o.layers;
  const int signals = o.signals;
  s.signals_per_group = o.per_encoder;
  if (signals % s.signals_per_group != 0 || signals / s.signals_per_group < 2)
    throw std::invalid_argument("--signals must be a multiple of --signals-per-encoder with at least 2 encoders (got " +
                                std::to_string(o.signals) + " and " + std::to_string(o.per_encoder) + ")");
  s.groups = signals / s.signals_per_group;
  s.seed = o.seed;
  s.threads = o.threads;
  s.checkpoint = o.sweep;
  const SeRun<double> se = state_evolution<double>(r, s.p, s.layers, 0.0, 1e-12);
  for (const auto& l : se.layers) s.se_gamma1.push_back(l.gamma1);
  std::cerr << "sign simulate-decoder: " << signals << " signals, d = " << s.d << ", " << s.layers << " GVAMP layers\n";
  const DecoderSim sim = simulate_decoder(s);

  Json doc;
  doc["command"] = "sign simulate-decoder";
  doc["rate"] = num(r);
  doc["p"] = num(s.p);
  doc["d"] = s.d;
  doc["n"] = s.n;
  doc["signals"] = signals;
  doc["data"] = "Bernoulli-Gaussian x = m*g/sqrt(p) (unit variance)";
  doc["encoder"] = s.signals_per_group == 1
                       ? "a fresh Haar encoder (QR of a seeded Gaussian, sign fix) per signal"
                       : "a fresh Haar encoder per group of " + std::to_string(s.signals_per_group) + " signals";
  doc["sign0"] = "plus (dense Haar rows: Bx = 0 only if x = 0)";
  doc["standard_errors"] = "delete-one-group jackknife over the " + std::to_string(s.groups) + " independent encoder groups";
  Json rows = Json::array();
  for (int t = 0; t < s.layers; ++t) {
    const McEstimate m = coordinate_mean(sim, DecoderSums::gvamp(t));
    const McEstimate paired = paired_difference(sim, DecoderSums::gvamp(t), DecoderSums::gvamp_scalar(t));
    Json row;
    row["layer"] = t + 1;
    row["simulated"] = num(m.mean);
    row["se"] = err(m.se);
    row["se_prediction"] = num(se.layers[t].mse);
    row["deviation_in_se"] = deviation(m.mean, se.layers[t].mse, m.se);
    row["paired_deviation"] = num(paired.mean);
    row["paired_deviation_se"] = err(paired.se);
    rows.push_back(row);
  }
  doc["mse_by_layer"] = rows;
  doc["mse_by_layer_note"] =
      "GVAMP output x^1 of each layer; se_prediction = m_t (state evolution, double quadrature; docs/sign.md); paired_deviation = "
      "MSE(GVAMP) - MSE(f on the exact scalar channel x + w/sqrt(gamma1_t) with the same x), whose mean is E MSE - m_t";
  Json den = estimate(coordinate_mean(sim, DecoderSums::denoiser_sq), "R_den", denoiser_risk<double>(s.p, r, 1e-12).value);
  const McEstimate den_paired = paired_difference(sim, DecoderSums::denoiser_sq, DecoderSums::scalar_sq);
  den["paired_deviation"] = num(den_paired.mean);
  den["paired_deviation_se"] = err(den_paired.se);
  den["definition"] = "x^ = f(y) entrywise (denoiser, docs/sign.md) at sigma^2 = pi/(2r) - 1; paired_deviation as for mse_by_layer";
  doc["denoiser"] = den;
  Json lin = estimate(coordinate_mean(sim, DecoderSums::linear_sq), "R_Gauss", r_gauss<double>(r));
  lin["definition"] = "x^ = sqrt(2/pi) B' s; R_Gauss = 1 - 2r/pi is exact for Gaussian data, the d -> infinity limit on BG data";
  doc["linear"] = lin;
  doc["channel"] = channel_json(sim, r, s.p);
  doc["tag"] = "[derived]";
  return doc;
}
}  // namespace

void add_sign_decoder(CLI::App& sign) {
  Command<DecoderCliOptions> c{
      "simulate-decoder", "GVAMP / denoiser / linear decoder of a Haar sign code on BG signals vs state evolution (docs/sign.md, S3/S4)",
      Arithmetic::double_precision,
      [](CLI::App& cmd, DecoderCliOptions& o) {
        cmd.add_option("--rate", o.rate, "rate r = n/d (orthonormal Haar rows; n must be an integer)")
            ->required()
            ->check(decimal_in(kUnitInterval));
        cmd.add_option("--p", o.p, "fraction of nonzeros p")->required()->check(decimal_in(kUnitInterval));
        cmd.add_option("--d", o.d, "input dimension d")->check(integer_in(1, kMaxCount))->capture_default_str();
        cmd.add_option("--layers", o.layers, "GVAMP layers L")->check(integer_in(1, kMaxCount))->capture_default_str();
        cmd.add_option("--signals", o.signals, "number of BG signals")->check(integer_in(2, kMaxCount))->capture_default_str();
        cmd.add_option("--signals-per-encoder", o.per_encoder, "signals sharing one Haar encoder (1: a fresh encoder per signal)")
            ->check(integer_in(1, kMaxCount))
            ->capture_default_str();
        cmd.add_option("--seed", o.seed, "seed of the encoders, signals and scalar-channel noise")
            ->check(seed_validator())
            ->capture_default_str();
        cmd.add_option("--threads", o.threads, "threads over encoder groups (1..256; results do not depend on it)")->capture_default_str();
        add_checkpoint_option(cmd, o.checkpoint);
      },
      simulate_decoder_document,
      [](const DecoderCliOptions& o) { return std::optional<std::uint64_t>(o.seed); }};
  c.bind = bind_checkpoint<DecoderCliOptions>("sign simulate-decoder");
  c.finite_hint = "the simulation is too small for this statistic; use a larger --d or more --signals";
  add_command(sign, c);
}

}  // namespace ael::cli
