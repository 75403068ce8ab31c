#include "sparse/small_instances.hpp"

#include "core/rng.hpp"

namespace ael::sparse {

InstanceSpec had_spec(int n, int k, const std::string& delta, const std::string& eps_frac, std::uint64_t seed,
                      WindowKind window) {
  InstanceSpec s;
  s.dictionary = DictionaryKind::identity_hadamard;
  s.n = n;
  s.k = k;
  s.delta = delta;
  s.eps_frac = eps_frac;
  s.seed = seed;
  s.window = window;
  return s;
}

template <class T> Problem<T> orthogonal_problem(int n, int k, const T& delta, const T& eps, std::uint64_t seed) {
  Rng rng(seed);
  Vec<T> v(n);
  for (int r = 0; r < n; ++r) v(r) = ScalarOps<T>::from_double(rng.gaussian());
  Problem<T> P;
  P.A = Mat<T>::Identity(n, n) - T(2) * v * v.transpose() / v.squaredNorm();
  P.W = perturbed_weights(P.A, delta, seed + 1);
  P.eps = Vec<T>::Constant(n, eps);
  P.values = finite_law<T>({ScalarOps<T>::parse("0.95"), ScalarOps<T>::parse("1.05")}, {T(1) / T(2), T(1) / T(2)});
  P.support = SupportLaw::uniform;
  P.k = k;
  P.q = T(k) / T(n);
  return P;
}

template Problem<double> orthogonal_problem<double>(int, int, const double&, const double&, std::uint64_t);
template Problem<mp_real> orthogonal_problem<mp_real>(int, int, const mp_real&, const mp_real&, std::uint64_t);
template Problem<rational> orthogonal_problem<rational>(int, int, const rational&, const rational&, std::uint64_t);

}  // namespace ael::sparse
