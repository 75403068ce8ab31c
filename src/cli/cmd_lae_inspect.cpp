// aelandscape lae inspect: score another implementation's weights against the exact landscape.
// The verdict is api::inspect_document (api/lae.hpp); this file reads the files and the options.
#include "api/lae.hpp"
#include "api/lae_certify.hpp"
#include "cli/certify_output.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/lae_common.hpp"
#include "cli/output.hpp"
#include "core/io.hpp"
#include "cli/runner.hpp"
#include "lae/certify_inspect.hpp"

#include <optional>

namespace ael::cli {

namespace {
struct InspectOptions {
  DataOptions data;
  OutputOptions output;
  std::string decoder, encoder, loss = "both";
  double tol = 1e-5;
  bool numeric = false;
  bool multiprecision = false;
  bool certify = false;
};

template <class T> Json inspect(const InspectOptions& o, int digits) {
  api::InspectOptions io;
  io.loss = api::parse_loss_choice(o.loss);
  io.tol = o.tol;
  io.numeric = o.numeric;
  io.centered = o.data.center;
  io.spell = flag_name;
  const LaeData<T> data = load_lae_data<T>(o.data);
  ReadOptions ro;
  ro.skip_header = o.data.skip_header;  // --skip-header applies to every CSV the command reads
  const Mat<T> A = read_matrix<T>(o.decoder, ro), B = read_matrix<T>(o.encoder, ro);
  std::optional<CertifiedData> cd;
  if (o.certify) cd = certify_data(o.data, data.moments.n());  // refuses overlapping eigenvalue balls before the uncertified route can
  Json doc = api::inspect_document<T>(data, A, B, io, digits);
  if (cd) {
    // The exact inputs (docs/certification.md §9): moments in ℚ, the weights as stored.
    api::CertifiedInspectInputs in;
    in.exact = lae::exact_rational_moments(*cd->samples, o.data.center, cd->dropped);
    in.Sxx = std::move(cd->Sxx);
    in.lambda = std::move(cd->lambda);
    in.V = std::move(cd->V);
    in.A = read_matrix<rational>(o.decoder, ro);
    in.B = read_matrix<rational>(o.encoder, ro);
    api::add_certified_inspection(doc, in, digits);
  }
  return doc;
}

Json inspect_document(const InspectOptions& o) {
  if (o.multiprecision || o.certify) return inspect<mp_real>(o, o.output.digits);
  Json doc = inspect<double>(o, 17);
  require_finite_results(doc, " (rerun with --multiprecision)");
  return doc;
}
}  // namespace

void add_lae_inspect(CLI::App& lae) {
  Command<InspectOptions> c{
      "inspect", "verdict on given weights: global minimum, saddle of index k, or not critical", Arithmetic::mpfr,
      [](CLI::App& cmd, InspectOptions& o) {
        o.data.add_to(cmd);
        cmd.add_option("--decoder", o.decoder, "A (n x p): .csv or .npy (float32/64, C or Fortran order)")->required();
        cmd.add_option("--encoder", o.encoder, "B (p x n): .csv or .npy")->required();
        cmd.add_option("--loss", o.loss, "the loss(es) scored (top-level verdict: ordered)")
            ->check(CLI::IsMember({"ordered", "mse", "both"}))
            ->capture_default_str();
        cmd.add_option("--tol", o.tol, "relative gradient norm below which the weights count as critical")
            ->check(number_in({"0", "", true, false}))
            ->capture_default_str();
        cmd.add_flag("--numeric", o.numeric,
                     "also diagonalise the Hessian (at the balanced representative, same inertia) and cross-check the inertia");
        cmd.add_flag("--multiprecision", o.multiprecision, "compute in MPFR at --digits (default: double)");
        cmd.add_flag("--certify", o.certify,
                     "prove the loss, the gradient norm, the distance to the nearest critical point and its inertia "
                     "(exact and ball arithmetic at --digits; implies --multiprecision; docs/certification.md)");
      },
      inspect_document};
  c.choose_arithmetic = [](const InspectOptions& o) {
    return o.multiprecision || o.certify ? Arithmetic::mpfr : Arithmetic::double_precision;
  };
  c.bind = [](InspectOptions& o, const CLI::App&) {  // fail before any work
    if (!o.certify) return;
    require_certifiable(o.data, "", "critical");
    if (o.numeric)
      throw std::invalid_argument("--certify has no certified route for --numeric (a floating-point eigensolver); "
                                  "the certified inertia comes from the ball route");
  };
  add_command(lae, c);
}

}  // namespace ael::cli
