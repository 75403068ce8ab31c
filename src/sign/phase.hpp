// The sparsity phase transition of the 1-bit autoencoder (docs/sign.md
// "Closed forms", critical sparsity; SA-13): the second route to p*, and the
// typed result of one Bernoulli–Gaussian training run with its independent
// evaluation, as `sign phase-transition` and `sign train --data bg` use them.
#pragma once

#include "sign/bg_train.hpp"
#include "sign/simulate.hpp"

#include <functional>
#include <optional>

namespace ael::sign {

// Root of g(p) = L_id(p) − R_Gauss(r) (identity_risk_limit minus r_gauss, both
// at rate r and μ_z² = mu2) by bisection on (lo, hi), without the p* formula of
// critical_sparsity: std::nullopt when g has the same sign at both ends.
// Runs 3.33·working_digits() + 10 halvings, so the bracket shrinks below the
// working precision. Instantiated for mp_real. Throws nothing of its own.
template <class T> std::optional<T> bisect_p_star(const T& r, const T& mu2, Sign0 s, T lo, T hi);
// The bracket `sign phase-transition` searches: (1e-30, 2 − 1e-30) for plus
// (p* = 2 − (π/2)μ_z² < 2), (1e-30, 100) for random (p* = 2/(πμ_z²)).
template <class T> std::optional<T> bisect_p_star(const T& r, const T& mu2, Sign0 s);

// Mask-averaged SGD on BG data (train_bg), then an independent Monte-Carlo
// risk on `samples` actual samples with the declared sign0 (seed stream
// block_seed(seed, 2)), the reference risk (R_Gauss for n ≤ d, R_TF above) and
// the §5.5 shape diagnostics of the trained B.
struct BgEvaluation {
  BgTrainResult run;
  McEstimate mc;
  double rate = 0;
  double reference = 0;        // R_Gauss(r) or R_TF(r)
  bool reference_gauss = true; // n ≤ d
  Shape shape;
  const char* verdict = "";    // shape_verdict(shape, d)
};
BgEvaluation train_and_evaluate_bg(const BgTrainOptions& t, long samples,
                                   const std::function<void(long, double, double)>& progress = {});

}  // namespace ael::sign
