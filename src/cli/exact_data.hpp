// The exact-moment route of load_lae_data<mp_real> (docs/eigen-refinement.md §1).
#pragma once

#include "cli/lae_common.hpp"

#include <optional>

namespace ael::cli {

// Data from a file, Y = X, every value exactly a double (IDX and .npy always;
// CSV when every cell is): read as double, preprocessed like load_lae_data, and
// Σ_xx formed exactly (centring included) and rounded once. nullopt: the
// caller takes the MPFR route (synthetic data, targets, decimal CSV values,
// entries spanning too many binary orders of magnitude).
std::optional<LaeData<mp_real>> load_exact_lae_data(const DataOptions& options, bool with_moments);

}  // namespace ael::cli
