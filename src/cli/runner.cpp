#include "cli/runner.hpp"

#include <cmath>
#include <limits>

namespace ael::cli {

std::string Interval::text() const {
  if (!lo.empty() && !hi.empty())
    return std::string("in ") + (lo_open ? "(" : "[") + lo + ", " + hi + (hi_open ? ")" : "]");
  if (!lo.empty()) return (lo_open ? "> " : ">= ") + lo;
  if (!hi.empty()) return (hi_open ? "< " : "<= ") + hi;
  return "";
}

std::string Interval::notation() const {
  return (lo.empty() || lo_open ? "(" : "[") + (lo.empty() ? std::string("-inf") : lo) + ", " + (hi.empty() ? std::string("inf") : hi) +
         (hi.empty() || hi_open ? ")" : "]");
}

namespace {
// x in range, for any ordered scalar T; the bounds are parsed as T.
template <class T> bool contains(const Interval& range, const T& x) {
  if (!range.lo.empty()) {
    const T lo = parse_scalar<T>(range.lo);
    if (range.lo_open ? !(x > lo) : !(x >= lo)) return false;
  }
  if (!range.hi.empty()) {
    const T hi = parse_scalar<T>(range.hi);
    if (range.hi_open ? !(x < hi) : !(x <= hi)) return false;
  }
  return true;
}

std::string with_range(const char* type, const Interval& range) {
  return range.text().empty() ? std::string(type) : std::string(type) + " " + range.notation();
}
}  // namespace

CLI::Validator decimal_in(const Interval& range) {
  return CLI::Validator(
      [range](std::string& text) -> std::string {
        try {
          // Syntax and range only: MPFR's exponent range never overflows here.
          if (!contains(range, parse_scalar<mp_real>(text)))
            return "must be a decimal number " + range.text() + " (got " + text + ")";
        } catch (const std::invalid_argument& e) {
          return e.what();
        }
        return std::string();
      },
      with_range("DECIMAL", range));
}

CLI::Validator decimal_number(bool positive) { return decimal_in(positive ? Interval{"0", "", true, false} : Interval{}); }

CLI::Validator number_in(const Interval& range) {
  return CLI::Validator(
      [range](std::string& text) -> std::string {
        double x = 0;
        if (!CLI::detail::lexical_cast(text, x)) return "'" + text + "' is not a number";
        if (!std::isfinite(x) || !contains(range, x))
          return "must be a finite number" + (range.text().empty() ? "" : " " + range.text()) + " (got " + text + ")";
        return std::string();
      },
      range.notation());
}

void add_metadata(Json& doc, Arithmetic arithmetic, int digits, std::optional<std::uint64_t> seed) {
  Json own = doc.contains("meta") ? doc["meta"] : Json::object();
  doc.erase("meta");
  const char* scalar = arithmetic == Arithmetic::mpfr ? "mpfr" : arithmetic == Arithmetic::rational ? "rational" : "double";
  doc["meta"] = metadata(scalar, digits, seed);
  doc["meta"].update(own);
}

CLI::Validator integer_in(long lo, long hi) {
  const std::string rule = "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  return CLI::Validator(
      [lo, hi, rule](std::string& text) -> std::string {
        const std::optional<long> value = parse_integer(text);
        if (!value || *value < lo || *value > hi) return "must be an integer in " + rule + " (got '" + text + "')";
        return std::string();
      },
      hi == std::numeric_limits<long>::max() ? "[" + std::to_string(lo) + ", inf)" : rule);
}

}  // namespace ael::cli
