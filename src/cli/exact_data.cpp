#include "cli/exact_data.hpp"

#include "core/io.hpp"
#include "core/io_exact.hpp"

namespace ael::cli {

namespace {
bool all_exact_doubles(const Mat<mp_real>& X) {
  for (Eigen::Index t = 0; t < X.size(); ++t)
    if (X.data()[t] != mp_real(X.data()[t].convert_to<double>())) return false;
  return true;
}
}  // namespace

std::optional<LaeData<mp_real>> load_exact_lae_data(const DataOptions& o, bool with_moments) {
  if (o.data.empty() || !o.targets.empty()) return std::nullopt;
  ReadOptions ro;
  ro.skip_header = o.skip_header;
  if (!stores_doubles(o.data) && !all_exact_doubles(load_dataset<mp_real>(o.data, ro))) return std::nullopt;
  Json desc;
  desc["source"] = o.data;
  return api::exact_lae_data(load_dataset<double>(o.data, ro), {o.center, o.drop_constant}, std::move(desc), with_moments);
}

}  // namespace ael::cli
