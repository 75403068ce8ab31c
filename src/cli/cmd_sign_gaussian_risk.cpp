// aelandscape sign gaussian-risk: the model of a table-driven command (cli/runner.hpp).
#include "cli/cmd_sign_common.hpp"
#include "cli/runner.hpp"
#include "core/ball_io.hpp"
#include "sign/certified_closed_forms.hpp"
#include "sign/gaussian_risk.hpp"

namespace ael::cli {

namespace {
struct GaussianRiskOptions {
  OutputOptions output;
  std::string rate;
  bool certify = false;
};

Json gaussian_risk_document(const GaussianRiskOptions& o) {
  using T = mp_real;
  const int D = o.output.digits;
  const sign::GaussianRisk<T> g = sign::gaussian_risk<T>(parse_option_value<T>(o.rate, "--rate"));
  Json doc;
  doc["command"] = "sign gaussian-risk";
  doc["rate"] = to_decimal(g.rate, D);
  doc["risk"] = to_decimal(g.risk, D);
  doc["formula"] = g.tight_frame ? "R_TF(r) = (pi - 2)/(pi - 2 + 2r): unit-norm tight frame, d -> infinity limit"
                                 : "R_Gauss(r) = 1 - 2r/pi: orthonormal rows, A = sqrt(2/pi) B', exact at every d";
  doc["tag"] = "[derived]";
  doc["benchmarks"] = {{"shannon_D", to_decimal(g.shannon, D)}, {"shannon_formula", "D(r) = 2^(-2r)"}};
  if (o.certify) sign::merge_certified(doc, sign::certified_gaussian_risk(o.rate, D));
  return doc;
}
}  // namespace

void add_sign_gaussian_risk(CLI::App& sign) {
  add_command<GaussianRiskOptions>(
      sign, {"gaussian-risk", "R_Gauss(r) = 1 - 2r/pi (r <= 1) or the tight-frame limit (r > 1)", Arithmetic::mpfr,
             [](CLI::App& cmd, GaussianRiskOptions& o) {
               cmd.add_option("--rate", o.rate, "rate r = n/d > 0")->required()->check(decimal_number(true));
               add_certify_flag(cmd, o.certify);
             },
             gaussian_risk_document});
}

}  // namespace ael::cli
