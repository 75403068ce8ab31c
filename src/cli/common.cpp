#include "cli/common.hpp"

#include "cli/output.hpp"
#include "cli/runner.hpp"
#include "core/atomic_write.hpp"
#include "core/io.hpp"
#include "core/progress.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <type_traits>
#include <sstream>

namespace ael::cli {

std::string g_command_line;

void OutputOptions::add_to(CLI::App& app, bool with_digits) {
  if (with_digits)
    app.add_option("--digits", digits, "significant decimal digits (" + std::to_string(kGuardDigits) + " guard digits are added internally)")
        ->check(integer_in(kMinDigits, kMaxDigits))
        ->capture_default_str();
  app.add_option("--format", format, "output format (same content in each)")
      ->check(CLI::IsMember(format_names()))
      ->capture_default_str();
  app.add_option("--output,-o", output, "write to this file instead of stdout ('-': stdout); written whole or not at all");
}

namespace {
// Why `text` is not a seed, or "".
std::string seed_problem(const std::string& text) {
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
    return "must be a non-negative integer below 10^19 (got '" + text + "')";
  return "";
}
}  // namespace

std::uint64_t parse_seed(const std::string& text) {
  const std::string problem = seed_problem(text);
  if (!problem.empty()) throw std::invalid_argument("--seed " + problem);
  return std::stoull(text);
}

CLI::Validator seed_validator() { return CLI::Validator(seed_problem, "SEED in [0, 10^19)"); }

void check_output_paths(const std::vector<std::string>& paths) {
  for (const auto& path : paths)
    if (!path.empty() && path != "-") check_writable(path);
}

void report_progress(const std::string& command) {
  install_heartbeat([command](const std::string& stage, double seconds) {
    std::cerr << command << ": " << stage << " (" << static_cast<long>(seconds) << " s)" << std::endl;
  });
}

void check_output(const OutputOptions& options) {
  parse_format(options.format);
  check_output_path("--output", options.output);
}

void check_output_path(const std::string& option, const std::string& path) {
  if (path.empty() || path == "-") return;
  try {
    check_writable(path);
  } catch (const InputError& e) {
    throw std::invalid_argument(option + " " + e.what());
  }
}

void write_output_file(const std::string& option, const std::string& path, const std::string& bytes) {
  if (path.empty() || path == "-") {
    std::cout << bytes << std::flush;
    if (!std::cout) throw std::invalid_argument("cannot write to standard output (" + option + " -)");
    return;
  }
  try {
    write_file_atomically(path, bytes);
  } catch (const InputError& e) {
    throw std::invalid_argument(option + " " + e.what());
  }
}

namespace {
// Path of the first value that is NaN or infinite (a float, or a decimal string such
// as "nan", "-inf"), or "" if none.
std::string non_finite_path(const Json& j, const std::string& path) {
  if (j.is_number_float()) return std::isfinite(j.get<double>()) ? "" : path;
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.erase(0, 1);
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s == "nan" || s == "inf" || s == "infinity" ? path : "";
  }
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string found = non_finite_path(it.value(), path + "/" + it.key());
      if (!found.empty()) return found;
    }
  if (j.is_array())
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string found = non_finite_path(j[i], path + "/" + std::to_string(i));
      if (!found.empty()) return found;
    }
  return "";
}
}  // namespace

void require_finite_results(const Json& doc, const std::string& hint) {
  const std::string bad = non_finite_path(doc, "");
  if (!bad.empty()) throw std::invalid_argument("result " + bad + " is not finite (NaN or overflow); nothing written" + hint);
}
void emit(const Json& doc, const OutputOptions& options) {
  std::ostringstream buffer;
  render(doc, parse_format(options.format), buffer);
  write_output_file("--output", options.output, buffer.str());
}

template <class T> double scalar_bytes() {
  if constexpr (std::is_same_v<T, double>) {
    return sizeof(double);
  } else {
    const double bits = working_digits() * 3.3219280948873622 + 64;
    return sizeof(T) + 8 * std::ceil(bits / 64) + 16;  // limbs + allocator overhead
  }
}
template double scalar_bytes<double>();
template double scalar_bytes<mp_real>();

void require_memory(double bytes, const std::string& what) {
  double available = static_cast<double>(::sysconf(_SC_PHYS_PAGES)) * static_cast<double>(::sysconf(_SC_PAGESIZE));
  rlimit limit{};
  if (::getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    available = std::min(available, static_cast<double>(limit.rlim_cur));
  if (!(available > 0) || bytes <= 0.8 * available) return;
  auto gb = [](double b) { return to_decimal(b / 1e9, 3) + " GB"; };
  throw std::invalid_argument(what + " need about " + gb(bytes) + " of memory, more than the " + gb(available) + " available");
}

Json metadata(const std::string& scalar, int digits, std::optional<std::uint64_t> seed) {
  RunInfo info;
  info.command_line = g_command_line;
  info.seed = seed;
  info.digits = digits;
  info.scalar = scalar == "rational" ? "mpfr" : scalar;
  Json m = run_metadata(info);
  if (scalar == "rational") {
    m["scalar"] = "rational (exact, GMP mpq); decimals printed at the requested digits";
    m.erase("working_bits");
    m.erase("working_digits");
  }
  return m;
}

}  // namespace ael::cli
