// Options and data loading shared by the `lae` subcommands.
#pragma once

#include "cli/common.hpp"
#include "lae/model.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace ael::cli {

// Largest data dimension n (and so hidden-unit count p) of the lae commands.
inline constexpr int kMaxDimension = 100000;

// Where the data come from and how it is preprocessed (shared by lae commands).
struct DataOptions {
  std::string data;      // file path or built-in name; empty: synthetic
  std::string targets;   // file, "synthetic", or empty (Y = X)
  bool center = false;
  bool skip_header = false;
  bool drop_constant = false;
  int n = 6, m = 40;
  std::uint64_t seed = 1;
  std::string spectrum = "linear";
  void add_to(CLI::App& app);
};

// Loaded, validated data in the scalar T (double for trainers, mp_real for
// exact landscapes). with_moments = false skips forming Σ_xx (the double
// trainer forms it with BLAS).
//
// load_lae_data reads (or synthesises, seeded) the m × n samples as rows, the
// targets when given, centres and drops constant columns as asked, and forms
// the moments Σ_xx = XᵀX, Σ_yx = YᵀX, tr Σ_yy = ‖Y‖_F² (sums over the samples, not means).
// `description` is the JSON "data" section. Throws std::invalid_argument (or
// InputError from the readers) naming the file or option: unreadable or
// malformed data, targets of another shape, all columns constant, a zero
// column (Σ_xx singular), m < n, or synthetic data that would not fit in memory.
template <class T> struct LaeData {
  Mat<T> X_rows, Y_rows;  // m × n samples; Y_rows empty when Y = X
  lae::Moments<T> moments;
  Json description;
};
template <class T> LaeData<T> load_lae_data(const DataOptions& options, bool with_moments = true);

}  // namespace ael::cli
