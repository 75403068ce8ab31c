#include "api/lae_data.hpp"

#include "core/errors.hpp"
#include "core/io.hpp"
#include "lae/exact_moments.hpp"

#include <algorithm>
#include <type_traits>

namespace ael::api {

namespace {
// Small data keep their MPFR samples (centred as on the MPFR route); large data
// (MNIST size: 47 million values) only their moments.
constexpr Eigen::Index kMaxKeptSamples = 2000000;

template <class T> void center_columns(Mat<T>& X) {
  for (Eigen::Index j = 0; j < X.cols(); ++j) X.col(j).array() -= X.col(j).mean();
}

template <class T> Mat<T> drop_columns(const Mat<T>& X, const std::vector<int>& drop) {
  Mat<T> out(X.rows(), X.cols() - static_cast<Eigen::Index>(drop.size()));
  Eigen::Index c = 0;
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    if (std::find(drop.begin(), drop.end(), j) == drop.end()) out.col(c++) = X.col(j);
  return out;
}

// Columns that are identically zero after preprocessing make Σ_xx singular.
template <class T> std::vector<int> zero_columns(const Mat<T>& X) {
  std::vector<int> cols;
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    if (X.col(j).cwiseAbs().maxCoeff() == 0) cols.push_back(static_cast<int>(j));
  return cols;
}

std::string one_based_list(const std::vector<int>& cols) {
  std::string s;
  for (size_t i = 0; i < cols.size() && i < 20; ++i) s += (i ? ", " : "") + std::to_string(cols[i] + 1);
  if (cols.size() > 20) s += ", ... (" + std::to_string(cols.size()) + " in all)";
  return s;
}

ParameterError singular(const std::vector<int>& cols, bool constant) {
  return ParameterError("drop_constant", "Sigma_xx is singular: column(s) " + one_based_list(cols) + " of the data are " +
                                             (constant ? "constant" : "identically zero") + " (use @drop_constant)");
}
}  // namespace

template <class T>
LaeData<T> prepare_lae_data(Mat<T> X_rows, Mat<T> Y_rows, const Preprocess& pre, Json desc, const std::string& targets,
                            bool with_moments) {
  LaeData<T> d;
  d.X_rows = std::move(X_rows);
  d.Y_rows = std::move(Y_rows);
  const bool general = d.Y_rows.size() > 0;
  if (general && (d.Y_rows.rows() != d.X_rows.rows() || d.Y_rows.cols() != d.X_rows.cols()))
    throw ParameterError("targets", "targets are " + std::to_string(d.Y_rows.rows()) + "x" + std::to_string(d.Y_rows.cols()) +
                                        " but data are " + std::to_string(d.X_rows.rows()) + "x" + std::to_string(d.X_rows.cols()));
  if (pre.center) {
    center_columns(d.X_rows);
    if (general) center_columns(d.Y_rows);
  }
  std::vector<int> dropped;
  if (pre.drop_constant) {
    dropped = constant_columns<T>(d.X_rows);
    if (static_cast<Eigen::Index>(dropped.size()) == d.X_rows.cols()) throw ParameterError("drop_constant", "every column of the data is constant");
    d.X_rows = drop_columns(d.X_rows, dropped);
    if (general) d.Y_rows = drop_columns(d.Y_rows, dropped);
  }
  const auto zeros = zero_columns<T>(d.X_rows);
  if (!zeros.empty()) throw singular(zeros, pre.center);
  const auto n = d.X_rows.cols(), m = d.X_rows.rows();
  if (m < n)
    throw ParameterError("data", "m = " + std::to_string(m) + " samples < n = " + std::to_string(n) + " dimensions: Sigma_xx = X X' is singular");
  if (with_moments)
    d.moments = general ? lae::moments_from_rows<T>(d.X_rows, &d.Y_rows) : lae::moments_from_rows<T>(d.X_rows);
  desc["n"] = static_cast<int>(n);
  desc["m"] = static_cast<int>(m);
  desc["targets"] = general ? targets : "Y = X (autoencoder)";
  desc["centered"] = pre.center;
  Json dj = Json::array();
  for (int c : dropped) dj.push_back(c + 1);
  desc["dropped_columns"] = dj;
  d.description = desc;
  return d;
}

template LaeData<double> prepare_lae_data<double>(Mat<double>, Mat<double>, const Preprocess&, Json, const std::string&, bool);
template LaeData<mp_real> prepare_lae_data<mp_real>(Mat<mp_real>, Mat<mp_real>, const Preprocess&, Json, const std::string&, bool);

std::optional<LaeData<mp_real>> exact_lae_data(const Mat<double>& X_rows, const Preprocess& pre, Json description, bool with_moments) {
  const LaeData<double> d = prepare_lae_data<double>(X_rows, Mat<double>(), {false, pre.drop_constant}, std::move(description), "", false);
  if (pre.center) {  // centring is done exactly in the moments
    const auto constant = constant_columns<double>(d.X_rows);
    if (!constant.empty()) throw singular(constant, true);
  }
  LaeData<mp_real> out;
  if (with_moments && !lae::exact_moments_from_rows(d.X_rows, pre.center, out.moments)) return std::nullopt;
  if (d.X_rows.size() <= kMaxKeptSamples) {
    out.X_rows = d.X_rows.cast<mp_real>();
    if (pre.center) center_columns(out.X_rows);
  }
  out.description = d.description;
  out.description["centered"] = pre.center;
  out.description["moments"] = "exact (every value is a double), rounded once to working precision";
  return out;
}

}  // namespace ael::api
