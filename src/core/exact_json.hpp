// Exact matrices and vectors as JSON arrays of fraction strings "p/q" (rational_text), the
// form every certificate uses (docs/certification.md E.5, §8); Python's fractions.Fraction
// reads each entry back exactly.
#pragma once

#include "core/exact.hpp"
#include "core/report.hpp"

namespace ael {

inline Json fractions(const ExactMat& M) {
  Json rows = Json::array();
  for (Eigen::Index i = 0; i < M.rows(); ++i) {
    Json row = Json::array();
    for (Eigen::Index j = 0; j < M.cols(); ++j) row.push_back(rational_text(M(i, j)));
    rows.push_back(row);
  }
  return rows;
}

inline Json fractions(const ExactVec& v) {
  Json a = Json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push_back(rational_text(v(i)));
  return a;
}

}  // namespace ael
