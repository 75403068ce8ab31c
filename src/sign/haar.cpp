#include "sign/haar.hpp"

#include "core/random_matrix.hpp"
#include "core/rng.hpp"

#include <Eigen/QR>
#include <stdexcept>
#include <string>

namespace ael::sign {

Mat<double> haar_orthonormal_rows(int n, int d, std::uint64_t seed) {
  if (n < 1 || n > d)
    throw std::invalid_argument("Haar encoder needs 1 <= n <= d (got n = " + std::to_string(n) + ", d = " +
                                std::to_string(d) + ")");
  Rng rng(seed);
  const Mat<double> G = gaussian_matrix(rng, d, n);
  Eigen::HouseholderQR<Mat<double>> qr(G);
  Mat<double> Q = qr.householderQ() * Mat<double>::Identity(d, n);
  const Mat<double>& R = qr.matrixQR();
  for (int j = 0; j < n; ++j)
    if (R(j, j) < 0) Q.col(j) = -Q.col(j);
  return Q.transpose();
}

}  // namespace ael::sign
