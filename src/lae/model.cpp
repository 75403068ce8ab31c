#include "lae/model.hpp"
#include "lae/exact_moments.hpp"

#include "core/exact_moments.hpp"
#include "core/fixed_point.hpp"

#include "core/exact.hpp"

#include "core/errors.hpp"

#include <stdexcept>

namespace ael::lae {

LossKind parse_loss(const std::string& name) {
  if (name == "mse") return LossKind::mse;
  if (name == "ordered") return LossKind::ordered;
  throw ParameterError("loss", "unknown @loss '" + name + "' (mse, ordered)");
}

const char* loss_name(LossKind kind) { return kind == LossKind::mse ? "mse" : "ordered"; }

template <class T> Moments<T> moments_from_rows(const Mat<T>& X_rows, const Mat<T>* Y_rows) {
  Moments<T> m;
  m.Sxx = X_rows.transpose() * X_rows;
  m.autoencoder = (Y_rows == nullptr);
  const Mat<T>& Yr = Y_rows ? *Y_rows : X_rows;
  m.Syx = m.autoencoder ? m.Sxx : Mat<T>(Yr.transpose() * X_rows);
  m.trSyy = Yr.squaredNorm();
  return m;
}

bool exact_moments_from_rows(const Mat<double>& X_rows, bool center, Moments<mp_real>& out) {
  ExactGramOptions options;
  options.center = center;
  Moments<mp_real> m;
  if (!exact_gram(X_rows, options, m.Sxx, m.trSyy)) return false;
  m.Syx = m.Sxx;
  m.autoencoder = true;
  out = std::move(m);
  return true;
}

template <class T> Mat<T> LossWeights<T>::D(int k) const { return S.col(k).asDiagonal(); }

template <class T> LossWeights<T> loss_weights(LossKind kind, int p) {
  LossWeights<T> w{kind, Mat<T>::Ones(p, p), Vec<T>::Ones(p), 1};
  if (kind == LossKind::ordered) {
    w.terms = p;
    for (int j = 0; j < p; ++j) {
      w.w(j) = p - j;
      for (int k = 0; k < p; ++k) w.S(j, k) = p - std::max(j, k);
    }
  }
  return w;
}

namespace {
// Products with Σ (n×n) at MNIST size go through one exact integer product in
// multiprecision (core/fixed_point.hpp); small ones and doubles through Eigen.
template <class T> Mat<T> mul(const Mat<T>& X, const Mat<T>& Y) { return X * Y; }
template <> Mat<mp_real> mul<mp_real>(const Mat<mp_real>& X, const Mat<mp_real>& Y) { return large_product(X, Y); }
}  // namespace

template <class T> T Gradient<T>::norm() const {
  using std::sqrt;
  return sqrt(dA.squaredNorm() + dB.squaredNorm());
}

template <class T> T loss(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w) {
  const Mat<T> Bt = B.transpose();
  const Mat<T> G = mul<T>(mul<T>(B, m.Sxx), Bt);
  const Mat<T> V = mul<T>(m.Syx, Bt);
  T cross = 0;
  for (int k = 0; k < w.p(); ++k) cross += w.w(k) * A.col(k).dot(V.col(k));
  return T(w.terms) * m.trSyy - 2 * cross + (w.S.cwiseProduct(mul<T>(Mat<T>(A.transpose()), A))).cwiseProduct(G).sum();
}

template <class T> Gradient<T> gradient(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w) {
  const Mat<T> P = mul<T>(B, m.Sxx), Bt = B.transpose(), At = A.transpose();
  const Mat<T> G = mul<T>(P, Bt);
  const Mat<T> Ga = mul<T>(At, A);
  const auto Tp = w.w.asDiagonal();
  Gradient<T> g;
  g.dA = 2 * mul<T>(A, Mat<T>(G.cwiseProduct(w.S))) - 2 * mul<T>(m.Syx, Bt) * Tp;
  g.dB = 2 * mul<T>(Mat<T>(Ga.cwiseProduct(w.S)), P) - 2 * (Tp * mul<T>(At, m.Syx));
  return g;
}

template <class T>
Mat<T> suffix_residual(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w, int k) {
  return A * w.D(k) * B * m.Sxx - w.w(k) * m.Syx;
}

template <class T>
Gradient<T> gradient_per_unit(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w) {
  Gradient<T> g{Mat<T>(A.rows(), A.cols()), Mat<T>(B.rows(), B.cols())};
  for (int k = 0; k < w.p(); ++k) {
    const Mat<T> Rk = suffix_residual(m, A, B, w, k);
    g.dA.col(k) = 2 * Rk * B.row(k).transpose();
    g.dB.row(k) = 2 * A.col(k).transpose() * Rk;
  }
  return g;
}

template <class T>
T loss_by_definition(const Mat<T>& X, const Mat<T>& Y, const Mat<T>& A, const Mat<T>& B, LossKind kind) {
  const int p = static_cast<int>(A.cols());
  T total = 0;
  for (int i = (kind == LossKind::ordered ? 1 : p); i <= p; ++i)
    total += (Y - A.leftCols(i) * B.topRows(i) * X).squaredNorm();
  return total;
}

template <class T>
ValueAndGradient<T> data_form(const Mat<T>& X, const Mat<T>& Y, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w) {
  const Mat<T> Z = B * X, G = Z * Z.transpose(), F = A.transpose() * Y, V = Y * Z.transpose();
  const Mat<T> Ga = A.transpose() * A;
  const auto Tp = w.w.asDiagonal();
  ValueAndGradient<T> r;
  T cross = 0;
  for (int k = 0; k < w.p(); ++k) cross += w.w(k) * F.row(k).dot(Z.row(k));
  r.value = T(w.terms) * Y.squaredNorm() - 2 * cross + w.S.cwiseProduct(Ga).cwiseProduct(G).sum();
  r.grad.dA = 2 * A * G.cwiseProduct(w.S) - 2 * V * Tp;
  r.grad.dB = (2 * Ga.cwiseProduct(w.S) * Z - 2 * (Tp * F)) * X.transpose();
  return r;
}

template <class T>
ValueAndGradient<T> ordered_backward_sweep(const Mat<T>& X, const Mat<T>& Y, const Mat<T>& A, const Mat<T>& B) {
  const int p = static_cast<int>(A.cols());
  const Mat<T> Z = B * X;
  Mat<T> E = A * Z - Y;  // E_p
  Mat<T> F = E;          // Σ_{i≥k} E_i
  ValueAndGradient<T> r{E.squaredNorm(), {Mat<T>(A.rows(), p), Mat<T>(p, B.cols())}};
  for (int k = p - 1; k >= 0; --k) {
    r.grad.dA.col(k) = 2 * F * Z.row(k).transpose();
    r.grad.dB.row(k) = 2 * (A.col(k).transpose() * F) * X.transpose();
    if (k > 0) {
      E -= A.col(k) * Z.row(k);
      F += E;
      r.value += E.squaredNorm();
    }
  }
  return r;
}

template <class T>
ValueAndGradient<T> mse_reference(const Mat<T>& X, const Mat<T>& Y, const Mat<T>& A, const Mat<T>& B) {
  const Mat<T> Z = B * X;
  const Mat<T> E = A * Z - Y;
  return {E.squaredNorm(), {2 * E * Z.transpose(), 2 * (A.transpose() * E) * X.transpose()}};
}

namespace {
template <class T> Mat<T> kron(const Mat<T>& a, const Mat<T>& b) {
  Mat<T> k(a.rows() * b.rows(), a.cols() * b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) k.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
  return k;
}
// K_{p,n} vec(b) = vec(bᵀ) for b ∈ R^{p×n} (docs/lae-math.md §1).
template <class T> Mat<T> commutation(int p, int n) {
  Mat<T> K = Mat<T>::Zero(n * p, n * p);
  for (int k = 0; k < p; ++k)
    for (int t = 0; t < n; ++t) K(t + k * n, k + t * p) = 1;
  return K;
}
}  // namespace

template <class T>
Mat<T> hessian_kronecker(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w) {
  const int n = m.n(), p = w.p(), np = n * p;
  const Mat<T> In = Mat<T>::Identity(n, n), Ip = Mat<T>::Identity(p, p);
  const Mat<T> P = B * m.Sxx;
  Mat<T> vecS(p * p, 1);
  for (int j = 0; j < p * p; ++j) vecS(j) = w.S(j % p, j / p);
  Mat<T> blocks = Mat<T>::Zero(np, np);
  for (int k = 0; k < p; ++k) blocks.block(k * n, k * n, n, n) = suffix_residual(m, A, B, w, k);
  Mat<T> H(2 * np, 2 * np);
  H.topLeftCorner(np, np) = 2 * kron<T>(Mat<T>((P * B.transpose()).cwiseProduct(w.S)), In);
  H.bottomRightCorner(np, np) = 2 * kron<T>(m.Sxx, Mat<T>((A.transpose() * A).cwiseProduct(w.S)));
  H.topRightCorner(np, np) = 2 * kron<T>(Ip, A) * vecS.col(0).asDiagonal() * kron<T>(P, Ip) +
                             2 * blocks * commutation<T>(p, n);
  H.bottomLeftCorner(np, np) = H.topRightCorner(np, np).transpose();
  return H;
}

template <class T>
Mat<T> hessian_elementwise(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w) {
  const int n = m.n(), p = w.p(), np = n * p;
  const Mat<T> P = B * m.Sxx, G = P * B.transpose(), Ga = A.transpose() * A;
  std::vector<Mat<T>> R;
  for (int k = 0; k < p; ++k) R.push_back(suffix_residual(m, A, B, w, k));
  Mat<T> H = Mat<T>::Zero(2 * np, 2 * np);
  for (int k = 0; k < p; ++k)
    for (int k2 = 0; k2 < p; ++k2) {
      const T aa = 2 * w.S(k, k2) * G(k, k2), bb = 2 * w.S(k, k2) * Ga(k, k2);
      for (int s = 0; s < n; ++s) H(s + k * n, s + k2 * n) = aa;
      for (int t = 0; t < n; ++t)
        for (int t2 = 0; t2 < n; ++t2) H(np + k + t * p, np + k2 + t2 * p) = bb * m.Sxx(t, t2);
    }
  for (int k = 0; k < p; ++k)
    for (int l = 0; l < p; ++l)
      for (int s = 0; s < n; ++s)
        for (int t = 0; t < n; ++t) {
          T v = 2 * w.S(k, l) * A(s, l) * P(k, t);
          if (k == l) v += 2 * R[k](s, t);
          H(s + k * n, np + l + t * p) = v;
          H(np + l + t * p, s + k * n) = v;
        }
  return H;
}

template <class T>
T hessian_form(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, LossKind kind, const Mat<T>& a1, const Mat<T>& b1,
               const Mat<T>& a2, const Mat<T>& b2) {
  const int p = static_cast<int>(A.cols());
  T total = 0;
  for (int i = (kind == LossKind::ordered ? 1 : p); i <= p; ++i) {
    // H_MSE of the network truncated to its first i units.
    const auto Ai = A.leftCols(i), Bi = B.topRows(i), a1i = a1.leftCols(i), b1i = b1.topRows(i);
    const auto a2i = a2.leftCols(i), b2i = b2.topRows(i);
    const Mat<T> R = Ai * Bi * m.Sxx - m.Syx;
    const Mat<T> d1 = a1i * Bi + Ai * b1i, d2 = a2i * Bi + Ai * b2i;
    total += 2 * (d1 * m.Sxx * d2.transpose()).trace() + 2 * R.cwiseProduct(a1i * b2i + a2i * b1i).sum();
  }
  return total;
}

template <class T> Mat<T> hessian_from_form(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, LossKind kind) {
  const int n = m.n(), p = static_cast<int>(A.cols()), dim = 2 * n * p;
  std::vector<Mat<T>> da(dim), db(dim);
  for (int j = 0; j < dim; ++j) {
    Vec<T> e = Vec<T>::Zero(dim);
    e(j) = 1;
    unpack(e, n, p, da[j], db[j]);
  }
  Mat<T> H(dim, dim);
  for (int i = 0; i < dim; ++i)
    for (int j = i; j < dim; ++j) H(i, j) = H(j, i) = hessian_form(m, A, B, kind, da[i], db[i], da[j], db[j]);
  return H;
}

template <class T>
T hessian_quadratic_compact(const Moments<T>& m, const Mat<T>& A, const Mat<T>& B, const LossWeights<T>& w, const Mat<T>& a,
                            const Mat<T>& b) {
  const Mat<T> P = B * m.Sxx;
  const Mat<T> G = P * B.transpose(), Gb = b * m.Sxx * b.transpose(), Pb = P * b.transpose();
  const auto& S = w.S;
  auto had = [&](const Mat<T>& M) { return Mat<T>(M.cwiseProduct(S)); };
  return 2 * (had(a.transpose() * a) * G).trace() + 2 * (had(A.transpose() * A) * Gb).trace() +
         4 * (had(A.transpose() * a) * Pb).trace() + 4 * (had(a.transpose() * A) * Pb).trace() -
         4 * (w.w.asDiagonal() * (a.transpose() * m.Syx * b.transpose())).trace();
}

template <class T> Vec<T> pack(const Mat<T>& A, const Mat<T>& B) {
  Vec<T> theta(A.size() + B.size());
  theta << Eigen::Map<const Vec<T>>(A.data(), A.size()), Eigen::Map<const Vec<T>>(B.data(), B.size());
  return theta;
}

template <class T> void unpack(const Vec<T>& theta, int n, int p, Mat<T>& A, Mat<T>& B) {
  A = Eigen::Map<const Mat<T>>(theta.data(), n, p);
  B = Eigen::Map<const Mat<T>>(theta.data() + n * p, p, n);
}

// Kernels that use only + − × ÷ (sound in exact rational arithmetic, docs/certification.md
// §7 (Exact route)); Gradient<T>::norm takes a square root and is instantiated for the reals only.
#define AEL_INSTANTIATE_LAE_RING(T)                                                                                   \
  template struct LossWeights<T>;                                                                                     \
  template Moments<T> moments_from_rows<T>(const Mat<T>&, const Mat<T>*);                                             \
  template LossWeights<T> loss_weights<T>(LossKind, int);                                                             \
  template T loss<T>(const Moments<T>&, const Mat<T>&, const Mat<T>&, const LossWeights<T>&);                         \
  template Gradient<T> gradient<T>(const Moments<T>&, const Mat<T>&, const Mat<T>&, const LossWeights<T>&);           \
  template Mat<T> suffix_residual<T>(const Moments<T>&, const Mat<T>&, const Mat<T>&, const LossWeights<T>&, int);    \
  template Gradient<T> gradient_per_unit<T>(const Moments<T>&, const Mat<T>&, const Mat<T>&, const LossWeights<T>&);  \
  template T loss_by_definition<T>(const Mat<T>&, const Mat<T>&, const Mat<T>&, const Mat<T>&, LossKind);             \
  template ValueAndGradient<T> data_form<T>(const Mat<T>&, const Mat<T>&, const Mat<T>&, const Mat<T>&,               \
                                            const LossWeights<T>&);                                                   \
  template ValueAndGradient<T> ordered_backward_sweep<T>(const Mat<T>&, const Mat<T>&, const Mat<T>&, const Mat<T>&); \
  template ValueAndGradient<T> mse_reference<T>(const Mat<T>&, const Mat<T>&, const Mat<T>&, const Mat<T>&);          \
  template Mat<T> hessian_kronecker<T>(const Moments<T>&, const Mat<T>&, const Mat<T>&, const LossWeights<T>&);       \
  template Mat<T> hessian_elementwise<T>(const Moments<T>&, const Mat<T>&, const Mat<T>&, const LossWeights<T>&);     \
  template T hessian_form<T>(const Moments<T>&, const Mat<T>&, const Mat<T>&, LossKind, const Mat<T>&, const Mat<T>&, \
                             const Mat<T>&, const Mat<T>&);                                                           \
  template Mat<T> hessian_from_form<T>(const Moments<T>&, const Mat<T>&, const Mat<T>&, LossKind);                    \
  template T hessian_quadratic_compact<T>(const Moments<T>&, const Mat<T>&, const Mat<T>&, const LossWeights<T>&,     \
                                          const Mat<T>&, const Mat<T>&);                                              \
  template Vec<T> pack<T>(const Mat<T>&, const Mat<T>&);                                                              \
  template void unpack<T>(const Vec<T>&, int, int, Mat<T>&, Mat<T>&);

#define AEL_INSTANTIATE_LAE_MODEL(T) \
  AEL_INSTANTIATE_LAE_RING(T)        \
  template struct Gradient<T>;

AEL_INSTANTIATE_LAE_MODEL(double)
AEL_INSTANTIATE_LAE_MODEL(mp_real)
AEL_INSTANTIATE_LAE_RING(rational)

}  // namespace ael::lae
