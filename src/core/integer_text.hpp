// The one reader of integers written as text (option values, comma lists,
// binding arguments): the callers add their range and their error message.
#pragma once

#include <exception>
#include <optional>
#include <string>

namespace ael {

// The integer `text` spells in full: an optional sign and decimal digits
// (leading blanks allowed, as std::stol), within the range of long. Returns
// nothing for anything else ("", "2.5", "1e3", "7x", "99999999999999999999");
// never throws.
inline std::optional<long> parse_integer(const std::string& text) {
  size_t used = 0;
  long value = 0;
  try {
    value = std::stol(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (used != text.size()) return std::nullopt;
  return value;
}

}  // namespace ael
