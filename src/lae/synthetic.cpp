#include "lae/synthetic.hpp"

#include "core/errors.hpp"
#include "core/random_matrix.hpp"
#include "core/rng.hpp"

#include <sstream>
#include <stdexcept>

namespace ael::lae {

template <class T> Vec<T> parse_spectrum(const std::string& text, int n) {
  if (text == "gaussian") return Vec<T>();
  Vec<T> lambda(n);
  if (text == "linear") {
    for (int s = 0; s < n; ++s) lambda(s) = n - s;
    return lambda;
  }
  if (text.rfind("geometric:", 0) == 0) {
    const T r = parse_scalar<T>(text.substr(10));
    if (!(r > 0 && r < 1)) throw ParameterError("spectrum", "@spectrum geometric:R needs 0 < R < 1");
    lambda(0) = 1;
    for (int s = 1; s < n; ++s) lambda(s) = lambda(s - 1) * r;
    return lambda;
  }
  std::stringstream ss(text);
  std::string item;
  int count = 0;
  while (std::getline(ss, item, ',')) {
    if (count == n) throw ParameterError("spectrum", "@spectrum has more than n = " + std::to_string(n) + " values");
    lambda(count++) = parse_scalar<T>(item);
  }
  if (count != n)
    throw ParameterError("spectrum", "@spectrum has " + std::to_string(count) + " values, expected n = " + std::to_string(n));
  for (int s = 0; s < n; ++s)
    if (!(lambda(s) > 0)) throw ParameterError("spectrum", "@spectrum values must be positive");
  return lambda;
}

template <class T> Mat<T> random_orthonormal_columns(int rows, int cols, std::uint64_t seed) {
  Rng rng(seed);
  Mat<T> Q = gaussian_matrix<T>(rng, rows, cols);
  for (int j = 0; j < cols; ++j)
    for (int pass = 0; pass < 2; ++pass) {  // re-orthogonalise once: "twice is enough"
      for (int i = 0; i < j; ++i) Q.col(j) -= Q.col(i).dot(Q.col(j)) * Q.col(i);
      Q.col(j) /= Q.col(j).norm();
    }
  return Q;
}

template <class T> Mat<T> synthetic_samples(int n, int m, std::uint64_t seed, const std::string& spectrum) {
  const Vec<T> lambda = parse_spectrum<T>(spectrum, n);
  if (lambda.size() == 0) {
    Rng rng(seed);
    Mat<T> X(m, n);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) X(i, j) = T(rng.gaussian());
    return X;
  }
  if (m < n) throw std::invalid_argument("a prescribed spectrum needs m >= n samples");
  using std::sqrt;
  const Mat<T> Q = random_orthonormal_columns<T>(m, n, seed);
  const Mat<T> U = random_orthonormal_columns<T>(n, n, seed ^ 0x5bd1e995ULL);
  return Q * lambda.unaryExpr([](const T& v) { return T(sqrt(v)); }).asDiagonal() * U.transpose();
}

template <class T> Mat<T> synthetic_targets(const Mat<T>& X_rows, std::uint64_t seed) {
  Rng rng(seed ^ 0x9e3779b97f4a7c15ULL);
  const int n = static_cast<int>(X_rows.cols()), m = static_cast<int>(X_rows.rows());
  Mat<T> G(n, n), noise(m, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) G(i, j) = T(rng.gaussian());
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) noise(i, j) = T(rng.gaussian()) / 2;
  return X_rows * G.transpose() + noise;
}

#define AEL_INSTANTIATE_SYNTHETIC(T)                                                 \
  template Vec<T> parse_spectrum<T>(const std::string&, int);                        \
  template Mat<T> synthetic_samples<T>(int, int, std::uint64_t, const std::string&); \
  template Mat<T> synthetic_targets<T>(const Mat<T>&, std::uint64_t);                \
  template Mat<T> random_orthonormal_columns<T>(int, int, std::uint64_t);

AEL_INSTANTIATE_SYNTHETIC(double)
AEL_INSTANTIATE_SYNTHETIC(mp_real)

}  // namespace ael::lae
