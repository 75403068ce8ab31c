#include "core/exact_moments.hpp"

#include "core/int_matrix.hpp"

#include <cblas.h>
#include <flint/fmpz.h>

#include <climits>
#include <cmath>
#include <vector>

namespace ael {

int exact_limb_bits(long m) {
  int w = 1;
  while (w < 26 && std::ldexp(static_cast<double>(m), 2 * (w + 1)) < std::ldexp(1.0, 53)) ++w;
  return w;
}

namespace {
// Exponent of the lowest set bit of a finite nonzero double: x = odd · 2^low.
int lowest_bit(double x) {
  int e = 0;
  double f = std::frexp(std::fabs(x), &e);  // x = f·2^e, f in [0.5, 1)
  auto mant = static_cast<unsigned long long>(std::ldexp(f, 53));
  return e - 53 + __builtin_ctzll(mant);
}

// Limb l of the integer k = x·2^-E (|k| < 2^(w·L)), signed like x: exact doubles.
void split_limbs(const Mat<double>& X, int E, int w, int L, std::vector<Mat<double>>& limbs) {
  limbs.assign(static_cast<size_t>(L), Mat<double>(X.rows(), X.cols()));
  const double base = std::ldexp(1.0, w);
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      double k = std::ldexp(std::fabs(X(i, j)), -E);  // exact integer
      const double sign = X(i, j) < 0 ? -1.0 : 1.0;
      for (int l = 0; l < L; ++l) {
        const double q = std::floor(k / base);  // exact: k has at most 53 significant bits, base is a power of 2
        limbs[static_cast<size_t>(l)](i, j) = sign * (k - q * base);
        k = q;
      }
    }
}

void add_scaled(fmpz* dst, double exact_integer, ulong shift, fmpz_t tmp) {
  fmpz_set_d(tmp, exact_integer);
  fmpz_mul_2exp(tmp, tmp, shift);
  fmpz_add(dst, dst, tmp);
}
}  // namespace

bool exact_gram(const Mat<double>& X, const ExactGramOptions& o, Mat<mp_real>& S, mp_real& trace) {
  const long m = X.rows(), n = X.cols();
  int E = INT_MAX, top = INT_MIN;
  for (Eigen::Index t = 0; t < X.size(); ++t) {
    const double x = X.data()[t];
    if (x == 0) continue;
    int e = 0;
    std::frexp(x, &e);
    top = std::max(top, e);
    E = std::min(E, lowest_bit(x));
  }
  const int w = exact_limb_bits(m);
  if (E == INT_MAX) E = 0, top = 0;  // all zero
  const int width = top - E;        // |x|·2^-E < 2^width
  const int L = std::max(1, (width + w - 1) / w);
  if (L > o.max_limbs) return false;

  // G = KᵀK with K = X·2^-E = Σ_l 2^(w l) K_l; each K_lᵀK_l' is one exact BLAS call.
  std::vector<Mat<double>> limbs;
  const bool direct = (L == 1 && E == 0);
  if (!direct) split_limbs(X, E, w, L, limbs);
  auto limb = [&](int l) -> const Mat<double>& { return direct ? X : limbs[static_cast<size_t>(l)]; };
  IntMat G(n, n);
  fmpz_t tmp;
  fmpz_init(tmp);
  Mat<double> P(n, n);
  for (int l = 0; l < L; ++l)
    for (int l2 = l; l2 < L; ++l2) {
      if (l == l2)
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, static_cast<int>(n), static_cast<int>(m), 1.0, limb(l).data(),
                    static_cast<int>(m), 0.0, P.data(), static_cast<int>(n));
      else
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, static_cast<int>(n), static_cast<int>(n), static_cast<int>(m),
                    1.0, limb(l).data(), static_cast<int>(m), limb(l2).data(), static_cast<int>(m), 0.0, P.data(),
                    static_cast<int>(n));
      const auto shift = static_cast<ulong>(w * (l + l2));
      for (long j = 0; j < n; ++j)
        for (long i = 0; i <= j; ++i) {
          add_scaled(G.at(i, j), P(i, j), shift, tmp);
          if (l != l2) add_scaled(G.at(i, j), P(j, i), shift, tmp);  // K_l'ᵀK_l = (K_lᵀK_l')ᵀ
        }
    }
  // Column sums s (each limb's column sum is an integer below m·2^w < 2^53).
  std::vector<fmpz> s(static_cast<size_t>(n), 0);  // fmpz 0 is an initialised zero
  if (o.center)
    for (int l = 0; l < L; ++l)
      for (long j = 0; j < n; ++j) {
        double sum = 0;
        for (long i = 0; i < m; ++i) sum += limb(l)(i, j);
        add_scaled(&s[static_cast<size_t>(j)], sum, static_cast<ulong>(w * l), tmp);
      }
  // Σ = N·2^(2E)/d with N = m·G − s sᵀ, d = m (centred) or N = G, d = 1; one rounding per entry.
  mpq_t q;
  mpq_init(q);
  fmpz_t num, tr;
  fmpz_init(num);
  fmpz_init(tr);
  S.resize(n, n);
  for (long j = 0; j < n; ++j)
    for (long i = 0; i <= j; ++i) {
      if (o.center) {
        fmpz_mul_si(num, G.at(i, j), m);
        fmpz_submul(num, &s[static_cast<size_t>(i)], &s[static_cast<size_t>(j)]);
      } else {
        fmpz_set(num, G.at(i, j));
      }
      if (i == j) fmpz_add(tr, tr, num);
      fmpz_get_mpz(mpq_numref(q), num);
      mpz_set_si(mpq_denref(q), o.center ? m : 1);
      mpq_canonicalize(q);
      mpfr_ptr out = S(i, j).backend().data();
      mpfr_set_q(out, q, MPFR_RNDN);
      mpfr_mul_2si(out, out, 2 * E, MPFR_RNDN);  // exact
      if (i != j) S(j, i) = S(i, j);
    }
  fmpz_get_mpz(mpq_numref(q), tr);
  mpz_set_si(mpq_denref(q), o.center ? m : 1);
  mpq_canonicalize(q);
  mpfr_set_q(trace.backend().data(), q, MPFR_RNDN);
  mpfr_mul_2si(trace.backend().data(), trace.backend().data(), 2 * E, MPFR_RNDN);
  mpq_clear(q);
  fmpz_clear(num);
  fmpz_clear(tr);
  fmpz_clear(tmp);
  for (auto& v : s) fmpz_clear(&v);
  return true;
}

}  // namespace ael
