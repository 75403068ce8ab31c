#include "core/eigen_refine.hpp"

#include "core/fixed_point.hpp"
#include "core/int_matrix.hpp"
#include "core/linalg.hpp"

#include <armadillo>
#include <flint/fmpz.h>

#include <climits>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace ael {

std::string RefinementReport::summary() const {
  std::ostringstream s;
  if (converged) {
    s << "LAPACK dsyevd (double) + " << step_bits.size() << " Ogita-Aishima refinement steps (fixed-point bits";
    for (size_t i = 0; i < step_bits.size(); ++i) s << (i ? "," : " ") << step_bits[i];
    s << ")";
  } else {
    s << "Householder + QL at working precision (refinement abandoned: " << failure << ")";
  }
  return s.str();
}

namespace {
// M ← round(M · 2^-s) (s > 0) or M · 2^-s exactly (s <= 0).
void shift_round(IntMat& M, long s) {
  fmpz_t half;
  fmpz_init(half);
  if (s > 0) fmpz_one_2exp(half, static_cast<ulong>(s - 1));
  for (long i = 0; i < M.rows(); ++i)
    for (long j = 0; j < M.cols(); ++j) {
      fmpz* e = M.at(i, j);
      if (s <= 0) {
        fmpz_mul_2exp(e, e, static_cast<ulong>(-s));
      } else {
        fmpz_add(e, e, half);
        fmpz_fdiv_q_2exp(e, e, static_cast<ulong>(s));
      }
    }
  fmpz_clear(half);
}

}  // namespace

bool refined_symmetric_eigen(const Mat<mp_real>& S, Vec<mp_real>& values, Mat<mp_real>& vectors, RefinementReport& report) {
  report = RefinementReport{};
  const long n = S.rows();
  if (n < 2 || S.cols() != n) return report.failure = "matrix smaller than 2x2", false;
  const mpfr_prec_t working = mpfr_get_prec(S(0, 0).backend().data());
  const long Pf = static_cast<long>(working) + 8;  // fixed-point bits of the final step
  FixedPoint scratch(working + 2 * Pf + 64);

  // Scale: |S_ij| < 2^eS.
  arma::mat Sd(n, n);
  long eS = LONG_MIN;
  for (long j = 0; j < n; ++j)
    for (long i = 0; i < n; ++i) {
      mpfr_srcptr v = S(i, j).backend().data();
      Sd(i, j) = mpfr_get_d(v, MPFR_RNDN);
      if (!mpfr_zero_p(v)) eS = std::max<long>(eS, mpfr_get_exp(v));
    }
  if (eS == LONG_MIN) return report.failure = "zero matrix", false;
  const double normA = arma::norm(Sd, "fro");

  // Double-precision start (LAPACK dsyevd through Armadillo's divide-and-conquer).
  arma::vec d0;
  arma::mat V0;
  if (!arma::eig_sym(d0, V0, Sd, "dc")) return report.failure = "LAPACK dsyevd failed", false;

  long b = std::min<long>(Pf, 2 * 40 + 24);
  IntMat K(n, n);
  {
    mpfr_t v;
    mpfr_init2(v, 53);
    for (long i = 0; i < n; ++i)
      for (long j = 0; j < n; ++j) {
        mpfr_set_d(v, V0(i, j), MPFR_RNDN);
        scratch.to_fixed(K.at(i, j), v, b);
      }
    mpfr_clear(v);
  }

  Vec<mp_real> lambda(n);
  Mat<mp_real> E(n, n);
  double previous = INFINITY;
  for (int step = 1;; ++step) {
    // Fixed-point A at b bits relative to its largest entry: A ≈ Ab · 2^(eS-b).
    IntMat Ab(n, n);
    for (long i = 0; i < n; ++i)
      for (long j = 0; j < n; ++j) scratch.to_fixed(Ab.at(i, j), S(i, j).backend().data(), b - eS);
    // X = K·2^-b.  R = I − XᵀX = (2^2b I − KᵀK)·2^-2b;  XᵀAX = Kᵀ·round(Ab K / 2^b)·2^(eS-2b).
    IntMat G = exact_gram(K);
    IntMat W = exact_product(Ab, K);
    shift_round(W, b);
    IntMat SK = exact_product(K, W, true);
    fmpz_t one;
    fmpz_init(one);
    fmpz_one_2exp(one, static_cast<ulong>(2 * b));
    Mat<mp_real> R(n, n), Sm(n, n);
    for (long i = 0; i < n; ++i) {
      fmpz_sub(G.at(i, i), G.at(i, i), one);
      for (long j = 0; j < n; ++j) {
        fmpz_neg(G.at(i, j), G.at(i, j));
        FixedPoint::from_fixed(R(i, j).backend().data(), G.at(i, j), -2 * b);
        FixedPoint::from_fixed(Sm(i, j).backend().data(), SK.at(i, j), eS - 2 * b);
      }
    }
    fmpz_clear(one);
    // Ogita–Aishima: λ̃_i = s_ii / (1 − r_ii); δ = 2(‖S − D̃‖ + ‖A‖‖R‖) (Frobenius bounds the 2-norm).
    double offS = 0, normR = 0;
    std::vector<double> lam(static_cast<size_t>(n));
    for (long i = 0; i < n; ++i) {
      lambda(i) = Sm(i, i) / (1 - R(i, i));
      lam[static_cast<size_t>(i)] = to_double(lambda(i));
    }
    for (long i = 0; i < n; ++i)
      for (long j = 0; j < n; ++j) {
        const double s = i == j ? to_double(mp_real(Sm(i, i) - lambda(i))) : to_double(Sm(i, j));
        const double r = to_double(R(i, j));
        offS += s * s;
        normR += r * r;
      }
    const double delta = 2 * (std::sqrt(offS) + normA * std::sqrt(normR));
    std::vector<long> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0L);
    std::sort(order.begin(), order.end(), [&](long x, long y) { return lam[static_cast<size_t>(x)] < lam[static_cast<size_t>(y)]; });
    double min_gap = INFINITY;
    for (long t = 0; t + 1 < n; ++t) {
      const long i = order[static_cast<size_t>(t)], j = order[static_cast<size_t>(t + 1)];
      const double gap = lam[static_cast<size_t>(j)] - lam[static_cast<size_t>(i)];
      min_gap = std::min(min_gap, gap);
      if (gap <= delta) {
        std::ostringstream s;
        s.precision(3);
        s << "eigenvalues " << lam[static_cast<size_t>(i)] << " and " << lam[static_cast<size_t>(j)]
          << " are closer than the refinement's separation bound " << delta;
        report.failure = s.str();
        return false;
      }
    }
    // Correction E (docs/eigen-refinement.md §3): off-diagonal (s_ij + λ̃_j r_ij)/(λ̃_j − λ̃_i), diagonal r_ii/2.
    double emax = 0;
    IntMat Eint(n, n);
    for (long j = 0; j < n; ++j)
      for (long i = 0; i < n; ++i) {
        if (i == j)
          E(i, j) = R(i, i) / 2;
        else
          E(i, j) = (Sm(i, j) + lambda(j) * R(i, j)) / (lambda(j) - lambda(i));
        emax = std::max(emax, std::fabs(to_double(E(i, j))));
        scratch.to_fixed(Eint.at(i, j), E(i, j).backend().data(), b);
      }
    report.step_bits.push_back(static_cast<int>(b));
    report.step_corrections.push_back(emax);
    // K·Ẽ only needs b − a + 8 bits of K: |Ẽ| ≤ 2^-a, so truncating K costs ≤ n·2^-9 units of 2^-b.
    const long drop = emax > 0 ? std::max(0L, static_cast<long>(-std::log2(emax)) - 8) : 0;
    IntMat Kt(n, n);
    fmpz_mat_set(Kt.get(), K.get());
    shift_round(Kt, drop);
    IntMat KE = exact_product(Kt, Eint);
    shift_round(KE, b - drop);
    fmpz_mat_add(K.get(), K.get(), KE.get());

    const double kappa_bits = std::log2(std::max(1.0, normA / min_gap));
    const double a = emax > 0 ? -std::log2(emax) : 2.0 * Pf;  // correction size 2^-a
    if (step == 1 && a < 8) return report.failure = "the double-precision eigenvectors are not accurate enough", false;
    if (emax >= previous) return report.failure = "the corrections stopped decreasing (step " + std::to_string(step) + ")", false;
    // Error after this step ≈ |E|²·‖A‖/gap (quadratic convergence) plus the rounding of b-bit fixed point.
    if (b == Pf && 2 * a - kappa_bits >= Pf) break;
    if (step >= 12) return report.failure = "no convergence in 12 steps", false;
    previous = emax;
    // Predicted error after this step: quadratic 2^-2a, but a step at b bits resolves X̂ only to
    // ≈ 2^-(b-κ) (S is divided by the gaps). The next step needs the square of that plus κ + 16.
    const double predicted = std::min(2 * a, static_cast<double>(b) - kappa_bits);
    const long next = std::min<long>(Pf, static_cast<long>(2 * predicted + kappa_bits) + 16);
    shift_round(K, b - std::max(next, b));  // never lower the precision of X
    b = std::max(next, b);
  }

  // Output: λ̃ of the last step (error ≲ ‖A‖·(|E|² + 2^-b)) and X = K·2^-b, sorted ascending.
  std::vector<long> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0L);
  std::sort(order.begin(), order.end(), [&](long x, long y) { return lambda(x) < lambda(y); });
  values.resize(n);
  vectors.resize(n, n);
  for (long t = 0; t < n; ++t) {
    const long j = order[static_cast<size_t>(t)];
    values(t) = lambda(j);
    for (long i = 0; i < n; ++i) FixedPoint::from_fixed(vectors(i, t).backend().data(), K.at(i, j), -b);
  }
  report.converged = true;
  return true;
}

void symmetric_eigen_refined_or_ql(const Mat<mp_real>& S, Vec<mp_real>& values, Mat<mp_real>& vectors,
                                   RefinementReport& report) {
  if (refined_symmetric_eigen(S, values, vectors, report)) return;
  symmetric_eigen<mp_real>(S, values, vectors);
}

}  // namespace ael
