// MPFR matrices as scaled integer matrices, and an MPFR matrix product done as
// one exact integer product (docs/eigen-refinement.md §2, §7).
#pragma once

#include "core/eigen_mp.hpp"
#include "core/int_matrix.hpp"

#include <gmp.h>
#include <mpfr.h>

namespace ael {

// Conversions between MPFR values and fixed-point integers f·2^-shift, through
// one scratch value wide enough that the scaling is exact: rounding happens
// once, to nearest.
class FixedPoint {
 public:
  explicit FixedPoint(mpfr_prec_t bits);
  ~FixedPoint();
  FixedPoint(const FixedPoint&) = delete;
  FixedPoint& operator=(const FixedPoint&) = delete;
  void to_fixed(fmpz_t f, mpfr_srcptr v, long shift);  // f = round(v·2^shift)
  static void from_fixed(mpfr_ptr out, const fmpz* f, long exponent);  // out = round(f·2^exponent)

 private:
  mpfr_t x_;
  mpz_t z_;
};

// X·Y for MPFR matrices: row i of X and column j of Y are scaled by powers of two
// to integers of b = (working bits) + ⌈log₂ k⌉ + 4 bits, multiplied exactly
// (exact_product) and rounded once. Error per entry ≤ 2^-(working bits)·‖x_i‖_∞·‖y_j‖_∞
// (docs/eigen-refinement.md §7). Results carry the working precision.
Mat<mp_real> fixed_point_product(const Mat<mp_real>& X, const Mat<mp_real>& Y);

// fixed_point_product when the product is large (≥ 2^20 multiply-adds with inner
// dimension ≥ 32), else Eigen's product (so small results are unchanged bit for bit).
Mat<mp_real> large_product(const Mat<mp_real>& X, const Mat<mp_real>& Y);

}  // namespace ael
