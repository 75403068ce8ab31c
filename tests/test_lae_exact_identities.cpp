// Exact routes of LAE-1 … LAE-9 (docs/certification.md, Exact identities): every
// identity holds in ℚ at seeded rational instances, and the same route detects a
// fault injected into ONE side only (so it is a comparison that can fail). The
// Richardson exactness the LAE-3/4 routes rely on is checked here on explicit
// polynomials with known derivatives, not through the project's kernels.
#include <doctest/doctest.h>

#include "core/exact.hpp"
#include "lae_exact_identities.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

using ael::rational;
using ael::checks::exact_identity_verdict;
using ael::checks::OneSidedFault;

namespace {
std::vector<std::string> claim_ids() {
  std::vector<std::string> ids;
  for (int c = 1; c <= 9; ++c) ids.push_back("LAE-" + std::to_string(c));
  return ids;
}

// f(t) = Σ_k c_k t^k evaluated exactly.
rational poly(const std::vector<rational>& c, const rational& t) {
  rational v = 0, tk = 1;
  for (const auto& ck : c) v += ck * tk, tk *= t;
  return v;
}
rational central(const std::vector<rational>& c, const rational& h) { return (poly(c, h) - poly(c, -h)) / (2 * h); }
rational richardson(const std::vector<rational>& c, const rational& h) { return (4 * central(c, h) - central(c, 2 * h)) / 3; }
}  // namespace

TEST_SUITE("lae_exact_identities") {
  TEST_CASE("LAE-1 ... LAE-9 hold exactly at seeded rational instances (both losses)") {
    for (const auto& id : claim_ids()) {
      for (std::uint64_t seed : {1, 7}) {
        const auto v = exact_identity_verdict(id, seed, 2);
        INFO(id << " seed " << seed << ": " << v.first_failure);
        CHECK(v.holds);
        CHECK(v.first_failure.empty());
        CHECK(v.decisions >= 2);
        CHECK(v.route.rfind("exact:", 0) == 0);
      }
    }
  }

  TEST_CASE("one entry of B changed by 1/1000 on one side only is detected as unequal") {
    OneSidedFault fault;
    fault.delta = rational(1, 1000);
    for (const auto& id : claim_ids()) {
      const auto v = exact_identity_verdict(id, 1, 2, fault);
      INFO(id);
      CHECK_FALSE(v.holds);
      CHECK(v.first_failure.find("!=") != std::string::npos);
    }
  }

  TEST_CASE("Richardson [4D(h) - D(2h)]/3 is exact up to degree 4 and not beyond") {
    // Reference: f'(0) = c_1 read off the coefficients (docs/certification.md, Exact identities).
    const std::vector<rational> quartic{rational(3, 7), rational(-5, 3), rational(2), rational(11, 5), rational(-9, 4)};
    for (const rational& h : {rational(1, 3), rational(1), rational(5, 2)}) CHECK(richardson(quartic, h) == quartic[1]);
    // The plain central difference keeps c_3 h² ...
    CHECK(central(quartic, rational(1, 3)) == quartic[1] + quartic[3] / 9);
    // ... and a quintic term leaves −4 c_5 h⁴ after extrapolation: the degree bound is sharp.
    std::vector<rational> quintic = quartic;
    quintic.push_back(rational(1));
    CHECK(richardson(quintic, rational(1, 3)) == quartic[1] - rational(4, 81));
  }

  TEST_CASE("the claims LAE-1 ... LAE-9 report proved-exact with certify and pass-tolerance without") {
    using ael::checks::Evidence;
    const auto ids = claim_ids();
    int seen = 0;
    for (const auto* claim : ael::checks::sorted_claims("LAE-")) {
      if (std::find(ids.begin(), ids.end(), claim->id) == ids.end()) continue;
      ++seen;
      for (const bool certify : {false, true}) {
        ael::checks::Context ctx;
        ctx.instances = 1;
        ctx.certify = certify;
        ael::checks::Outcome out;
        claim->check(ctx, out);
        INFO(claim->id << (certify ? " --certify" : ""));
        CHECK(out.passed());
        CHECK(out.level() == (certify ? Evidence::proved_exact : Evidence::pass_tolerance));
        CHECK((out.route().rfind("exact:", 0) == 0) == certify);
      }
    }
    CHECK(seen == 9);
  }

  TEST_CASE("an unknown claim ID has no exact identity route") {
    CHECK_THROWS_AS(exact_identity_verdict("LAE-10", 1, 1), std::invalid_argument);
  }
}
