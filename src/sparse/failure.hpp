// The failure contribution of docs/sparse.md §5 (Validity) and §7 (Bernoulli supports),
// by Monte Carlo: on the same samples, the TRUE network's per-sample gradient
// of row i, the recovered-support surrogate's (§2.4: the active set forced to
// S, whose expectation is the closed form of §5.3 for every support law), and
// their difference, which is zero whenever the active set equals S. Hence
// E∇_true − E∇_closed = E[∇_true − ∇_sur; failure].
#pragma once

#include "sparse/model.hpp"

#include <cstdint>
#include <vector>

namespace ael::sparse {

struct FailureSettings {
  long samples = 100000;
  int batch = 4096;           // samples per batch (part of the result's definition)
  std::uint64_t seed = 1;
  std::vector<int> rows{0};
  int support_bound = -1;     // K: count failures with |S| ≤ K (certificate says none) and supports with |S| > K
};

// Mean of a vector quantity with per-component standard errors and √(tr Cov / N).
struct VectorMean {
  std::vector<double> mean, standard_error;
  double se_norm = 0;
};

struct RowFailure {
  int row = 0;
  VectorMean truth, surrogate, difference;   // difference = truth − surrogate, per sample
  double mean_difference_norm = 0;           // E[‖∇_true − ∇_sur‖; failure] estimate (docs/sparse.md §5 middle term)
  double se_difference_norm = 0;
  double max_difference_norm = 0;            // over failed samples (docs/sparse.md §5 sup, observed)
};

struct FailureResult {
  long samples = 0;
  long failures = 0;                 // active set ≠ S (all h units)
  long failures_within_bound = 0;    // failures with |S| ≤ K (0 if the |S| ≤ K certificate holds)
  long supports_above_bound = 0;     // samples with |S| > K
  std::vector<RowFailure> rows;
};

// Single stream of batches from one seeded Rng: same seed → same output.
FailureResult failure_contribution(const Problem<double>& P, const FailureSettings& settings);

// The largest K ≤ h − 1 such that certificate (b) in its |S| ≤ K form (docs/sparse.md §3.3)
// certifies the thresholds P.eps (with the rounding margin for floats, exactly
// for rationals); −1 if even K = 1 fails. Then every failure has |S| > K.
template <class T> int certified_support_bound(const Problem<T>& P);

// P(Binomial(h, q) > K), the bound of docs/sparse.md §7 on P_f.
double binomial_tail(int h, double q, int K);

}  // namespace ael::sparse
