#include "sign/frames.hpp"

#include "sign/closed_forms.hpp"
#include "sign/haar.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace ael::sign {

namespace {
double max_row_deviation(const Mat<double>& B) {  // max_i |‖b_i‖ − 1|
  return (B.rowwise().norm().array() - 1).abs().maxCoeff();
}

void scale_rows(Mat<double>& B, double omega) {  // b_i ← b_i/‖b_i‖^ω
  for (Eigen::Index i = 0; i < B.rows(); ++i) B.row(i) /= std::pow(B.row(i).norm(), omega);
}

// E := BᵀB/r − I (a symmetric rank-k update of one triangle, mirrored).
Mat<double> gram_deviation(const Mat<double>& B, double r) {
  Mat<double> E = Mat<double>::Zero(B.cols(), B.cols());
  E.selfadjointView<Eigen::Lower>().rankUpdate(B.transpose(), 1 / r);
  E = E.selfadjointView<Eigen::Lower>();
  E.diagonal().array() -= 1;
  return E;
}

double frame_error(const Mat<double>& B, double r) { return gram_deviation(B, r).cwiseAbs().maxCoeff(); }

// C with B C = √r B (BᵀB)^{−1/2}, the nearest r-tight frame. With E small, the series
// I − E/2 + 3E²/8 (error ≤ ‖E‖³ ≪ the deviation the next round corrects) replaces the
// d×d eigen-decomposition by one product; the final frame is tested exactly either way.
Mat<double> inverse_sqrt_gram(const Mat<double>& B, double r) {
  const Eigen::Index d = B.cols();
  Mat<double> E = gram_deviation(B, r);
  if (E.norm() <= 0.1) {
    Mat<double> C = Mat<double>::Identity(d, d) - 0.5 * E;
    C.noalias() += 0.375 * E * E;
    return C;
  }
  E.diagonal().array() += 1;
  Eigen::SelfAdjointEigenSolver<Mat<double>> eig(E);
  const Mat<double>& V = eig.eigenvectors();
  return V * eig.eigenvalues().cwiseSqrt().cwiseInverse().asDiagonal() * V.transpose();
}
}  // namespace

TightFrame tight_frame(int n, int d, std::uint64_t seed, double tol, int max_iterations) {
  if (d < 1 || n < d)
    throw std::invalid_argument("a tight frame needs 1 <= d <= n (got n = " + std::to_string(n) + ", d = " + std::to_string(d) + ")");
  const double r = double(n) / d;
  TightFrame tf;
  // Rows of a Haar d×n matrix with orthonormal rows = first d columns of a Haar n×n matrix, transposed.
  tf.B = std::sqrt(r) * haar_orthonormal_rows(d, n, seed).transpose();
  // Plain alternation (ω = 1) contracts the row-norm deviation by ≈ d/n = 1/r per round; the
  // linearised round has Jacobian (n/d)(diag P − P∘P) with P = BBᵀ/r, whose mean part is
  // (1 − d/n)(I − 11ᵀ/n): over-relaxing the normalization by ω = r/(r − 1) makes each round a
  // Newton step for that part (≈ 15 rounds instead of 50–90; same fixed points). r = 1 starts converged.
  const double omega = n > d ? r / (r - 1) : 1;
  for (int it = 0;; ++it) {
    tf.iterations = it;
    if (max_row_deviation(tf.B) <= tol) {  // normalize exactly, then test the frame property
      scale_rows(tf.B, 1);
      tf.frame_error = frame_error(tf.B, r);
      if (tf.frame_error <= tol) {
        tf.row_error = max_row_deviation(tf.B);
        return tf;
      }
    } else {
      scale_rows(tf.B, omega);
    }
    if (it == max_iterations)
      throw std::runtime_error("tight frame (n = " + std::to_string(n) + ", d = " + std::to_string(d) + ") did not converge in " +
                               std::to_string(max_iterations) + " rounds: row error " + std::to_string(max_row_deviation(tf.B)) +
                               ", frame error " + std::to_string(frame_error(tf.B, r)) + " (tolerance " + std::to_string(tol) + ")");
    tf.B = tf.B * inverse_sqrt_gram(tf.B, r);
  }
}

double gaussian_optimal_risk(const Mat<double>& Bbar) {
  const Eigen::Index n = Bbar.rows(), d = Bbar.cols();
  const double two_over_pi = 2 / pi_value<double>();
  Mat<double> K = Mat<double>::Zero(n, n);
  K.selfadjointView<Eigen::Lower>().rankUpdate(Bbar);
  for (Eigen::Index j = 0; j < n; ++j) {
    K(j, j) = 1;
    for (Eigen::Index i = j + 1; i < n; ++i) K(i, j) = two_over_pi * std::asin(std::clamp(K(i, j), -1.0, 1.0));
  }
  const Eigen::LLT<Mat<double>> llt(K);  // reads the lower triangle only
  if (llt.info() != Eigen::Success) throw std::runtime_error("K = (2/pi) arcsin(G) is not numerically positive definite");
  const Mat<double> W = llt.matrixL().solve(Bbar);
  return 1 - two_over_pi * W.squaredNorm() / double(d);
}

}  // namespace ael::sign
