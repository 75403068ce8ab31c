#include "sign/gvamp.hpp"

#include "sign/denoiser.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ael::sign {

namespace {
constexpr double kContinuedFractionFrom = -2;  // below: Laplace's continued fraction
constexpr int kContinuedFractionDepth = 200;   // converged to ~1e-16 at x = 2 (tested against MPFR)

// Tails T_k = 1/(x + (k+1) T_{k+1}) of Laplace's continued fraction of the
// Mills ratio R(x) = Φ(−x)/φ(x) = T_0, by backward recurrence; x ≥ 2.
struct MillsTails {
  double t1, t2, t3;
};
MillsTails mills_tails(double x) {
  double t = 1 / x, t1 = 0, t2 = 0, t3 = 0;
  for (int k = kContinuedFractionDepth; k >= 1; --k) {
    t = 1 / (x + (k + 1) * t);
    if (k == 3) t3 = t;
    if (k == 2) t2 = t;
    if (k == 1) t1 = t;
  }
  return {t1, t2, t3};
}
}  // namespace

double normal_lambda(double a) {
  if (a >= kContinuedFractionFrom) return normal_pdf<double>(a) / normal_cdf<double>(a);
  const MillsTails m = mills_tails(-a);
  return -a + m.t1;  // 1/T_0 = x + T_1
}

TruncatedMoments truncated_normal_moments(double a) {
  if (a >= kContinuedFractionFrom) {
    const double l = normal_lambda(a);
    return {a + l, 1 - l * (l + a)};
  }
  // a + λ = T_1 and 1 − λ(λ + a) = T_1² T_2 (x − 3T_3 + 4T_2): the algebra
  // of the recurrence removes the cancellation (every term is positive).
  const double x = -a;
  const MillsTails m = mills_tails(x);
  return {m.t1, m.t1 * m.t1 * m.t2 * (x - 3 * m.t3 + 4 * m.t2)};
}

namespace {
void require_precision(const char* name, double value, int layer) {
  if (!(value > 0) || !std::isfinite(value))
    throw std::domain_error(std::string("GVAMP: extrinsic precision ") + name + " = " + std::to_string(value) +
                            " is not positive and finite at layer " + std::to_string(layer) + "; aborted");
}

// LMMSE estimate of x under the x-prior N(ξx2, 1/γ2) and the z-prior
// N(ξz2, 1/τ2): (γ2 I + τ2 Pr)⁻¹ w with w = γ2 ξx2 + τ2 B̄ᵀξz2, Pr a projector.
Vec<double> lmmse_x(const Mat<double>& B, const Vec<double>& xi_x2, double gamma2, const Vec<double>& xi_z2,
                    double tau2) {
  Vec<double> w = gamma2 * xi_x2;
  if (tau2 != 0) w += tau2 * (B.transpose() * xi_z2);
  const Vec<double> pw = B.transpose() * (B * w);
  return (w - pw) / gamma2 + pw / (gamma2 + tau2);
}
}  // namespace

std::vector<GvampLayer> gvamp_decode(const Mat<double>& B, const Vec<double>& s, double p, int layers) {
  const Eigen::Index n = B.rows(), d = B.cols();
  if (s.size() != n) throw std::invalid_argument("GVAMP: code length differs from the number of encoder rows");
  if (!(p > 0) || p > 1) throw std::invalid_argument("GVAMP: p must be in (0, 1]");
  for (Eigen::Index i = 0; i < n; ++i)
    if (std::abs(B.row(i).squaredNorm() - 1) > 1e-10) throw std::invalid_argument("GVAMP: encoder rows are not unit vectors");
  const double r = double(n) / double(d);
  Vec<double> xi_x2 = Vec<double>::Zero(d), xi_z2 = Vec<double>::Zero(n);
  double gamma2 = 1, tau2 = 0;
  std::vector<GvampLayer> out;
  for (int t = 1; t <= layers; ++t) {
    // 1. LMMSE, z part.
    const Vec<double> z2 = B * lmmse_x(B, xi_x2, gamma2, xi_z2, tau2);
    const double tau1 = gamma2;
    const Vec<double> xi_z1 = ((gamma2 + tau2) * z2 - tau2 * xi_z2) / tau1;
    // 2. z-denoiser: z ~ N(ξz1, 1/τ1) given sign(z) = s (truncated normal).
    const double sv = std::sqrt(1 / tau1);
    Vec<double> z1(n);
    double var_sum = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const TruncatedMoments m = truncated_normal_moments(s(i) * xi_z1(i) / sv);
      z1(i) = s(i) * sv * m.shift;
      var_sum += m.variance / tau1;
    }
    const double zeta1 = double(n) / var_sum;
    tau2 = zeta1 - tau1;
    require_precision("tau2", tau2, t);
    xi_z2 = (zeta1 * z1 - tau1 * xi_z1) / tau2;
    // 3. LMMSE, x part.
    GvampLayer layer;
    layer.x_lmmse = lmmse_x(B, xi_x2, gamma2, xi_z2, tau2);
    const double alpha2 = (1 - r) + r * gamma2 / (gamma2 + tau2);
    const double eta2 = gamma2 / alpha2, gamma1 = eta2 - gamma2;
    require_precision("gamma1", gamma1, t);
    layer.xi_x1 = (eta2 * layer.x_lmmse - gamma2 * xi_x2) / gamma1;
    // 4. x-denoiser: the Bayes BG denoiser at noise variance 1/γ1.
    const BgChannel<double> ch(p, 1 / gamma1);
    layer.x_hat.resize(d);
    double post_var = 0;
    for (Eigen::Index j = 0; j < d; ++j) {
      layer.x_hat(j) = ch.mean(layer.xi_x1(j));
      post_var += ch.variance(layer.xi_x1(j));
    }
    const double alpha1 = gamma1 * post_var / double(d), eta1 = gamma1 / alpha1;
    gamma2 = eta1 - gamma1;
    require_precision("gamma2", gamma2, t);
    xi_x2 = (eta1 * layer.x_hat - gamma1 * layer.xi_x1) / gamma2;
    layer.gamma1 = gamma1, layer.gamma2 = gamma2, layer.tau1 = tau1, layer.tau2 = tau2;
    out.push_back(std::move(layer));
  }
  return out;
}

}  // namespace ael::sign
