// Ball enclosure of the Gaussian optimal risk R*(B̄) = 1 − (2/π) tr(B̄ᵀK⁻¹B̄)/d of a large double
// encoder B (n up to a few thousand), where a ball Cholesky of K is too slow (docs/sign.md,
// "Certified SA-6"). The object is the exact (dyadic) matrix B with its rows normalised exactly
// (B̄ = diag(‖b_i‖)⁻¹ B in balls; R* depends on B only through B̄). Route:
//  - K = (2/π) arcsin(B̄B̄ᵀ) in balls from a double Gram product with a rigorous rounding bound,
//    stored as double midpoints with one uniform radius;
//  - λ_min(K) ≥ (2/π)(π/2 − 1 − max_i Σ_{j≠i} |arcsin g_ij − g_ij|) (Weyl + Gershgorin);
//  - any approximate solution X of KX = B̄ brackets q = tr(B̄ᵀK⁻¹B̄):
//    Q(X) ≤ q ≤ Q(X) + ‖B̄ − KX‖²_F / λ_min(K), Q(X) = 2 tr(XᵀB̄) − tr(XᵀKX),
//    with KX from a double product and its rigorous rounding bound.
#pragma once

#include "core/ball.hpp"
#include "core/eigen_mp.hpp"

#include <string>
#include <vector>

namespace ael::sign {

// K = (2/π) arcsin(B̄B̄ᵀ) for the exact B̄ of a double B (rows of any positive scale).
struct ArcsinMomentsEnclosure {
  Mat<double> K;                         // n × n, symmetric, K_ii = 1: |K_exact(i,j) − K(i,j)| ≤ radius
  Ball radius;                           // radius 0 (an upper bound)
  Ball lambda_lower;                     // radius 0: λ_min(K_exact) ≥ lambda_lower (no use when ≤ 0)
  std::vector<Ball> inverse_row_norms;   // 1/‖b_i‖
  bool finite = true;                    // false when a correlation ball meets ±1 (no enclosure)
};

// Throws std::invalid_argument for an empty B, a non-finite entry or a zero row.
ArcsinMomentsEnclosure arcsin_moments_enclosure(const Mat<double>& B, long prec);

// X ≈ K⁻¹B̄ in double (Cholesky of the midpoints K, B̄ normalised in double); an empty
// matrix when the midpoints are not numerically positive definite. Any X will do: its
// error only widens the enclosure below.
Mat<double> approximate_frame_solution(const Mat<double>& B, const ArcsinMomentsEnclosure& k);

// A ball containing q = tr(B̄ᵀK⁻¹B̄) for the exact K, from any double X (n × d): the bracket
// Q(X) ≤ q ≤ Q(X) + ‖B̄ − KX‖²_F / λ. Not finite (no enclosure) when k is not finite or
// k.lambda_lower is not certainly positive.
Ball optimal_quadratic_form_ball(const Mat<double>& B, const ArcsinMomentsEnclosure& k, const Mat<double>& X, long prec);

// R* = 1 − (2/π) q/d from a ball of q.
Ball risk_from_quadratic_form(const Ball& q, long d, long prec);

// R*(B̄) = 1 − (2/π) q/d by the three steps above. Not finite when undecided, with the
// reason in *reason (a correlation ball meeting ±1, λ_min bound not positive, Cholesky failure).
Ball certified_gaussian_optimal_risk(const Mat<double>& B, long prec, std::string* reason = nullptr);

}  // namespace ael::sign
