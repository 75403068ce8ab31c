#include "sign/gaussian_risk.hpp"

#include "core/errors.hpp"

namespace ael::sign {

template <class T> GaussianRisk<T> gaussian_risk(const T& rate) {
  if (!(rate > 0)) throw ParameterError("rate", "@rate must be > 0");
  GaussianRisk<T> g;
  g.rate = rate;
  g.tight_frame = rate > 1;
  g.risk = g.tight_frame ? r_tight_frame<T>(rate) : r_gauss<T>(rate);
  g.shannon = shannon<T>(rate);
  return g;
}

template GaussianRisk<double> gaussian_risk<double>(const double&);
template GaussianRisk<mp_real> gaussian_risk<mp_real>(const mp_real&);

}  // namespace ael::sign
