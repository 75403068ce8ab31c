// Input validation and reporting helpers shared by the `sign` subcommands.
// Every decimal goes through parse_scalar<T> (never through a double for
// mp_real); every failure is a one-line std::invalid_argument (exit 2).
#pragma once

#include "api/sign.hpp"
#include "core/io.hpp"
#include "core/progress.hpp"
#include "core/resources.hpp"
#include "cli/errors.hpp"
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

template <class T> T parse_rate(const std::string& text) {
  if (text.empty()) throw std::invalid_argument("--rate is required");
  const T r = parse_option_value<T>(text, "--rate");
  if (!(r > 0)) throw std::invalid_argument("--rate must be > 0 (got " + text + ")");
  return r;
}

// A probability in (0, 1].
template <class T> T parse_fraction(const std::string& text, const std::string& name) {
  const T p = parse_option_value<T>(text, name);
  if (!(p > 0) || p > 1) throw std::invalid_argument(name + " must be in (0, 1] (got " + text + ")");
  return p;
}

// Largest value of a count option (dimensions, steps, samples): stated in the error.
inline constexpr long kMaxCount = 100000000;

// Non-negative integer option given as text, so that "2.5" or "1e3" is a
// one-line error (exit 2) rather than a CLI11 conversion failure.
inline int parse_count(const std::string& text, const std::string& name, int minimum) {
  size_t used = 0;
  long value = -1;
  try {
    value = std::stol(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (text.empty() || used != text.size() || value < minimum || value > kMaxCount)
    throw std::invalid_argument(name + " must be an integer in [" + std::to_string(minimum) + ", " + std::to_string(kMaxCount) +
                                "] (got '" + text + "')");
  return static_cast<int>(value);
}

// A worker-thread count in [1, kMaxThreads] (one cap for every command).
inline int parse_threads(const std::string& text) {
  const int threads = parse_count(text, "--threads", 1);
  check_thread_count(threads, "--threads");
  return threads;
}

// A 64-bit seed given as text (decimal digits only).
inline std::uint64_t parse_seed(const std::string& text) {
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
    throw std::invalid_argument("--seed must be a non-negative integer below 10^19 (got '" + text + "')");
  return std::stoull(text);
}

// Every output file of a command, checked before any work so that a bad path
// fails at once and leaves no other output behind ("" and "-" are stdout).
inline void check_output_paths(const std::vector<std::string>& paths) {
  for (const auto& path : paths)
    if (!path.empty() && path != "-") check_writable(path);
}

// The first value of `doc` printed as a non-finite number ("inf", "-nan", ...,
// as to_decimal prints them, or a JSON float that is not finite), as its key
// path; empty when every number is finite.
inline std::string non_finite_path(const Json& doc, const std::string& path = "") {
  if (doc.is_object() || doc.is_array()) {
    size_t index = 0;
    for (auto it = doc.begin(); it != doc.end(); ++it, ++index) {
      const std::string key = doc.is_object() ? it.key() : std::to_string(index);
      const std::string found = non_finite_path(*it, path.empty() ? key : path + "." + key);
      if (!found.empty()) return found;
    }
    return "";
  }
  if (doc.is_number_float() && !std::isfinite(doc.get<double>())) return path;
  if (!doc.is_string()) return "";
  std::string s = doc.get<std::string>();
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s = s.substr(1);
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s == "inf" || s == "nan" || s == "infinity" ? path : "";
}

// Last guard before printing: a non-finite number is an error naming the value
// and what to do (`hint`), never an "inf" or "nan" in the output.
inline void refuse_non_finite(const Json& doc, const std::string& hint) {
  const std::string where = non_finite_path(doc);
  if (!where.empty()) throw std::runtime_error("result '" + where + "' is not finite: " + hint);
}

// The --certify flag of the sign commands that have a certified route.
inline void add_certify_flag(CLI::App& cmd, bool& flag) {
  cmd.add_flag("--certify", flag, "prove the printed values in Arb ball arithmetic: adds \"evidence\" and key_ball {mid, rad}");
}

// Progress of long runs on stderr: every 5 s, the stage the kernels last
// announced (core/progress.hpp), prefixed with the command's name.
inline void report_progress(const std::string& command) {
  install_heartbeat([command](const std::string& stage, double seconds) {
    std::cerr << command << ": " << stage << " (" << static_cast<long>(seconds) << " s)" << std::endl;
  });
}

// The same rule on a std::uint64_t --seed option read by CLI11 (sparse, verify),
// where "-1" would otherwise wrap to 2^64 - 1.
inline CLI::Validator seed_validator() {
  return CLI::Validator(
      [](std::string& text) {
        try {
          parse_seed(text);
        } catch (const std::exception& e) {
          return std::string(e.what());
        }
        return std::string();
      },
      "SEED");
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
// Train on BG data (spec 5.3; progress on stderr) and evaluate by Monte Carlo
// on `samples` actual samples: risk ± SE, R_Gauss, R_den, shape and verdict.
Json bg_training_report(const sign::BgTrainOptions& t, long samples, bool with_trace);  // cmd_sign_sim.cpp
// The progress lines of BG training on stderr (t must outlive the callback).
std::function<void(long, double, double)> bg_progress(const sign::BgTrainOptions& t);  // cmd_sign_sim.cpp

}  // namespace ael::cli
