// Floating-point options read with one rounding (cli/exact_floats.hpp).
#include "cli/exact_floats.hpp"

#include <cstdio>
#include <cstdlib>

namespace ael::cli {

std::string exactly_rounded_text(const std::string& text) {
  if (text.empty()) return text;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return text;
  // CLI11's reading: strtold, then a cast (the second rounding). Rewrite only when
  // it differs, so the usual texts (and the option values a checkpoint records) stay as typed.
  const double twice_rounded = static_cast<double>(std::strtold(text.c_str(), nullptr));
  if (twice_rounded == value || (value != value && twice_rounded != twice_rounded)) return text;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%a", value);
  return buffer;
}

void read_floats_exactly(CLI::App& app) {
  for (CLI::Option* option : app.get_options()) {
    if (option->get_type_name().rfind("FLOAT", 0) != 0) continue;
    option->transform(CLI::Validator(
        [](std::string& text) {
          text = exactly_rounded_text(text);
          return std::string();
        },
        "", ""));
  }
  for (CLI::App* sub : app.get_subcommands(std::function<bool(CLI::App*)>{})) read_floats_exactly(*sub);
}

}  // namespace ael::cli
