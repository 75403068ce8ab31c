#include "sign/state_evolution.hpp"

#include "core/progress.hpp"

#include "sign/denoiser.hpp"

#include <cmath>
#include <stdexcept>

namespace ael::sign {

namespace {
// φ(a)²/(Φ(a)Φ(−a)); both factors of the denominator are computed from erfc so
// that neither suffers cancellation; an underflowed tail contributes nothing.
template <class T> T sign_information(const T& a) {
  using std::abs;
  const T small = normal_cdf<T>(T(-abs(a)));
  if (small == 0) return T(0);
  const T ph = normal_pdf<T>(a);
  return ph * ph / (small * (1 - small));
}
}  // namespace

template <class T> Quadrature<T> sign_posterior_variance(const T& v, const T& rel_tol) {
  using std::sqrt;
  // At p = 1 the recursion is stationary at γ2 = 1 exactly; rounding may
  // leave v a few ulps above 1, which is the same degenerate case.
  const T slack = T(1000) * working_epsilon<T>();
  if (!(v > 0) || v > 1 + slack) throw std::domain_error("z-side prior variance outside (0, 1]");
  Quadrature<T> q;
  if (v >= 1) {  // P ≡ 0: the degenerate Gaussian, handled exactly
    q.value = 1 - 2 / boost::math::constants::pi<T>();
    q.converged = true;
    return q;
  }
  const T k = sqrt((1 - v) / v), cut = gaussian_cutoff<T>();
  auto g = [&](const T& t) { return 2 * sign_information<T>(T(k * t)) * normal_pdf<T>(t); };
  q = de_integrate<T>(g, T(0), cut, rel_tol);
  // The information is ≤ 2/π·… bounded by 1 + a²; its tail beyond the cutoff is negligible.
  q.value = v * (1 - q.value);
  q.error *= v;
  return q;
}

template <class T> Quadrature<T> sign_posterior_variance_spec(const T& v, const T& rel_tol) {
  using std::sqrt;
  const T k = sqrt((1 - v) / v), cut = gaussian_cutoff<T>();
  auto g = [&](const T& t) {
    const T a = k * t, cdf = normal_cdf<T>(a);
    if (cdf == 0) return T(0);
    const T lambda = normal_pdf<T>(a) / cdf;
    return 2 * cdf * v * (1 - lambda * (lambda + a)) * normal_pdf<T>(t);
  };
  Quadrature<T> q = de_integrate<T>(g, T(-cut), T(0), rel_tol);
  q += de_integrate<T>(g, T(0), cut, rel_tol);
  return q;
}

template <class T>
SeRun<T> state_evolution(const T& r, const T& p, int max_layers, const T& stop_tol, const T& rel_tol,
                         const T& gamma2_start) {
  using std::abs;
  SeRun<T> run;
  T gamma2 = gamma2_start;
  for (int t = 1; t <= max_layers; ++t) {
    heartbeat("state evolution layer", t, max_layers);
    const T tau1 = gamma2;
    const Quadrature<T> vz = sign_posterior_variance<T>(T(1 / tau1), rel_tol);
    const T tau2 = 1 / vz.value - tau1;
    if (!(tau2 > 0)) throw std::domain_error("state evolution: non-positive z-side precision tau2 at layer " + std::to_string(t));
    const T alpha2 = (1 - r) + r * gamma2 / (gamma2 + tau2);
    const T gamma1 = gamma2 / alpha2 - gamma2;
    if (!(gamma1 > 0)) throw std::domain_error("state evolution: non-positive precision gamma1 at layer " + std::to_string(t));
    const Quadrature<T> m = mmse_bg<T>(p, T(1 / gamma1), rel_tol);
    run.layers.push_back({m.value, gamma1, T(vz.error + m.error)});
    gamma2 = 1 / m.value - gamma1;
    if (!(gamma2 > 0)) throw std::domain_error("state evolution: non-positive precision gamma2 at layer " + std::to_string(t));
    if (t >= 2) {
      const T step = abs(run.layers[t - 1].mse - run.layers[t - 2].mse);
      if (t >= 3) {
        // Linear convergence with ratio ρ leaves at most step·ρ/(1−ρ) to go.
        const T before = abs(run.layers[t - 2].mse - run.layers[t - 3].mse);
        const T rho = before > 0 ? T(step / before) : T(0);
        run.fixed_point_error = rho < 1 ? T(step * rho / (1 - rho)) : T(step);
      } else {
        run.fixed_point_error = step;
      }
      if (stop_tol > 0 && step < stop_tol) {
        run.converged = true;
        break;
      }
    }
  }
  return run;
}

#define AEL_INSTANTIATE_SIGN_SE(T)                                                         \
  template Quadrature<T> sign_posterior_variance<T>(const T&, const T&);                   \
  template Quadrature<T> sign_posterior_variance_spec<T>(const T&, const T&);              \
  template SeRun<T> state_evolution<T>(const T&, const T&, int, const T&, const T&, const T&);

AEL_INSTANTIATE_SIGN_SE(double)
AEL_INSTANTIATE_SIGN_SE(mp_real)

}  // namespace ael::sign
