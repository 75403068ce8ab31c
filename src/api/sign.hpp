// The library API of `sign denoiser-risk`, and the reporting of quadrature
// results shared by the sign closed forms computed by quadrature.
// Errors: ParameterError naming rate, p, digits or partial.
#pragma once

#include "core/report.hpp"
#include "core/scalar.hpp"
#include "sign/quadrature.hpp"

#include <string>

namespace ael::api {

// A decimal parameter parsed exactly at the working precision; a failure names
// the parameter: "@rate: 'abc' is not a finite decimal number".
mp_real parse_decimal_parameter(const std::string& text, const std::string& name);

// Quadrature asked for 3 digits more than printed, relative to ∫|f|.
mp_real quadrature_tolerance(int digits);
// Significant digits established by an error estimate.
int established_digits(const mp_real& value, const mp_real& error);
// doc[key] = value to `digits` digits if the quadrature established them.
// Otherwise throw ParameterError (digits), or with `partial` print only the
// established digits and add key_established_digits.
void add_established(Json& doc, const std::string& key, const sign::Quadrature<mp_real>& q, int digits, bool partial);
// The quadrature's method, error estimate, evaluations and convergence.
Json quadrature_json(const sign::Quadrature<mp_real>& q);

struct DenoiserRiskOptions {
  std::string rate;      // r in (0, 1], a decimal parsed exactly
  std::string p = "1";   // fraction of nonzeros in (0, 1], a decimal parsed exactly
  bool partial = false;  // print only the established digits instead of failing
  bool certify = false;  // add the Arb ball route (sign/certified_denoiser.hpp)
};

// Bayes-denoiser MSE R_den(p, r) by quadrature (docs/sign.md): the document of
// `sign denoiser-risk` without "meta". Runs at the caller's working precision.
Json denoiser_risk_document(const DenoiserRiskOptions& options, int digits);

}  // namespace ael::api
