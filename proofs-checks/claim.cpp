#include "claim.hpp"

#include <algorithm>
#include <cmath>

namespace ael::checks {

namespace {
double decades(const mp_real& ratio) {
  if (ratio <= 0) return -1e300;
  if (!is_finite(ratio)) return 1e300;
  return boost::multiprecision::log10(ratio).convert_to<double>();
}
}  // namespace

void Outcome::record(const std::string& what, double margin, bool holds) {
  ++comparisons_;
  if (margin < worst_margin_) {
    worst_margin_ = margin;
    worst_what_ = what;
  }
  if (!holds) failures_.push_back(what);
}

void Outcome::close(const std::string& what, const mp_real& error, const mp_real& tolerance) {
  using boost::multiprecision::abs;
  const mp_real e = abs(error);
  record(what, e == 0 ? 1e300 : decades(tolerance / e), is_finite(e) && e <= tolerance);
}

void Outcome::at_least(const std::string& what, const mp_real& value, const mp_real& bound) {
  record(what, decades(value / bound), is_finite(value) && value >= bound);
}

void Outcome::require(const std::string& what, bool holds) { record(what, holds ? 1e300 : -1e300, holds); }

std::vector<Claim>& registry() {
  static std::vector<Claim> claims;
  return claims;
}

std::vector<const Claim*> sorted_claims(const std::string& only_prefix) {
  std::vector<const Claim*> out;
  for (const auto& c : registry())
    if (c.id.rfind(only_prefix, 0) == 0) out.push_back(&c);
  auto key = [](const Claim* c) {
    const auto dash = c->id.find('-');
    return std::make_pair(c->id.substr(0, dash), std::stoi(c->id.substr(dash + 1)));
  };
  std::sort(out.begin(), out.end(), [&](const Claim* a, const Claim* b) { return key(a) < key(b); });
  return out;
}

}  // namespace ael::checks
