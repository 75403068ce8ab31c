#include "lae/optimal_loss.hpp"

#include <stdexcept>

namespace ael::lae {

template <class T> T optimal_loss(const Vec<T>& lambda, const T& trSyy, bool autoencoder, LossKind kind, int p) {
  const int n = static_cast<int>(lambda.size());
  if (p < 1 || p > n) throw std::invalid_argument("optimal_loss: p = " + std::to_string(p) + " outside [1, n = " + std::to_string(n) + "]");
  T L = 0;
  for (int i = (kind == LossKind::ordered ? 1 : p); i <= p; ++i)
    for (int s = n - 1; s >= i; --s) L += lambda(s);
  if (autoencoder) return L;
  const T irreducible = trSyy - lambda.sum();
  const T terms = kind == LossKind::ordered ? T(p) : T(1);
  return irreducible > 0 ? T(L + terms * irreducible) : L;
}

template double optimal_loss<double>(const Vec<double>&, const double&, bool, LossKind, int);
template mp_real optimal_loss<mp_real>(const Vec<mp_real>&, const mp_real&, bool, LossKind, int);

}  // namespace ael::lae
