// Pieces shared by the subcommands: data options, precision, output.
#pragma once

#include "core/meta.hpp"
#include "core/report.hpp"
#include "core/scalar.hpp"
#include "lae/model.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace ael::cli {

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

struct OutputOptions {
  int digits = 30;
  std::string format = "json";
  std::string output;  // file; empty: stdout
  void add_to(CLI::App& app, bool with_digits = true);
};

// Loaded, validated data in the scalar T (double for trainers, mp_real for
// exact landscapes). with_moments = false skips forming Σ_xx (the double
// trainer forms it with BLAS).
template <class T> struct LaeData {
  Mat<T> X_rows, Y_rows;  // m × n samples; Y_rows empty when Y = X
  lae::Moments<T> moments;
  Json description;
};
template <class T> LaeData<T> load_lae_data(const DataOptions& options, bool with_moments = true);

// Renders the whole document to a string first, so a failure never leaves
// half-written output, then writes it to stdout or the output file.
void emit(const Json& doc, const OutputOptions& options);

extern std::string g_command_line;
Json metadata(const DataOptions* data, int digits);

}  // namespace ael::cli
