// eigen_data with a report of the eigensolver it used (docs/eigen-refinement.md §5).
#pragma once

#include "lae/critical.hpp"

#include <string>

namespace ael::lae {

// Dimension from which the multiprecision eigen_data uses the double start +
// Ogita–Aishima refinement instead of Householder + QL.
inline constexpr int kRefineMinDimension = 48;

struct DataEigenSolver {
  std::string solver;      // which solver produced λ, U (for JSON and stderr)
  bool fell_back = false;  // the refinement was tried and abandoned for Householder + QL
};

// eigen_data(m, distinct_top) that also says which solver it used.
template <class T> EigenData<T> eigen_data(const Moments<T>& m, int distinct_top, DataEigenSolver* info);

}  // namespace ael::lae
