#include "sign/encoder.hpp"

#include "core/linalg.hpp"
#include "core/progress.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ael::sign {

template <class T> Mat<T> normalize_rows(const Mat<T>& B) {
  Mat<T> out = B;
  for (Eigen::Index i = 0; i < B.rows(); ++i) {
    const T norm = B.row(i).norm();
    if (!(norm > 0)) throw std::invalid_argument("encoder row " + std::to_string(i + 1) + " is zero (sign code undefined)");
    out.row(i) /= norm;
  }
  return out;
}

namespace {
// (2/π) arcsin of a correlation. Within 8ε of ±1 the rows are parallel to
// working precision, and arcsin's infinite slope there would turn that
// rounding into an O(√ε) error; snap to ±1 so that duplicated code bits give
// an exactly singular K.
template <class T> T arcsin_kernel(const T& rho) {
  using std::asin;
  const T snap = T(8) * working_epsilon<T>();
  const T c = rho >= 1 - snap ? T(1) : (rho <= -1 + snap ? T(-1) : rho);
  return 2 * asin(c) / pi_value<T>();
}
}  // namespace

template <class T> CodeMoments<T> gaussian_moments(const Mat<T>& B) {
  using std::sqrt;
  const Mat<T> Bn = normalize_rows<T>(B);
  const Mat<T> G = Bn * Bn.transpose();
  CodeMoments<T> m;
  m.M = sqrt(2 / pi_value<T>()) * Bn;
  m.K.resize(G.rows(), G.cols());
  for (Eigen::Index j = 0; j < G.cols(); ++j) {
    heartbeat("arcsine kernel column", j + 1, G.cols());
    for (Eigen::Index i = 0; i < G.rows(); ++i) m.K(i, j) = i == j ? T(1) : arcsin_kernel<T>(G(i, j));
  }
  return m;
}

template <class T> T risk(const Mat<T>& A, const CodeMoments<T>& m) {
  const T d = T(A.rows());
  return 1 - 2 * (A * m.M).trace() / d + (A * m.K * A.transpose()).trace() / d;
}

template <class T> Mat<T> risk_gradient_A(const Mat<T>& A, const CodeMoments<T>& m) {
  return (2 / T(A.rows())) * (A * m.K - m.M.transpose());
}

namespace {
// A Cholesky factorization can succeed on an exactly singular K (identical
// code bits) because rounding leaves a tiny positive pivot; such a pivot,
// below zero_threshold relative to the largest diagonal entry, means singular.
template <class T> bool well_conditioned(const Mat<T>& L, const Mat<T>& K) {
  const T smallest = L.diagonal().cwiseAbs2().minCoeff(), largest = K.diagonal().cwiseAbs().maxCoeff();
  return smallest > zero_threshold<T>() * largest;
}
}  // namespace

template <class T> OptimalDecoder<T> optimal_decoder(const CodeMoments<T>& m) {
  OptimalDecoder<T> out;
  const T d = T(m.M.cols());
  Mat<T> L;
  Mat<T> KinvM;  // K⁺ M (n × d)
  out.singular_K = !cholesky<T>(m.K, L) || !well_conditioned(L, m.K);
  if (!out.singular_K) {
    KinvM = L.transpose().template triangularView<Eigen::Upper>().solve(
        L.template triangularView<Eigen::Lower>().solve(m.M));
  } else {
    Vec<T> values;
    Mat<T> vectors;
    symmetric_eigen<T>(m.K, values, vectors);
    const T cut = zero_threshold<T>() * T(values.cwiseAbs().maxCoeff());
    Vec<T> inv = Vec<T>::Zero(values.size());
    for (Eigen::Index i = 0; i < values.size(); ++i)
      if (values(i) > cut) inv(i) = 1 / values(i);
    KinvM = vectors * inv.asDiagonal() * (vectors.transpose() * m.M);
  }
  out.A = KinvM.transpose();
  out.risk = 1 - (m.M.transpose() * KinvM).trace() / d;
  return out;
}

template <class T> CodeMoments<T> mask_moments(const Mat<T>& B, const std::vector<bool>& mask, const T& p, Sign0 s) {
  using std::sqrt;
  const Eigen::Index n = B.rows(), d = B.cols();
  Mat<T> BD = B;
  for (Eigen::Index k = 0; k < d; ++k)
    if (!mask[k]) BD.col(k).setZero();
  const Mat<T> Gm = BD * BD.transpose();
  Vec<T> nu(n);
  for (Eigen::Index i = 0; i < n; ++i) nu(i) = sqrt(Gm(i, i));
  CodeMoments<T> m;
  m.M = Mat<T>::Zero(n, d);
  m.K = Mat<T>::Zero(n, n);
  const T c = sqrt(2 / pi_value<T>()) / sqrt(p);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (nu(i) > 0) m.M.row(i) = (c / nu(i)) * BD.row(i);
    for (Eigen::Index j = 0; j < n; ++j) {
      const bool zi = !(nu(i) > 0), zj = !(nu(j) > 0);
      if (!zi && !zj) m.K(i, j) = i == j ? T(1) : arcsin_kernel<T>(T(Gm(i, j) / (nu(i) * nu(j))));
      else if (zi && zj) m.K(i, j) = s == Sign0::zero ? T(0) : (s == Sign0::plus || i == j ? T(1) : T(0));
      // one of the two is sign(0) and the other a symmetric sign: E = 0
    }
  }
  return m;
}

template <class T> CodeMoments<T> enumerated_bg_moments(const Mat<T>& B, const T& p, Sign0 s) {
  using std::pow;
  const int d = static_cast<int>(B.cols());
  if (d > 20) throw std::invalid_argument("exact mask enumeration needs d <= 20");
  CodeMoments<T> total{Mat<T>::Zero(B.rows(), d), Mat<T>::Zero(B.rows(), B.rows())};
  std::vector<bool> mask(d);
  for (std::uint32_t bits = 0; bits < (1u << d); ++bits) {
    int ones = 0;
    for (int k = 0; k < d; ++k) ones += (mask[k] = (bits >> k) & 1u);
    const T weight = pow(p, ones) * pow(T(1 - p), d - ones);
    const CodeMoments<T> m = mask_moments<T>(B, mask, p, s);
    total.M += weight * m.M;
    total.K += weight * m.K;
  }
  return total;
}

template <class T> CodeMoments<T> identity_moments(int n, int d, const T& p, const T& mu2, Sign0 s) {
  using std::sqrt;
  if (n > d) throw std::invalid_argument("an identity encoder needs n <= d (rate <= 1)");
  CodeMoments<T> m{Mat<T>::Zero(n, d), Mat<T>::Zero(n, n)};
  const T q = 1 - p;
  const T mean_code = s == Sign0::plus ? q : T(0);            // E s_i: sign(0) = +1 with probability q
  const T square = s == Sign0::zero ? p : T(1);                // E s_i²
  for (int i = 0; i < n; ++i) {
    m.M(i, i) = sqrt(p) * sqrt(mu2);  // E[sign(x) x] = E|x| = p · μ_z/√p
    for (int j = 0; j < n; ++j) m.K(i, j) = i == j ? square : T(mean_code * mean_code);  // independent coordinates
  }
  return m;
}

#define AEL_INSTANTIATE_SIGN_ENCODER(T)                                                                  \
  template Mat<T> normalize_rows<T>(const Mat<T>&);                                                      \
  template CodeMoments<T> gaussian_moments<T>(const Mat<T>&);                                            \
  template T risk<T>(const Mat<T>&, const CodeMoments<T>&);                                              \
  template Mat<T> risk_gradient_A<T>(const Mat<T>&, const CodeMoments<T>&);                              \
  template OptimalDecoder<T> optimal_decoder<T>(const CodeMoments<T>&);                                  \
  template CodeMoments<T> mask_moments<T>(const Mat<T>&, const std::vector<bool>&, const T&, Sign0);     \
  template CodeMoments<T> enumerated_bg_moments<T>(const Mat<T>&, const T&, Sign0);                      \
  template CodeMoments<T> identity_moments<T>(int, int, const T&, const T&, Sign0);

AEL_INSTANTIATE_SIGN_ENCODER(double)
AEL_INSTANTIATE_SIGN_ENCODER(mp_real)

}  // namespace ael::sign
