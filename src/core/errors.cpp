#include "core/errors.hpp"

#include <cctype>

namespace ael {

namespace {
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string substitute(const std::string& text, const std::function<std::string(const std::string&)>& spell) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '@' && i + 1 < text.size() && name_char(text[i + 1])) {
      size_t j = i + 1;
      while (j < text.size() && name_char(text[j])) ++j;
      out += spell(text.substr(i + 1, j - i - 1));
      i = j;
    } else {
      out += text[i++];
    }
  }
  return out;
}
}  // namespace

ParameterError::ParameterError(std::string parameter, std::string text)
    : std::invalid_argument(substitute(text, [](const std::string& name) { return name; })),
      parameter_(std::move(parameter)),
      text_(std::move(text)) {}

std::string ParameterError::render(const std::function<std::string(const std::string&)>& spell) const {
  return substitute(text_, spell);
}

}  // namespace ael
