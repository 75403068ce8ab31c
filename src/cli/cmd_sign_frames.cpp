// aelandscape sign tight-frame: finite-d R*(B_TF) of a unit-norm tight frame
// (spec §2.2, construction [project]) next to the d → ∞ limit R_TF(r).
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/cmd_sign_common.hpp"
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
  std::string rate, d, seed = "1", encoder_out;
};

void run_tight_frame(const FrameOptions& o) {
  parse_format(o.output.format);
  check_output_paths({o.output.output, o.encoder_out});
  const double r = parse_rate<double>(o.rate);
  if (!(r >= 1)) throw std::invalid_argument("a tight frame needs --rate >= 1 (n >= d); for r < 1 use orthonormal rows (R_Gauss)");
  const int d = parse_count(o.d, "--d", 1);
  const int n = sign::code_length<double>(r, d);
  const std::uint64_t seed = parse_seed(o.seed);
  const int D = o.output.digits;
  if (D < 1 || D > 17) throw std::invalid_argument("--digits must be between 1 and 17 (sign tight-frame computes in double)");
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
                        "row normalization over-relaxed by omega = r/(r-1), until both hold to 1e-14 (spec 2.2 [project])";
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
  doc["meta"] = metadata("double", 0, seed);
  refuse_non_finite(doc, "double arithmetic overflowed");
  emit(doc, o.output);
}
}  // namespace

void add_sign_tight_frame(CLI::App& sign) {
  auto o = std::make_shared<FrameOptions>();
  auto* c = sign.add_subcommand("tight-frame", "finite-d R*(B) of a unit-norm tight frame (r >= 1) next to the limit R_TF(r)");
  o->output.digits = 17;
  o->output.add_to(*c);
  c->get_option("--digits")->description("significant digits printed, 1..17 (double precision; default 17)");
  c->add_option("--rate", o->rate, "rate r = n/d >= 1")->required();
  c->add_option("--d", o->d, "input dimension d (n = r d must be an integer)")->required();
  c->add_option("--seed", o->seed, "seed of the Haar start");
  c->add_option("--save-encoder", o->encoder_out, "write the frame B (n x d) as CSV");
  c->callback([o] { run_tight_frame(*o); });
}

}  // namespace ael::cli
