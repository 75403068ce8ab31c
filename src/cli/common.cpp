#include "cli/common.hpp"

#include "cli/exact_data.hpp"
#include "cli/output.hpp"
#include "core/atomic_write.hpp"

#include "core/io.hpp"
#include "lae/synthetic.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <type_traits>
#include <sstream>

namespace ael::cli {

std::string g_command_line;

void DataOptions::add_to(CLI::App& app) {
  app.add_option("--data", data, "samples as rows: CSV, .npy (float32/64, C/Fortran), IDX, or built-in 'digits'");
  app.add_option("--targets", targets, "targets Y (same shape as the data) or 'synthetic'; default Y = X");
  app.add_flag("--center", center, "subtract the column means (the theory has no bias: off by default)");
  app.add_flag("--skip-header", skip_header, "skip the first line of CSV files");
  app.add_flag("--drop-constant", drop_constant, "drop constant columns (they make Sigma_xx singular)");
  app.add_option("--n", n, "synthetic data: dimension (1..100000)")->check(CLI::Range(1, 100000));
  app.add_option("--m", m, "synthetic data: number of samples (1..10^8; memory permitting)")->check(CLI::Range(1, 100000000));
  // Parsed by hand: CLI11 would wrap "-1" to 2^64 - 1 in an unsigned option.
  app.add_option_function<std::string>(
         "--seed",
         [this](const std::string& text) {
           if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
             throw std::invalid_argument("--seed must be a non-negative integer below 10^19 (got '" + text + "')");
           seed = std::stoull(text);
         },
         "synthetic data (and trainer): seed, a non-negative integer below 10^19");
  app.add_option("--spectrum", spectrum, "synthetic data: linear | geometric:R | gaussian | comma list of n eigenvalues");
}

void OutputOptions::add_to(CLI::App& app, bool with_digits) {
  if (with_digits)
    app.add_option("--digits", digits, "significant decimal digits (" + std::to_string(kMinDigits) + ".." +
                                            std::to_string(kMaxDigits) + "; 20 guard digits are added internally)");
  app.add_option("--format", format, "json | table | csv | md | latex");
  app.add_option("--output,-o", output, "write to this file instead of stdout ('-': stdout); written whole or not at all");
}

void check_output(const OutputOptions& options) {
  parse_format(options.format);
  check_output_path("--output", options.output);
}

void check_output_path(const std::string& option, const std::string& path) {
  if (path.empty() || path == "-") return;
  try {
    check_writable(path);
  } catch (const InputError& e) {
    throw std::invalid_argument(option + " " + e.what());
  }
}

void write_output_file(const std::string& option, const std::string& path, const std::string& bytes) {
  if (path.empty() || path == "-") {
    std::cout << bytes << std::flush;
    if (!std::cout) throw std::invalid_argument("cannot write to standard output (" + option + " -)");
    return;
  }
  try {
    write_file_atomically(path, bytes);
  } catch (const InputError& e) {
    throw std::invalid_argument(option + " " + e.what());
  }
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

namespace {
// Path of the first value that is NaN or infinite (a float, or a decimal string such
// as "nan", "-inf"), or "" if none.
std::string non_finite_path(const Json& j, const std::string& path) {
  if (j.is_number_float()) return std::isfinite(j.get<double>()) ? "" : path;
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.erase(0, 1);
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s == "nan" || s == "inf" || s == "infinity" ? path : "";
  }
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string found = non_finite_path(it.value(), path + "/" + it.key());
      if (!found.empty()) return found;
    }
  if (j.is_array())
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string found = non_finite_path(j[i], path + "/" + std::to_string(i));
      if (!found.empty()) return found;
    }
  return "";
}
}  // namespace

void require_finite_results(const Json& doc, const std::string& hint) {
  const std::string bad = non_finite_path(doc, "");
  if (!bad.empty()) throw std::invalid_argument("result " + bad + " is not finite (NaN or overflow); nothing written" + hint);
}

void emit(const Json& doc, const OutputOptions& options) {
  std::ostringstream buffer;
  render(doc, parse_format(options.format), buffer);
  write_output_file("--output", options.output, buffer.str());
}

template <class T> double scalar_bytes() {
  if constexpr (std::is_same_v<T, double>) {
    return sizeof(double);
  } else {
    const double bits = working_digits() * 3.3219280948873622 + 64;
    return sizeof(T) + 8 * std::ceil(bits / 64) + 16;  // limbs + allocator overhead
  }
}
template double scalar_bytes<double>();
template double scalar_bytes<mp_real>();

template <class T> double mean_fraction(const Mat<T>& X) {
  T total = X.squaredNorm(), means = 0;
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const T mean = X.col(j).mean();
    means += mean * mean;
  }
  return total > 0 ? to_double(T(means * T(X.rows()) / total)) : 0.0;
}
template double mean_fraction<double>(const Mat<double>&);
template double mean_fraction<mp_real>(const Mat<mp_real>&);

void require_memory(double bytes, const std::string& what) {
  double available = static_cast<double>(::sysconf(_SC_PHYS_PAGES)) * static_cast<double>(::sysconf(_SC_PAGESIZE));
  rlimit limit{};
  if (::getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    available = std::min(available, static_cast<double>(limit.rlim_cur));
  if (!(available > 0) || bytes <= 0.8 * available) return;
  auto gb = [](double b) { return to_decimal(b / 1e9, 3) + " GB"; };
  throw std::invalid_argument(what + " need about " + gb(bytes) + " of memory, more than the " + gb(available) + " available");
}

Json metadata(const DataOptions* data, int digits) {
  RunInfo info;
  info.command_line = g_command_line;
  if (data) info.seed = data->seed;
  info.digits = digits;
  info.scalar = "mpfr";
  return run_metadata(info);
}

}  // namespace ael::cli
