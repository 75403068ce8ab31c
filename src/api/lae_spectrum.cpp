#include "api/lae.hpp"

#include "core/errors.hpp"
#include "core/linalg.hpp"
#include "core/resources.hpp"
#include "lae/classify.hpp"
#include "lae/critical.hpp"
#include "lae/eigen_solver.hpp"

#include <iostream>

namespace ael::api {

using T = mp_real;

SpectrumMethod parse_spectrum_method(const std::string& name) {
  if (name == "closed-form") return SpectrumMethod::closed_form;
  if (name == "numeric") return SpectrumMethod::numeric;
  if (name == "both") return SpectrumMethod::both;
  throw ParameterError("method", "unknown @method '" + name + "' (closed-form, numeric, both)");
}

const char* spectrum_method_name(SpectrumMethod method) {
  switch (method) {
    case SpectrumMethod::closed_form: return "closed-form";
    case SpectrumMethod::numeric: return "numeric";
    case SpectrumMethod::both: return "both";
  }
  return "?";
}

namespace {
Json decimal_list(const Vec<T>& v, int digits) {
  Json a = Json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push_back(to_decimal(v(i), digits));
  return a;
}

Json inertia_json(const lae::Inertia& in) { return {{"negative", in.negative}, {"zero", in.zero}, {"positive", in.positive}}; }

// The diagonal of C from exact decimals (all 1 when none are given).
Vec<T> diagonal_scales(const std::vector<std::string>& scales, int p) {
  if (scales.empty()) return Vec<T>::Ones(p);
  if (static_cast<int>(scales.size()) != p)
    throw ParameterError("scales", "@scales has " + std::to_string(scales.size()) + " values, expected p = " + std::to_string(p));
  Vec<T> c(p);
  for (int k = 0; k < p; ++k) {
    const std::string entry = "@scales entry " + std::to_string(k + 1);
    try {
      c(k) = parse_scalar<T>(scales[k]);
    } catch (const std::invalid_argument& e) {
      throw ParameterError("scales", entry + ": " + e.what());
    }
    if (c(k) == 0) throw ParameterError("scales", entry + " is zero (C must be invertible)");
  }
  return c;
}
}  // namespace

void check_spectrum_options(const SpectrumOptions& o) {
  const bool general_c = o.scale_matrix.size() > 0;
  if (general_c && o.loss != lae::LossKind::mse)
    throw ParameterError("scale_matrix", "@scale_matrix is for loss mse: ordered-loss critical points need a diagonal C (@scales)");
  if (general_c && !o.scales.empty()) throw ParameterError("scales", "give @scales or @scale_matrix, not both");
  if (o.origin && (!o.index.empty() || !o.scales.empty() || general_c))
    throw ParameterError("point", "@point origin takes no @index, @scales or @scale_matrix (the origin has none)");
}

Json spectrum_document(const LaeData<T>& data, const SpectrumOptions& o, int digits) {
  check_spectrum_options(o);
  const auto kind = o.loss;
  const int n = data.moments.n(), p = o.p;
  if (p < 1 || p > n) throw ParameterError("p", "@p = " + std::to_string(p) + " must satisfy 1 <= p <= n = " + std::to_string(n));
  const bool want_closed = o.method != SpectrumMethod::numeric, want_numeric = o.method != SpectrumMethod::closed_form;
  if (want_numeric) {  // the assembled 2np x 2np Hessian, its eigen-solver copy and workspace
    const double N = 2.0 * n * p, bits = working_digits() * 3.3219280948873622 + 64;
    check_memory(3.0 * N * N * (sizeof(T) + 8 * std::ceil(bits / 64) + 16),
                 "the numeric Hessian (2np x 2np with n = " + std::to_string(n) + ", p = " + std::to_string(p) + "; method numeric/both)");
  }
  if (n >= 100) std::cerr << "eigendecomposition of Sigma (n = " << n << ") ...\n";
  lae::DataEigenSolver solver;
  const auto e = lae::eigen_data(data.moments, -1, &solver);
  if (solver.fell_back) std::cerr << "aelandscape: note: data eigensolver: " << solver.solver << "\n";
  const bool origin = o.origin;
  std::string default_index;
  for (int k = 1; k <= p; ++k) default_index += (k > 1 ? "," : "") + std::to_string(k);
  const lae::Index I = lae::parse_index(o.index.empty() ? default_index : o.index, n, p);
  const Vec<T> c = diagonal_scales(o.scales, p);
  const bool general_c = o.scale_matrix.size() > 0;
  Mat<T> C = c.asDiagonal();
  if (general_c) {
    C = o.scale_matrix;
    if (C.rows() != p || C.cols() != p)
      throw ParameterError("scale_matrix", "@scale_matrix is " + std::to_string(C.rows()) + "x" + std::to_string(C.cols()) +
                                               ", expected p x p = " + std::to_string(p) + "x" + std::to_string(p));
  }
  lae::Point<T> x;
  try {
    x = origin ? lae::Point<T>{Mat<T>::Zero(n, p), Mat<T>::Zero(p, n)} : lae::critical_point(e, I, C);
  } catch (const std::domain_error&) {
    const char* which = general_c ? "scale_matrix" : "scales";
    throw ParameterError(which, std::string("@") + which +
                                    ": C is singular or too ill-conditioned to invert at working precision (raise @digits or use moderate scales)");
  }
  const auto w = lae::loss_weights<T>(kind, p);

  Vec<T> closed, numeric;
  if (want_closed)
    closed = origin ? lae::origin_spectrum<T>(singular_values<T>(data.moments.Syx), p, kind)
             : general_c ? lae::closed_form_spectrum_mse<T>(e.lambda, I, C)
                         : lae::closed_form_spectrum<T>(e.lambda, I, c, kind);
  if (want_numeric)
    numeric = origin ? symmetric_eigenvalues<T>(lae::hessian_elementwise(data.moments, x.A, x.B, w))
                     : lae::numeric_spectrum(data.moments, e, x, kind);
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
  if (o.method == SpectrumMethod::both) doc["loss_discrepancy"] = to_decimal(T(abs(closed_loss - direct_loss)), 3);
  doc["gradient_norm"] = to_decimal(lae::gradient(data.moments, x.A, x.B, w).norm(), digits);
  doc["method"] = spectrum_method_name(o.method);
  doc["eigenvalue_coordinates"] = (data.moments.autoencoder || origin)
                                      ? "euclidean (theta = [vec A; vec B])"
                                      : "reduced: J^-T H J^-1 (general Y; same inertia as H by Sylvester's law)";
  doc["inertia"] = inertia_json(inertia);
  doc["zero_threshold"] = want_closed ? "structural zeros (closed form)"
                                      : "|eigenvalue| <= " + to_decimal(zero_threshold<T>(), 3) + " * max|eigenvalue|";
  if (!origin) doc["inertia_formula"] = inertia_json(lae::inertia_formula(I, n, kind));
  doc["classification"] = lae::classification_name(lae::classify(inertia, !origin && lae::attains_optimum(I, kind)));
  if (inertia.negative > 0) doc["saddle_index"] = inertia.negative;
  if (o.method == SpectrumMethod::both) {
    doc["discrepancy"] = to_decimal(lae::relative_discrepancy(closed, numeric), 3);
    doc["numeric_inertia"] = inertia_json(lae::inertia_of<T>(numeric, zero_threshold<T>()));
  }
  doc["eigenvalues"] = decimal_list(reported, digits);
  doc["data_eigenvalues"] = decimal_list(Vec<T>(e.lambda), digits);  // Σ's eigenvalues, descending
  doc["data_eigen_solver"] = solver.solver;
  return doc;
}

}  // namespace ael::api
