#include "core/linalg.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <Eigen/QR>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ael {

template <class T> void symmetric_eigen(const Mat<T>& S, Vec<T>& values, Mat<T>& vectors) {
  Eigen::SelfAdjointEigenSolver<Mat<T>> solver(S, Eigen::ComputeEigenvectors);
  if (solver.info() != Eigen::Success) throw std::runtime_error("symmetric eigensolver did not converge");
  values = solver.eigenvalues();
  vectors = solver.eigenvectors();
}

template <class T> Vec<T> symmetric_eigenvalues(const Mat<T>& S) {
  Eigen::SelfAdjointEigenSolver<Mat<T>> solver(S, Eigen::EigenvaluesOnly);
  if (solver.info() != Eigen::Success) throw std::runtime_error("symmetric eigensolver did not converge");
  return solver.eigenvalues();
}

template <class T> Vec<T> jacobi_eigenvalues(Mat<T> S) {
  using std::abs;
  using std::sqrt;
  const Eigen::Index n = S.rows();
  const T eps = working_epsilon<T>();
  for (int sweep = 0; sweep < 100; ++sweep) {
    T off = 0, total = 0;
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j) (i == j ? total : off) += S(i, j) * S(i, j);
    total += off;
    // Rounding noise keeps off(S) near (n ε)² total: stop there, not at ε².
    if (off <= T(n * n) * eps * eps * total) break;
    for (Eigen::Index p = 0; p < n; ++p)
      for (Eigen::Index q = p + 1; q < n; ++q) {
        if (S(p, q) == 0) continue;
        // Rotation that annihilates S(p,q) (Golub & Van Loan, Alg. 8.5.1).
        const T tau = (S(q, q) - S(p, p)) / (2 * S(p, q));
        const T t = (tau >= 0 ? T(1) : T(-1)) / (abs(tau) + sqrt(1 + tau * tau));
        const T c = 1 / sqrt(1 + t * t), s = t * c;
        for (Eigen::Index k = 0; k < n; ++k) {
          const T skp = S(k, p), skq = S(k, q);
          S(k, p) = c * skp - s * skq;
          S(k, q) = s * skp + c * skq;
        }
        for (Eigen::Index k = 0; k < n; ++k) {
          const T spk = S(p, k), sqk = S(q, k);
          S(p, k) = c * spk - s * sqk;
          S(q, k) = s * spk + c * sqk;
        }
      }
  }
  Vec<T> values = S.diagonal();
  sort_ascending(values);
  return values;
}

template <class T> Vec<T> singular_values(const Mat<T>& M) {
  Vec<T> values;
  Mat<T> V;
  symmetric_eigen<T>(M.transpose() * M, values, V);
  Vec<T> sigma(M.cols());
  for (Eigen::Index t = 0; t < M.cols(); ++t) sigma(t) = (M * V.col(t)).norm();
  std::sort(sigma.data(), sigma.data() + sigma.size(), [](const T& a, const T& b) { return a > b; });
  return sigma;
}

template <class T> Mat<T> inverse(const Mat<T>& M) {
  Eigen::FullPivLU<Mat<T>> lu(M);
  if (!lu.isInvertible()) throw std::domain_error("matrix is numerically singular");
  return lu.inverse();
}

template <class T> bool cholesky(const Mat<T>& S, Mat<T>& L) {
  Eigen::LLT<Mat<T>> llt(S);
  if (llt.info() != Eigen::Success) return false;
  L = llt.matrixL();
  return true;
}

template <class T> Mat<T> orthonormal_basis(const Mat<T>& M) {
  Eigen::HouseholderQR<Mat<T>> qr(M);
  return qr.householderQ() * Mat<T>::Identity(M.rows(), M.cols());
}

template <class T> void sort_ascending(Vec<T>& v) { std::sort(v.data(), v.data() + v.size()); }

Mat<mp_real> product(const Mat<mp_real>& X, const Mat<mp_real>& Y) {
  if (X.cols() != Y.rows())
    throw std::invalid_argument("product: inner dimensions differ (" + std::to_string(X.cols()) + " vs " +
                                std::to_string(Y.rows()) + ")");
  const Mat<mp_real> Xt = X.transpose();  // rows of X as contiguous columns
  Mat<mp_real> C = Mat<mp_real>::Zero(X.rows(), Y.cols());
  if (C.size() == 0) return C;
  mpfr_t term;
  mpfr_init2(term, mpfr_get_prec(C(0, 0).backend().data()));
  for (Eigen::Index j = 0; j < Y.cols(); ++j)
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      mpfr_ptr acc = C(i, j).backend().data();
      for (Eigen::Index k = 0; k < Y.rows(); ++k) {
        mpfr_mul(term, Xt(k, i).backend().data(), Y(k, j).backend().data(), MPFR_RNDN);
        mpfr_add(acc, acc, term, MPFR_RNDN);
      }
    }
  mpfr_clear(term);
  return C;
}

#define AEL_INSTANTIATE_LINALG(T)                                         \
  template void symmetric_eigen<T>(const Mat<T>&, Vec<T>&, Mat<T>&);      \
  template Vec<T> symmetric_eigenvalues<T>(const Mat<T>&);                \
  template Vec<T> jacobi_eigenvalues<T>(Mat<T>);                          \
  template Vec<T> singular_values<T>(const Mat<T>&);                      \
  template Mat<T> inverse<T>(const Mat<T>&);                              \
  template bool cholesky<T>(const Mat<T>&, Mat<T>&);                      \
  template Mat<T> orthonormal_basis<T>(const Mat<T>&);                    \
  template void sort_ascending<T>(Vec<T>&);

AEL_INSTANTIATE_LINALG(double)
AEL_INSTANTIATE_LINALG(mp_real)

}  // namespace ael
