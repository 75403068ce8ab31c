// Input validation and reporting helpers shared by the `sign` subcommands.
// Every decimal goes through parse_scalar<T> (never through a double for
// mp_real); every failure is a one-line std::invalid_argument (exit 2).
#pragma once

#include "api/sign.hpp"
#include "core/io.hpp"
#include "core/progress.hpp"
#include "core/resources.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/output.hpp"
#include "cli/runner.hpp"
#include "core/report.hpp"
#include "core/scalar.hpp"
#include "sign/bg_train.hpp"
#include "sign/closed_forms.hpp"
#include "sign/quadrature.hpp"

#include <CLI/CLI.hpp>

#include <cctype>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ael::cli {

// The rate r = n/d > 0 parsed exactly at the working precision. Throws
// std::invalid_argument naming --rate when it is missing, not a finite decimal
// or not > 0. (Runner commands check this with decimal_in at parse time.)
template <class T> T parse_rate(const std::string& text) {
  if (text.empty()) throw std::invalid_argument("--rate is required");
  const T r = parse_option_value<T>(text, "--rate");
  if (!(r > 0)) throw std::invalid_argument("--rate must be > 0 (got " + text + ")");
  return r;
}

// A probability in (0, 1] parsed exactly; throws std::invalid_argument naming
// the option `name` otherwise.
template <class T> T parse_fraction(const std::string& text, const std::string& name) {
  const T p = parse_option_value<T>(text, name);
  if (!(p > 0) || p > 1) throw std::invalid_argument(name + " must be in (0, 1] (got " + text + ")");
  return p;
}

// Largest value of a count option (dimensions, steps, samples): stated in the error.
inline constexpr long kMaxCount = 100000000;

// An integer option given as text, in [minimum, kMaxCount]; throws
// std::invalid_argument "<name> must be an integer in [...] (got '2.5')".
// (Runner commands declare the option as an integer with integer_in instead.)
inline int parse_count(const std::string& text, const std::string& name, int minimum) {
  const std::optional<long> value = parse_integer(text);
  if (!value || *value < minimum || *value > kMaxCount)
    throw std::invalid_argument(name + " must be an integer in [" + std::to_string(minimum) + ", " + std::to_string(kMaxCount) +
                                "] (got '" + text + "')");
  return static_cast<int>(*value);
}

// A worker-thread count in [1, kMaxThreads] (one cap for every command);
// the library's ParameterError names `threads`, printed as --threads.
inline int parse_threads(const std::string& text) {
  const int threads = parse_count(text, "--threads", 1);
  check_thread_count(threads);  // the library error names @threads: printed as --threads
  return threads;
}

// Last guard before printing: a non-finite number is an error naming the value
// and what to do (`hint`), never an "inf" or "nan" in the output.
inline void refuse_non_finite(const Json& doc, const std::string& hint) { require_finite_results(doc, "; " + hint); }

// The --certify flag of the sign commands that have a certified route.
inline void add_certify_flag(CLI::App& cmd, bool& flag) {
  cmd.add_flag("--certify", flag, "prove the printed values in Arb ball arithmetic: adds \"evidence\" and key_ball {mid, rad}");
}

// The named laws are unit-variance by construction; the check guards against
// a law added with the wrong scale (E z² is computed from its own formula).
inline void require_unit_variance(sign::NonzeroLaw z) {
  using std::abs;
  const mp_real v = sign::second_moment<mp_real>(z);
  if (abs(v - 1) > working_epsilon<mp_real>() * 100)
    throw std::invalid_argument(std::string("nonzero law ") + sign::nonzero_name(z) + " has E z^2 = " + to_decimal(v, 10) + " != 1");
}

// Quadrature reporting lives in the api (api/sign.hpp).
using api::add_established;
using api::quadrature_json;
using api::quadrature_tolerance;

void add_sign_gaussian_risk(CLI::App& sign);  // cmd_sign_gaussian_risk.cpp
void add_sign_simulation(CLI::App& sign);  // cmd_sign_sim.cpp
void add_sign_phase(CLI::App& sign);       // cmd_sign_phase.cpp
void add_sign_decoder(CLI::App& sign);     // cmd_sign_decoder.cpp
double parse_positive_double(const std::string& text, const std::string& name);  // cmd_sign_sim.cpp
// Train on BG data (docs/sign.md "Closed forms", per-mask gradient; progress on stderr) and evaluate by Monte Carlo
// on `samples` actual samples: risk ± SE, R_Gauss, R_den, shape and verdict.
Json bg_training_report(const sign::BgTrainOptions& t, long samples, bool with_trace);  // cmd_sign_sim.cpp
// The progress lines of BG training on stderr (t must outlive the callback).
std::function<void(long, double, double)> bg_progress(const sign::BgTrainOptions& t);  // cmd_sign_sim.cpp

}  // namespace ael::cli
