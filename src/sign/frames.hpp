// Unit-norm tight frames for rates r > 1 (docs/sign.md §2.2, construction [project]).
#pragma once

#include "core/eigen_mp.hpp"

#include <cstdint>

namespace ael::sign {

struct TightFrame {
  Mat<double> B;          // n × d, unit rows, BᵀB = (n/d) I_d
  int iterations = 0;     // alternating-projection rounds used
  double row_error = 0;   // max_i |‖b_i‖ − 1|
  double frame_error = 0; // max_jk |(BᵀB − rI)_jk| / r
};

// §2.2: start from √r × the first d columns of a Haar n×n orthogonal matrix,
// then alternate B ← √r B (BᵀB)^{−1/2} (the nearest r-tight frame) with row
// normalization until both errors are ≤ tol after a normalization. Throws
// std::runtime_error naming both errors when max_iterations is reached, and
// std::invalid_argument unless 1 ≤ d ≤ n.
TightFrame tight_frame(int n, int d, std::uint64_t seed, double tol = 1e-14, int max_iterations = 200);

// R*(B̄) = 1 − tr(G arcsin(G)⁻¹)/d on Gaussian data (§2.2), through the lean
// route 1 − (2/π)‖L⁻¹B̄‖²_F/d with K = (2/π) arcsin(G) = LLᵀ: one triangular
// solve and no decoder, so d = 800, n = 1600 fits a proof-check. Throws std::runtime_error if K is not
// numerically positive definite.
double gaussian_optimal_risk(const Mat<double>& Bbar);

}  // namespace ael::sign
