#include "lae/diagnostics.hpp"

#include "core/linalg.hpp"

#include <algorithm>
#include <numeric>

namespace ael::lae {

template <class T> Vec<T> column_cosines(const Mat<T>& A, const Mat<T>& U) {
  using std::abs;
  Vec<T> c(A.cols());
  for (Eigen::Index k = 0; k < A.cols(); ++k) c(k) = abs(A.col(k).dot(U.col(k))) / (A.col(k).norm() * U.col(k).norm());
  return c;
}

template <class T> T subspace_distance(const Mat<T>& A, const Mat<T>& U) {
  using std::sqrt;
  const Mat<T> Q = orthonormal_basis<T>(A);
  const T overlap = (Q.transpose() * U.leftCols(A.cols())).squaredNorm();
  const T rest = T(A.cols()) - overlap;
  return rest > 0 ? T(sqrt(rest)) : T(0);
}

template <class T> T offdiag_ratio(const Mat<T>& A) {
  const Mat<T> G = A.transpose() * A;
  const Mat<T> off = G - Mat<T>(G.diagonal().asDiagonal());
  return off.norm() / G.norm();
}

namespace {
// argmin_c ‖a − c u‖² + ‖b − v/c‖² by Newton on the derivative from c = uᵀa
// (the A-only optimum); the minimiser keeps the sign of uᵀa.
template <class T> T best_scale(const Vec<T>& a, const Vec<T>& b, const Vec<T>& u, const Vec<T>& v) {
  using std::abs;
  const T alpha = u.dot(a), beta = b.dot(v), gamma = v.squaredNorm();
  T c = alpha;
  for (int it = 0; it < 100; ++it) {
    const T c2 = c * c, c3 = c2 * c, c4 = c3 * c;
    const T d1 = -2 * alpha + 2 * c + 2 * beta / c2 - 2 * gamma / c3;  // f'(c)
    const T d2 = 2 - 4 * beta / c3 + 6 * gamma / c4;                   // f''(c)
    if (d2 <= 0) break;
    const T step = d1 / d2;
    c -= step;
    if (abs(step) <= working_epsilon<T>() * abs(c) * 4) break;
  }
  return c;
}

template <class T> T distance(const Mat<T>& A, const Mat<T>& B, const Point<T>& x) {
  using std::sqrt;
  return sqrt((A - x.A).squaredNorm() + (B - x.B).squaredNorm());
}
}  // namespace

template <class T> NearestCritical<T> nearest_critical(const EigenData<T>& e, const Mat<T>& A, const Mat<T>& B, LossKind kind) {
  using std::abs;
  const int n = static_cast<int>(e.U.rows()), p = static_cast<int>(A.cols());
  NearestCritical<T> r;
  const T tiny = 1e3 * working_epsilon<T>() * (A.norm() + B.norm());
  for (int k = 0; k < p; ++k)
    if (A.col(k).norm() <= tiny || B.row(k).norm() <= tiny) r.dead_units.push_back(k);
  r.full_rank = r.dead_units.empty();
  const Mat<T> proj = e.U.transpose() * A;  // proj(s,k) = u_sᵀ a_k
  if (kind == LossKind::ordered) {
    // Greedy assignment by decreasing |cos|: column k ↦ eigen-index i_k, distinct.
    std::vector<std::tuple<T, int, int>> cand;
    for (int k = 0; k < p; ++k)
      for (int s = 0; s < n; ++s) cand.emplace_back(abs(proj(s, k)) / A.col(k).norm(), k, s);
    std::sort(cand.begin(), cand.end(), [](const auto& x, const auto& y) { return std::get<0>(x) > std::get<0>(y); });
    r.I.assign(p, -1);
    std::vector<bool> used(n, false);
    for (const auto& [score, k, s] : cand)
      if (r.I[k] < 0 && !used[s]) r.I[k] = s, used[s] = true;
    r.C = Mat<T>::Zero(p, p);
    for (int k = 0; k < p; ++k) {
      const Vec<T> u = e.U.col(r.I[k]), v = e.Mhat.transpose() * u;
      r.C(k, k) = r.full_rank ? best_scale<T>(A.col(k), B.row(k).transpose(), u, v) : proj(r.I[k], k);
    }
  } else {
    // The p eigen-directions carrying most of span(A).
    const Mat<T> Q = r.full_rank ? orthonormal_basis<T>(A) : A;
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    const Mat<T> energy = (e.U.transpose() * Q).rowwise().squaredNorm();
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return energy(a) > energy(b); });
    r.I.assign(order.begin(), order.begin() + p);
    std::sort(r.I.begin(), r.I.end());
    Mat<T> UI(n, p);
    for (int k = 0; k < p; ++k) UI.col(k) = e.U.col(r.I[k]);
    r.C = UI.transpose() * A;
  }
  if (r.full_rank) {
    try {
      r.point = critical_point(e, r.I, r.C);
      r.distance = distance(A, B, r.point);
    } catch (const std::domain_error&) {
      r.full_rank = false;
    }
  }
  return r;
}

#define AEL_INSTANTIATE_DIAGNOSTICS(T)                                  \
  template Vec<T> column_cosines<T>(const Mat<T>&, const Mat<T>&);      \
  template T subspace_distance<T>(const Mat<T>&, const Mat<T>&);        \
  template T offdiag_ratio<T>(const Mat<T>&);                           \
  template NearestCritical<T> nearest_critical<T>(const EigenData<T>&, const Mat<T>&, const Mat<T>&, LossKind);

AEL_INSTANTIATE_DIAGNOSTICS(double)
AEL_INSTANTIATE_DIAGNOSTICS(mp_real)

}  // namespace ael::lae
