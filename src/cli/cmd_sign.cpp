// aelandscape sign …: 1-bit (sign) autoencoders (docs/sign.md; options in docs/cli.md).
// This file holds the arbitrary-precision closed forms; the double-precision
// simulations are in cmd_sign_sim.cpp.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/cmd_sign_common.hpp"
#include "cli/runner.hpp"
#include "core/io.hpp"
#include "core/ball_io.hpp"
#include "core/csv_cells.hpp"
#include "sign/certified_closed_forms.hpp"
#include "sign/certified_denoiser.hpp"
#include "sign/certified_encoder_risk.hpp"
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

Json benchmarks(const T& r, int digits) {
  Json b;
  b["shannon_D"] = to_decimal(shannon<T>(r), digits);
  b["shannon_formula"] = "D(r) = 2^(-2r)";
  return b;
}


// ---- denoiser-risk options ----------------------------------------------------
struct DenoiserOptions {
  OutputOptions output;
  std::string rate, p;
  bool partial = false, certify = false;
};

// ---- identity-risk -------------------------------------------------------
struct IdentityRiskOptions {
  OutputOptions output;
  std::string rate, p;
  int d = 0;
  Sign0 sign0 = Sign0::plus;
  NonzeroLaw nonzero = NonzeroLaw::gaussian;
  bool certify = false;
};

Json identity_risk_document(const IdentityRiskOptions& o) {
  const T r = parse_scalar<T>(o.rate), p = parse_scalar<T>(o.p);  // syntax and range checked by the parser
  const int d = o.d, n = code_length<T>(r, d);
  const Sign0 s = o.sign0;
  const NonzeroLaw z = o.nonzero;
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
  doc["formula"] = "docs/sign.md, identity encoder: exact at finite d (optimal linear decoder, sign0 = " + std::string(sign0_name(s)) + ")";
  if (s == Sign0::zero) doc["note"] = "sign0 = zero gives a ternary code: more than 1 bit per unit where zeros occur";
  doc["tag"] = "[derived]";
  if (o.certify) merge_certified(doc, certified_identity_risk(n, d, o.p, s, z, D));
  return doc;
}

}  // namespace

// --sign0 and --nonzero; the library's parse_nonzero maps the option's words to the laws.
void declare_sign0_law(CLI::App& c, Sign0& sign0, NonzeroLaw& nonzero) {
  add_enum_option(c, "--sign0", sign0, {Sign0::plus, Sign0::zero, Sign0::random}, sign0_name,
                  "sign(0) of the encoder (zero: a ternary code)");
  std::vector<std::pair<std::string, NonzeroLaw>> laws;
  for (const char* word : {"gaussian", "rademacher", "uniform", "laplace"}) laws.emplace_back(word, parse_nonzero(word));
  add_enum_option(c, "--nonzero", nonzero, laws, "law of the nonzero entries (each has unit variance)");
}

namespace {
// ---- critical-sparsity ---------------------------------------------------
struct CriticalSparsityOptions {
  OutputOptions output;
  Sign0 sign0 = Sign0::plus;
  NonzeroLaw nonzero = NonzeroLaw::gaussian;
  bool certify = false;
};

Json critical_sparsity_document(const CriticalSparsityOptions& o) {
  const Sign0 s = o.sign0;
  const NonzeroLaw z = o.nonzero;
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
  return doc;
}

// ---- denoiser-risk -------------------------------------------------------
Json denoiser_risk_document(const DenoiserOptions& o) {
  return api::denoiser_risk_document({o.rate, o.p, o.partial, o.certify}, o.output.digits);
}

// ---- state-evolution -----------------------------------------------------
struct StateEvolutionOptions {
  OutputOptions output;
  std::string rate, p, start = "uninformative";
  int layers = 0;
  bool partial = false, certify = false;
};

Json state_evolution_document(const StateEvolutionOptions& o) {
  const T r = parse_scalar<T>(o.rate), p = parse_scalar<T>(o.p);  // syntax and range checked by the parser
  const int layers = o.layers;
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
  doc["formula"] = "state evolution of unrolled GVAMP, docs/sign.md (layer 1 = Bayes denoiser R_den)";
  doc["tag"] = "[derived]";
  if (o.certify) merge_certified(doc, certified_state_evolution(o.rate, o.p, layers, o.start == "informative" ? "10000" : "1", D, o.partial));
  return doc;
}

// ---- risk --encoder ------------------------------------------------------
struct EncoderOptions {
  OutputOptions output;
  std::string encoder, decoder_out;
  int d = 0;
  bool certify = false, partial = false;
};

// The encoder's entries exactly: CSV cells parsed as the rationals they denote
// ("0.1" is 1/10); every other format is already exact in B (doubles, bytes).
ExactMat exact_encoder(const std::string& path, const Mat<T>& B) {
  long rows = 0, cols = 0;
  std::vector<std::string> cells;
  ExactMat E(B.rows(), B.cols());
  if (read_csv_cells(path, ReadOptions{}, rows, cols, cells)) {
    if (rows != B.rows() || cols != B.cols()) throw std::logic_error("sign risk: the exact and MPFR readers disagree on the shape");
    for (long i = 0; i < rows; ++i)
      for (long k = 0; k < cols; ++k) E(i, k) = parse_exact_decimal(cells[static_cast<size_t>(i * cols + k)]);
    return E;
  }
  for (long i = 0; i < B.rows(); ++i)
    for (long k = 0; k < B.cols(); ++k) mpfr_get_q(E(i, k).backend().data(), B(i, k).backend().data());  // exact dyadic
  return E;
}

Json encoder_risk_document(const EncoderOptions& o) {
  check_output_path("--decoder-out", o.decoder_out);
  const int D = o.output.digits;
  Mat<T> B;
  try {
    B = read_matrix<T>(o.encoder);
  } catch (const InputError& e) {
    throw std::invalid_argument(e.what());
  }
  if (B.rows() < 1 || B.cols() < 1) throw std::invalid_argument(o.encoder + ": empty encoder");
  const int d = o.d;
  if (d > 0 && B.cols() != d)
    throw std::invalid_argument(o.encoder + ": encoder has " + std::to_string(B.cols()) + " columns, expected --d " + std::to_string(d));
  if (o.certify && B.rows() > kCertifiedRiskMaxRows)  // before any work
    throw std::invalid_argument("sign risk --certify: the encoder has n = " + std::to_string(B.rows()) +
                                " rows; the certified route is limited to n <= " + std::to_string(kCertifiedRiskMaxRows) +
                                " (cost ~ n^3, docs/sign.md); drop --certify for the MPFR estimate");
  const bool large = B.rows() * B.cols() >= 10000;  // stage lines for runs that take seconds
  // The certified route first, so that its refusals (singular K, too few digits) come before the MPFR work.
  Json certified;
  if (o.certify) {
    if (large) std::cerr << "sign risk: certified route (ball arcsin moments and Cholesky of K) ...\n";
    certified = certified_encoder_risk(exact_encoder(o.encoder, B), D, o.partial);
  }
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
  if (!o.certify) {
    doc["evidence"] = "estimate";
    doc["evidence_note"] = "MPFR at the working precision, not proved; --certify proves every value in ball arithmetic";
    return doc;
  }
  merge_certified(doc, certified);
  if (opt.singular_K)
    doc["note"] = "the MPFR route found K numerically singular (pseudo-inverse); the ball Cholesky proves K positive definite, "
                  "and every printed value comes from the balls";
  if (!o.decoder_out.empty()) doc["decoder_file_evidence"] = "estimate (the MPFR decoder; --certify proves R*, not the written A*)";
  return doc;
}

// Commands without a certified route accept --certify only to refuse it with
// the nearest certified alternative (one line, exit 2).
void refuse_certify_without_route(CLI::App& sign) {
  const std::map<std::string, std::string> nearest = {
      {"tight-frame", "sign gaussian-risk --rate R --certify (the limit R_TF)"},
      {"simulate-decoder", "sign state-evolution --certify (its deterministic prediction)"},
      {"train", "sign phase-transition --certify (the closed-form table, without --gd)"}};
  for (CLI::App* c : sign.get_subcommands([](CLI::App*) { return true; })) {
    if (c->get_option_no_throw("--certify") != nullptr) continue;
    const std::string name = c->get_name();
    const auto it = nearest.find(name);
    const std::string alt = it != nearest.end() ? it->second : "sign denoiser-risk --certify or sign state-evolution --certify";
    refuse_certify(*c, "sign " + name + " has no certified (ball-arithmetic) route; nearest certified alternative: " + alt);
  }
}

}  // namespace

void add_sign_tight_frame(CLI::App& sign);  // cmd_sign_frames.cpp

void add_sign(CLI::App& app) {
  auto* sign = app.add_subcommand("sign", "1-bit (sign) autoencoders x^ = A sign(Bx): closed forms, simulation, training");
  sign->require_subcommand(1);
  add_sign_gaussian_risk(*sign);  // cmd_sign_gaussian_risk.cpp: the table-driven model (cli/runner.hpp)
  add_command<IdentityRiskOptions>(
      *sign, {"identity-risk", "exact finite-d risk of an identity/permutation encoder on sparse data", Arithmetic::mpfr,
              [](CLI::App& c, IdentityRiskOptions& o) {
                c.add_option("--rate", o.rate, "rate r = n/d (an identity encoder needs n <= d)")->required()->check(decimal_in(kUnitInterval));
                c.add_option("--d", o.d, "input dimension d (n = r d must be an integer)")->required()->check(integer_in(1, kMaxCount));
                c.add_option("--p", o.p, "fraction of nonzeros p")->required()->check(decimal_in(kUnitInterval));
                declare_sign0_law(c, o.sign0, o.nonzero);
                add_certify_flag(c, o.certify);
              },
              identity_risk_document});
  add_command<CriticalSparsityOptions>(
      *sign, {"critical-sparsity", "p* where the identity overtakes a rotation (docs/sign.md)", Arithmetic::mpfr,
              [](CLI::App& c, CriticalSparsityOptions& o) {
                declare_sign0_law(c, o.sign0, o.nonzero);
                c.get_option("--nonzero")->required();
                add_certify_flag(c, o.certify);
              },
              critical_sparsity_document});
  add_command<DenoiserOptions>(
      *sign, {"denoiser-risk", "Bayes-denoiser MSE R_den(p, r) by quadrature (docs/sign.md §3.3)", Arithmetic::mpfr,
              [](CLI::App& c, DenoiserOptions& o) {
                c.add_option("--rate", o.rate, "rate r (orthonormal Haar rows: r <= 1)")->required()->check(decimal_in(kUnitInterval));
                c.add_option("--p", o.p, "fraction of nonzeros p")->required()->check(decimal_in(kUnitInterval));
                c.add_flag("--partial", o.partial, "print only the digits the quadrature established instead of failing");
                add_certify_flag(c, o.certify);
              },
              denoiser_risk_document});
  add_command<StateEvolutionOptions>(
      *sign, {"state-evolution", "multi-layer (GVAMP) decoder MSE by layer and its fixed point (docs/sign.md)", Arithmetic::mpfr,
              [](CLI::App& c, StateEvolutionOptions& o) {
                c.add_option("--rate", o.rate, "rate r (orthonormal Haar rows: r <= 1)")->required()->check(decimal_in(kUnitInterval));
                c.add_option("--p", o.p, "fraction of nonzeros p")->required()->check(decimal_in(kUnitInterval));
                c.add_option("--layers", o.layers, "report layers 1..L (0: every layer to the fixed point)")
                    ->check(integer_in(0, kMaxCount))
                    ->capture_default_str();
                c.add_option("--start", o.start, "uninformative: gamma2 = 1; informative: gamma2 = 1e4")
                    ->check(CLI::IsMember({"uninformative", "informative"}))
                    ->capture_default_str();
                c.add_flag("--partial", o.partial, "print only established digits instead of failing");
                add_certify_flag(c, o.certify);
              },
              state_evolution_document});
  add_command<EncoderOptions>(
      *sign, {"risk", "R*(B) and the optimal decoder of a given encoder on Gaussian data", Arithmetic::mpfr,
              [](CLI::App& c, EncoderOptions& o) {
                c.add_option("--encoder", o.encoder, "encoder B (n x d) as CSV/npy, one code unit per row")->required();
                c.add_option("--d", o.d, "expected input dimension (checks the encoder width; 0: any)")
                    ->check(integer_in(0, kMaxCount))
                    ->capture_default_str();
                c.add_option("--decoder-out", o.decoder_out, "write the optimal decoder A* (d x n) as CSV");
                add_certify_flag(c, o.certify);
                c.add_flag("--partial", o.partial, "with --certify: print only the digits of risk its ball supports instead of failing")
                    ->needs("--certify");
              },
              encoder_risk_document});
  add_sign_simulation(*sign);
  add_sign_decoder(*sign);
  add_sign_tight_frame(*sign);
  refuse_certify_without_route(*sign);
}

}  // namespace ael::cli
