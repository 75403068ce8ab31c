#include "cli/common.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace ael::cli {

std::string g_command_line;

void OutputOptions::add_to(CLI::App& app, bool with_digits) {
  if (with_digits)
    app.add_option("--digits", digits, "significant decimal digits (" + std::to_string(kMinDigits) + ".." +
                                            std::to_string(kMaxDigits) + "; 20 guard digits are added internally)");
  app.add_option("--format", format, "json | table | csv | md | latex");
  app.add_option("--output,-o", output, "write to this file instead of stdout");
}

void emit(const Json& doc, const OutputOptions& options) {
  std::ostringstream buffer;
  render(doc, parse_format(options.format), buffer);
  if (options.output.empty()) {
    std::cout << buffer.str() << std::flush;
    return;
  }
  std::ofstream file(options.output, std::ios::binary);
  if (!file) throw std::invalid_argument("cannot write " + options.output);
  file << buffer.str();
  if (!file.flush()) throw std::invalid_argument("write to " + options.output + " failed");
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
