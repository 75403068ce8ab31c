// Exact routes for the LAE critical-point claims LAE-11…16, 18, 24…27
// (docs/certification.md §8, "Exact routes for the critical-point claims").
// Rational data sets whose Σ = Σ_yx Σ_xx⁻¹ Σ_xy has an exactly orthogonal
// eigenvector matrix make every critical point of docs/lae-math.md §6 rational;
// gradients, losses (from the samples), Hessian quadratic forms and inertias
// are then decided in ℚ.
#pragma once

#include "lae_exact_checks.hpp"
#include "rank_deficient.hpp"

#include "core/exact_ldl.hpp"
#include "core/rng.hpp"
#include "lae/critical.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ael::checks {

// Samples X, Y (n × m, columns are samples) with exact rational entries, their
// moments, and the exact eigen-data of Σ: U orthogonal, λ_1 > … > λ_n > 0, M̂.
struct RationalData {
  ExactMat X, Y;
  lae::Moments<rational> m;
  lae::EigenData<rational> e;
  std::string source;
  int n() const { return static_cast<int>(X.rows()); }
};

// Seeded (docs/certification.md §8.1): Y = X (autoencoder) or a general Y with
// Σ_yx = M̂ Σ_xx and a residual orthogonal to X. m = n + 3 samples. The moments
// are computed from the samples; the construction is then checked exactly
// (UᵀU = I, Σ U = U Λ), std::logic_error otherwise.
RationalData rational_data(int n, std::uint64_t seed, bool autoencoder);

// P(I,C) = (U_I C, C⁻¹ U_Iᵀ M̂), exact. Throws std::domain_error when C is singular.
lae::Point<rational> exact_point(const RationalData& d, const lae::Index& I, const ExactMat& C);

// Every entry of both gradient blocks (covariance form, docs/lae-math.md §3) is 0.
bool gradient_is_zero(const lae::Moments<rational>& m, const lae::Point<rational>& x, lae::LossKind kind);
// The assembled Hessian (elementwise form, docs/lae-math.md §4).
ExactMat exact_hessian(const lae::Moments<rational>& m, const lae::Point<rational>& x, lae::LossKind kind);
// Inertia by the exact LDLᵀ of the assembled Hessian (Sylvester).
SignCounts exact_inertia(const lae::Moments<rational>& m, const lae::Point<rational>& x, lae::LossKind kind);
// θ_Δᵀ H θ_Δ with the assembled H, θ_Δ = [vec a; vec b].
rational quadratic_form(const ExactMat& H, const ExactMat& a, const ExactMat& b);

// A rank-deficient critical point of docs/lae-math.md §6 (i)–(iii), exact: r < p
// live units (unit k, eigen-index j) with rational scales; every dead unit has
// a_k = 0 with b_k a rational combination of EARLIER live b's, or the mirror
// case, or both zero.
using ExactRankDeficient = RankDeficient<rational>;  // rank_deficient.hpp
ExactRankDeficient exact_rank_deficient(const RationalData& d, int p, int r, Rng& rng);

// One explicit direction Δ = (a, b) of docs/lae-math.md §10 at P(I, diag c) with
// H[Δ,Δ] < 0 for the ordered loss whenever I ≠ (1..p): a unit swap (k < l,
// i_k > i_l) or an unused larger eigenvector (s ∉ I, s < i_k). `expected` is the
// closed-form value. Returns false when there is none (I = (1..p)).
struct ExactDirection {
  ExactMat a, b;
  rational expected;
  std::string what;
};
bool negative_direction(const RationalData& d, const lae::Index& I, const ExactVec& c, ExactDirection& out);

// Verdict of one of LAE-11, 12, 13, 14, 15, 16, 18, 24, 25, 26, 27 over
// `instances` seeded rational data sets (shapes (3,2), (4,2), (3,3), (4,3),
// (5,2), (3,1) cycled; Y = X and general Y alternating, LAE-18: Y = X).
// Throws std::invalid_argument for another claim.
ExactVerdict exact_critical_verdict(const std::string& claim, std::uint64_t seed, int instances);

// --certify: records the verdict of `claim` in `out` at the level proved-exact.
void decide_critical_exactly(const Context& ctx, Outcome& out, const std::string& claim);

}  // namespace ael::checks
