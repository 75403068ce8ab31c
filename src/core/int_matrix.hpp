// Exact integer matrices (FLINT fmpz_mat) and their exact product computed with
// double-precision BLAS on residues modulo small primes, recombined by the
// Chinese remainder theorem (docs/eigen-refinement.md §2).
#pragma once

#include <flint/fmpz_mat.h>

namespace ael {

// Owning wrapper of an fmpz_mat_t (zero-initialised, move-only).
class IntMat {
 public:
  IntMat() : IntMat(0, 0) {}
  IntMat(long rows, long cols) { fmpz_mat_init(m_, rows, cols); }
  ~IntMat() { fmpz_mat_clear(m_); }
  IntMat(const IntMat&) = delete;
  IntMat& operator=(const IntMat&) = delete;
  IntMat(IntMat&& o) noexcept : IntMat(0, 0) { fmpz_mat_swap(m_, o.m_); }
  IntMat& operator=(IntMat&& o) noexcept {
    fmpz_mat_swap(m_, o.m_);
    return *this;
  }
  fmpz_mat_struct* get() { return m_; }
  const fmpz_mat_struct* get() const { return m_; }
  long rows() const { return fmpz_mat_nrows(m_); }
  long cols() const { return fmpz_mat_ncols(m_); }
  fmpz* at(long i, long j) { return fmpz_mat_entry(m_, i, j); }
  const fmpz* at(long i, long j) const { return fmpz_mat_entry(m_, i, j); }

 private:
  fmpz_mat_t m_;
};

// C = op(A)·B exactly, op(A) = Aᵀ when transpose_a. Each residue product is one
// dgemm (dsyrk when A is B and transpose_a) on symmetric residues small enough
// that every partial sum is an integer below 2^53, hence exact.
IntMat exact_product(const IntMat& A, const IntMat& B, bool transpose_a = false);

// Aᵀ·A exactly (symmetric work once).
IntMat exact_gram(const IntMat& A);

// Number of primes exact_product uses for inner dimension k and entry bit sizes
// (reported by the bench; exposed for the tests of the prime bound).
long crt_prime_count(long k, long bits_a, long bits_b);
// Largest modulus P with k·((P−1)/2)² < 2^53.
unsigned long crt_prime_bound(long k);

}  // namespace ael
