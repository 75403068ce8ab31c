// Exact-route (proved-exact) checks of the LAE spectrum and inertia claims on
// seeded rational Cayley instances (docs/certification.md §7 (Exact route)).
// They return verdicts instead of registering claims, so the claim framework can
// attach them to LAE-17/19/20/21/22 at the level "proved-exact".
#pragma once

#include "claim.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ael::checks {

struct ExactVerdict {
  std::string claim;    // "LAE-21"
  bool proved = false;  // every exact statement held on every instance
  int instances = 0;    // (instance, tuple, loss) triples decided
  std::string route;    // what was decided, one line
  std::string detail;   // first failure, or the scope
};

// Accumulates exact decisions into one verdict: proved while every decision held;
// the first failure is kept as the detail.
struct ExactTally {
  ExactVerdict v;
  void add(bool holds, const std::string& what) {
    ++v.instances;
    if (!holds && v.proved) v.detail = "failed: " + what;
    v.proved = v.proved && holds;
  }
};

// All five verdicts from one sweep over every ordered tuple of `instances`
// Cayley instances (shapes (3,2), (4,2), (3,3), (4,3), … cycled), both losses,
// seeded rational scales with |c_k| in [1/2, 2].
std::vector<ExactVerdict> exact_lae_verdicts(std::uint64_t seed, int instances);
// The verdict for one claim ID of the five (throws std::invalid_argument otherwise).
ExactVerdict exact_lae_verdict(const std::string& claim, std::uint64_t seed, int instances);

// --certify: records the exact verdict of `claim` in `out` at the level
// proved-exact (the caller then runs its measured comparisons as cross-checks).
void decide_exactly(const Context& ctx, Outcome& out, const std::string& claim);

// Writes one replayable certificate per exact instance behind the verdicts above
// (a fixed small set on Cayley instances seeded by `seed`) into `dir` (created if
// missing), named CLAIM_loss_I.json. Returns the number written; throws
// std::invalid_argument when the directory cannot be written. For
// `verify --certificates DIR`; replay with proofs-checks/replay/replay.py DIR.
int write_exact_certificates(const std::string& dir, std::uint64_t seed);

}  // namespace ael::checks
