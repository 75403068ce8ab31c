// Exact routes for the LAE identity claims LAE-1 … LAE-9 (docs/certification.md
// "Exact identities (LAE-1…9)"): the two (or more) sides of each identity are
// evaluated independently in exact rational arithmetic at seeded rational
// instances (rational X, Y, A, B; both losses) and compared for equality in ℚ.
// Every decision is exact, so a verdict that holds is proved-exact for those
// instances; one that fails names the first unequal pair.
#pragma once

#include "claim.hpp"
#include "core/exact.hpp"

#include <cstdint>
#include <string>

namespace ael::checks {

struct IdentityVerdict {
  std::string claim;          // "LAE-3"
  bool holds = true;          // every exact decision held
  int decisions = 0;          // exact (in)equalities decided
  std::string route;          // what was decided, one line
  std::string first_failure;  // empty when holds
  void decide(bool ok, const std::string& what);
};

// A deliberate fault for the tests: `delta` is added to entry (0, 0) of the
// encoder B (LAE-2: of the matrix M) in the input of the second side of every
// identity only; the first side reads the unperturbed value. With delta = 0
// (the default) both sides read the same input.
struct OneSidedFault {
  rational delta = 0;
};

// The exact route of one claim ID ("LAE-1" … "LAE-9") over `instances` seeded
// instances (shapes cycled as in the MPFR checks). Throws std::invalid_argument
// for any other ID.
IdentityVerdict exact_identity_verdict(const std::string& claim, std::uint64_t seed, int instances,
                                       const OneSidedFault& fault = {});

// --certify: records the exact verdict of `claim` in `out` at the level
// proved-exact (the caller then runs its MPFR comparisons as cross-checks).
void decide_identities_exactly(const Context& ctx, Outcome& out, const std::string& claim);

}  // namespace ael::checks
