// aelandscape sparse ...: sparse coding with a tied ReLU autoencoder
// (docs/sparse.md). This file holds the group and `expected-gradient`.
#include "api/sparse.hpp"
#include "cli/cmd_sparse_common.hpp"
#include "core/precision.hpp"
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

void run_expected(const ExpectedOptions& o) {
  api::ExpectedGradientOptions ao{o.spec, o.rows, api::parse_sparse_arithmetic(o.arithmetic), o.all_rows, o.out, flag_name};
  const PrecisionScope precision(o.output.digits);
  parse_format(o.output.format);
  check_output_paths({o.output.output, o.out});
  Json doc = api::expected_gradient_document(ao, o.output.digits);
  const std::string scalar = doc["arithmetic"];
  doc["meta"] = metadata(scalar, o.output.digits, o.spec.seed);
  refuse_non_finite(doc, scalar == "double" ? "double arithmetic overflowed; use --arithmetic mpfr or rational" : "report this input");
  emit(doc, o.output);
}

void add_expected_gradient(CLI::App& group) {
  auto o = std::make_shared<ExpectedOptions>();
  o->spec.eps_frac = "";
  auto* cmd = group.add_subcommand("expected-gradient", "exact E[grad_{W_i} L] under support recovery (docs/sparse.md §5.3), windows, Lemma D2 bound");
  add_instance_options(*cmd, o->spec);
  o->output.add_to(*cmd);
  cmd->add_option("--row", o->rows, "row(s) i: 0, a comma list, or 'all'");
  cmd->add_option("--arithmetic", o->arithmetic, "auto (rational when the inputs are) | rational | mpfr | double");
  cmd->add_flag("--all-rows", o->all_rows, "every row at once (shared Gram products); JSON lists the row norms");
  cmd->add_option("--out", o->out, "with --all-rows: write the h x n matrix E grad to this .csv or .npy file");
  cmd->callback([o] { run_expected(*o); });
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
