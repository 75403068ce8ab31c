// Certified inspection of given weights (docs/certification.md §9): the loss and
// ‖∇L‖ at the exact weights in ℚ, and, for the nearest critical point P(I,C)
// that `lae inspect` picked, a ball for the distance to it and its certified
// inertia (the closed-form ball route of docs/certification.md §3). Y = X.
#pragma once

#include "core/exact.hpp"
#include "lae/certify.hpp"
#include "lae/model.hpp"

#include <string>
#include <vector>

namespace ael::lae {

// Σ_xx (= Σ_yx, Y = X) and tr Σ_yy of the samples in ℚ: the numbers exact_moments encloses.
Moments<rational> exact_rational_moments(const ExactSamples& X, bool center, const std::vector<int>& drop_columns);

// Certified eigenvalues of the symmetric ball matrix Σ (descending, disjoint, positive;
// certified_eigenvalues) from the MPFR eigenpairs of its midpoint, and those vectors
// (column s ↔ λ_s). Throws CertificationError like certified_eigenvalues.
struct CertifiedEigen {
  std::vector<Ball> lambda;
  Mat<mp_real> V;
};
CertifiedEigen certified_eigen(const BallMatrix& Sigma);

// The ball of an exact rational (radius at most one rounding at ball_bits()).
Ball ball_of(const rational& x);

// The nearest critical point as `lae inspect` reports it: units at live_units
// (0-based positions, ascending) carry the eigen-indices I (0-based; ordered: one
// per live unit; MSE: the ascending set), C is r × r (ordered: diagonal) with exact
// entries; the other units are dead (a_k = 0, b_k = 0).
struct InspectTarget {
  std::vector<int> live_units;
  Index I;
  BallMatrix C{0, 0};
};

struct CertifiedInspection {
  rational loss;              // L(A, B), exact
  rational gradient_norm_sq;  // ‖∇L(A, B)‖_F², exact
  Ball loss_ball, gradient_norm_ball;
  bool distance_proved = false;
  Ball distance;              // ‖(A, B) − P(I,C)‖_F
  std::string distance_reason;
  bool inertia_proved = false;
  Inertia inertia;            // of the Hessian at P(I,C)
  std::string inertia_reason, inertia_route;
};

// lambda: certified eigenvalues of Σ (descending; certified_eigenvalues), Sxx: Σ in
// balls, V: the approximate eigenvectors behind lambda (column s ↔ λ_s).
CertifiedInspection certify_inspection(const Moments<rational>& exact, const BallMatrix& Sxx, const std::vector<Ball>& lambda,
                                       const Mat<mp_real>& V, const Mat<rational>& A, const Mat<rational>& B, LossKind kind,
                                       const InspectTarget& target);

}  // namespace ael::lae
