#include "sign/gradient.hpp"

#include "sign/closed_forms.hpp"

#include <cmath>

namespace ael::sign {

template <class T> PopulationGradient<T> gaussian_population_gradient(const Mat<T>& A, const Mat<T>& Bbar) {
  using std::asin, std::sqrt, std::abs;
  const Eigen::Index n = Bbar.rows(), d = Bbar.cols();
  const T pi = pi_value<T>(), dd = T(d), clip = T(1) - T(1e-12);
  // G and Q are symmetric: rank-k updates of one triangle halve their cost.
  // K and Q∘H are filled in the lower triangle only (no strided mirror writes)
  // and enter the products as self-adjoint views.
  Mat<T> G = Mat<T>::Zero(n, n), Q = Mat<T>::Zero(n, n);
  G.template selfadjointView<Eigen::Lower>().rankUpdate(Bbar);
  Q.template selfadjointView<Eigen::Lower>().rankUpdate(A.transpose());
  Mat<T>& K = G;  // overwritten in place, column by column (entry (i, j) is read before it is written)
  Mat<T>& QH = Q;
  PopulationGradient<T> g;
  for (Eigen::Index j = 0; j < n; ++j) {
    K(j, j) = 1;
    QH(j, j) = 0;
    for (Eigen::Index i = j + 1; i < n; ++i) {
      T c = G(i, j);
      if (abs(c) > clip) { c = c > 0 ? clip : T(-clip); ++g.clipped; }
      K(i, j) = 2 * asin(c) / pi;
      QH(i, j) = Q(i, j) / sqrt(1 - c * c);
    }
  }
  const T root = sqrt(2 / pi);
  Mat<T> AK(d, n);
  AK.noalias() = A * K.template selfadjointView<Eigen::Lower>();
  const Mat<T> Bt = Bbar.transpose();  // one strided pass instead of two
  g.risk = 1 - 2 * root * A.cwiseProduct(Bt).sum() / dd + AK.cwiseProduct(A).sum() / dd;
  g.dA = (2 / dd) * (AK - root * Bt);
  g.dB.noalias() = (4 / (pi * dd)) * (QH.template selfadjointView<Eigen::Lower>() * Bbar);
  g.dB -= (2 * root / dd) * A.transpose();
  // Row-wise tangent projection as two column-major passes (rows of a column-major matrix are strided).
  const Vec<T> radial = g.dB.cwiseProduct(Bbar).rowwise().sum();
  g.dB_tangent = g.dB - radial.asDiagonal() * Bbar;
  return g;
}

template PopulationGradient<double> gaussian_population_gradient<double>(const Mat<double>&, const Mat<double>&);
template PopulationGradient<mp_real> gaussian_population_gradient<mp_real>(const Mat<mp_real>&, const Mat<mp_real>&);

}  // namespace ael::sign
