// The proved routes of the SC-n proof-checks under `verify --certify` (docs/sparse.md
// "Certified SC routes"; docs/certification.md §11). The sparse code has a rational
// scalar: on HAD with n a power of 4, rational orthogonal dictionaries and finite value laws
// with rational atoms, every expectation is a finite sum over supports and values, so a
// statement about it is decided exactly in Q. Without --certify every call below records
// the same comparison as before (an exact `require`), so the report keeps its bytes.
#pragma once

#include "claim.hpp"

#include "sparse/scalars.hpp"

#include <cstdint>
#include <string>

namespace ael::checks::sparse_checks {

// Routes (one line each; docs/sparse.md "Certified SC routes" says why each is independent of the code it checks).
inline const char* const kEnumerationRoute = "exact: enumeration over every support and value vector in Q";
inline const char* const kWindowRoute = "exact: certificate windows and enumerated activations compared in Q";
inline const char* const kLemmaD2Route = "exact: squared norms against the squared Lemma D2 bound in Q(Gamma), Gamma^2 rational";
inline const char* const kClosedFormRoute = "exact: the §5.3 closed form in Q against enumeration over supports and over (S, x) of the true network";

// An exact statement: proved-exact under --certify, an exact requirement otherwise.
inline void exact(const Context& ctx, Outcome& out, const std::string& what, bool holds, const std::string& route) {
  if (ctx.certify) out.proved(what, holds, Evidence::proved_exact, route);
  else out.require(what, holds);
}

// `require(what, holds)` of a claim whose statements are all exact, recorded through exact().
inline auto exact_recorder(const Context& ctx, Outcome& out, const char* route) {
  return [&ctx, &out, route](const std::string& what, bool holds) { exact(ctx, out, what, holds, route); };
}

// Decides ‖g‖² ≤ (f·F1·F2)² exactly, with F1, F2 the Lemma D2 factors (docs/sparse.md §2,
// "Lemma D2") at the exact Γ = √(k(1 + (k−1)c)): F1·F2 = u + vΓ with u, v ≥ 0 rational, so the
// inequality is N − u² − v²Γ² ≤ 2uvΓ, decided by a sign and one squaring (docs/sparse.md "Certified SC routes", SC-10).
// Requires b, c, δ, ε_hi, f ≥ 0.
bool within_lemma_d2(const rational& norm_sq, int k, const rational& b, const rational& c, const rational& delta,
                     const rational& eps_hi, const rational& f);

// A Monte-Carlo claim: the level is pass-statistical and, under --certify, the route text
// names the standard-error multiple (`how`, e.g. "MC mean within 4 SE of the exact value").
inline void monte_carlo(const Context& ctx, Outcome& out, const std::string& how) {
  out.statistical();
  if (ctx.certify) out.not_proved("Monte Carlo, a statistical statement: " + how);
}

// Writes the replayable proved-exact SC certificates into `dir` (created if missing), seeded
// by `seed`: SC-8 (the §5.3 closed form = E of the TRUE network's per-sample gradient over
// every (S, x)) on two small rational instances (SC-8_*.json), SC-14 (E grad != 0 at W = A*')
// and SC-15 (E grad_{n+j} = Q E grad_j under the swap hypothesis) on HAD n = 16
// (SC-14_*.json, SC-15_*.json). Each holds the instance as fractions and the claimed E[grad]
// per listed row; every statement is decided here in Q first, and the closed form checked
// against enumeration (std::logic_error otherwise). Returns the number written;
// std::invalid_argument when `dir` cannot be written. Replay:
// proofs-checks/replay/replay.py (docs/certification.md §11).
int write_sparse_certificates(const std::string& dir, std::uint64_t seed);

}  // namespace ael::checks::sparse_checks
