#include "cli/common.hpp"

#include "cli/output.hpp"
#include "core/atomic_write.hpp"
#include "core/io.hpp"

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
    app.add_option("--digits", digits, "significant decimal digits (" + std::to_string(kMinDigits) + ".." +
                                            std::to_string(kMaxDigits) + "; 20 guard digits are added internally)");
  app.add_option("--format", format, "json | table | csv | md | latex");
  app.add_option("--output,-o", output, "write to this file instead of stdout ('-': stdout); written whole or not at all");
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
