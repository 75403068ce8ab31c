#include "sign/denoiser.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ael::sign {

template <class T> T normal_pdf(const T& x) {
  using std::exp, std::sqrt;
  return exp(-x * x / 2) / sqrt(2 * boost::math::constants::pi<T>());
}

template <class T> T normal_cdf(const T& x) {
  using std::erfc, std::sqrt;
  return erfc(-x / sqrt(T(2))) / 2;
}

template <class T> T gaussian_cutoff() {
  using std::sqrt;
  return sqrt(T(2) * T(2.302585092994046) * T(carried_digits<T>() + 10)) + 1;
}

template <class T> T BgChannel<T>::log_odds(const T& y) const {
  using std::log;
  return log((1 - p) / p) + log(v1 / s2) / 2 - (y * y / 2) * (1 / s2 - 1 / v1);
}

template <class T> T BgChannel<T>::psi(const T& y) const {
  using std::exp;
  if (p == 1) return T(1);
  const T l = log_odds(y);
  // Through the log-odds so that neither exp overflows.
  return l > 0 ? exp(-l) / (1 + exp(-l)) : 1 / (1 + exp(l));
}

template <class T> T BgChannel<T>::mean(const T& y) const { return psi(y) * y / (p * v1); }

template <class T> T BgChannel<T>::variance(const T& y) const {
  const T m = y / (p * v1);
  const T ps = psi(y);
  // ψ·E[X²|y, X≠0] − f², written as ψ(1−ψ)m² + ψ·(posterior variance) to avoid cancellation.
  return ps * (1 - ps) * m * m + ps * s2 / (p * v1);
}

template <class T> T BgChannel<T>::marginal_density(const T& y) const {
  using std::sqrt;
  const T sd0 = sqrt(s2), sd1 = sqrt(v1);
  return (1 - p) * normal_pdf<T>(y / sd0) / sd0 + p * normal_pdf<T>(y / sd1) / sd1;
}

template <class T> T BgChannel<T>::crossover() const {
  using std::log, std::sqrt;
  if (p == 1) return T(0);
  const T c0 = log((1 - p) / p) + log(v1 / s2) / 2;
  return c0 > 0 ? T(sqrt(2 * c0 / (1 / s2 - 1 / v1))) : T(0);
}

namespace {
// Integrates g over [0, cutoff] split at the sorted breakpoints inside it.
template <class T, class G>
Quadrature<T> integrate_pieces(G&& g, std::vector<T> breaks, const T& cutoff, const T& rel_tol) {
  breaks.push_back(T(0));
  breaks.push_back(cutoff);
  std::sort(breaks.begin(), breaks.end());
  Quadrature<T> total;
  total.converged = true;
  for (size_t i = 0; i + 1 < breaks.size(); ++i) {
    if (breaks[i] < 0 || breaks[i + 1] > cutoff || !(breaks[i + 1] > breaks[i])) continue;
    total += de_integrate<T>(g, breaks[i], breaks[i + 1], rel_tol);
  }
  return total;
}

// 2∫_0^T f(a t)² φ(t) dt = E_t f(a t)² up to the tail, whose bound
// (|f(y)| ≤ |y|/(p v1), ∫_T^∞ t²φ ≤ (T + 1/T)φ(T)) is added to the error.
template <class T> Quadrature<T> second_moment_of_mean(const BgChannel<T>& ch, const T& a, const T& rel_tol) {
  const T cut = gaussian_cutoff<T>();
  auto g = [&](const T& t) { const T m = ch.mean(T(a * t)); return 2 * m * m * normal_pdf<T>(t); };
  Quadrature<T> q = integrate_pieces<T>(g, {T(ch.crossover() / a)}, cut, rel_tol);
  const T slope = a / (ch.p * ch.v1);
  q.error += 2 * slope * slope * (cut + 1 / cut) * normal_pdf<T>(cut);
  return q;
}
}  // namespace

template <class T> Quadrature<T> mmse_bg(const T& p, const T& s2, const T& rel_tol) {
  using std::sqrt;
  const BgChannel<T> ch(p, s2);
  Quadrature<T> active = second_moment_of_mean<T>(ch, sqrt(ch.v1), rel_tol);
  Quadrature<T> result;
  if (p < 1) {
    const Quadrature<T> null = second_moment_of_mean<T>(ch, sqrt(s2), rel_tol);
    result = null;
    result.value = (1 - p) * null.value;
    result.error = (1 - p) * null.error;
  } else {
    result.converged = true;
  }
  result.value = 1 - p * active.value - result.value;
  result.error += p * active.error;
  result.converged = result.converged && active.converged;
  result.evaluations += active.evaluations;
  result.l1 = T(1);
  return result;
}

template <class T> Quadrature<T> mmse_bg_posterior(const T& p, const T& s2, const T& rel_tol) {
  using std::sqrt;
  const BgChannel<T> ch(p, s2);
  const T s = sqrt(s2), s1 = sqrt(ch.v1);
  const T cut = gaussian_cutoff<T>() * s1;
  auto g = [&](const T& y) { return 2 * ch.marginal_density(y) * ch.variance(y); };
  return integrate_pieces<T>(g, {T(2 * s), T(6 * s), ch.crossover(), T(2 * s1), T(6 * s1)}, cut, rel_tol);
}

template <class T> T channel_noise(const T& r) { return boost::math::constants::half_pi<T>() / r - 1; }

template <class T> Quadrature<T> denoiser_risk(const T& p, const T& r, const T& rel_tol) {
  return mmse_bg<T>(p, channel_noise<T>(r), rel_tol);
}

#define AEL_INSTANTIATE_SIGN_DENOISER(T)                                          \
  template struct BgChannel<T>;                                                   \
  template Quadrature<T> mmse_bg<T>(const T&, const T&, const T&);                \
  template Quadrature<T> mmse_bg_posterior<T>(const T&, const T&, const T&);      \
  template T channel_noise<T>(const T&);                                          \
  template Quadrature<T> denoiser_risk<T>(const T&, const T&, const T&);          \
  template T normal_pdf<T>(const T&);                                             \
  template T normal_cdf<T>(const T&);                                             \
  template T gaussian_cutoff<T>();

AEL_INSTANTIATE_SIGN_DENOISER(double)
AEL_INSTANTIATE_SIGN_DENOISER(mp_real)

}  // namespace ael::sign
