// Options and data loading shared by the `lae` subcommands.
#pragma once

#include "api/lae_data.hpp"
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

// Loaded, validated data (api/lae_data.hpp); load_lae_data reads the files or
// draws the synthetic samples and hands them to api::prepare_lae_data (samples
// as columns, moments Σ_xx, Σ_yx when `with_moments`). For mp_real, data exactly
// representable in double take the exact-moment route (cli/exact_data.hpp).
// Throws InputError for an unreadable or malformed file, ParameterError naming
// the option (n, m, spectrum, center, ...) for bad values, std::invalid_argument
// when the samples would not fit in memory.
using api::LaeData;
template <class T> LaeData<T> load_lae_data(const DataOptions& options, bool with_moments = true);

}  // namespace ael::cli
