#include "sparse/enumerate.hpp"

#include <stdexcept>

namespace ael::sparse {

template <class T>
void for_each_support(const Problem<T>& P, const std::function<void(const std::vector<int>&, const T&)>& visit) {
  const int h = P.h();
  if (P.support == SupportLaw::bernoulli) {
    if (h > 20) throw std::invalid_argument("Bernoulli support enumeration needs h <= 20");
    for (unsigned long mask = 0; mask < (1UL << h); ++mask) {
      std::vector<int> S;
      for (int j = 0; j < h; ++j)
        if (mask >> j & 1UL) S.push_back(j);
      const T p = support_probability<T>(P.support, P.k, h, P.q, static_cast<int>(S.size()));
      if (p != 0) visit(S, p);
    }
    return;
  }
  const T p = support_probability<T>(P.support, P.k, h, P.q, P.k);
  std::vector<int> S(static_cast<size_t>(P.k));
  for (int t = 0; t < P.k; ++t) S[static_cast<size_t>(t)] = t;
  for (;;) {  // lexicographic k-subsets
    visit(S, p);
    int t = P.k - 1;
    while (t >= 0 && S[static_cast<size_t>(t)] == h - P.k + t) --t;
    if (t < 0) return;
    ++S[static_cast<size_t>(t)];
    for (int r = t + 1; r < P.k; ++r) S[static_cast<size_t>(r)] = S[static_cast<size_t>(r - 1)] + 1;
  }
}

template <class T>
void for_each_values(const ValueLaw<T>& law, int s, const std::function<void(const std::vector<T>&, const T&)>& visit) {
  if (law.kind != "finite") throw std::invalid_argument("value enumeration needs a finite value law");
  const size_t r = law.atoms.size();
  std::vector<size_t> digit(static_cast<size_t>(s), 0);
  std::vector<T> x(static_cast<size_t>(s));
  for (;;) {  // odometer over atoms^s
    T p(1);
    for (int t = 0; t < s; ++t) x[static_cast<size_t>(t)] = law.atoms[digit[static_cast<size_t>(t)]], p *= law.probs[digit[static_cast<size_t>(t)]];
    visit(x, p);
    int t = 0;
    while (t < s && ++digit[static_cast<size_t>(t)] == r) digit[static_cast<size_t>(t++)] = 0;
    if (t == s) return;
  }
}

template <class T> Enumeration<T> enumerate_true_network(const Problem<T>& P, int i) {
  const int n = P.n(), h = P.h();
  Enumeration<T> out;
  out.mean_gradient = Vec<T>::Zero(n);
  out.mean_loss = T(0);
  out.max_gradient_norm_sq = T(0);
  out.max_row_gradient_norm_sq_over_support = T(0);
  out.wy_max_off = Vec<T>(h), out.wy_min_on = Vec<T>(h);
  std::vector<char> seen_off(static_cast<size_t>(h), 0), seen_on(static_cast<size_t>(h), 0);
  for_each_support<T>(P, [&](const std::vector<int>& S, const T& pS) {
    std::vector<char> in_support(static_cast<size_t>(h), 0);
    for (int j : S) in_support[static_cast<size_t>(j)] = 1;
    for_each_values<T>(P.values, static_cast<int>(S.size()), [&](const std::vector<T>& x, const T& px) {
      const Vec<T> y = observation(P.A, S, x);
      const Forward<T> f = forward(P.W, P.eps, y);
      const Vec<T> wy = f.u + P.eps;
      for (int j = 0; j < h; ++j) {
        const size_t js = static_cast<size_t>(j);
        if (f.active[js] != in_support[js]) {
          ++out.recovery_failures;
          break;
        }
      }
      for (int j = 0; j < h; ++j) {
        const size_t js = static_cast<size_t>(j);
        auto& seen = in_support[js] ? seen_on : seen_off;
        T& extreme = in_support[js] ? out.wy_min_on(j) : out.wy_max_off(j);
        if (!seen[js] || (in_support[js] ? wy(j) < extreme : wy(j) > extreme)) extreme = wy(j), seen[js] = 1;
      }
      Vec<T> g = Vec<T>::Zero(n);
      if (f.active[static_cast<size_t>(i)]) g = f.u(i) * f.e + P.W.row(i).dot(f.e) * y;
      const T weight = pS * px;
      out.mean_gradient += weight * g;
      out.mean_loss += weight * f.e.squaredNorm() / T(2);
      const T g2 = g.squaredNorm();
      if (g2 > out.max_gradient_norm_sq) out.max_gradient_norm_sq = g2;
      if (in_support[static_cast<size_t>(i)] && g2 > out.max_row_gradient_norm_sq_over_support)
        out.max_row_gradient_norm_sq_over_support = g2;
      ++out.samples;
    });
  });
  return out;
}

template <class T> Vec<T> expected_gradient_by_supports(const Problem<T>& P, int i) {
  Vec<T> total = Vec<T>::Zero(P.n());
  for_each_support<T>(P, [&](const std::vector<int>& S, const T& pS) {
    for (int j : S)
      if (j == i) total += pS * conditional_gradient(P, i, S);
  });
  return total;
}

template <class T> T expected_loss_by_supports(const Problem<T>& P) {
  T total(0);
  for_each_support<T>(P, [&](const std::vector<int>& S, const T& pS) { total += pS * conditional_loss(P, S); });
  return total;
}

#define AEL_SPARSE_ENUMERATE(T)                                                                                        \
  template void for_each_support<T>(const Problem<T>&, const std::function<void(const std::vector<int>&, const T&)>&); \
  template void for_each_values<T>(const ValueLaw<T>&, int, const std::function<void(const std::vector<T>&, const T&)>&); \
  template Enumeration<T> enumerate_true_network<T>(const Problem<T>&, int);                                          \
  template Vec<T> expected_gradient_by_supports<T>(const Problem<T>&, int);                                           \
  template T expected_loss_by_supports<T>(const Problem<T>&);

AEL_SPARSE_ENUMERATE(double)
AEL_SPARSE_ENUMERATE(mp_real)
AEL_SPARSE_ENUMERATE(rational)

}  // namespace ael::sparse
