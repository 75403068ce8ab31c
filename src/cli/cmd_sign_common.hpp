// Options and reporting helpers shared by the `sign` subcommands. Option
// values are checked by the runner's validators at parse time (cli/runner.hpp);
// decimals are kept as text and parsed by parse_scalar<T> at the working
// precision (never through a double for mp_real).
#pragma once

#include "api/sign.hpp"
#include "core/io.hpp"
#include "core/progress.hpp"
#include "core/resources.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/output.hpp"
#include "cli/refuse_certify.hpp"
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

// Largest value of a count option (dimensions, steps, samples): the upper end of their integer_in ranges.
inline constexpr long kMaxCount = 100000000;

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

// (0, 1]: rates of orthonormal encoders and fractions of nonzeros.
inline const Interval kUnitInterval{"0", "1", true, false};

// Declares --sign0 and --nonzero of a sign command, bound to the library's enums (cmd_sign.cpp).
void declare_sign0_law(CLI::App& c, sign::Sign0& sign0, sign::NonzeroLaw& nonzero);

void add_sign_gaussian_risk(CLI::App& sign);  // cmd_sign_gaussian_risk.cpp
void add_sign_simulation(CLI::App& sign);  // cmd_sign_sim.cpp
void add_sign_phase(CLI::App& sign);       // cmd_sign_phase.cpp
void add_sign_decoder(CLI::App& sign);     // cmd_sign_decoder.cpp
// Train on BG data (docs/sign.md "Closed forms", per-mask gradient; progress on stderr) and evaluate by Monte Carlo
// on `samples` actual samples: risk ± SE, R_Gauss, R_den, shape and verdict.
Json bg_training_report(const sign::BgTrainOptions& t, long samples, bool with_trace);  // cmd_sign_sim.cpp
// The progress lines of BG training on stderr (t must outlive the callback).
std::function<void(long, double, double)> bg_progress(const sign::BgTrainOptions& t);  // cmd_sign_sim.cpp

}  // namespace ael::cli
