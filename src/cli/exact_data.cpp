#include "cli/exact_data.hpp"

#include "core/io.hpp"
#include "core/io_exact.hpp"
#include "lae/exact_moments.hpp"

namespace ael::cli {

namespace {
// Small data keep their MPFR samples (centred as on the MPFR route); large data
// (MNIST size: 47 million values) only their moments.
constexpr Eigen::Index kMaxKeptSamples = 2000000;

bool all_exact_doubles(const Mat<mp_real>& X) {
  for (Eigen::Index t = 0; t < X.size(); ++t)
    if (X.data()[t] != mp_real(X.data()[t].convert_to<double>())) return false;
  return true;
}
}  // namespace

std::optional<LaeData<mp_real>> load_exact_lae_data(const DataOptions& o, bool with_moments) {
  if (o.data.empty() || !o.targets.empty()) return std::nullopt;
  if (!stores_doubles(o.data)) {
    ReadOptions ro;
    ro.skip_header = o.skip_header;
    if (!all_exact_doubles(load_dataset<mp_real>(o.data, ro))) return std::nullopt;
  }
  DataOptions raw = o;
  raw.center = false;  // centring is done exactly in the moments
  LaeData<double> d = load_lae_data<double>(raw, false);
  if (o.center) {
    const auto constant = constant_columns<double>(d.X_rows);
    if (!constant.empty()) {
      std::string list;
      for (size_t i = 0; i < constant.size() && i < 20; ++i) list += (i ? ", " : "") + std::to_string(constant[i] + 1);
      if (constant.size() > 20) list += ", ... (" + std::to_string(constant.size()) + " in all)";
      throw std::invalid_argument("Sigma_xx is singular: column(s) " + list + " of the data are constant (use --drop-constant)");
    }
  }
  LaeData<mp_real> out;
  if (with_moments && !lae::exact_moments_from_rows(d.X_rows, o.center, out.moments)) return std::nullopt;
  if (d.X_rows.size() <= kMaxKeptSamples) {
    out.X_rows = d.X_rows.cast<mp_real>();
    if (o.center)
      for (Eigen::Index j = 0; j < out.X_rows.cols(); ++j) out.X_rows.col(j).array() -= out.X_rows.col(j).mean();
  }
  out.description = d.description;
  out.description["centered"] = o.center;
  out.description["moments"] = "exact (every value is a double), rounded once to working precision";
  return out;
}

}  // namespace ael::cli
