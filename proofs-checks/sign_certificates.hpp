// Replayable proved-ball certificate of SA-12 (p* brackets; docs/certification.md §11,
// docs/sign.md "Certified results"), written by `verify --certificates DIR`.
#pragma once

#include <string>

namespace ael::checks::sign_checks {

// Writes SA-12_p_star_brackets.json into `dir` (created if missing): for each nonzero law
// with a rational mu_z^2 (Rademacher 1, uniform 3/4, Laplace 1/2) and each convention
// sign0 in {plus, random}, the certified bracket [lo, hi] of p* (critical_sparsity_ball at
// `digits`; exact dyadic decimals) and whether p* < 1. Gaussian nonzeros (mu_z^2 = 2/pi,
// p* = 1 structurally) have no bracket and are not listed. A bracket the balls do not
// certify is not written (std::logic_error: SA-12 proves every listed one). Returns the
// number of files written (1); std::invalid_argument when `dir` cannot be written. Replay:
// proofs-checks/replay/replay.py.
int write_sign_certificates(const std::string& dir, int digits);

}  // namespace ael::checks::sign_checks
