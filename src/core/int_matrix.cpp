#include "core/int_matrix.hpp"

#include <flint/nmod_mat.h>
#include <flint/ulong_extras.h>

#include <cblas.h>

#include <cmath>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace ael {

unsigned long crt_prime_bound(long k) {
  // Residues are taken symmetric, |r| <= h = (P-1)/2, so a dot product of length k
  // has every partial sum bounded by k·h² (docs/eigen-refinement.md §2).
  const unsigned __int128 limit = static_cast<unsigned __int128>(1) << 53;
  auto h = static_cast<unsigned long>(std::floor(std::sqrt(std::ldexp(1.0, 53) / static_cast<double>(k))));
  while (h > 0 && static_cast<unsigned __int128>(k) * h * h >= limit) --h;
  return 2 * h + 1;
}

namespace {
// Primes below the bound, descending; cached per bound (the bound depends only on k).
std::vector<unsigned long> primes_below(unsigned long bound, long count) {
  static std::mutex lock;
  static unsigned long cached_bound = 0;
  static std::vector<unsigned long> cached;
  std::lock_guard<std::mutex> guard(lock);
  if (cached_bound != bound) cached.clear(), cached_bound = bound;
  unsigned long c = cached.empty() ? bound + 1 : cached.back();
  while (static_cast<long>(cached.size()) < count) {
    do --c;
    while (c > 2 && !n_is_prime(c));
    if (c <= 2) throw std::runtime_error("exact_product: ran out of CRT primes");
    cached.push_back(c);
  }
  return {cached.begin(), cached.begin() + count};
}

long primes_needed(const std::vector<unsigned long>& candidates, double bits) {
  double have = 0;
  long count = 0;
  for (unsigned long p : candidates) {
    if (have > bits) break;
    have += std::log2(static_cast<double>(p)) - 1e-9;
    ++count;
  }
  return count;
}

long abs_bits(const IntMat& M) { return M.rows() * M.cols() == 0 ? 0 : std::labs(fmpz_mat_max_bits(M.get())); }

struct Residues {
  std::vector<nmod_mat_struct> mats;
  Residues(const std::vector<unsigned long>& primes, long r, long c) : mats(primes.size()) {
    for (size_t i = 0; i < primes.size(); ++i) nmod_mat_init(&mats[i], r, c, primes[i]);
  }
  // FLINT's multi-modular calls take nmod_mat_t* (arrays of one struct): same layout.
  nmod_mat_t* data() { return reinterpret_cast<nmod_mat_t*>(mats.data()); }
  ~Residues() {
    for (auto& m : mats) nmod_mat_clear(&m);
  }
  Residues(const Residues&) = delete;
  Residues& operator=(const Residues&) = delete;
};

void to_symmetric_doubles(const nmod_mat_struct& m, std::vector<double>& out) {
  const long size = m.r * m.c;
  const unsigned long p = m.mod.n, half = p / 2;
  out.resize(static_cast<size_t>(size));
  for (long i = 0; i < m.r; ++i)
    for (long j = 0; j < m.c; ++j) {
      const unsigned long r = m.rows[i][j];
      out[static_cast<size_t>(i * m.c + j)] = r <= half ? static_cast<double>(r) : -static_cast<double>(p - r);
    }
}

void from_exact_doubles(const std::vector<double>& in, nmod_mat_struct& m, bool mirror_upper) {
  const long p = static_cast<long>(m.mod.n);
  for (long i = 0; i < m.r; ++i)
    for (long j = 0; j < m.c; ++j) {
      const double v = mirror_upper && j < i ? in[static_cast<size_t>(j * m.c + i)] : in[static_cast<size_t>(i * m.c + j)];
      long r = static_cast<long>(v) % p;
      if (r < 0) r += p;
      m.rows[i][j] = static_cast<unsigned long>(r);
    }
}

IntMat product_impl(const IntMat& A, const IntMat& B, bool transpose_a, bool gram) {
  const long k = transpose_a ? A.rows() : A.cols();
  const long r = transpose_a ? A.cols() : A.rows();
  const long c = B.cols();
  if (k != B.rows()) throw std::invalid_argument("exact_product: inner dimensions differ");
  IntMat C(r, c);
  if (r == 0 || c == 0 || k == 0) return C;
  const long nprimes = crt_prime_count(k, abs_bits(A), abs_bits(B));
  const auto primes = primes_below(crt_prime_bound(k), nprimes);
  Residues ra(primes, A.rows(), A.cols()), rc(primes, r, c);
  fmpz_mat_multi_mod_ui(ra.data(), nprimes, A.get());
  std::unique_ptr<Residues> rb;
  if (!gram) {
    rb = std::make_unique<Residues>(primes, B.rows(), B.cols());
    fmpz_mat_multi_mod_ui(rb->data(), nprimes, B.get());
  }
  std::vector<double> da, db, dc(static_cast<size_t>(r * c));
  for (long i = 0; i < nprimes; ++i) {
    to_symmetric_doubles(ra.mats[i], da);
    if (gram) {
      cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, static_cast<int>(r), static_cast<int>(k), 1.0, da.data(),
                  static_cast<int>(A.cols()), 0.0, dc.data(), static_cast<int>(c));
    } else {
      to_symmetric_doubles(rb->mats[i], db);
      cblas_dgemm(CblasRowMajor, transpose_a ? CblasTrans : CblasNoTrans, CblasNoTrans, static_cast<int>(r),
                  static_cast<int>(c), static_cast<int>(k), 1.0, da.data(), static_cast<int>(A.cols()), db.data(),
                  static_cast<int>(c), 0.0, dc.data(), static_cast<int>(c));
    }
    from_exact_doubles(dc, rc.mats[i], gram);
  }
  fmpz_mat_multi_CRT_ui(C.get(), rc.data(), nprimes, 1);
  return C;
}
}  // namespace

long crt_prime_count(long k, long bits_a, long bits_b) {
  // |C_ij| <= k·2^(bits_a+bits_b); the signed reconstruction needs the modulus > 2·max|C_ij|.
  const double need = static_cast<double>(bits_a + bits_b) + std::log2(static_cast<double>(k)) + 2;
  const unsigned long bound = crt_prime_bound(k);
  long guess = static_cast<long>(need / std::log2(static_cast<double>(bound) / 2)) + 2;
  return primes_needed(primes_below(bound, guess), need);
}

IntMat exact_product(const IntMat& A, const IntMat& B, bool transpose_a) { return product_impl(A, B, transpose_a, false); }

IntMat exact_gram(const IntMat& A) { return product_impl(A, A, true, true); }

}  // namespace ael
