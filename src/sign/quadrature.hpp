// Double-exponential (tanh-sinh) quadrature on finite intervals for double and
// mp_real. Boost 1.74's tanh_sinh/exp_sinh cannot be constructed for
// runtime-precision MPFR numbers (itrunc of an infinite limit), so the rule is
// written out here: nodes x = c + h·tanh((π/2) sinh t) on a t-grid halved at
// each level, error estimated by the difference of two successive levels
// (conservative: the rule converges quadratically in the number of digits).
#pragma once

#include "core/progress.hpp"
#include "core/scalar.hpp"

#include <boost/math/constants/constants.hpp>

#include <cmath>
#include <type_traits>

namespace ael::sign {

template <class T> struct Quadrature {
  T value = T(0);
  T error = T(0);  // estimated absolute error
  T l1 = T(0);     // ∫|f|, the scale relative to which the tolerance is met
  bool converged = false;
  int evaluations = 0;
  Quadrature& operator+=(const Quadrature& o) {
    value += o.value, error += o.error, l1 += o.l1, evaluations += o.evaluations;
    converged = converged && o.converged;
    return *this;
  }
};

// Digits carried by T at the moment (working precision).
template <class T> int carried_digits() {
  using std::log10;
  return static_cast<int>(to_double(-log10(working_epsilon<T>())));
}

// ∫_a^b f(x) dx to absolute error ≤ rel_tol·∫|f| (or the best reached after
// max_level halvings, with converged = false).
template <class T, class F>
Quadrature<T> de_integrate(F&& f, const T& a, const T& b, const T& rel_tol, int max_level = 12) {
  using std::cosh, std::exp, std::log, std::sinh, std::abs;
  const T half_pi = boost::math::constants::half_pi<T>();
  const T h = (b - a) / 2;
  // Beyond t_max the weights are below 10^-(carried digits + 5) of the centre weight.
  const double t_max = std::log(2 * std::log(10.0) * (carried_digits<T>() + 5) / 3.14159) + 0.5;
  Quadrature<T> q;
  T sum = 0, abs_sum = 0, previous = 0;
  // Adds the nodes ±t (t = 0 once) of the current level.
  auto add_node = [&](double t_d) {
    if constexpr (!std::is_same_v<T, double>) heartbeat("tanh-sinh quadrature");  // slow at high precision
    const T t(t_d);
    const T u = half_pi * sinh(t);
    const T e = exp(-2 * abs(u));
    const T sech2 = 4 * e / ((1 + e) * (1 + e));
    const T w = h * half_pi * cosh(t) * sech2;
    const T delta = h * 2 * e / (1 + e);  // h(1 − tanh|u|), accurate near the ends
    const T right = f(T(b - delta)), left = t_d == 0 ? T(0) : f(T(a + delta));
    q.evaluations += t_d == 0 ? 1 : 2;
    sum += w * (right + left);
    abs_sum += w * (abs(right) + abs(left));
  };
  double step = 1;
  add_node(0);
  for (double t = step; t <= t_max; t += step) add_node(t);
  previous = sum * T(step);
  for (int level = 1; level <= max_level; ++level) {
    step /= 2;
    for (double t = step; t <= t_max; t += 2 * step) add_node(t);
    const T estimate = sum * T(step);
    q.value = estimate;
    q.l1 = abs_sum * T(step);
    // Never claim less than the rounding of the sum itself.
    q.error = abs(estimate - previous) + T(16) * working_epsilon<T>() * q.l1;
    previous = estimate;
    if (level >= 3 && q.error <= rel_tol * q.l1) {
      q.converged = true;
      return q;
    }
  }
  return q;
}

}  // namespace ael::sign
