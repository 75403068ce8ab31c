// aelandscape sign tight-frame: finite-d R*(B_TF) of a unit-norm tight frame
// (construction [project]: docs/sign.md "Tight frames") next to the d → ∞ limit R_TF(r).
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/cmd_sign_common.hpp"
#include "cli/runner.hpp"
#include "core/io.hpp"
#include "core/meta.hpp"
#include "core/resources.hpp"
#include "sign/closed_forms.hpp"
#include "sign/frames.hpp"

#include <cstdio>
#include <memory>

namespace ael::cli {

namespace {
struct FrameOptions {
  OutputOptions output;
  std::string rate, encoder_out;
  int d = 0;
  std::uint64_t seed = 1;
  FrameOptions() { output.digits = 17; }
};

Json tight_frame_document(const FrameOptions& o) {
  check_output_path("--save-encoder", o.encoder_out);
  const double r = parse_scalar<double>(o.rate);  // syntax and range (r >= 1) checked by the parser
  const int d = o.d;
  const int n = sign::code_length<double>(r, d);
  const std::uint64_t seed = o.seed;
  const int D = o.output.digits;
  // The frame and its QR start (n x d each), the n x n arcsine Gram matrix and its Cholesky factor.
  check_memory(8.0 * (2.0 * n * d + 2.0 * double(n) * n), "sign tight-frame at n = " + std::to_string(n) + ", d = " + std::to_string(d));
  std::fprintf(stderr, "sign tight-frame: n = %d, d = %d: building the frame ...\n", n, d);
  const sign::TightFrame tf = sign::tight_frame(n, d, seed);
  std::fprintf(stderr, "sign tight-frame: %d rounds; R*(B) from the %d x %d arcsine Gram matrix ...\n", tf.iterations, n, n);
  const double risk = sign::gaussian_optimal_risk(tf.B), limit = sign::r_tight_frame<double>(double(n) / d);
  auto dec = [D](double x) { return to_decimal(x, D); };
  Json doc;
  doc["command"] = "sign tight-frame";
  doc["n"] = n;
  doc["d"] = d;
  doc["rate"] = dec(double(n) / d);
  doc["construction"] = "sqrt(r) x first d columns of a Haar n x n orthogonal matrix; alternate B <- sqrt(r) B (B'B)^(-1/2) with "
                        "row normalization over-relaxed by omega = r/(r-1), until both hold to 1e-14 (docs/sign.md, Tight frames [project])";
  doc["rounds"] = tf.iterations;
  doc["row_error"] = to_decimal(tf.row_error, 3);
  doc["frame_error"] = to_decimal(tf.frame_error, 3);
  doc["risk"] = dec(risk);
  doc["risk_formula"] = "R*(B) = 1 - (2/pi) ||L^-1 B||_F^2 / d, K = (2/pi) arcsin(BB') = LL' (double)";
  doc["r_tight_frame"] = dec(limit);
  doc["excess"] = dec(risk - limit);
  doc["excess_times_d"] = dec((risk - limit) * d);
  if (!o.encoder_out.empty()) {
    write_csv<double>(o.encoder_out, tf.B, 17);
    doc["encoder_file"] = o.encoder_out;
  }
  doc["tag"] = "[derived]";
  return doc;
}
}  // namespace

void add_sign_tight_frame(CLI::App& sign) {
  Command<FrameOptions> c{"tight-frame", "finite-d R*(B) of a unit-norm tight frame (r >= 1) next to the limit R_TF(r)",
                          Arithmetic::double_precision,
                          [](CLI::App& cmd, FrameOptions& o) {
                            cmd.add_option("--digits", o.output.digits, "significant digits printed (computed in double)")
                                ->check(integer_in(1, 17))
                                ->capture_default_str();
                            cmd.add_option("--rate", o.rate, "rate r = n/d (a tight frame needs n >= d; below 1 use R_Gauss)")
                                ->required()
                                ->check(decimal_in({"1", "", false, false}));
                            cmd.add_option("--d", o.d, "input dimension d (n = r d must be an integer)")
                                ->required()
                                ->check(integer_in(1, kMaxCount));
                            cmd.add_option("--seed", o.seed, "seed of the Haar start")->check(seed_validator())->capture_default_str();
                            cmd.add_option("--save-encoder", o.encoder_out, "write the frame B (n x d) as CSV");
                          },
                          tight_frame_document,
                          [](const FrameOptions& o) { return std::optional<std::uint64_t>(o.seed); }};
  c.finite_hint = "double arithmetic overflowed";
  add_command(sign, c);
}

}  // namespace ael::cli
