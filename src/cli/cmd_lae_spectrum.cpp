// aelandscape lae spectrum: one critical point fully described.
#include "cli/certify_output.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/lae_exact.hpp"
#include "cli/output.hpp"
#include "cli/lae_common.hpp"
#include "core/precision.hpp"
#include "cli/errors.hpp"
#include "core/io.hpp"
#include "core/linalg.hpp"
#include "lae/classify.hpp"
#include "lae/critical.hpp"
#include "lae/eigen_solver.hpp"

#include <optional>

namespace ael::cli {

namespace {
using T = mp_real;

struct SpectrumOptions {
  DataOptions data;
  OutputOptions output;
  int p = 2;
  std::string loss = "ordered", index, scales, scale_matrix, method = "closed-form", point = "critical";
  ExactSpectrumOptions exact;  // cmd_lae_exact.cpp
  bool certify = false;
};

Json decimal_list(const Vec<T>& v, int digits) {
  Json a = Json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push_back(to_decimal(v(i), digits));
  return a;
}

Json inertia_json(const lae::Inertia& in) { return {{"negative", in.negative}, {"zero", in.zero}, {"positive", in.positive}}; }

Vec<T> parse_scales(const std::string& text, int p) {
  Vec<T> c = Vec<T>::Ones(p);
  if (text.empty()) return c;
  if (text.back() == ',') throw std::invalid_argument("--scales ends with a comma (an empty entry)");
  std::stringstream ss(text);
  std::string item;
  int k = 0;
  while (std::getline(ss, item, ',')) {
    if (k == p) throw std::invalid_argument("--scales has more than p = " + std::to_string(p) + " values");
    if (item.find_first_not_of(" \t") == std::string::npos)
      throw std::invalid_argument("--scales entry " + std::to_string(k + 1) + " is empty");
    c(k) = parse_option_value<T>(item, "--scales entry " + std::to_string(k + 1));
    if (c(k) == 0) throw std::invalid_argument("--scales entry " + std::to_string(k + 1) + " is zero (C must be invertible)");
    ++k;
  }
  if (k != p) throw std::invalid_argument("--scales has " + std::to_string(k) + " values, expected p = " + std::to_string(p));
  return c;
}

void run_spectrum(const SpectrumOptions& o) {
  if (o.exact.requested()) return run_exact_spectrum(o.exact, {o.p, o.loss, o.index, o.scales, o.data, o.output});
  check_no_exact_only_options(o.exact);
  const PrecisionScope precision(o.output.digits);
  check_output(o.output);  // fail before any work
  const auto kind = lae::parse_loss(o.loss);
  if (o.method != "closed-form" && o.method != "numeric" && o.method != "both")
    throw std::invalid_argument("unknown --method '" + o.method + "' (closed-form, numeric, both)");
  if (o.point != "critical" && o.point != "origin") throw std::invalid_argument("unknown --point '" + o.point + "' (critical, origin)");
  if (o.certify) require_certifiable(o.data, o.scale_matrix, o.point);
  const LaeData<T> data = load_lae_data<T>(o.data);
  const int n = data.moments.n(), p = o.p;
  if (p < 1 || p > n) throw std::invalid_argument("p = " + std::to_string(p) + " must satisfy 1 <= p <= n = " + std::to_string(n));
  if (!o.scale_matrix.empty() && kind != lae::LossKind::mse)
    throw std::invalid_argument("--scale-matrix is for --loss mse: ordered-loss critical points need a diagonal C (--scales)");
  if (!o.scale_matrix.empty() && !o.scales.empty()) throw std::invalid_argument("give --scales or --scale-matrix, not both");
  if (o.point == "origin" && (!o.index.empty() || !o.scales.empty() || !o.scale_matrix.empty()))
    throw std::invalid_argument("--point origin takes no --index, --scales or --scale-matrix (the origin has none)");
  if (o.method != "closed-form")  // the assembled 2np x 2np Hessian, its eigen-solver copy and workspace
    require_memory(3.0 * (2.0 * n * p) * (2.0 * n * p) * scalar_bytes<T>(),
                   "the numeric Hessian (2np x 2np with --n " + std::to_string(n) + ", --p " + std::to_string(p) + "; --method numeric/both)");
  if (n >= 100) std::cerr << "eigendecomposition of Sigma (n = " << n << ") ...\n";
  std::optional<CertifiedData> certified;
  if (o.certify) certified = certify_data(o.data, data.moments.n());  // refuses before the uncertified route can
  lae::DataEigenSolver solver;
  const auto e = lae::eigen_data(data.moments, -1, &solver);
  if (solver.fell_back) std::cerr << "aelandscape: note: data eigensolver: " << solver.solver << "\n";
  const bool origin = o.point == "origin";
  std::string default_index;
  for (int k = 1; k <= p; ++k) default_index += (k > 1 ? "," : "") + std::to_string(k);
  const lae::Index I = lae::parse_index(o.index.empty() ? default_index : o.index, n, p);
  const Vec<T> c = parse_scales(o.scales, p);
  Mat<T> C = c.asDiagonal();
  if (!o.scale_matrix.empty()) {
    C = read_matrix<T>(o.scale_matrix);
    if (C.rows() != p || C.cols() != p)
      throw std::invalid_argument("--scale-matrix is " + std::to_string(C.rows()) + "x" + std::to_string(C.cols()) +
                                  ", expected p x p = " + std::to_string(p) + "x" + std::to_string(p));
  }
  const bool general_c = !o.scale_matrix.empty();
  lae::Point<T> x;
  try {
    x = origin ? lae::Point<T>{Mat<T>::Zero(n, p), Mat<T>::Zero(p, n)} : lae::critical_point(e, I, C);
  } catch (const std::domain_error&) {
    throw std::invalid_argument(std::string(general_c ? "--scale-matrix" : "--scales") +
                                ": C is singular or too ill-conditioned to invert at working precision (raise --digits or use moderate scales)");
  }
  const auto w = lae::loss_weights<T>(kind, p);
  const int digits = o.output.digits;

  Vec<T> closed, numeric;
  const bool want_closed = o.method != "numeric", want_numeric = o.method != "closed-form";
  if (want_closed)
    closed = origin ? lae::origin_spectrum<T>(singular_values<T>(data.moments.Syx), p, kind)
             : general_c ? lae::closed_form_spectrum_mse<T>(e.lambda, I, C)
                         : lae::closed_form_spectrum<T>(e.lambda, I, c, kind);
  if (want_numeric) {
    if (origin) {
      numeric = symmetric_eigenvalues<T>(lae::hessian_elementwise(data.moments, x.A, x.B, w));
    } else {
      numeric = lae::numeric_spectrum(data.moments, e, x, kind);
    }
  }
  const Vec<T>& reported = want_closed ? closed : numeric;
  // Closed-form zeros are structural (exact); numeric ones are classified by the threshold.
  const lae::Inertia inertia = want_closed ? lae::inertia_of<T>(closed, T(0)) : lae::inertia_of<T>(numeric, zero_threshold<T>());

  Json doc;
  doc["command"] = "lae spectrum";
  doc["data"] = data.description;
  doc["loss_kind"] = lae::loss_name(kind);
  doc["p"] = p;
  doc["point"] = origin ? "origin (A,B) = (0,0)" : "P(I,C): A = U_I C, B = C^-1 U_I' Sigma_yx Sigma_xx^-1";
  if (!origin) {
    Json idx = Json::array();
    for (int i : I) idx.push_back(i + 1);
    doc["index"] = idx;
    if (general_c) {
      Json rows = Json::array();
      for (int r = 0; r < p; ++r) rows.push_back(decimal_list(Vec<T>(C.row(r).transpose()), digits));
      doc["scale_matrix"] = rows;
    } else {
      doc["scales"] = decimal_list(c, digits);
    }
  }
  const T direct_loss = lae::loss(data.moments, x.A, x.B, w);
  const T closed_loss = origin ? T(w.terms) * data.moments.trSyy : lae::critical_loss(data.moments, e, I, p, kind);
  doc["loss"] = to_decimal(want_closed ? closed_loss : direct_loss, digits);
  if (o.method == "both") doc["loss_discrepancy"] = to_decimal(T(abs(closed_loss - direct_loss)), 3);
  doc["gradient_norm"] = to_decimal(lae::gradient(data.moments, x.A, x.B, w).norm(), digits);
  doc["method"] = o.method;
  doc["eigenvalue_coordinates"] = (data.moments.autoencoder || origin)
                                      ? "euclidean (theta = [vec A; vec B])"
                                      : "reduced: J^-T H J^-1 (general Y; same inertia as H by Sylvester's law)";
  doc["inertia"] = inertia_json(inertia);
  doc["zero_threshold"] = want_closed ? "structural zeros (closed form)"
                                      : "|eigenvalue| <= " + to_decimal(zero_threshold<T>(), 3) + " * max|eigenvalue|";
  if (!origin) doc["inertia_formula"] = inertia_json(lae::inertia_formula(I, n, kind));
  doc["classification"] = lae::classification_name(lae::classify(inertia, !origin && lae::attains_optimum(I, kind)));
  if (inertia.negative > 0) doc["saddle_index"] = inertia.negative;
  if (o.method == "both") {
    doc["discrepancy"] = to_decimal(lae::relative_discrepancy(closed, numeric), 3);
    doc["numeric_inertia"] = inertia_json(lae::inertia_of<T>(numeric, zero_threshold<T>()));
  }
  doc["eigenvalues"] = decimal_list(reported, digits);
  doc["data_eigenvalues"] = decimal_list(Vec<T>(e.lambda), digits);  // Σ's eigenvalues, descending
  doc["data_eigen_solver"] = solver.solver;
  if (certified) add_certified_spectrum(doc, *certified, I, o.scales, kind, digits);
  doc["meta"] = metadata("mpfr", digits, o.data.seed);
  require_finite_results(doc, " (raise --digits)");
  emit(doc, o.output);
}
}  // namespace

void add_lae_spectrum(CLI::App& lae) {
  auto opts = std::make_shared<SpectrumOptions>();
  auto* cmd = lae.add_subcommand("spectrum", "loss, gradient and full Hessian spectrum at one critical point");
  opts->data.add_to(*cmd);
  opts->output.add_to(*cmd);
  cmd->add_option("--p", opts->p, "number of hidden units (1 <= p <= n)");
  cmd->add_option("--loss", opts->loss, "mse | ordered");
  cmd->add_option("--index", opts->index, "ordered index tuple I, 1-based, e.g. 2,1 (default 1..p)");
  cmd->add_option("--scales", opts->scales, "diagonal of C, e.g. 1.5,-0.75 (default all 1)");
  cmd->add_option("--scale-matrix", opts->scale_matrix, "full invertible p x p C from a file (MSE only)");
  cmd->add_option("--method", opts->method, "closed-form | numeric | both");
  cmd->add_option("--point", opts->point, "critical (P(I,C)) | origin ((A,B) = (0,0))");
  opts->exact.add_to(*cmd);
  cmd->add_flag("--certify", opts->certify, "prove the spectrum and inertia in ball arithmetic (docs/certification.md)");
  cmd->callback([opts] { run_spectrum(*opts); });
}

}  // namespace ael::cli
