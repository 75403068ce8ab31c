#include "sign/closed_forms.hpp"

#include "core/errors.hpp"

#include <boost/math/constants/constants.hpp>

#include <cmath>
#include <stdexcept>

namespace ael::sign {

Sign0 parse_sign0(const std::string& name) {
  if (name == "zero") return Sign0::zero;
  if (name == "plus") return Sign0::plus;
  if (name == "random") return Sign0::random;
  throw ParameterError("sign0", "unknown @sign0 '" + name + "' (plus, zero, random)");
}

const char* sign0_name(Sign0 s) {
  switch (s) {
    case Sign0::zero: return "zero";
    case Sign0::plus: return "plus";
    case Sign0::random: return "random";
  }
  return "?";
}

NonzeroLaw parse_nonzero(const std::string& name) {
  if (name == "gaussian") return NonzeroLaw::gaussian;
  if (name == "rademacher") return NonzeroLaw::rademacher;
  if (name == "uniform") return NonzeroLaw::uniform;
  if (name == "laplace") return NonzeroLaw::laplace;
  throw ParameterError("nonzero", "unknown @nonzero '" + name + "' (gaussian, rademacher, uniform, laplace)");
}

const char* nonzero_name(NonzeroLaw z) {
  switch (z) {
    case NonzeroLaw::gaussian: return "gaussian N(0,1)";
    case NonzeroLaw::rademacher: return "rademacher +-1";
    case NonzeroLaw::uniform: return "uniform on [-sqrt3, sqrt3]";
    case NonzeroLaw::laplace: return "laplace, scale 1/sqrt2";
  }
  return "?";
}

template <class T> T pi_value() { return boost::math::constants::pi<T>(); }

// The laws are parametrized by their natural scale (uniform half-width a,
// Laplace scale b) and both moments are computed from it, so that a wrong
// scale would show up as E z² ≠ 1 rather than be assumed away.
namespace {
template <class T> T uniform_half_width() { using std::sqrt; return sqrt(T(3)); }
template <class T> T laplace_scale() { using std::sqrt; return T(1) / sqrt(T(2)); }
}  // namespace

template <class T> T mu2(NonzeroLaw z) {
  switch (z) {
    case NonzeroLaw::gaussian: return T(2) / pi_value<T>();  // E|g| = √(2/π)
    case NonzeroLaw::rademacher: return T(1);
    case NonzeroLaw::uniform: { const T m = uniform_half_width<T>() / 2; return m * m; }  // E|z| = a/2
    case NonzeroLaw::laplace: { const T b = laplace_scale<T>(); return b * b; }          // E|z| = b
  }
  throw std::logic_error("unknown nonzero law");
}

template <class T> T second_moment(NonzeroLaw z) {
  switch (z) {
    case NonzeroLaw::gaussian: return T(1);
    case NonzeroLaw::rademacher: return T(1);
    case NonzeroLaw::uniform: { const T a = uniform_half_width<T>(); return a * a / 3; }
    case NonzeroLaw::laplace: { const T b = laplace_scale<T>(); return 2 * b * b; }
  }
  throw std::logic_error("unknown nonzero law");
}

template <class T> T r_gauss(const T& r) { return T(1) - 2 * r / pi_value<T>(); }

template <class T> T r_tight_frame(const T& r) {
  const T pi = pi_value<T>();
  return (pi - 2) / (pi - 2 + 2 * r);
}

template <class T> T shannon(const T& r) {
  using std::pow;
  return pow(T(2), -2 * r);
}

template <class T> T identity_risk_exact(int n, int d, const T& p, const T& mu2, Sign0 s) {
  const T r = T(n) / T(d);
  switch (s) {
    case Sign0::zero: return T(1) - r * mu2;       // K = p I, diagonal decoder
    case Sign0::random: return T(1) - r * p * mu2;  // K = I
    case Sign0::plus: {
      // K = p(2−p) I + q² 11ᵀ: eigenvalue p(2−p) (n−1 times) and p(2−p) + n q².
      const T q = T(1) - p, base = p * (T(2) - p);
      return T(1) - (p * mu2 / T(d)) * (T(n - 1) / base + T(1) / (base + T(n) * q * q));
    }
  }
  throw std::logic_error("unknown sign0");
}

template <class T> T identity_risk_limit(const T& r, const T& p, const T& mu2, Sign0 s) {
  switch (s) {
    case Sign0::zero: return T(1) - r * mu2;
    case Sign0::random: return T(1) - r * p * mu2;
    case Sign0::plus: return T(1) - r * mu2 / (T(2) - p);
  }
  throw std::logic_error("unknown sign0");
}

template <class T> CriticalSparsity<T> critical_sparsity(const T& mu2, Sign0 s) {
  CriticalSparsity<T> c;
  const T pi = pi_value<T>();
  if (s == Sign0::zero) {
    c.p_dependent = false;
    c.identity_always_better = mu2 > T(2) / pi;
    return c;
  }
  c.p_star = s == Sign0::plus ? T(2) - pi * mu2 / 2 : T(2) / (pi * mu2);
  c.transition = c.p_star > 0 && c.p_star < 1;
  return c;
}

template <class T> int code_length(const T& r, int d) {
  using std::abs;
  using std::round;
  if (d < 1) throw ParameterError("d", "@d must be >= 1 (got " + std::to_string(d) + ")");
  if (!(r > 0)) throw ParameterError("rate", "@rate must be > 0");
  const T rd = r * T(d);
  const T n = round(rd);
  // A decimal rate is rounded once when parsed; allow that rounding only.
  if (abs(rd - n) > T(64) * working_epsilon<T>() * (rd + 1) || n < 1)
    throw std::invalid_argument("n = rate*d = " + to_decimal(rd, 12) + " must be a positive integer");
  return static_cast<int>(to_double(n));
}

#define AEL_INSTANTIATE_SIGN_CLOSED(T)                                                 \
  template T pi_value<T>();                                                            \
  template T mu2<T>(NonzeroLaw);                                                       \
  template T second_moment<T>(NonzeroLaw);                                             \
  template T r_gauss<T>(const T&);                                                     \
  template T r_tight_frame<T>(const T&);                                               \
  template T shannon<T>(const T&);                                                     \
  template T identity_risk_exact<T>(int, int, const T&, const T&, Sign0);              \
  template T identity_risk_limit<T>(const T&, const T&, const T&, Sign0);              \
  template CriticalSparsity<T> critical_sparsity<T>(const T&, Sign0);                  \
  template int code_length<T>(const T&, int);

AEL_INSTANTIATE_SIGN_CLOSED(double)
AEL_INSTANTIATE_SIGN_CLOSED(mp_real)

}  // namespace ael::sign
