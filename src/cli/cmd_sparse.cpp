// aelandscape sparse ...: sparse coding with a tied ReLU autoencoder
// (docs/sparse.md). This file holds the group and `expected-gradient`.
#include "api/sparse.hpp"
#include "cli/cmd_sparse_common.hpp"
#include "cli/runner.hpp"
#include "cli/commands.hpp"
#include "core/io.hpp"

#include <iostream>
#include <stdexcept>

namespace ael::cli {

namespace {
struct ExpectedOptions {
  sparse::InstanceSpec spec;
  OutputOptions output;
  std::string rows = "0", arithmetic = "auto";
  bool all_rows = false;  // the h × n matrix through expected_gradient_all_rows
  std::string out;        // its file (.csv or .npy)
};

// The arithmetic --arithmetic resolves to (auto: rational when the inputs are).
Arithmetic expected_arithmetic(const ExpectedOptions& o) {
  switch (api::resolve_sparse_arithmetic(api::parse_sparse_arithmetic(o.arithmetic), o.spec)) {
    case api::SparseArithmetic::rational: return Arithmetic::rational;
    case api::SparseArithmetic::double_precision: return Arithmetic::double_precision;
    default: return Arithmetic::mpfr;
  }
}

Json expected_document(const ExpectedOptions& o) {
  api::ExpectedGradientOptions ao{o.spec, o.rows, api::parse_sparse_arithmetic(o.arithmetic), o.all_rows, o.out, flag_name};
  check_output_paths({o.out});
  Json doc = api::expected_gradient_document(ao, o.output.digits);
  refuse_non_finite(doc, doc["arithmetic"] == "double" ? "double arithmetic overflowed; use --arithmetic mpfr or rational" : "report this input");
  return doc;
}

void add_expected_gradient(CLI::App& group) {
  Command<ExpectedOptions> c{
      "expected-gradient", "exact E[grad_{W_i} L] under support recovery (docs/sparse.md §5.3), windows, Lemma D2 bound", Arithmetic::mpfr,
      [](CLI::App& cmd, ExpectedOptions& o) {
        o.spec.eps_frac = "";
        add_instance_options(cmd, o.spec);
        cmd.add_flag("--certify", o.spec.certify,
                     "the certified route: fail (exit 2) unless recovery at this epsilon is proved; same as --require-recovery-proof");
        cmd.add_option("--row", o.rows, "row(s) i: 0, a comma list, or 'all'")->capture_default_str();
        cmd.add_option("--arithmetic", o.arithmetic, "auto: rational when the inputs are, else mpfr")
            ->check(CLI::IsMember({"auto", "rational", "mpfr", "double"}))
            ->capture_default_str();
        cmd.add_flag("--all-rows", o.all_rows, "every row at once (shared Gram products); JSON lists the row norms");
        cmd.add_option("--out", o.out, "with --all-rows: write the h x n matrix E grad to this .csv or .npy file");
      },
      expected_document,
      [](const ExpectedOptions& o) { return std::optional<std::uint64_t>(o.spec.seed); }};
  c.choose_arithmetic = expected_arithmetic;
  add_command(group, c);
}
}  // namespace

void add_sparse(CLI::App& app) {
  auto* group = app.add_subcommand("sparse", "sparse coding with a tied ReLU autoencoder (Rangamani et al., ISIT 2018)");
  group->require_subcommand(1);
  add_expected_gradient(*group);
  add_sparse_monte_carlo(*group);
  add_sparse_sweep_h(*group);
  add_sparse_train(*group);
  add_sparse_landscape(*group);
}

}  // namespace ael::cli
