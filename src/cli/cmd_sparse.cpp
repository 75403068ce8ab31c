// aelandscape sparse ...: sparse coding with a tied ReLU autoencoder
// (docs/sparse.md). This file holds the group and `expected-gradient`.
#include "cli/cmd_sparse_common.hpp"
#include "core/precision.hpp"
#include "cli/commands.hpp"
#include "core/io.hpp"

#include <iostream>
#include <stdexcept>

namespace ael::cli {

namespace {
using sparse::rational;

struct ExpectedOptions {
  sparse::InstanceSpec spec;
  OutputOptions output;
  std::string rows = "0", arithmetic = "auto";
  bool all_rows = false;  // the h × n matrix through expected_gradient_all_rows
  std::string out;        // its file (.csv or .npy)
};

template <class T> Json bound_json(const sparse::Instance<T>& I, int digits) {
  Json b;
  b["value"] = sparse::decimal(I.d2.expected, digits);
  b["valid"] = I.d2_valid;
  b["assumption"] = I.d2_valid ? "D1 window holds for every threshold (Lemma D2 applies)"
                               : "Lemma D2 does NOT apply: the D1 window does not certify eps (or Bernoulli supports)";
  b["per_sample"] = sparse::decimal(I.d2.per_sample, digits);
  b["F1"] = sparse::decimal(I.d2.F1, digits);
  b["F2"] = sparse::decimal(I.d2.F2, digits);
  b["Gamma"] = sparse::decimal(I.d2.Gamma, digits);
  b["eta_bar"] = sparse::decimal(I.d2.eta_bar, digits);
  b["rounding"] = sparse::ScalarOps<T>::exact ? "exact, Gamma by a rational upper bound of the square root" : "rounded upward";
  return b;
}

template <class T> Json row_json(const sparse::Instance<T>& I, int row, int digits) {
  const auto g = sparse::expected_gradient(I.P, row);
  Json r;
  r["row"] = row;
  r["expected_gradient"] = sparse::decimal_vector(g.value, digits);
  r["expected_gradient_norm"] = sqrt_decimal(g.norm_sq, digits);
  r["expected_gradient_norm_sq"] = sparse::exact_text(g.norm_sq, digits);
  r["cancellation_ratio"] = to_decimal(g.cancellation_ratio, 3);
  if (g.cancellation_ratio < 1e-8 && !sparse::ScalarOps<T>::exact)
    r["warning"] = "heavy cancellation: use more --digits or --arithmetic rational";
  // Exact comparison of squares for rationals (the bound is an upper bound).
  r["within_certified_bound"] = g.norm_sq <= I.d2.expected * I.d2.expected;
  return r;
}

template <class T> void rows_json(Json& doc, const sparse::Instance<T>& I, const std::string& row_text, int digits) {
  const auto rows = parse_rows(row_text, I.P.h());
  Json all = Json::array();
  for (int r : rows) {
    std::cerr << "sparse expected-gradient: row " << r << "\n";
    all.push_back(row_json(I, r, digits));
  }
  doc["row"] = rows.front();
  doc["expected_gradient"] = all.front()["expected_gradient"];
  doc["expected_gradient_norm"] = all.front()["expected_gradient_norm"];
  doc["expected_gradient_norm_sq"] = all.front()["expected_gradient_norm_sq"];
  if (rows.size() > 1) {
    for (auto& r : all) r.erase("expected_gradient");  // one table row per W_i: the norms
    doc["rows"] = all;
  } else {
    doc["cancellation_ratio"] = all.front()["cancellation_ratio"];
    doc["within_certified_bound"] = all.front()["within_certified_bound"];
  }
}

// --all-rows: every row at once; the matrix goes to --out (rationals and
// mp_real rounded to `digits` in CSV, to double in .npy), the norms to JSON.
template <class T> void all_rows_json(Json& doc, const sparse::Instance<T>& I, const std::string& out, int digits) {
  std::cerr << "sparse expected-gradient: all " << I.P.h() << " rows\n";
  const Mat<T> G = sparse::expected_gradient_all_rows(I.P);
  Json norms = Json::array();
  Eigen::Index best = 0;
  const Vec<T> sq = G.rowwise().squaredNorm();
  for (Eigen::Index i = 0; i < sq.size(); ++i) {
    norms.push_back(sqrt_decimal(sq(i), digits));
    if (sq(i) > sq(best)) best = i;
  }
  doc["all_rows"] = true;
  doc["expected_gradient_norms"] = norms;
  doc["max_norm_row"] = best;
  doc["max_norm"] = sqrt_decimal(sq(best), digits);
  doc["max_norm_within_certified_bound"] = sq(best) <= I.d2.expected * I.d2.expected;
  if (out.empty()) return;
  const Mat<mp_real> M = G.unaryExpr([](const T& x) { return sparse::ScalarOps<T>::to_mp(x); });
  if (out.size() > 4 && out.substr(out.size() - 4) == ".npy") write_npy<mp_real>(out, M);
  else write_csv<mp_real>(out, M, digits);
  doc["file"] = out;
}

template <class T> void run_typed(const ExpectedOptions& o, const std::string& scalar) {
  const int digits = o.output.digits;
  const auto I = sparse::build_instance<T>(o.spec);
  Json doc;
  doc["command"] = "sparse expected-gradient";
  doc["arithmetic"] = scalar;
  doc["instance"] = I.describe(digits);
  if (o.all_rows) all_rows_json(doc, I, o.out, digits);
  else rows_json(doc, I, o.rows, digits);
  doc["window"] = doc["instance"]["window"];
  doc["recovery_certified"] = I.recovery_certified;
  doc["certified_by"] = I.certified_by;
  doc["certified_bound"] = bound_json(I, digits);
  doc["validity"] = I.recovery_certified
                        ? "exact E of the true network's gradient (support recovered for every sample)"
                        : "recovered-support surrogate: equals the true network's E only where recovery holds";
  doc["meta"] = metadata(scalar, digits, o.spec.seed);
  refuse_non_finite(doc, scalar == "double" ? "double arithmetic overflowed; use --arithmetic mpfr or rational" : "report this input");
  emit(doc, o.output);
}

void run_expected(const ExpectedOptions& o) {
  if (!o.out.empty() && !o.all_rows) throw std::invalid_argument("--out needs --all-rows");
  if (!o.out.empty() && !(o.out.size() > 4 && (o.out.substr(o.out.size() - 4) == ".npy" || o.out.substr(o.out.size() - 4) == ".csv")))
    throw std::invalid_argument("--out must end in .csv or .npy");
  const PrecisionScope precision(o.output.digits);
  parse_format(o.output.format);
  check_output_paths({o.output.output, o.out});
  const std::string scalar = resolve_arithmetic(o.arithmetic, o.spec);
  if (scalar == "rational") run_typed<rational>(o, scalar);
  else if (scalar == "mpfr") run_typed<mp_real>(o, scalar);
  else run_typed<double>(o, scalar);
}

void add_expected_gradient(CLI::App& group) {
  auto o = std::make_shared<ExpectedOptions>();
  o->spec.eps_frac = "";
  auto* cmd = group.add_subcommand("expected-gradient", "exact E[grad_{W_i} L] under support recovery (spec §5.3), windows, Lemma D2 bound");
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
