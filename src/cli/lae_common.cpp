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

template <class T> LaeData<T> load_lae_data(const DataOptions& o, bool with_moments) {
  if constexpr (std::is_same_v<T, mp_real>)
    if (auto exact = load_exact_lae_data(o, with_moments)) return std::move(*exact);
  Mat<T> X_rows, Y_rows;
  ReadOptions ro;
  ro.skip_header = o.skip_header;
  Json desc;
  if (o.data.empty()) {
    require_memory(3.0 * o.m * o.n * scalar_bytes<T>(), "the synthetic m x n samples (--m " + std::to_string(o.m) + ", --n " + std::to_string(o.n) + ")");
    X_rows = lae::synthetic_samples<T>(o.n, o.m, o.seed, o.spectrum);
    desc["source"] = "synthetic (seed " + std::to_string(o.seed) + ", spectrum " + o.spectrum + ")";
  } else {
    X_rows = load_dataset<T>(o.data, ro);
    desc["source"] = o.data;
    const std::string base = std::filesystem::path(o.data).filename().string();
    if (!is_builtin_dataset(o.data) && base.rfind("digits.csv", 0) == 0)
      std::cerr << "note: " << o.data << " is read as is, with all " << X_rows.cols()
                << " columns; the built-in dataset (--data digits) drops its last (label) column\n";
  }
  if (o.targets == "synthetic")
    Y_rows = lae::synthetic_targets<T>(X_rows, o.seed);
  else if (!o.targets.empty())
    Y_rows = load_dataset<T>(o.targets, ro);
  return api::prepare_lae_data<T>(std::move(X_rows), std::move(Y_rows), {o.center, o.drop_constant}, std::move(desc), o.targets, with_moments);
}

template LaeData<double> load_lae_data<double>(const DataOptions&, bool);
template LaeData<mp_real> load_lae_data<mp_real>(const DataOptions&, bool);

}  // namespace ael::cli
