// LAE data in memory: samples as rows, preprocessed (centring, constant
// columns) and reduced to the moments the closed forms need. The command line
// reads files into a matrix and calls these; Python passes its arrays.
// Errors are ParameterError naming the parameter (center, drop_constant).
#pragma once

#include "core/eigen_mp.hpp"
#include "core/report.hpp"
#include "lae/model.hpp"

#include <optional>
#include <string>

namespace ael::api {

// Loaded, validated data in the scalar T (double for trainers, mp_real for
// exact landscapes). with_moments = false skips forming Σ_xx.
template <class T> struct LaeData {
  Mat<T> X_rows, Y_rows;  // m × n samples; Y_rows empty when Y = X
  lae::Moments<T> moments;
  Json description;
};

struct Preprocess {
  bool center = false;         // subtract the column means (of X and Y)
  bool drop_constant = false;  // drop constant columns of X (and the same columns of Y)
};

// Preprocesses X_rows (m × n) and Y_rows (empty: Y = X) and forms the moments.
// `description` holds "source" on entry; n, m, targets, centered and
// dropped_columns are added. `targets` names Y for the description ("" when Y = X).
// Throws ParameterError on a singular Σ_xx (zero columns, m < n) or mismatched targets.
template <class T>
LaeData<T> prepare_lae_data(Mat<T> X_rows, Mat<T> Y_rows, const Preprocess& pre, Json description, const std::string& targets,
                            bool with_moments = true);

// The exact-moment route (docs/eigen-refinement.md §1): every value of X is a
// double and Y = X; Σ_xx is formed exactly (centring included) and rounded once
// to the working precision. nullopt when the exact route does not apply (values
// spanning too many binary orders of magnitude): the caller takes the MPFR route.
std::optional<LaeData<mp_real>> exact_lae_data(const Mat<double>& X_rows, const Preprocess& pre, Json description,
                                               bool with_moments = true);

}  // namespace ael::api
