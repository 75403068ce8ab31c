#include "cli/lae_common.hpp"

#include "cli/exact_data.hpp"
#include "cli/output.hpp"
#include "cli/runner.hpp"
#include "core/io.hpp"
#include "lae/synthetic.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <type_traits>

namespace ael::cli {

void DataOptions::add_to(CLI::App& app) {
  app.add_option("--data", data, "samples as rows: CSV, .npy (float32/64, C/Fortran), IDX, or built-in 'digits'");
  app.add_option("--targets", targets, "targets Y (same shape as the data) or 'synthetic'; default Y = X");
  app.add_flag("--center", center, "subtract the column means (the theory has no bias: off by default)");
  app.add_flag("--skip-header", skip_header, "skip the first line of CSV files");
  app.add_flag("--drop-constant", drop_constant, "drop constant columns (they make Sigma_xx singular)");
  app.add_option("--n", n, "synthetic data: dimension")->check(integer_in(1, kMaxDimension))->capture_default_str();
  app.add_option("--m", m, "synthetic data: number of samples (memory permitting)")->check(integer_in(1, 100000000))->capture_default_str();
  app.add_option("--seed", seed, "synthetic data (and trainer) seed")->check(seed_validator())->capture_default_str();
  app.add_option("--spectrum", spectrum, "synthetic data: linear | geometric:R | gaussian | comma list of n eigenvalues")
      ->capture_default_str();
}

namespace {
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
}  // namespace

template <class T> LaeData<T> load_lae_data(const DataOptions& o, bool with_moments) {
  if constexpr (std::is_same_v<T, mp_real>)
    if (auto exact = load_exact_lae_data(o, with_moments)) return std::move(*exact);
  LaeData<T> d;
  ReadOptions ro;
  ro.skip_header = o.skip_header;
  Json desc;
  if (o.data.empty()) {
    require_memory(3.0 * o.m * o.n * scalar_bytes<T>(), "the synthetic m x n samples (--m " + std::to_string(o.m) + ", --n " + std::to_string(o.n) + ")");
    d.X_rows = lae::synthetic_samples<T>(o.n, o.m, o.seed, o.spectrum);
    desc["source"] = "synthetic (seed " + std::to_string(o.seed) + ", spectrum " + o.spectrum + ")";
  } else {
    d.X_rows = load_dataset<T>(o.data, ro);
    desc["source"] = o.data;
    const std::string base = std::filesystem::path(o.data).filename().string();
    if (!is_builtin_dataset(o.data) && base.rfind("digits.csv", 0) == 0)
      std::cerr << "note: " << o.data << " is read as is, with all " << d.X_rows.cols()
                << " columns; the built-in dataset (--data digits) drops its last (label) column\n";
  }
  const bool general = !o.targets.empty();
  if (o.targets == "synthetic")
    d.Y_rows = lae::synthetic_targets<T>(d.X_rows, o.seed);
  else if (general)
    d.Y_rows = load_dataset<T>(o.targets, ro);
  if (general && (d.Y_rows.rows() != d.X_rows.rows() || d.Y_rows.cols() != d.X_rows.cols()))
    throw std::invalid_argument("targets are " + std::to_string(d.Y_rows.rows()) + "x" + std::to_string(d.Y_rows.cols()) +
                                " but data are " + std::to_string(d.X_rows.rows()) + "x" + std::to_string(d.X_rows.cols()));
  if (o.center) {
    center_columns(d.X_rows);
    if (general) center_columns(d.Y_rows);
  }
  std::vector<int> dropped;
  if (o.drop_constant) {
    dropped = constant_columns<T>(d.X_rows);
    if (static_cast<Eigen::Index>(dropped.size()) == d.X_rows.cols()) throw std::invalid_argument("every column of the data is constant");
    d.X_rows = drop_columns(d.X_rows, dropped);
    if (general) d.Y_rows = drop_columns(d.Y_rows, dropped);
  }
  const auto zeros = zero_columns<T>(d.X_rows);
  if (!zeros.empty())
    throw std::invalid_argument("Sigma_xx is singular: column(s) " + one_based_list(zeros) + " of the data are " +
                                (o.center ? "constant" : "identically zero") + " (use --drop-constant)");
  const auto n = d.X_rows.cols(), m = d.X_rows.rows();
  if (m < n)
    throw std::invalid_argument("m = " + std::to_string(m) + " samples < n = " + std::to_string(n) +
                                " dimensions: Sigma_xx = X X' is singular");
  if (with_moments)
    d.moments = general ? lae::moments_from_rows<T>(d.X_rows, &d.Y_rows) : lae::moments_from_rows<T>(d.X_rows);
  desc["n"] = static_cast<int>(n);
  desc["m"] = static_cast<int>(m);
  desc["targets"] = general ? (o.targets == "synthetic" ? "synthetic" : o.targets) : "Y = X (autoencoder)";
  desc["centered"] = o.center;
  Json dj = Json::array();
  for (int c : dropped) dj.push_back(c + 1);
  desc["dropped_columns"] = dj;
  d.description = desc;
  return d;
}

template LaeData<double> load_lae_data<double>(const DataOptions&, bool);
template LaeData<mp_real> load_lae_data<mp_real>(const DataOptions&, bool);

}  // namespace ael::cli
