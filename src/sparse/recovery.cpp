#include "sparse/recovery.hpp"

#include "core/linalg.hpp"

#include <algorithm>
#include <functional>

namespace ael::sparse {

namespace {
template <class T> T abs_of(const T& x) { return x < 0 ? T(-x) : x; }

// Forward error bound of the window arithmetic: every window end is a sum of
// O(k) products of quantities that are themselves dot products of length n
// (Higham's γ_n), so (n + 64) u times the magnitude of the terms bounds it.
// Zero for rationals, where u = 0.
template <class T> T rounding_margin(int n, int k, const T& a, const T& b, const T& scale) {
  return T(n + 64) * ScalarOps<T>::unit_roundoff() * (T(2 * k) * b * scale + a);
}
}  // namespace

template <class T> Window<T> window_d1(int k, const T& a, const T& b, const T& c, const T& delta) {
  Window<T> w;
  const T spread = b * (c + delta);
  w.lo = T(k) * spread;
  w.hi = a * (T(1) - delta) - T(k - 1) * spread;
  w.margin = rounding_margin<T>(0, k, a, b, T(1) + c + delta);
  return w;
}

template <class T> UniformConstants<T> uniform_constants(const Mat<T>& A, const Mat<T>& W) {
  return uniform_constants_of_gram<T>(product(W, A));
}

template <class T> UniformConstants<T> uniform_constants_of_gram(const Mat<T>& G) {
  UniformConstants<T> u;
  u.c_W = T(0);
  u.d_W = G(0, 0);
  for (Eigen::Index l = 0; l < G.cols(); ++l)
    for (Eigen::Index j = 0; j < G.rows(); ++j) {
      if (j == l)
        u.d_W = std::min(u.d_W, G(j, j));
      else
        u.c_W = std::max(u.c_W, abs_of(G(j, l)));
    }
  return u;
}

template <class T> Window<T> window_uniform(int k, const T& a, const T& b, const UniformConstants<T>& u, int n) {
  Window<T> w;
  w.lo = T(k) * b * u.c_W;
  w.hi = a * u.d_W - T(k - 1) * b * u.c_W;
  w.margin = rounding_margin<T>(n, k, a, b, T(1) + u.c_W + u.d_W);
  return w;
}

template <class T>
PerRowCertificate<T> per_row_certificate(const Mat<T>& A, const Mat<T>& W, int k, const T& a, const T& b, bool at_most_k) {
  return per_row_certificate_of_gram<T>(product(W, A), k, a, b, at_most_k);
}

template <class T>
PerRowCertificate<T> per_row_certificate_of_gram(const Mat<T>& G, int k, const T& a, const T& b, bool at_most_k) {
  const Eigen::Index h = G.rows();
  PerRowCertificate<T> cert{Vec<T>(h), Vec<T>(h)};
  std::vector<T> gplus, gminus;
  for (Eigen::Index j = 0; j < h; ++j) {
    gplus.clear(), gminus.clear();
    for (Eigen::Index l = 0; l < h; ++l) {
      if (l == j) continue;
      T hi = std::max(T(a * G(j, l)), T(b * G(j, l))), lo = std::min(T(a * G(j, l)), T(b * G(j, l)));
      if (at_most_k) hi = std::max(hi, T(0)), lo = std::min(lo, T(0));
      gplus.push_back(hi), gminus.push_back(lo);
    }
    // k largest g⁺ (units off the support) and k−1 smallest g⁻ (the other support members).
    std::nth_element(gplus.begin(), gplus.begin() + (k - 1), gplus.end(), std::greater<T>());
    std::nth_element(gminus.begin(), gminus.begin() + std::max(k - 2, 0), gminus.end());
    T up(0), lo = std::min(T(a * G(j, j)), T(b * G(j, j)));
    for (int t = 0; t < k; ++t) up += gplus[static_cast<size_t>(t)];
    for (int t = 0; t < k - 1; ++t) lo += gminus[static_cast<size_t>(t)];
    cert.up(j) = up, cert.lo(j) = lo;
  }
  return cert;
}

template <class T> Window<T> window_per_row(const PerRowCertificate<T>& cert, const T& b, int k, int n) {
  Window<T> w;
  w.lo = cert.up.maxCoeff();
  w.hi = cert.lo.minCoeff();
  w.margin = rounding_margin<T>(n, k, T(0), b, T(2));
  return w;
}

template <class T> bool per_row_certifies(const PerRowCertificate<T>& cert, const Vec<T>& eps, const T& margin) {
  for (Eigen::Index j = 0; j < eps.size(); ++j)
    if (!(eps(j) - cert.up(j) >= margin && cert.lo(j) - eps(j) > margin)) return false;
  return true;
}

template <class T> LemmaD2<T> lemma_d2(int k, const T& a, const T& b, const T& c, const T& delta, const T& eps_hi, const T& pi1) {
  (void)a;
  LemmaD2<T> d;
  d.eta_bar = b * delta + T(k - 1) * b * (c + delta);
  d.Gamma = sqrt_of(T(T(k) * (T(1) + T(k - 1) * c)));  // an upper bound for rationals
  d.F1 = (b + d.eta_bar) + (T(1) + delta) * b * d.Gamma;
  d.F2 = d.Gamma * (d.eta_bar + eps_hi) + T(k) * delta * (b + d.eta_bar);
  // All terms are non-negative: a relative 64u covers the ~20 rounded operations.
  const T up = T(1) + T(64) * ScalarOps<T>::unit_roundoff();
  d.per_sample = d.F1 * d.F2 * up;
  d.expected = pi1 * d.per_sample * up;
  return d;
}

#define AEL_SPARSE_RECOVERY(T)                                                                                     \
  template Window<T> window_d1<T>(int, const T&, const T&, const T&, const T&);                                   \
  template UniformConstants<T> uniform_constants<T>(const Mat<T>&, const Mat<T>&);                                \
  template UniformConstants<T> uniform_constants_of_gram<T>(const Mat<T>&);                                        \
  template Window<T> window_uniform<T>(int, const T&, const T&, const UniformConstants<T>&, int);                 \
  template PerRowCertificate<T> per_row_certificate<T>(const Mat<T>&, const Mat<T>&, int, const T&, const T&, bool); \
  template PerRowCertificate<T> per_row_certificate_of_gram<T>(const Mat<T>&, int, const T&, const T&, bool);       \
  template Window<T> window_per_row<T>(const PerRowCertificate<T>&, const T&, int, int);                          \
  template bool per_row_certifies<T>(const PerRowCertificate<T>&, const Vec<T>&, const T&);                       \
  template LemmaD2<T> lemma_d2<T>(int, const T&, const T&, const T&, const T&, const T&, const T&);

AEL_SPARSE_RECOVERY(double)
AEL_SPARSE_RECOVERY(mp_real)
AEL_SPARSE_RECOVERY(rational)

}  // namespace ael::sparse
