// The exact route of `lae spectrum` (rational instances, proved-exact results,
// certificates): options and document kept apart from cmd_lae_spectrum.cpp.
#pragma once

#include "cli/lae_common.hpp"

#include <string>

namespace ael::cli {

struct ExactSpectrumOptions {
  bool rational_instance = false;
  std::string covariance, eigenvectors, certificate;
  CLI::App* command = nullptr;  // to tell which options were given explicitly
  void add_to(CLI::App& cmd);
  bool requested() const { return rational_instance || !covariance.empty() || !eigenvectors.empty(); }
};

// What the exact route takes from the ordinary `lae spectrum` options.
struct SpectrumBasics {
  int p;
  std::string loss, index, scales;
  const DataOptions& data;
  const OutputOptions& output;
};

// The document of the exact route (without "meta"), computed in GMP rationals
// at the caller's precision scope (decimals printed at --digits). Its
// "evidence" is "proved-exact", or "fail" with the "failures" listed (the
// command then ends with exit code 1 after printing). Throws
// std::invalid_argument (exit 2) on bad input or options that have no exact
// route.
Json exact_spectrum_document(const ExactSpectrumOptions& exact, const SpectrumBasics& basics);
// Refuses --certificate when the exact route was not requested.
void check_no_exact_only_options(const ExactSpectrumOptions& exact);

}  // namespace ael::cli
