// R*(B) of a given encoder on Gaussian data, proved in Arb ball arithmetic for
// `sign risk --certify` (docs/sign.md, "risk (certified optimal risk of an
// encoder)"): the exact encoder entries enter as balls, the arcsin moments and a
// certified ball Cholesky solve give R* = 1 − tr(Mᵀ K⁻¹ M)/d (certified_encoder.hpp).
#pragma once

#include "core/ball.hpp"
#include "core/exact.hpp"
#include "core/report.hpp"

namespace ael::sign {

// Largest code length n the certified route accepts: its cost grows like n³
// (ball Cholesky of K) plus n²·d (Gram matrix, arcsines); measured in docs/sign.md.
inline constexpr long kCertifiedRiskMaxRows = 400;

// R*(B) for the exact B (any nonzero row scale) at `prec` bits; false (R
// untouched) when the ball K is not certified positive definite.
bool certified_optimal_risk(Ball& R, const ExactMat& B, long prec);

// The `sign risk --certify` fragment (merged by merge_certified): risk, rate,
// reference_risk and excess with their *_ball, "evidence", and "excess_sign"
// (positive / negative only when the excess ball decides it, otherwise
// "undecided": an excess of exactly 0, e.g. orthonormal rows, is never
// certified to have a sign). Refusals (nothing computed or claimed):
// ParameterError("encoder") for n > kCertifiedRiskMaxRows, a zero row, or K
// singular (two exactly parallel rows, decided in ℚ; rows numbered from 1 as in the
// MPFR route's messages); ParameterError("digits")
// when K is not certified positive definite at the working precision, or (without
// `partial`) when a ball supports fewer than `digits` digits (put_certified).
Json certified_encoder_risk(const ExactMat& B, int digits, bool partial = false);

}  // namespace ael::sign
