// The exact Lemma D2 decision of the SC proved routes (proofs-checks/sparse_certified.hpp,
// docs/sparse.md "Certified SC routes"): ‖g‖² ≤ (f F1 F2)² decided in Q(Γ). References come from a different
// route: where Γ is rational the bound is squared directly in Q; where it is irrational the
// bound is evaluated in MPFR at 60 digits and the test inputs sit 10^-20 (relative) on either
// side of it, far outside the MPFR error.
#include <doctest/doctest.h>

#include "core/precision.hpp"
#include "sparse_certified.hpp"

using ael::mp_real;
using ael::rational;
using ael::checks::sparse_checks::within_lemma_d2;

namespace {
// F1 F2 written out as in docs/sparse.md §2 at a given Γ (the reference route).
template <class T> T f1f2(int k, const T& b, const T& c, const T& delta, const T& eps, const T& gamma) {
  const T eta = b * delta + T(k - 1) * b * (c + delta);
  return ((b + eta) + (T(1) + delta) * b * gamma) * (gamma * (eta + eps) + T(k) * delta * (b + eta));
}
rational to_rational(const mp_real& x) { return ael::parse_exact_decimal(ael::to_decimal(x, 50)); }
}  // namespace

TEST_SUITE("sparse_certified") {

TEST_CASE("Lemma D2 in Q(Gamma): rational Gamma, the boundary itself is inside") {
  // k = 2, c = 1/8: Γ² = 2 (1 + 1/8) = 9/4, Γ = 3/2.
  const rational b(21, 20), c(1, 8), delta(1, 100), eps(3, 10), pi1(1, 16);
  for (const rational& f : {rational(1), pi1}) {
    const rational bound = f * f1f2<rational>(2, b, c, delta, eps, rational(3, 2));
    CHECK(within_lemma_d2(bound * bound, 2, b, c, delta, eps, f));
    CHECK_FALSE(within_lemma_d2(bound * bound + rational(1, 1000000000), 2, b, c, delta, eps, f));
    CHECK(within_lemma_d2(rational(0), 2, b, c, delta, eps, f));
  }
}

TEST_CASE("Lemma D2 in Q(Gamma): irrational Gamma against an MPFR evaluation at 60 digits") {
  const ael::PrecisionScope precision(60);
  for (int k : {2, 3, 4}) {
    const rational b(21, 20), c(1, 4), delta(1, 100), eps(2, 5);  // Γ² = k (1 + (k−1)/4): 5/2, 9/2, 7
    const mp_real G = mp_real(k) * (1 + mp_real(k - 1) / 4);
    const mp_real bound = f1f2<mp_real>(k, mp_real(21) / 20, mp_real(1) / 4, mp_real(1) / 100, mp_real(2) / 5, sqrt(G));
    const mp_real up = bound * (1 + mp_real(1e-20)), down = bound * (1 - mp_real(1e-20));
    CAPTURE(k);
    CHECK(within_lemma_d2(to_rational(down * down), k, b, c, delta, eps, rational(1)));
    CHECK_FALSE(within_lemma_d2(to_rational(up * up), k, b, c, delta, eps, rational(1)));
  }
}

TEST_CASE("Lemma D2 in Q(Gamma): negative inputs are refused") {
  CHECK_THROWS_AS(within_lemma_d2(rational(1), 2, rational(-1), rational(0), rational(0), rational(0), rational(1)), std::invalid_argument);
}

}  // TEST_SUITE
