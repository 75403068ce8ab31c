// aelandscape sign …: 1-bit (sign) autoencoders (docs/sign.md; options in docs/cli.md).
// This file holds the arbitrary-precision closed forms; the double-precision
// simulations are in cmd_sign_sim.cpp.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/cmd_sign_common.hpp"
#include "core/io.hpp"
#include "sign/ball_io.hpp"
#include "sign/certified_closed_forms.hpp"
#include "sign/certified_denoiser.hpp"
#include "sign/closed_forms.hpp"
#include "sign/denoiser.hpp"
#include "sign/encoder.hpp"
#include "sign/state_evolution.hpp"

#include <cmath>
#include <map>
#include <memory>

namespace ael::cli {

namespace {
using T = mp_real;
using namespace ael::sign;

void begin(const OutputOptions& out, const std::string& command, const std::string& other_output = "") {
  report_progress(command);
  set_working_digits(out.digits);
  parse_format(out.format);  // fail before any work
  check_output_paths({out.output, other_output});
}

Json benchmarks(const T& r, int digits) {
  Json b;
  b["shannon_D"] = to_decimal(shannon<T>(r), digits);
  b["shannon_formula"] = "D(r) = 2^(-2r)";
  return b;
}

// ---- rate commands ----------------------------------------------------------
struct RateOptions {
  OutputOptions output;
  std::string rate, p = "1", sign0 = "plus", nonzero = "gaussian", start = "uninformative";
  std::string d, layers = "0";
  bool partial = false, certify = false;
};

// ---- identity-risk -------------------------------------------------------
void run_identity_risk(const RateOptions& o) {
  begin(o.output, "sign identity-risk");
  const T r = parse_rate<T>(o.rate), p = parse_fraction<T>(o.p, "--p");
  if (r > 1) throw std::invalid_argument("an identity/permutation encoder needs --rate <= 1 (n <= d)");
  const int d = parse_count(o.d, "--d", 1);
  const int n = code_length<T>(r, d);
  const Sign0 s = parse_sign0(o.sign0);
  const NonzeroLaw z = parse_nonzero(o.nonzero);
  require_unit_variance(z);
  const int D = o.output.digits;
  const T m2 = mu2<T>(z);
  Json doc;
  doc["command"] = "sign identity-risk";
  doc["d"] = d;
  doc["n"] = n;
  doc["rate"] = to_decimal(T(T(n) / T(d)), D);
  doc["p"] = to_decimal(p, D);
  doc["sign0"] = sign0_name(s);
  doc["nonzero"] = nonzero_name(z);
  doc["mu_z_squared"] = to_decimal(m2, D);
  doc["risk"] = to_decimal(identity_risk_exact<T>(n, d, p, m2, s), D);
  doc["risk_d_infinity"] = to_decimal(identity_risk_limit<T>(T(T(n) / T(d)), p, m2, s), D);
  doc["r_gauss"] = to_decimal(r_gauss<T>(T(T(n) / T(d))), D);
  doc["formula"] = "spec 2.5 table, exact at finite d (optimal linear decoder, sign0 = " + std::string(sign0_name(s)) + ")";
  if (s == Sign0::zero) doc["note"] = "sign0 = zero gives a ternary code: more than 1 bit per unit where zeros occur";
  doc["tag"] = "[derived]";
  if (o.certify) merge_certified(doc, certified_identity_risk(n, d, o.p, s, z, D));
  doc["meta"] = metadata("mpfr", D);
  emit(doc, o.output);
}

// ---- critical-sparsity ---------------------------------------------------
void run_critical_sparsity(const RateOptions& o) {
  begin(o.output, "sign critical-sparsity");
  const Sign0 s = parse_sign0(o.sign0);
  const NonzeroLaw z = parse_nonzero(o.nonzero);
  require_unit_variance(z);
  const int D = o.output.digits;
  const T m2 = mu2<T>(z);
  const auto c = critical_sparsity<T>(m2, s);
  Json doc;
  doc["command"] = "sign critical-sparsity";
  doc["sign0"] = sign0_name(s);
  doc["nonzero"] = nonzero_name(z);
  doc["mu_z_squared"] = to_decimal(m2, D);
  if (c.p_dependent) {
    doc["p_star"] = to_decimal(c.p_star, D);
    doc["transition"] = c.transition;
    doc["formula"] = s == Sign0::plus ? "p* = 2 - (pi/2) mu_z^2" : "p* = 2/(pi mu_z^2)";
    doc["orientation"] = c.transition ? "rotation better for p < p*, identity better for p > p*"
                                      : "p* >= 1: the rotation is better for every p in (0, 1]";
  } else {
    doc["transition"] = false;
    doc["p_star"] = nullptr;
    doc["formula"] = "sign0 = zero: L_id = 1 - r mu_z^2 has no p dependence";
    doc["identity_always_better"] = c.identity_always_better;
  }
  doc["tag"] = "[derived]";
  if (o.certify) merge_certified(doc, certified_critical_sparsity(z, s, D));
  doc["meta"] = metadata("mpfr", D);
  emit(doc, o.output);
}

// ---- denoiser-risk -------------------------------------------------------
void run_denoiser_risk(const RateOptions& o) {
  begin(o.output, "sign denoiser-risk");
  Json doc = api::denoiser_risk_document({o.rate, o.p, o.partial, o.certify}, o.output.digits);
  doc["meta"] = metadata("mpfr", o.output.digits);
  emit(doc, o.output);
}

// ---- state-evolution -----------------------------------------------------
void run_state_evolution(const RateOptions& o) {
  begin(o.output, "sign state-evolution");
  const T r = parse_rate<T>(o.rate), p = parse_fraction<T>(o.p, "--p");
  if (r > 1) throw std::invalid_argument("state evolution (spec 4.2) needs --rate <= 1 (orthonormal Haar rows)");
  const int layers = parse_count(o.layers, "--layers", 0);
  if (o.start != "uninformative" && o.start != "informative")
    throw std::invalid_argument("unknown --start '" + o.start + "' (uninformative, informative)");
  const int D = o.output.digits;
  const T tol = quadrature_tolerance(D);
  const T gamma_start = o.start == "informative" ? T(10000) : T(1);
  // To the fixed point: iterate until steps fall below 10^-(D+2).
  const T stop = boost::multiprecision::pow(T(10), -(D + 2));
  SeRun<T> run;
  if (layers > 0) run = state_evolution<T>(r, p, layers, T(0), tol, gamma_start);
  SeRun<T> fixed = state_evolution<T>(r, p, 5000, stop, tol, gamma_start);
  if (!fixed.converged) throw std::invalid_argument("state evolution did not reach its fixed point in 5000 layers");
  Json doc;
  doc["command"] = "sign state-evolution";
  doc["rate"] = to_decimal(r, D);
  doc["p"] = to_decimal(p, D);
  doc["start"] = o.start == "informative" ? "informative (gamma2 = 1e4)" : "uninformative (gamma2 = 1)";
  const auto& shown = layers > 0 ? run : fixed;
  T quad_error = 0;
  Json rows = Json::array();
  for (size_t t = 0; t < shown.layers.size(); ++t) {
    quad_error += shown.layers[t].quad_error;  // errors of earlier layers feed later ones
    Quadrature<T> q;
    q.value = shown.layers[t].mse, q.error = quad_error, q.converged = true;
    Json row;
    row["layer"] = static_cast<int>(t + 1);
    add_established(row, "mse", q, D, o.partial);
    rows.push_back(row);
  }
  doc["mse_by_layer"] = rows;
  Quadrature<T> fp;
  fp.value = fixed.layers.back().mse;
  fp.converged = true;
  for (const auto& l : fixed.layers) fp.error += l.quad_error;
  fp.error += fixed.fixed_point_error;
  add_established(doc, "fixed_point", fp, D, o.partial);
  doc["layers_to_fixed_point"] = static_cast<int>(fixed.layers.size());
  doc["fixed_point_error_bound"] = to_decimal(fp.error, 3);
  doc["r_gauss"] = to_decimal(r_gauss<T>(r), D);
  doc["benchmarks"] = benchmarks(r, D);
  doc["formula"] = "spec 4.2 state evolution of unrolled GVAMP (layer 1 = Bayes denoiser R_den)";
  doc["tag"] = "[derived]";
  if (o.certify) merge_certified(doc, certified_state_evolution(o.rate, o.p, layers, o.start == "informative" ? "10000" : "1", D, o.partial));
  doc["meta"] = metadata("mpfr", D);
  emit(doc, o.output);
}

// ---- risk --encoder ------------------------------------------------------
struct EncoderOptions {
  OutputOptions output;
  std::string encoder, decoder_out;
  std::string d = "0";
};

void run_encoder_risk(const EncoderOptions& o) {
  begin(o.output, "sign risk", o.decoder_out);
  const int D = o.output.digits;
  Mat<T> B;
  try {
    B = read_matrix<T>(o.encoder);
  } catch (const InputError& e) {
    throw std::invalid_argument(e.what());
  }
  if (B.rows() < 1 || B.cols() < 1) throw std::invalid_argument(o.encoder + ": empty encoder");
  const int d = parse_count(o.d, "--d", 0);
  if (d > 0 && B.cols() != d)
    throw std::invalid_argument(o.encoder + ": encoder has " + std::to_string(B.cols()) + " columns, expected --d " + std::to_string(d));
  const bool large = B.rows() * B.cols() >= 10000;  // stage lines for runs that take seconds
  if (large) std::cerr << "sign risk: " << B.rows() << " x " << B.cols() << " encoder: Gram and arcsine kernel ...\n";
  const CodeMoments<T> m = gaussian_moments<T>(B);  // throws on a zero row
  if (large) std::cerr << "sign risk: Cholesky factor of K and the optimal decoder ...\n";
  const OptimalDecoder<T> opt = optimal_decoder<T>(m);
  const T r = T(B.rows()) / T(B.cols());
  Json doc;
  doc["command"] = "sign risk";
  doc["encoder"] = o.encoder;
  doc["n"] = static_cast<int>(B.rows());
  doc["d"] = static_cast<int>(B.cols());
  doc["rate"] = to_decimal(r, D);
  doc["risk"] = to_decimal(opt.risk, D);
  doc["formula"] = "R*(B) = 1 - tr(G arcsin(G)^-1)/d, G = Bbar Bbar' (Gaussian data, optimal linear decoder)";
  doc["K_singular"] = opt.singular_K;
  if (opt.singular_K) doc["note"] = "K = (2/pi) arcsin(G) is singular (parallel rows): pseudo-inverse used";
  doc["reference"] = r > 1 ? "R_TF(r), tight-frame limit" : "R_Gauss(r) = 1 - 2r/pi";
  doc["reference_risk"] = to_decimal(r > 1 ? r_tight_frame<T>(r) : r_gauss<T>(r), D);
  doc["excess"] = to_decimal(T(opt.risk - (r > 1 ? r_tight_frame<T>(r) : r_gauss<T>(r))), D);
  if (!o.decoder_out.empty()) {
    write_csv<T>(o.decoder_out, opt.A, D);
    doc["decoder_file"] = o.decoder_out;
  }
  doc["tag"] = "[derived]";
  doc["meta"] = metadata("mpfr", D);
  emit(doc, o.output);
}

// Commands without a certified route accept --certify only to refuse it with
// the nearest certified alternative (one line, exit 2).
void refuse_certify_without_route(CLI::App& sign) {
  const std::map<std::string, std::string> nearest = {
      {"risk", "sign gaussian-risk --certify (R_Gauss / R_TF closed forms)"},
      {"tight-frame", "sign gaussian-risk --rate R --certify (the limit R_TF)"},
      {"simulate-decoder", "sign state-evolution --certify (its deterministic prediction)"},
      {"train", "sign phase-transition --certify (the closed-form table, without --gd)"}};
  for (CLI::App* c : sign.get_subcommands([](CLI::App*) { return true; })) {
    if (c->get_option_no_throw("--certify") != nullptr) continue;
    const std::string name = c->get_name();
    const auto it = nearest.find(name);
    const std::string alt = it != nearest.end() ? it->second : "sign denoiser-risk --certify or sign state-evolution --certify";
    c->add_flag_callback("--certify", [name, alt] {
      throw std::invalid_argument("sign " + name + " has no certified (ball-arithmetic) route; nearest certified alternative: " + alt);
    }, "not available here: refuses with the nearest certified alternative");
  }
}

CLI::App* rate_command(CLI::App& sign, const char* name, const char* help, std::shared_ptr<RateOptions> o) {
  auto* cmd = sign.add_subcommand(name, help);
  o->output.add_to(*cmd);
  return cmd;
}
}  // namespace

void add_sign_tight_frame(CLI::App& sign);  // cmd_sign_frames.cpp

void add_sign(CLI::App& app) {
  auto* sign = app.add_subcommand("sign", "1-bit (sign) autoencoders x^ = A sign(Bx): closed forms, simulation, training");
  sign->require_subcommand(1);
  add_sign_gaussian_risk(*sign);  // cmd_sign_gaussian_risk.cpp: the table-driven model (cli/runner.hpp)
  {
    auto o = std::make_shared<RateOptions>();
    auto* c = rate_command(*sign, "identity-risk", "exact finite-d risk of an identity/permutation encoder on sparse data", o);
    c->add_option("--rate", o->rate, "rate r = n/d in (0, 1]")->required();
    c->add_option("--d", o->d, "input dimension d (n = r d must be an integer)")->required();
    c->add_option("--p", o->p, "fraction of nonzeros p in (0, 1]")->required();
    c->add_option("--sign0", o->sign0, "sign(0): plus (default) | zero | random");
    c->add_option("--nonzero", o->nonzero, "nonzero law: gaussian (default) | rademacher | uniform | laplace");
    add_certify_flag(*c, o->certify);
    c->callback([o] { run_identity_risk(*o); });
  }
  {
    auto o = std::make_shared<RateOptions>();
    auto* c = rate_command(*sign, "critical-sparsity", "p* where the identity overtakes a rotation (spec 2.6)", o);
    c->add_option("--nonzero", o->nonzero, "nonzero law: gaussian | rademacher | uniform | laplace")->required();
    c->add_option("--sign0", o->sign0, "sign(0): plus (default) | zero | random");
    add_certify_flag(*c, o->certify);
    c->callback([o] { run_critical_sparsity(*o); });
  }
  {
    auto o = std::make_shared<RateOptions>();
    auto* c = rate_command(*sign, "denoiser-risk", "Bayes-denoiser MSE R_den(p, r) by quadrature (spec 3.3)", o);
    c->add_option("--rate", o->rate, "rate r in (0, 1]")->required();
    c->add_option("--p", o->p, "fraction of nonzeros p in (0, 1]")->required();
    c->add_flag("--partial", o->partial, "print only the digits the quadrature established instead of failing");
    add_certify_flag(*c, o->certify);
    c->callback([o] { run_denoiser_risk(*o); });
  }
  {
    auto o = std::make_shared<RateOptions>();
    auto* c = rate_command(*sign, "state-evolution", "multi-layer (GVAMP) decoder MSE by layer and its fixed point (spec 4.2)", o);
    c->add_option("--rate", o->rate, "rate r in (0, 1]")->required();
    c->add_option("--p", o->p, "fraction of nonzeros p in (0, 1]")->required();
    c->add_option("--layers", o->layers, "report layers 1..L (default: all layers to the fixed point)");
    c->add_option("--start", o->start, "uninformative (gamma2 = 1, default) | informative (gamma2 = 1e4)");
    c->add_flag("--partial", o->partial, "print only established digits instead of failing");
    add_certify_flag(*c, o->certify);
    c->callback([o] { run_state_evolution(*o); });
  }
  {
    auto o = std::make_shared<EncoderOptions>();
    auto* c = sign->add_subcommand("risk", "R*(B) and the optimal decoder of a given encoder on Gaussian data");
    o->output.add_to(*c);
    c->add_option("--encoder", o->encoder, "encoder B (n x d) as CSV/npy, one code unit per row")->required();
    c->add_option("--d", o->d, "expected input dimension (checks the encoder width)");
    c->add_option("--decoder-out", o->decoder_out, "write the optimal decoder A* (d x n) as CSV");
    c->callback([o] { run_encoder_risk(*o); });
  }
  add_sign_simulation(*sign);
  add_sign_decoder(*sign);
  add_sign_tight_frame(*sign);
  refuse_certify_without_route(*sign);
}

}  // namespace ael::cli
