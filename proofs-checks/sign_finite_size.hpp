// The finite-size rule of docs/sign.md §7 for Monte-Carlo claims (SA-16, SA-17,
// SA-19), stated precisely. A quantity with d → ∞ value q∞ is estimated at
// d and 4d as q̂ ± SE (SE from the sample). Writing dev = q̂ − q∞:
//  (a) limit: the Richardson extrapolation (4 q̂(4d) − q̂(d))/3, exact for a
//      deviation c/d + o(1/d) (the order derived for the channel, docs/sign.md §2.4), lies
//      within 4 SE of q∞ (SE² = (16 SE(4d)² + SE(d)²)/9);
//  (b) if dev(d) is resolved, |dev(d)| > 4 SE(d): it must shrink by more than
//      one combined SE, |dev(d)| − |dev(4d)| > √(SE(d)² + SE(4d)²);
//  (c) if it is not resolved, no shrink is observable at this sample size and
//      none is recorded (only (a) holds the quantity to its limit), unless
//      `must_resolve`: then an unresolved dev(d) is a failure (for the
//      quantity whose shrink the claim asserts).
#pragma once

#include "sign_instances.hpp"

#include <cmath>
#include <string>

namespace ael::checks::sign_checks {

// The S3/S4 instance simulated by SA-16, SA-17 and SA-19.
inline constexpr double kSimRate = 0.5, kSimP = 0.1;

struct SizedEstimate {
  int d;
  double dev, se;
};

inline void finite_size_rule(Outcome& out, const std::string& what, const SizedEstimate& small, const SizedEstimate& large,
                             bool must_resolve) {
  using std::abs;
  const std::string at_small = " at d = " + std::to_string(small.d), at_large = " at d = " + std::to_string(large.d);
  const auto show = [](const SizedEstimate& e) { return to_decimal(e.dev, 3) + " +- " + to_decimal(e.se, 2); };
  const double extrapolated = (4 * large.dev - small.dev) / 3;
  const double extrapolated_se = std::sqrt(16 * large.se * large.se + small.se * small.se) / 3;
  out.close(what + ": 1/d-extrapolated deviation " + to_decimal(extrapolated, 3) + " +- " + to_decimal(extrapolated_se, 2) +
                " within 4 SE (deviation" + at_small + ": " + show(small) + ", " + at_large + ": " + show(large) + ")",
            T(extrapolated), T(kSigmas * extrapolated_se));
  const bool resolved = abs(small.dev) > kSigmas * small.se;
  if (resolved) {
    const double combined = std::sqrt(small.se * small.se + large.se * large.se);
    out.at_least(what + ": resolved deviation" + at_small + " (" + show(small) + ") shrinks by > 1 combined SE" + at_large + " (" +
                     show(large) + ")",
                 T(abs(small.dev) - abs(large.dev)), T(combined));
    return;
  }
  if (must_resolve) out.require(what + ": deviation" + at_small + " resolved (" + show(small) + ", needs > 4 SE)", false);
}

}  // namespace ael::checks::sign_checks
