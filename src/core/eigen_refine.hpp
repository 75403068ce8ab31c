// Symmetric eigendecomposition at the working precision by refinement:
// LAPACK dsyevd in double, then Ogita–Aishima iterative refinement whose matrix
// products are exact fixed-point integer products (core/int_matrix.hpp).
// Method, precision schedule and stopping rule: docs/eigen-refinement.md.
#pragma once

#include "core/eigen_mp.hpp"

#include <string>
#include <vector>

namespace ael {

struct RefinementReport {
  bool converged = false;
  std::vector<int> step_bits;            // fixed-point bits of each refinement step
  std::vector<double> step_corrections;  // max |E_ij| of each step
  std::string failure;                   // why the refinement was abandoned (empty if converged)
  std::string summary() const;           // one line for JSON and stderr
};

// Eigenvalues (ascending) and orthonormal eigenvectors of the exactly symmetric
// S at the working precision of its entries. Returns false
// when the refinement does not converge (clustered eigenvalues, no quadratic
// decrease); `report.failure` then says why and the outputs are unspecified.
bool refined_symmetric_eigen(const Mat<mp_real>& S, Vec<mp_real>& values, Mat<mp_real>& vectors, RefinementReport& report);

// The refinement when it converges, else the Householder + QL solver of
// core/linalg.hpp; `report` tells which one produced the result.
void symmetric_eigen_refined_or_ql(const Mat<mp_real>& S, Vec<mp_real>& values, Mat<mp_real>& vectors,
                                   RefinementReport& report);

}  // namespace ael
