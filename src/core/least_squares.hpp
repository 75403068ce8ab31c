// The least-squares slope of y on x, (m Σxy − Σx Σy) / (m Σx² − (Σx)²) over m
// points, one kernel for every scalar: double for the estimates, Ball for the
// certified fits (then the result contains the slope of every choice of exact
// points inside the balls; it is indeterminate when the denominator ball
// contains 0). Used by the log–log fits of docs/sparse.md "Certified outputs".
#pragma once

#include <cstddef>
#include <vector>

namespace ael {

template <class T> T least_squares_slope(const std::vector<T>& x, const std::vector<T>& y) {
  T sx(0), sy(0), sxx(0), sxy(0);
  for (std::size_t t = 0; t < x.size(); ++t) {
    sx += x[t];
    sy += y[t];
    sxx += x[t] * x[t];
    sxy += x[t] * y[t];
  }
  const T m(static_cast<int>(x.size()));
  return (m * sxy - sx * sy) / (m * sxx - sx * sx);
}

}  // namespace ael
