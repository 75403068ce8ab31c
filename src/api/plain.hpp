// The api's entry points in plain types (std::string, std::vector<double>),
// for the Python bindings (src/python): no Eigen, multiprecision or JSON type
// crosses this header, so the bindings compile fast and never instantiate
// multiprecision templates. Each function returns the result document as JSON
// text, exactly the command's JSON without "meta".
//
// Errors: ParameterError (bad input; names the parameter), other exceptions
// (numerical refusals), Interrupted after request_interrupt().
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace ael::api::plain {

// A dense float64 matrix in column-major order; rows = cols = 0: absent.
struct Matrix {
  long rows = 0, cols = 0;
  std::vector<double> values;
  bool empty() const { return rows == 0 && cols == 0; }
};

// LAE data: samples as rows (m × n), or the synthetic data of the CLI when X is absent.
struct LaeInput {
  Matrix X, Y;                  // Y absent: Y = X (autoencoder)
  std::string source = "array"; // the description's "source" (the CLI writes the file name)
  std::string targets = "array";
  bool center = false, drop_constant = false;
  int n = 6, m = 40;            // synthetic data
  std::uint64_t seed = 1;
  std::string spectrum = "linear";
};

struct InspectArgs {
  std::string loss = "both";
  double tol = 1e-5;
  bool numeric = false;
  bool multiprecision = false;  // MPFR at `digits`; otherwise double (17 digits)
  int digits = 30;
  bool certify = false;         // add the proved results (docs/certification.md §9); implies multiprecision
};
std::string lae_inspect(const LaeInput& data, const Matrix& A, const Matrix& B, const InspectArgs& args);

struct SpectrumArgs {
  int p = 2;
  std::string loss = "ordered", index, method = "closed-form", point = "critical";
  std::vector<std::string> scales;  // exact decimals
  Matrix scale_matrix;
  int digits = 30;
};
std::string lae_spectrum(const LaeInput& data, const SpectrumArgs& args);

std::string sign_denoiser_risk(const std::string& rate, const std::string& p, bool partial, bool certify, int digits);

// `instance`: the instance parameters of sparse::InstanceSpec by name
// (dictionary, n, h, seed, delta, k, support, q, value_law, values, probs,
// interval, moments, eps, eps_frac, window, normalise, certify); unknown names
// are a ParameterError.
std::string sparse_expected_gradient(const std::map<std::string, std::string>& instance, const std::string& rows,
                                     const std::string& arithmetic, int digits);

std::string verify(const std::string& only, int instances, std::uint64_t seed, bool certify, int digits);

// Thrown by a running call after request_interrupt(), at its next progress point.
struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};
// Asks the running call (if any) to stop; the next call clears the request.
void request_interrupt();

// "0.1.0 (commit …)": the version the results come from.
std::string version();

}  // namespace ael::api::plain
