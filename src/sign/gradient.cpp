#include "sign/gradient.hpp"

#include "sign/closed_forms.hpp"

#include <cmath>

namespace ael::sign {

template <class T> PopulationGradient<T> gaussian_population_gradient(const Mat<T>& A, const Mat<T>& Bbar) {
  using std::asin, std::sqrt, std::abs;
  const Eigen::Index n = Bbar.rows(), d = Bbar.cols();
  const T pi = pi_value<T>(), dd = T(d), clip = T(1) - T(1e-12);
  // G and Q are symmetric: rank-k updates of one triangle halve their cost,
  // and K, Q∘H are filled from that triangle and mirrored.
  Mat<T> G = Mat<T>::Zero(n, n), Q = Mat<T>::Zero(n, n);
  G.template selfadjointView<Eigen::Lower>().rankUpdate(Bbar);
  Q.template selfadjointView<Eigen::Lower>().rankUpdate(A.transpose());
  Mat<T> K(n, n), QH(n, n);
  PopulationGradient<T> g;
  for (Eigen::Index j = 0; j < n; ++j) {
    K(j, j) = 1;
    QH(j, j) = 0;
    for (Eigen::Index i = j + 1; i < n; ++i) {
      T c = G(i, j);
      if (abs(c) > clip) { c = c > 0 ? clip : T(-clip); ++g.clipped; }
      K(i, j) = K(j, i) = 2 * asin(c) / pi;
      QH(i, j) = QH(j, i) = Q(i, j) / sqrt(1 - c * c);
    }
  }
  const T root = sqrt(2 / pi);
  const Mat<T> AK = A * K;
  g.risk = 1 - 2 * root * (A.cwiseProduct(Bbar.transpose())).sum() / dd + AK.cwiseProduct(A).sum() / dd;
  g.dA = (2 / dd) * (AK - root * Bbar.transpose());
  g.dB = (-2 * root / dd) * A.transpose() + (4 / (pi * dd)) * (QH * Bbar);
  g.dB_tangent = g.dB;
  for (Eigen::Index i = 0; i < n; ++i) g.dB_tangent.row(i) -= g.dB.row(i).dot(Bbar.row(i)) * Bbar.row(i);
  return g;
}

template PopulationGradient<double> gaussian_population_gradient<double>(const Mat<double>&, const Mat<double>&);
template PopulationGradient<mp_real> gaussian_population_gradient<mp_real>(const Mat<mp_real>&, const Mat<mp_real>&);

}  // namespace ael::sign
