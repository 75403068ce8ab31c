#include "sparse/model.hpp"

#include "core/ball.hpp"
#include "core/rng.hpp"

#include <algorithm>
#include <stdexcept>

namespace ael::sparse {

namespace {
bool is_power_of(int n, int base) {
  if (n < 1) return false;
  while (n % base == 0) n /= base;
  return n == 1;
}

// 1/√n exactly for rationals (n a power of 4), rounded for floats.
template <class T> T inv_sqrt_int(int n) { return T(1) / sqrt_of(T(n)); }
template <> rational inv_sqrt_int<rational>(int n) {
  if (!is_power_of(n, 4))
    throw std::invalid_argument("identity-hadamard with n = " + std::to_string(n) +
                                " is irrational (1/sqrt(n)); rational mode needs n a power of 4");
  return rational(1) / exact_sqrt(rational(n), "sqrt(n)");
}

template <class T> T exact_or_rounded_sqrt(const T& x) { return sqrt_of(x); }
template <> rational exact_or_rounded_sqrt<rational>(const rational& x) { return exact_sqrt(x, "a column norm"); }

// Product (k−1−0)…(k−m)/((h−1)…(h−m)) or k…/h… with the convention that a zero
// numerator factor makes the whole ratio 0 (no 0/0 for tiny h).
template <class T> T falling_ratio(int top, int bottom, int m) {
  T r(1);
  for (int t = 0; t < m; ++t) {
    if (top - t <= 0) return T(0);
    r *= T(top - t);
    r /= T(bottom - t);
  }
  return r;
}
}  // namespace

template <class T> Mat<T> hadamard(int n) {
  if (!is_power_of(n, 2)) throw std::invalid_argument("n = " + std::to_string(n) + " is not a power of 2 (Hadamard)");
  Mat<T> H = Mat<T>::Ones(1, 1);
  while (H.rows() < n) {
    const auto s = H.rows();
    Mat<T> next(2 * s, 2 * s);
    next << H, H, H, -H;
    H = next;
  }
  return H;
}

template <class T> Mat<T> identity_hadamard(int n) {
  Mat<T> A(n, 2 * n);
  A.leftCols(n) = Mat<T>::Identity(n, n);
  A.rightCols(n) = hadamard<T>(n) * inv_sqrt_int<T>(n);
  return A;
}

Mat<double> gaussian_draws(int n, int h, std::uint64_t seed) {
  Rng rng(seed);
  Mat<double> G(n, h);
  for (int j = 0; j < h; ++j)
    for (int r = 0; r < n; ++r) G(r, j) = rng.gaussian();
  return G;
}

template <class T> Mat<T> gaussian_dictionary(int n, int h, std::uint64_t seed) {
  const Mat<double> G = gaussian_draws(n, h, seed);
  return normalise_columns(Mat<T>(G.unaryExpr([](double x) { return ScalarOps<T>::from_double(x); })));
}

template <class T> T unit_column_defect(const Mat<T>& A) {
  T worst(0);
  for (Eigen::Index j = 0; j < A.cols(); ++j) {
    T d = A.col(j).squaredNorm() - T(1);
    if (d < 0) d = -d;
    if (d > worst) worst = d;
  }
  return worst;
}

template <class T> Mat<T> normalise_columns(const Mat<T>& A) {
  Mat<T> B = A;
  for (Eigen::Index j = 0; j < A.cols(); ++j) {
    const T s = A.col(j).squaredNorm();
    if (s == 0) throw std::invalid_argument("dictionary column " + std::to_string(j) + " is zero");
    B.col(j) /= exact_or_rounded_sqrt(s);
  }
  return B;
}

template <class T> T coherence(const Mat<T>& A) {
  const Mat<T> G = A.transpose() * A;
  T c(0);
  for (Eigen::Index j = 0; j < G.cols(); ++j)
    for (Eigen::Index l = 0; l < G.rows(); ++l) {
      if (l == j) continue;
      T v = G(l, j) < 0 ? T(-G(l, j)) : G(l, j);
      if (v > c) c = v;
    }
  return c;
}

template <class T> Vec<T> stereographic_unit(const std::vector<double>& t) {
  const int n = static_cast<int>(t.size()) + 1;
  Vec<T> u(n);
  T s(0);
  for (int r = 0; r + 1 < n; ++r) {
    const T tr = ScalarOps<T>::from_double(t[r]);
    u(r) = T(2) * tr;
    s += tr * tr;
  }
  u(n - 1) = s - T(1);
  return u / (s + T(1));
}

std::vector<double> random_unit_point(int n, std::uint64_t seed, std::uint64_t stream) {
  Rng rng(seed * 0x9E3779B97F4A7C15ULL + stream * 0xBF58476D1CE4E5B9ULL + 1);
  std::vector<double> g(n);
  double norm2 = 0;
  for (auto& x : g) x = rng.gaussian(), norm2 += x * x;
  const double norm = std::sqrt(norm2);
  // Project from the north pole (0,…,0,1); the last coordinate is < 1 almost surely.
  const double denom = 1 - g[n - 1] / norm;
  std::vector<double> t(n - 1);
  for (int r = 0; r + 1 < n; ++r) t[r] = g[r] / norm / denom;
  return t;
}

template <class T> Vec<T> random_unit(int n, std::uint64_t seed, std::uint64_t stream) {
  return stereographic_unit<T>(random_unit_point(n, seed, stream));
}

template <class T> Mat<T> perturbed_weights(const Mat<T>& A, const T& delta, std::uint64_t seed) {
  Mat<T> W = A.transpose();
  if (delta == 0) return W;
  for (Eigen::Index j = 0; j < A.cols(); ++j)
    W.row(j) += delta * random_unit<T>(static_cast<int>(A.rows()), seed, static_cast<std::uint64_t>(j)).transpose();
  return W;
}

template <class T> T max_row_distance_sq(const Mat<T>& A, const Mat<T>& W) {
  T worst(0);
  for (Eigen::Index j = 0; j < A.cols(); ++j) worst = std::max(worst, T((W.row(j).transpose() - A.col(j)).squaredNorm()));
  return worst;
}

const char* support_law_name(SupportLaw law) { return law == SupportLaw::uniform ? "uniform k-subsets" : "Bernoulli(q)"; }

template <class T> ValueLaw<T> finite_law(std::vector<T> atoms, std::vector<T> probs) {
  ValueLaw<T> v;
  v.kind = "finite";
  v.a = *std::min_element(atoms.begin(), atoms.end());
  v.b = *std::max_element(atoms.begin(), atoms.end());
  v.m1 = T(0), v.m2 = T(0);
  for (size_t t = 0; t < atoms.size(); ++t) v.m1 += probs[t] * atoms[t], v.m2 += probs[t] * atoms[t] * atoms[t];
  v.atoms = std::move(atoms);
  v.probs = std::move(probs);
  return v;
}

template <class T> ValueLaw<T> uniform_law(const T& a, const T& b) {
  return ValueLaw<T>{"uniform", {}, {}, a, b, (a + b) / T(2), (a * a + a * b + b * b) / T(3)};
}

template <class T> ValueLaw<T> moments_law(const T& a, const T& b, const T& m1, const T& m2) {
  return ValueLaw<T>{"moments", {}, {}, a, b, m1, m2};
}

template <class T> Inclusion<T> inclusion(SupportLaw law, int k, int h, const T& q) {
  if (law == SupportLaw::bernoulli) return {q, q * q, q, q * q, q * q * q};
  return {falling_ratio<T>(k, h, 1), falling_ratio<T>(k, h, 2), falling_ratio<T>(k - 1, h - 1, 1),
          falling_ratio<T>(k - 1, h - 1, 2), falling_ratio<T>(k - 1, h - 1, 3)};
}

template <class T> T support_probability(SupportLaw law, int k, int h, const T& q, int s) {
  if (law == SupportLaw::uniform) {
    if (s != k) return T(0);
    T choose(1);  // C(h, k) built up exactly
    for (int t = 0; t < k; ++t) choose = choose * T(h - t) / T(t + 1);
    return T(1) / choose;
  }
  T p(1);
  for (int t = 0; t < s; ++t) p *= q;
  for (int t = s; t < h; ++t) p *= T(1) - q;
  return p;
}

template <class T> Forward<T> forward(const Mat<T>& W, const Vec<T>& eps, const Vec<T>& y) {
  Forward<T> f;
  f.u = W * y - eps;
  f.active.assign(static_cast<size_t>(f.u.size()), 0);
  Vec<T> r = Vec<T>::Zero(f.u.size());
  for (Eigen::Index j = 0; j < f.u.size(); ++j)
    if (f.u(j) > 0) f.active[static_cast<size_t>(j)] = 1, r(j) = f.u(j);
  f.e = W.transpose() * r - y;
  return f;
}

template <class T> T sample_loss(const Mat<T>& W, const Vec<T>& eps, const Vec<T>& y) {
  return forward(W, eps, y).e.squaredNorm() / T(2);
}

template <class T> Vec<T> row_gradient(const Mat<T>& W, const Vec<T>& eps, const Vec<T>& y, int i) {
  const Forward<T> f = forward(W, eps, y);
  if (!f.active[static_cast<size_t>(i)]) return Vec<T>::Zero(y.size());
  const Vec<T> w = W.row(i).transpose();
  return f.u(i) * f.e + w.dot(f.e) * y;
}

template <class T> Mat<T> gradient_matrix(const Mat<T>& W, const Vec<T>& eps, const Vec<T>& y) {
  const Forward<T> f = forward(W, eps, y);
  Vec<T> r = Vec<T>::Zero(f.u.size()), gated = W * f.e;
  for (Eigen::Index j = 0; j < f.u.size(); ++j) {
    if (f.active[static_cast<size_t>(j)])
      r(j) = f.u(j);
    else
      gated(j) = T(0);
  }
  return r * f.e.transpose() + gated * y.transpose();
}

template <class T> Vec<T> observation(const Mat<T>& A, const std::vector<int>& support, const std::vector<T>& x) {
  Vec<T> y = Vec<T>::Zero(A.rows());
  for (size_t t = 0; t < support.size(); ++t) y += x[t] * A.col(support[t]);
  return y;
}

#define AEL_SPARSE_MODEL(T)                                                                                  \
  template Mat<T> hadamard<T>(int);                                                                         \
  template Mat<T> identity_hadamard<T>(int);                                                                \
  template Mat<T> gaussian_dictionary<T>(int, int, std::uint64_t);                                          \
  template T unit_column_defect<T>(const Mat<T>&);                                                          \
  template Mat<T> normalise_columns<T>(const Mat<T>&);                                                      \
  template T coherence<T>(const Mat<T>&);                                                                   \
  template Vec<T> stereographic_unit<T>(const std::vector<double>&);                                       \
  template Vec<T> random_unit<T>(int, std::uint64_t, std::uint64_t);                                        \
  template Mat<T> perturbed_weights<T>(const Mat<T>&, const T&, std::uint64_t);                             \
  template T max_row_distance_sq<T>(const Mat<T>&, const Mat<T>&);                                         \
  template ValueLaw<T> finite_law<T>(std::vector<T>, std::vector<T>);                                      \
  template ValueLaw<T> uniform_law<T>(const T&, const T&);                                                  \
  template ValueLaw<T> moments_law<T>(const T&, const T&, const T&, const T&);                              \
  template Inclusion<T> inclusion<T>(SupportLaw, int, int, const T&);                                      \
  template T support_probability<T>(SupportLaw, int, int, const T&, int);                                   \
  template Forward<T> forward<T>(const Mat<T>&, const Vec<T>&, const Vec<T>&);                              \
  template T sample_loss<T>(const Mat<T>&, const Vec<T>&, const Vec<T>&);                                   \
  template Vec<T> row_gradient<T>(const Mat<T>&, const Vec<T>&, const Vec<T>&, int);                        \
  template Mat<T> gradient_matrix<T>(const Mat<T>&, const Vec<T>&, const Vec<T>&);                          \
  template Vec<T> observation<T>(const Mat<T>&, const std::vector<int>&, const std::vector<T>&);

AEL_SPARSE_MODEL(double)
AEL_SPARSE_MODEL(mp_real)
AEL_SPARSE_MODEL(rational)

// Inclusion probabilities are rational functions of k, h, q: balls enclose them (sparse/expected_ball.hpp).
template Inclusion<Ball> inclusion<Ball>(SupportLaw, int, int, const Ball&);

}  // namespace ael::sparse
