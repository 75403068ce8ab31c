#include "claim.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ael::checks {

namespace {
double decades(const mp_real& ratio) {
  if (ratio <= 0) return -1e300;
  if (!is_finite(ratio)) return 1e300;
  return boost::multiprecision::log10(ratio).convert_to<double>();
}
}  // namespace

const char* evidence_name(Evidence e) {
  switch (e) {
    case Evidence::proved_exact: return "proved-exact";
    case Evidence::proved_ball: return "proved-ball";
    case Evidence::pass_tolerance: return "pass-tolerance";
    case Evidence::pass_statistical: return "pass-statistical";
  }
  return "?";
}

Evidence Outcome::level() const {
  // Comparisons recorded through close/at_least/require are measurements.
  const Evidence measured = statistical_ ? Evidence::pass_statistical : Evidence::pass_tolerance;
  if (!any_deciding_ || weakest_ == Evidence::pass_tolerance || weakest_ == Evidence::pass_statistical) return measured;
  return weakest_;
}

void Outcome::proved(const std::string& what, bool holds, Evidence level, const std::string& route) {
  if (level != Evidence::proved_exact && level != Evidence::proved_ball) throw std::logic_error("proved() needs a proved level");
  const bool saved = cross_check_;
  cross_check_ = true;  // record() below must not lower the level to a measurement
  record(what, holds ? 1e300 : -1e300, holds);
  cross_check_ = saved;
  any_deciding_ = true;
  if (static_cast<int>(level) > static_cast<int>(weakest_)) weakest_ = level;
  if (route_.find(route) == std::string::npos) route_ += (route_.empty() ? "" : "; ") + route;
}

void Outcome::not_proved(const std::string& reason) {
  any_deciding_ = true;
  weakest_ = std::max(weakest_, statistical_ ? Evidence::pass_statistical : Evidence::pass_tolerance);
  if (route_.find("not proved") == std::string::npos) route_ += (route_.empty() ? "" : "; ") + std::string("not proved: ") + reason;
}

void Outcome::record(const std::string& what, double margin, bool holds) {
  ++comparisons_;
  if (!cross_check_) {
    any_deciding_ = true;
    weakest_ = std::max(weakest_, statistical_ ? Evidence::pass_statistical : Evidence::pass_tolerance);
  }
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
