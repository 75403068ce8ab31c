// `lae inspect --certify` (docs/certification.md §9): the certified keys added to
// an inspect document.
#pragma once

#include "core/ball_io.hpp"  // ball_json
#include "core/exact.hpp"
#include "lae/certify.hpp"
#include "lae/model.hpp"

#include <vector>

namespace ael::api {

// Exact inputs of the certified inspection (Y = X).
struct CertifiedInspectInputs {
  lae::Moments<rational> exact;  // Σ_xx = Σ_yx and tr Σ_yy in ℚ
  BallMatrix Sxx{0, 0};          // the same Σ enclosed
  std::vector<Ball> lambda;      // certified eigenvalues of Σ, descending, disjoint
  Mat<mp_real> V;                // approximate eigenvectors, column s ↔ λ_s
  Mat<rational> A, B;            // the weights, exactly as stored in the files
};

// The inputs from exact samples (rows; Y = X) and exact weights: exact moments
// (centred if asked, exactly constant columns dropped if asked) and certified eigenpairs
// of Σ. Throws ParameterError("digits") when Σ's eigenvalue balls overlap.
CertifiedInspectInputs certified_inspect_inputs(const lae::ExactSamples& X, bool center, bool drop_constant, Mat<rational> A,
                                                Mat<rational> B);

// Adds per loss "loss_ball", "gradient_norm_ball", "criticality", "distance_ball",
// the certified "inertia", "evidence", "statement" (and "certified": true when every
// part is proved), and the same at top level for the verdict loss, to a document of
// inspect_document computed on the same data and weights (its nearest critical points
// are the ones certified). Throws std::logic_error if a proved inertia contradicts the
// document's closed-form one (a bug).
void add_certified_inspection(Json& doc, const CertifiedInspectInputs& inputs, int digits);

}  // namespace ael::api
