#include "cli/errors.hpp"

#include <iostream>
#include <map>
#include <regex>

namespace ael::cli {

std::string flag_name(const std::string& parameter) {
  static const std::map<std::string, std::string> spelled{{"learning_rate", "--lr"}};
  const auto it = spelled.find(parameter);
  if (it != spelled.end()) return it->second;
  std::string flag = "--" + parameter;
  for (char& c : flag)
    if (c == '_') c = '-';
  return flag;
}

namespace {
// The option `name` of the deepest parsed subcommand that has it.
const CLI::Option* find_option(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : app.get_subcommands()) {
    if (const CLI::Option* o = find_option(*sub, name)) return o;
  }
  return app.get_option_no_throw(name);
}

// CLI11's "Could not convert: --p = two" as "--p: 'two' is not an integer".
std::string conversion_message(const CLI::App& app, const std::string& what) {
  static const std::regex pattern("Could not convert: (\\S+) = (.*)");
  std::smatch m;
  if (!std::regex_match(what, m, pattern)) return what;
  const std::string name = m[1], value = m[2];
  std::string expected = "is not a valid value";
  if (const CLI::Option* o = find_option(app, name)) {
    const std::string type = o->get_type_name();
    if (type == "INT") expected = "is not an integer";
    else if (type == "UINT") expected = "is not a non-negative integer";
    else if (type == "FLOAT") expected = "is not a number";
  }
  return name + ": '" + value + "' " + expected;
}
}  // namespace

int report_parse_error(const CLI::App& app, const CLI::ParseError& e) {
  if (dynamic_cast<const CLI::CallForHelp*>(&e) || dynamic_cast<const CLI::CallForAllHelp*>(&e) ||
      dynamic_cast<const CLI::CallForVersion*>(&e))
    return app.exit(e);
  const std::string what = dynamic_cast<const CLI::ConversionError*>(&e) ? conversion_message(app, e.what()) : e.what();
  std::cerr << "aelandscape: error: " << what << "\n";
  return 2;
}

int report_error(const std::exception& e) {
  if (const auto* p = dynamic_cast<const ParameterError*>(&e))
    std::cerr << "aelandscape: error: " << p->render(flag_name) << "\n";
  else
    std::cerr << "aelandscape: error: " << e.what() << "\n";
  return 2;
}

}  // namespace ael::cli
