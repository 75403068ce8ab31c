// Exact second moments of data whose entries are all doubles (integers, 8-bit
// pixels, dyadic rationals, any .npy/IDX file): Σ = XᵀX, or centred
// Σ_c = XᵀX − s sᵀ/m with s the column sums, computed without rounding and
// rounded once to the working precision (docs/eigen-refinement.md §1).
#pragma once

#include "core/eigen_mp.hpp"

namespace ael {

struct ExactGramOptions {
  bool center = false;
  int max_limbs = 6;  // data wider than max_limbs limbs of the exact-GEMM width are refused
};

// On success fills S (n×n, rounded once from the exact rational) and trace =
// tr S (rounded once) and returns true. Returns false, touching nothing, when
// the common binary scale of the entries is too wide for max_limbs limbs.
bool exact_gram(const Mat<double>& X_rows, const ExactGramOptions& options, Mat<mp_real>& S, mp_real& trace);

// Bits per limb for m samples: the largest w with m·(2^w − 1)² < 2^53.
int exact_limb_bits(long m);

}  // namespace ael
