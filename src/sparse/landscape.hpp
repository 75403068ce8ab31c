// E[L] along random directions through A*ᵀ (protocol P2 of docs/sparse.md, SC-17), double precision:
// exact conditional on the support (E[L|S] in O(k²n)), averaged over all
// supports when C(h,k) is small, otherwise Rao–Blackwellised over sampled
// supports (the same supports at every t, so the curve is smooth in t).
#pragma once

#include "sparse/certify.hpp"
#include "sparse/model.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ael::sparse {

struct LandscapeSettings {
  int directions = 20;
  double t0 = 0.05;
  int points = 21;
  long max_enumerated = 200000;  // enumerate when the number of supports is at most this
  long sampled_supports = 4000;  // otherwise Rao–Blackwellised with this many supports
  std::uint64_t seed = 1;
};

struct DirectionResult {
  std::vector<double> t, loss;
  double slope_closed = 0;     // L'(0) = Σ_i ⟨E∇_{W_i}L, Δ_i⟩ (§5.3, all rows)
  double slope_numeric = 0;    // 5-point derivative of the curve at 0
  double curvature = 0;        // L''(0) by the exact 5-point quartic rule
  double t_min = 0;            // grid minimiser
  double t_predicted = 0;      // −L'(0)/L''(0)
  bool certified = false;      // certificate (b) proved at t = −t0, 0, t0 (hence on the segment)
  Evidence evidence = Evidence::estimate;  // proved-ball when all three ends were decided by balls
};

struct Landscape {
  std::string method;          // "enumerated supports" | "Rao-Blackwellised (N supports)"
  std::vector<DirectionResult> directions;
};

// `prover` decides certificate (b) at the segment ends for the exact instance
// (sparse/certify.hpp); without it no segment is certified.
Landscape landscape(const Problem<double>& P, const LandscapeSettings& settings, const PerRowProver* prover = nullptr);

}  // namespace ael::sparse
