// Haar-distributed encoders for simulations (docs/sign.md §2.4, §3.1, §4.3).
#pragma once

#include "core/eigen_mp.hpp"

#include <cstdint>

namespace ael::sign {

// n × d matrix with orthonormal rows (n ≤ d), distributed as the first n rows
// of a Haar d × d orthogonal matrix: QR of a seeded Gaussian d × n matrix with
// the signs fixed so that R has a positive diagonal (which makes Q exactly
// Haar, not merely "random"). Eigen's single-threaded QR keeps the bytes
// independent of BLAS threading.
Mat<double> haar_orthonormal_rows(int n, int d, std::uint64_t seed);

}  // namespace ael::sign
