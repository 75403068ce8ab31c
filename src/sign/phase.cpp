#include "sign/phase.hpp"

namespace ael::sign {

template <class T> std::optional<T> bisect_p_star(const T& r, const T& m2, Sign0 s, T lo, T hi) {
  auto gap = [&](const T& p) { return identity_risk_limit<T>(r, p, m2, s) - r_gauss<T>(r); };
  const bool lo_positive = gap(lo) > 0;
  if ((gap(hi) > 0) == lo_positive) return std::nullopt;
  for (int k = 0; k < static_cast<int>(3.33 * working_digits()) + 10; ++k) {
    const T mid = (lo + hi) / 2;
    ((gap(mid) > 0) == lo_positive ? lo : hi) = mid;
  }
  return T((lo + hi) / 2);
}

template <class T> std::optional<T> bisect_p_star(const T& r, const T& m2, Sign0 s) {
  return bisect_p_star<T>(r, m2, s, T(1e-30), s == Sign0::plus ? T(T(2) - T(1e-30)) : T(100));
}

template std::optional<mp_real> bisect_p_star<mp_real>(const mp_real&, const mp_real&, Sign0, mp_real, mp_real);
template std::optional<mp_real> bisect_p_star<mp_real>(const mp_real&, const mp_real&, Sign0);

BgEvaluation train_and_evaluate_bg(const BgTrainOptions& t, long samples, const std::function<void(long, double, double)>& progress) {
  BgEvaluation e;
  e.run = train_bg(t, progress);
  e.mc = mc_risk(e.run.A, e.run.B, DataLaw{t.p}, t.sign0, samples, block_seed(t.seed, 2), t.threads);
  e.rate = double(t.n) / t.d;
  e.reference_gauss = t.n <= t.d;
  e.reference = e.reference_gauss ? r_gauss<double>(e.rate) : r_tight_frame<double>(e.rate);
  e.shape = shape_of(e.run.B);
  e.verdict = shape_verdict(e.shape, t.d);
  return e;
}

}  // namespace ael::sign
