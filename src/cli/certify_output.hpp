// `--certify` for the LAE commands: the ball route of docs/certification.md
// (exact moments, certified eigenvalues of Σ, closed-form spectrum in balls)
// and its JSON. The commands only call these functions.
#pragma once

#include "cli/lae_common.hpp"
#include "core/ball.hpp"
#include "lae/certify.hpp"

#include <string>
#include <vector>

namespace ael::cli {

// One-line refusal when an option combination has no certified route
// (names the option); call before any work.
void require_certifiable(const DataOptions& data, const std::string& scale_matrix, const std::string& point);

struct CertifiedData {
  std::vector<Ball> lambda;  // descending, pairwise disjoint, positive
  Ball trSyy;
  BallMatrix Sxx{0, 0};      // exact Σ_xx enclosed
  Mat<mp_real> V;            // approximate eigenvectors, column s ↔ λ_s
};
// The assembled route runs when 2np is at most this (its LDLᵀ costs (2np)³/3 ball operations).
inline constexpr int kAssembledMaxDim = 200;
// Exact moments of the data described by `options` and certified eigenvalues of Σ.
// Refusals (overlapping enclosures) are std::invalid_argument naming --digits; also
// refuses when the exactly constant columns leave a dimension other than n (the
// one found at working precision).
CertifiedData certify_data(const DataOptions& options, int n);

// A ball as {"mid", "rad"} decimals (core to_text): the printed interval
// [mid - rad, mid + rad] contains the ball; mid has `digits` significant digits.
Json ball_json(const Ball& x, int digits);

// Adds "evidence", "eigenvalue_balls", certified "inertia", "structural_zeros",
// "data_eigenvalue_balls", "loss_ball" to a `lae spectrum` document.
void add_certified_spectrum(Json& doc, const CertifiedData& data, const lae::Index& I, const std::string& scales,
                            lae::LossKind kind, int digits);

}  // namespace ael::cli
