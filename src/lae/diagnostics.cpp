#include "lae/diagnostics.hpp"

#include "core/linalg.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <tuple>

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

std::string count_tuples_decimal(int n, int r, bool ordered) {
  boost::multiprecision::cpp_int c = 1;
  for (int i = 0; i < r; ++i) c = c * (n - i) / (ordered ? 1 : i + 1);
  return c.str();
}

template <class T> std::vector<int> dead_units(const Mat<T>& A, const Mat<T>& B) {
  const T tiny = 1e3 * working_epsilon<T>() * (A.norm() + B.norm());
  std::vector<int> dead;
  for (Eigen::Index k = 0; k < A.cols(); ++k)
    if (A.col(k).norm() <= tiny || B.row(k).norm() <= tiny) dead.push_back(static_cast<int>(k));
  return dead;
}

template <class T> Point<T> balanced(const Mat<T>& A, const Mat<T>& B) {
  using std::sqrt;
  Point<T> x{A, B};
  const std::vector<int> dead = dead_units<T>(A, B);
  for (Eigen::Index k = 0; k < A.cols(); ++k) {
    if (std::find(dead.begin(), dead.end(), static_cast<int>(k)) != dead.end()) continue;
    const T s = sqrt(T(B.row(k).norm() / A.col(k).norm()));
    x.A.col(k) *= s;
    x.B.row(k) /= s;
  }
  return x;
}

template <class T> NearestCritical<T> nearest_critical(const EigenData<T>& e, const Mat<T>& A, const Mat<T>& B, LossKind kind) {
  using std::abs;
  const int n = static_cast<int>(e.U.rows()), p = static_cast<int>(A.cols());
  NearestCritical<T> r;
  r.dead_units = dead_units<T>(A, B);
  for (int k = 0; k < p; ++k)
    if (std::find(r.dead_units.begin(), r.dead_units.end(), k) == r.dead_units.end()) r.live_units.push_back(k);
  r.full_rank = r.dead_units.empty();
  const int live = static_cast<int>(r.live_units.size());
  const Mat<T> proj = e.U.transpose() * A;  // proj(s,k) = u_sᵀ a_k
  r.point = {Mat<T>::Zero(n, p), Mat<T>::Zero(p, n)};
  r.has_point = true;
  if (kind == LossKind::ordered) {
    // Greedy assignment of the live columns by decreasing |cos|: column k ↦ eigen-index i_k, distinct.
    // Dead columns take no part (their cosines are 0/0).
    std::vector<std::tuple<T, int, int>> cand;
    for (int k : r.live_units)
      for (int s = 0; s < n; ++s) cand.emplace_back(abs(proj(s, k)) / A.col(k).norm(), k, s);
    std::stable_sort(cand.begin(), cand.end(), [](const auto& x, const auto& y) { return std::get<0>(x) > std::get<0>(y); });
    r.I.assign(p, -1);
    std::vector<bool> used(n, false), done(p, false);
    for (const auto& [score, k, s] : cand)
      if (!done[k] && !used[s]) r.I[k] = s, used[s] = true, done[k] = true;
    r.C = Mat<T>::Zero(p, p);
    for (int k : r.live_units) {
      const Vec<T> u = e.U.col(r.I[k]), v = e.Mhat.transpose() * u;
      r.C(k, k) = best_scale<T>(A.col(k), B.row(k).transpose(), u, v);
      r.point.A.col(k) = r.C(k, k) * u;
      r.point.B.row(k) = v.transpose() / r.C(k, k);
    }
  } else {
    // The r eigen-directions carrying most of span(A_live).
    Mat<T> Alive(n, live);
    for (int q = 0; q < live; ++q) Alive.col(q) = A.col(r.live_units[q]);
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    Mat<T> energy;
    try {
      energy = (e.U.transpose() * orthonormal_basis<T>(Alive)).rowwise().squaredNorm();
    } catch (const std::exception&) {
      energy = (e.U.transpose() * Alive).rowwise().squaredNorm();
      r.has_point = false;
    }
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return energy(a) > energy(b); });
    r.I.assign(order.begin(), order.begin() + live);
    std::sort(r.I.begin(), r.I.end());
    Mat<T> UI(n, live);
    for (int q = 0; q < live; ++q) UI.col(q) = e.U.col(r.I[q]);
    r.C = UI.transpose() * Alive;
    if (r.has_point && live > 0) {
      try {
        const Point<T> x = critical_point(e, r.I, r.C);
        for (int q = 0; q < live; ++q) {
          r.point.A.col(r.live_units[q]) = x.A.col(q);
          r.point.B.row(r.live_units[q]) = x.B.row(q);
        }
      } catch (const std::domain_error&) {
        r.has_point = false;
      }
    }
  }
  if (r.has_point) r.distance = distance(A, B, r.point);
  return r;
}

Inertia inertia_at_critical(const std::vector<int>& live, const Index& J, int n, int p, LossKind kind) {
  const int r = static_cast<int>(J.size());
  if (static_cast<int>(live.size()) != r) throw std::logic_error("inertia_at_critical: one index per live unit");
  if (r == p) return inertia_formula(J, n, kind);
  // Live block (docs/lae-math.md §10.1): ν(J) (+ inv(J) for the ordered loss) negative, r (MSE: r²) zero.
  int neg = 0, zero = kind == LossKind::ordered ? r : r * r;
  for (int j : J)
    for (int s = 0; s < j; ++s) neg += std::find(J.begin(), J.end(), s) == J.end();
  if (kind == LossKind::ordered) neg += inversions(J);
  // Each dead unit k: ±2 m_s λ_s with m_s = #{truncations i ≥ k without s among their live indices};
  // m_s = 0 (two zeros) exactly for the indices of live units before k (MSE: every live index).
  for (int k = 0; k < p; ++k) {
    if (std::find(live.begin(), live.end(), k) != live.end()) continue;
    int before = 0;
    for (int l : live) before += kind == LossKind::mse || l < k;
    neg += n - before;
    zero += 2 * before;
  }
  return {neg, zero, 2 * n * p - neg - zero};
}

template <class T> BandedInertia<T> banded_inertia(const Vec<T>& mu, const T& perturbation) {
  using std::abs;
  BandedInertia<T> b;
  b.max_abs = mu.size() ? T(mu.cwiseAbs().maxCoeff()) : T(0);
  b.rounding = 4 * T(mu.size()) * working_epsilon<T>() * b.max_abs;
  b.perturbation = perturbation;
  b.band = b.rounding + perturbation;
  T smallest_outside = 0;
  for (Eigen::Index i = 0; i < mu.size(); ++i) {
    const T a = abs(mu(i));
    if (a <= b.band) {
      ++b.inertia.zero;
      continue;
    }
    ++(mu(i) < 0 ? b.inertia.negative : b.inertia.positive);
    if (!b.has_gap || a < smallest_outside) smallest_outside = a;
    b.has_gap = true;
  }
  if (b.has_gap) {
    b.gap = b.band > 0 ? T(smallest_outside / b.band) : T(0);
    b.clear_gap = b.band > 0 && b.gap >= T(kClearGap);
  }
  return b;
}

#define AEL_INSTANTIATE_DIAGNOSTICS(T)                                  \
  template Vec<T> column_cosines<T>(const Mat<T>&, const Mat<T>&);      \
  template T subspace_distance<T>(const Mat<T>&, const Mat<T>&);        \
  template T offdiag_ratio<T>(const Mat<T>&);                           \
  template NearestCritical<T> nearest_critical<T>(const EigenData<T>&, const Mat<T>&, const Mat<T>&, LossKind); \
  template std::vector<int> dead_units<T>(const Mat<T>&, const Mat<T>&);       \
  template Point<T> balanced<T>(const Mat<T>&, const Mat<T>&);                  \
  template BandedInertia<T> banded_inertia<T>(const Vec<T>&, const T&);

AEL_INSTANTIATE_DIAGNOSTICS(double)
AEL_INSTANTIATE_DIAGNOSTICS(mp_real)

}  // namespace ael::lae
