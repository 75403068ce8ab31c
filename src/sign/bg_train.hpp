// Bernoulli–Gaussian data (docs/sign.md §5.3): the per-mask risk R_m and its
// gradients, and mask-averaged population SGD in double with the shape
// diagnostics of §5.5. Only Gaussian nonzeros have the arcsin formula; other
// nonzero laws need a §5.4 method (not implemented).
#pragma once

#include "sign/closed_forms.hpp"
#include "sign/train.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace ael::sign {

template <class T> struct MaskGradient {
  T risk;      // R_m(A, B) = 1 − (2/d) tr(A M_m) + (1/d) tr(A K_m Aᵀ)
  Mat<T> dA;   // (2/d)(A K_m − M_mᵀ)
  Mat<T> dB;   // Euclidean ∂R_m/∂B of §5.3 (rows with ν_i = 0 are zero); B need not have unit rows
  int clipped = 0;  // |ρ_ij| clipped at 1 − 1e−12
};

// One mask m (true = nonzero coordinate), fraction of nonzeros p, convention s.
template <class T>
MaskGradient<T> mask_gradient(const Mat<T>& A, const Mat<T>& B, const std::vector<bool>& mask, const T& p, Sign0 s);

struct BgTrainOptions {
  int d = 100, n = 50;
  double p = 0.1;
  Sign0 sign0 = Sign0::plus;
  long steps = 2000;
  int masks = 64;        // masks per step (N_m)
  double eta = 0;        // B̄ step; 0: 0.5·d/n
  double eta_A = 0;      // A step; 0: 0.5·d/n
  std::uint64_t seed = 1;
  int threads = 1;       // never changes the result
  long trace_every = 100;
};

struct BgTrainResult {
  Mat<double> A, B;  // B with unit rows
  std::vector<TraceRow> trace;  // risk = mask-average estimate of R at that step
  long steps = 0, clipped = 0;
  double last_risk_estimate = 0, last_grad_norm = 0;
};

// Masks of step t are drawn in blocks of kMaskBlock, block b from seed
// block_seed(block_seed(seed, 1000 + t), b); block sums are added in block
// order, so the result depends on (options minus threads) only.
inline constexpr int kMaskBlock = 8;
BgTrainResult train_bg(const BgTrainOptions& o, const std::function<void(long, double, double)>& progress = {});

// Shape verdict of §5.5 / SA-13: "identity-like" (mean row peak > 0.9),
// "rotation-like" (mean IPR < 10/d, i.e. within ~3× of the delocalized 3/d),
// otherwise "intermediate".
const char* shape_verdict(const Shape& s, int d);

}  // namespace ael::sign
