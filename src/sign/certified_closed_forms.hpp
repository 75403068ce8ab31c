// Closed forms of the sign autoencoder (docs/sign.md §2.2, §2.5, §2.6) evaluated in
// Arb ball arithmetic: every result provably contains the exact value for the
// exact (decimal → rational) input. docs/sign.md "Certified results".
#pragma once

#include "core/ball_io.hpp"
#include "core/report.hpp"
#include "sign/closed_forms.hpp"

#include <arb.h>

#include <string>
#include <vector>

namespace ael::sign {

// The certified fragments are merged by the project-wide core/ball_io.hpp merge_certified
// (sign::merge_certified is the same function, for the sign callers).
using ael::merge_certified;

void mu2_ball(arb_t out, NonzeroLaw z, long prec);
void r_gauss_ball(arb_t out, const arb_t r, long prec);
void r_tight_frame_ball(arb_t out, const arb_t r, long prec);
void shannon_ball(arb_t out, const arb_t r, long prec);
// The rate references every rate-dependent command prints next to its result:
// r_gauss (1 − 2r/π) and benchmarks.shannon_D (2^(−2r)), as balls.
void put_rate_references(Json& j, const arb_t r, int digits, long prec);
void identity_risk_exact_ball(arb_t out, int n, int d, const arb_t p, const arb_t mu2, Sign0 s, long prec);
void identity_risk_limit_ball(arb_t out, const arb_t r, const arb_t p, const arb_t mu2, Sign0 s, long prec);
// The near-identity heuristic 1 − r[p μ² + (2/π)(1 − p)²] (docs/sign.md "Near-identity report"; plus).
void near_identity_risk_ball(arb_t out, const arb_t r, const arb_t p, const arb_t mu2, long prec);

// p* as the unique root of L_id(p) − R_Gauss (docs/sign.md §2.6) on a bracket [lo, hi]
// of dyadic rationals: the gap has certified opposite signs at lo and hi and
// a certified negative derivative on [lo, hi] (hence exactly one root there).
struct CertifiedRoot {
  bool proved = false;  // false: the enclosures did not decide (reason says why)
  std::string reason;
  std::string lo, hi;   // the bracket endpoints as exact decimals (dyadic rationals)
};
// out = [lo, hi] as a ball. Plus and random conventions only.
CertifiedRoot critical_sparsity_ball(arb_t out, NonzeroLaw z, Sign0 s, long prec);

// JSON fragments merged into the CLI's documents by `--certify`
// (key_ball next to each decimal key, "evidence", and what is proved).
// rate and p are the user's decimal strings (parsed exactly).
Json certified_gaussian_risk(const std::string& rate, int digits);
Json certified_identity_risk(int n, int d, const std::string& p, Sign0 s, NonzeroLaw z, int digits);
Json certified_critical_sparsity(NonzeroLaw z, Sign0 s, int digits);
// The S2 table: one fragment per --p-grid entry (merged into the rows in order)
// plus the document-level fragment under "document".
Json certified_phase_table(const std::string& rate, int n, int d, const std::vector<std::string>& p_grid, Sign0 s, NonzeroLaw z,
                           int digits);

}  // namespace ael::sign
