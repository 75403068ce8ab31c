// Closed forms of the 1-bit autoencoder (docs/sign.md: Gaussian risk, tight
// frames, the finite-d identity table, p*) for both scalars. Every formula is one small kernel so
// that the proof-checks can compare it with an independent route.
#pragma once

#include "core/scalar.hpp"

#include <string>

namespace ael::sign {

// sign(0) convention (§1.4); `plus` is the project default (a true 1-bit code).
enum class Sign0 { zero, plus, random };
Sign0 parse_sign0(const std::string& name);  // throws std::invalid_argument
const char* sign0_name(Sign0 s);

// Unit-variance nonzero laws z of the general sparse model (§1.3).
enum class NonzeroLaw { gaussian, rademacher, uniform, laplace };
NonzeroLaw parse_nonzero(const std::string& name);  // throws std::invalid_argument
const char* nonzero_name(NonzeroLaw z);
// μ_z² = (E|z|)² and E z² of the law, each from its own closed form.
template <class T> T mu2(NonzeroLaw z);
template <class T> T second_moment(NonzeroLaw z);

template <class T> T pi_value();

// R_Gauss(r) = 1 − 2r/π (orthonormal rows, exact at every d; r ≤ 1).
template <class T> T r_gauss(const T& r);
// R_TF(r) = (π − 2)/(π − 2 + 2r): tight-frame limit for r > 1.
template <class T> T r_tight_frame(const T& r);
// Shannon distortion-rate D(r) = 2^{−2r} of the unit-variance Gaussian source.
template <class T> T shannon(const T& r);

// Exact finite-d optimal-decoder risk of an identity/permutation encoder with
// n of d coordinates selected (§2.5 table), sparse data with fraction p of
// nonzeros and μ_z² = mu2.
template <class T> T identity_risk_exact(int n, int d, const T& p, const T& mu2, Sign0 s);
// Its d → ∞ limit at rate r.
template <class T> T identity_risk_limit(const T& r, const T& p, const T& mu2, Sign0 s);

// Critical sparsity (§2.6): p* for plus/random; for `zero` there is no p
// dependence and `identity_always_better` says which shape wins.
template <class T> struct CriticalSparsity {
  bool p_dependent = true;  // false for sign0 = zero
  T p_star = T(0);          // valid when p_dependent
  bool transition = false;  // p* ∈ (0, 1)
  bool identity_always_better = false;  // zero convention only
};
template <class T> CriticalSparsity<T> critical_sparsity(const T& mu2, Sign0 s);

// Validated rate → number of code bits: n = r·d must be an integer ≥ 1
// (within rounding of the decimal r). Throws std::invalid_argument.
template <class T> int code_length(const T& r, int d);

}  // namespace ael::sign
