#include "cli/help_format.hpp"

#include <sstream>

namespace ael::cli {

std::string wrap_words(const std::string& text, std::size_t width) {
  std::string out;
  std::stringstream lines(text);
  std::string line;
  bool first_line = true;
  while (std::getline(lines, line)) {
    if (!first_line) out += '\n';
    first_line = false;
    std::stringstream words(line);
    std::string word;
    std::size_t used = 0;
    while (words >> word) {
      if (used > 0 && used + 1 + word.size() > width) out += '\n', used = 0;
      else if (used > 0) out += ' ', ++used;
      out += word;
      used += word.size();
    }
  }
  return out;
}

namespace {
// Descriptions start at column column_width() (CLI11's format_help indents every
// continuation line to it), so they get kHelpColumns − column_width() columns.
class WrappingFormatter : public CLI::Formatter {
 public:
  std::string make_option_desc(const CLI::Option* opt) const override { return wrap_words(opt->get_description(), width()); }
  std::string make_subcommand(const CLI::App* sub) const override {
    std::stringstream out;
    CLI::detail::format_help(out, sub->get_display_name(true), wrap_words(sub->get_description(), width()), get_column_width());
    return out.str();
  }
  std::string make_description(const CLI::App* app) const override {
    const std::string d = CLI::Formatter::make_description(app);
    return d.empty() ? d : wrap_words(d, kHelpColumns) + "\n";
  }

 private:
  std::size_t width() const { return kHelpColumns - get_column_width(); }
};
}  // namespace

std::shared_ptr<CLI::Formatter> wrapping_formatter() { return std::make_shared<WrappingFormatter>(); }

}  // namespace ael::cli
