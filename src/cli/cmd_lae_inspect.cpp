// aelandscape lae inspect: score another implementation's weights against the exact landscape.
// The verdict is api::inspect_document (api/lae.hpp); this file reads the files and the options.
#include "api/lae.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/lae_common.hpp"
#include "cli/output.hpp"
#include "core/io.hpp"
#include "cli/runner.hpp"

namespace ael::cli {

namespace {
struct InspectOptions {
  DataOptions data;
  OutputOptions output;
  std::string decoder, encoder, loss = "both";
  double tol = 1e-5;
  bool numeric = false;
  bool multiprecision = false;
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
  return api::inspect_document<T>(data, A, B, io, digits);
}

Json inspect_document(const InspectOptions& o) {
  if (o.multiprecision) return inspect<mp_real>(o, o.output.digits);
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
      },
      inspect_document};
  c.choose_arithmetic = [](const InspectOptions& o) { return o.multiprecision ? Arithmetic::mpfr : Arithmetic::double_precision; };
  add_command(lae, c);
}

}  // namespace ael::cli
