#include "api/sign.hpp"

#include "core/errors.hpp"
#include "core/ball_io.hpp"
#include "sign/certified_denoiser.hpp"
#include "sign/closed_forms.hpp"
#include "sign/denoiser.hpp"

#include <algorithm>

namespace ael::api {

mp_real parse_decimal_parameter(const std::string& text, const std::string& name) {
  try {
    return parse_scalar<mp_real>(text);
  } catch (const std::invalid_argument& e) {
    throw ParameterError(name, "@" + name + ": " + e.what());
  }
}

mp_real quadrature_tolerance(int digits) { return boost::multiprecision::pow(mp_real(10), -(digits + 3)); }

int established_digits(const mp_real& value, const mp_real& error) {
  using std::abs, std::log10, std::floor;
  if (error == 0) return printed_digits();
  if (value == 0) return 0;
  return static_cast<int>(to_double(floor(log10(abs(value) / error))));
}

void add_established(Json& doc, const std::string& key, const sign::Quadrature<mp_real>& q, int digits, bool partial) {
  const int have = established_digits(q.value, q.error);
  if (have >= digits && q.converged) {
    doc[key] = to_decimal(q.value, digits);
    return;
  }
  const std::string why = "quadrature established only " + std::to_string(have) + " of " + std::to_string(digits) +
                          " digits for " + key + " (error estimate " + to_decimal(q.error, 3) + ")";
  if (!partial || have < 1)
    throw ParameterError("digits", why + "; use @digits " + std::to_string(std::max(have, 16)) + " or @partial");
  doc[key] = to_decimal(q.value, have);
  doc[key + "_established_digits"] = have;
}

Json quadrature_json(const sign::Quadrature<mp_real>& q) {
  Json j;
  j["method"] = "tanh-sinh (double exponential), pieces split at the posterior crossover";
  j["error_estimate"] = to_decimal(q.error, 3);
  j["evaluations"] = q.evaluations;
  j["converged"] = q.converged;
  return j;
}

Json denoiser_risk_document(const DenoiserRiskOptions& o, int digits) {
  using T = mp_real;
  if (o.rate.empty()) throw ParameterError("rate", "@rate is required");
  const T r = parse_decimal_parameter(o.rate, "rate");
  if (!(r > 0)) throw ParameterError("rate", "@rate must be > 0 (got " + o.rate + ")");
  const T p = parse_decimal_parameter(o.p, "p");
  if (!(p > 0) || p > 1) throw ParameterError("p", "@p must be in (0, 1] (got " + o.p + ")");
  if (r > 1) throw ParameterError("rate", "the denoiser channel (docs/sign.md) needs @rate <= 1 (orthonormal Haar rows)");
  const sign::Quadrature<T> q = sign::denoiser_risk<T>(p, r, quadrature_tolerance(digits));
  Json doc;
  doc["command"] = "sign denoiser-risk";
  doc["rate"] = to_decimal(r, digits);
  doc["p"] = to_decimal(p, digits);
  doc["channel_noise_variance"] = to_decimal(sign::channel_noise<T>(r), digits);
  add_established(doc, "risk", q, digits, o.partial);
  doc["quadrature"] = quadrature_json(q);
  doc["r_gauss"] = to_decimal(sign::r_gauss<T>(r), digits);
  doc["formula"] = "R_den = mmse_BG(p, pi/(2r) - 1) = 1 - p E f(sqrt(v1) t)^2 - (1-p) E f(s t)^2, tanh-sinh quadrature";
  doc["tag"] = "[derived]";
  doc["benchmarks"] = {{"shannon_D", to_decimal(sign::shannon<T>(r), digits)}, {"shannon_formula", "D(r) = 2^(-2r)"}};
  if (o.certify) merge_certified(doc, sign::certified_denoiser_risk(o.rate, o.p, digits, o.partial));
  return doc;
}

}  // namespace ael::api
