// docs/sign.md, "Certified SA-6": every bound below is derived there (the numbers
// (1)–(5) refer to its steps).
#include "sign/certified_frames.hpp"

#include "core/progress.hpp"

#include <Eigen/Cholesky>
#include <arb.h>

#include <cmath>
#include <stdexcept>

namespace ael::sign {

namespace {
// Radius-0 upper / lower end of a ball.
void set_upper(arb_t out, const arb_t x, long prec) {
  arf_t a;
  arf_init(a);
  arb_get_ubound_arf(a, x, prec);
  arb_set_arf(out, a);
  arf_clear(a);
}
void set_lower(arb_t out, const arb_t x, long prec) {
  arf_t a;
  arf_init(a);
  arb_get_lbound_arf(a, x, prec);
  arb_set_arf(out, a);
  arf_clear(a);
}

// γ_m = m u / (1 − m u) with u = 2⁻⁵³ (double, round to nearest): the bound of a
// computed m-term dot product, |fl(xᵀy) − xᵀy| ≤ γ_m |x|ᵀ|y| (docs/sign.md, step (1)).
Ball gamma_upper(long m, long prec) {
  Ball mu, g;
  arb_one(mu.get());
  arb_mul_2exp_si(mu.get(), mu.get(), -53);
  arb_mul_ui(mu.get(), mu.get(), static_cast<unsigned long>(m), prec);
  arb_sub_ui(g.get(), mu.get(), 1, prec);
  arb_neg(g.get(), g.get());
  arb_div(g.get(), mu.get(), g.get(), prec);
  set_upper(g.get(), g.get(), prec);
  return g;
}

// m · 2⁻¹⁰⁷⁰: a bound of what gradual underflow adds to an m-term dot product.
Ball underflow_upper(long m) {
  Ball t;
  arb_set_ui(t.get(), static_cast<unsigned long>(m));
  arb_mul_2exp_si(t.get(), t.get(), -1070);
  return t;
}

// Σ_k x[k·sx] y[k·sy] of doubles (exact dyadics), enclosed at prec; |x| when abs_x.
class DotScratch {
 public:
  explicit DotScratch(long len) : len_(len), x_(_arb_vec_init(len)), y_(_arb_vec_init(len)) {}
  ~DotScratch() {
    _arb_vec_clear(x_, len_);
    _arb_vec_clear(y_, len_);
  }
  DotScratch(const DotScratch&) = delete;
  DotScratch& operator=(const DotScratch&) = delete;
  void dot(arb_t out, const double* x, long sx, const double* y, long sy, long m, long prec, bool abs_x = false) {
    for (long k = 0; k < m; ++k) {
      arb_set_d(x_ + k, abs_x ? std::fabs(x[k * sx]) : x[k * sx]);
      arb_set_d(y_ + k, y[k * sy]);
    }
    arb_dot(out, nullptr, 0, x_, 1, y_, 1, m, prec);
  }
  // Σ_k |x[k·sx]| · w_k with balls w.
  void abs_dot(arb_t out, const double* x, long sx, arb_srcptr w, long m, long prec) {
    for (long k = 0; k < m; ++k) arb_set_d(x_ + k, std::fabs(x[k * sx]));
    arb_dot(out, nullptr, 0, x_, 1, w, 1, m, prec);
  }

 private:
  long len_;
  arb_ptr x_, y_;
};

void two_over_pi(arb_t c, long prec) {
  arb_const_pi(c, prec);
  arb_ui_div(c, 2, c, prec);
}
}  // namespace

ArcsinMomentsEnclosure arcsin_moments_enclosure(const Mat<double>& B, long prec) {
  const long n = B.rows(), d = B.cols();
  if (n < 1 || d < 1) throw std::invalid_argument("arcsin_moments_enclosure: B is empty");
  if (!B.allFinite()) throw std::invalid_argument("arcsin_moments_enclosure: B has a non-finite entry");
  ArcsinMomentsEnclosure k;
  k.inverse_row_norms.resize(static_cast<size_t>(n));
  DotScratch scratch(d);
  Ball t, a, s, c, inv_max2;
  for (long i = 0; i < n; ++i) {  // 1/‖b_i‖ from the exact row sums of squares
    scratch.dot(t.get(), B.data() + i, n, B.data() + i, n, d, prec);
    if (!arb_is_positive(t.get())) throw std::invalid_argument("arcsin_moments_enclosure: row " + std::to_string(i) + " of B is zero");
    arb_rsqrt(k.inverse_row_norms[i].get(), t.get(), prec);
    arb_mul(t.get(), k.inverse_row_norms[i].get(), k.inverse_row_norms[i].get(), prec);
    set_upper(t.get(), t.get(), prec);
    if (i == 0 || arb_gt(t.get(), inv_max2.get())) arb_set(inv_max2.get(), t.get());
  }
  // (1) Gram products in double: |Gd_ij − b_i·b_j| ≤ γ_{d+2} ‖b_i‖‖b_j‖ + d·2⁻¹⁰⁷⁰, so
  // |g_ij − Gd_ij/(‖b_i‖‖b_j‖)| ≤ γ_{d+2} + d·2⁻¹⁰⁷⁰ max_i ‖b_i‖⁻².
  Mat<double> Gd(n, n);
  Gd.noalias() = B * B.transpose();
  Ball err = underflow_upper(d);
  arb_mul(err.get(), err.get(), inv_max2.get(), prec);
  arb_add(err.get(), err.get(), gamma_upper(d + 2, prec).get(), prec);
  set_upper(err.get(), err.get(), prec);
  // (2) K_ij = (2/π) arcsin g_ij in balls, rounded to double midpoints; the Gershgorin row sums
  // of T = arcsin(G) − G (off-diagonal entries arcsin g_ij − g_ij) on the way.
  two_over_pi(c.get(), prec);
  k.K.resize(n, n);
  std::vector<Ball> gersh(static_cast<size_t>(n));
  arf_t u, max_rad;
  arf_init(u);
  arf_init(max_rad);
  for (long i = 0; i < n && k.finite; ++i) {
    heartbeat("SA-6 ball arcsin moments, row", i, n);
    k.K(i, i) = 1;
    for (long j = 0; j < i; ++j) {
      arb_set_d(t.get(), Gd(i, j));
      arb_mul(t.get(), t.get(), k.inverse_row_norms[i].get(), prec);
      arb_mul(t.get(), t.get(), k.inverse_row_norms[j].get(), prec);
      arb_add_error(t.get(), err.get());
      arb_asin(a.get(), t.get(), prec);  // not finite if the ball of g_ij leaves (−1, 1)
      if (!arb_is_finite(a.get())) {
        k.finite = false;
        break;
      }
      arb_sub(s.get(), a.get(), t.get(), prec);
      arb_get_abs_ubound_arf(u, s.get(), prec);
      arb_add_arf(gersh[i].get(), gersh[i].get(), u, prec);
      arb_add_arf(gersh[j].get(), gersh[j].get(), u, prec);
      arb_mul(a.get(), a.get(), c.get(), prec);
      const double mid = arf_get_d(arb_midref(a.get()), ARF_RND_NEAR);
      k.K(i, j) = k.K(j, i) = mid;
      arb_set_d(s.get(), mid);
      arb_sub(s.get(), a.get(), s.get(), prec);
      arb_get_abs_ubound_arf(u, s.get(), prec);
      if (arf_cmp(u, max_rad) > 0) arf_set(max_rad, u);
    }
  }
  arb_set_arf(k.radius.get(), max_rad);
  arf_clear(u);
  arf_clear(max_rad);
  if (!k.finite) {
    arb_indeterminate(k.lambda_lower.get());
    return k;
  }
  // (3) λ_min(K) ≥ (2/π)(π/2 − 1 − max_i Σ_{j≠i} |T_ij|): G is PSD (Weyl), T_ii = π/2 − 1 (Gershgorin).
  Ball worst;
  for (long i = 0; i < n; ++i) {
    set_upper(t.get(), gersh[i].get(), prec);
    if (i == 0 || arb_gt(t.get(), worst.get())) arb_set(worst.get(), t.get());
  }
  arb_const_pi(t.get(), prec);
  arb_mul_2exp_si(t.get(), t.get(), -1);
  arb_sub_ui(t.get(), t.get(), 1, prec);
  arb_sub(t.get(), t.get(), worst.get(), prec);
  arb_mul(t.get(), t.get(), c.get(), prec);
  set_lower(k.lambda_lower.get(), t.get(), prec);
  return k;
}

Mat<double> approximate_frame_solution(const Mat<double>& B, const ArcsinMomentsEnclosure& k) {
  const Eigen::LLT<Mat<double>> llt(k.K);
  if (llt.info() != Eigen::Success) return Mat<double>();
  Mat<double> Bbar = B;
  for (Eigen::Index i = 0; i < B.rows(); ++i) Bbar.row(i) /= B.row(i).norm();
  return llt.solve(Bbar);
}

Ball optimal_quadratic_form_ball(const Mat<double>& B, const ArcsinMomentsEnclosure& k, const Mat<double>& X, long prec) {
  const long n = B.rows(), d = B.cols();
  Ball q;
  if (!k.finite || !arb_is_positive(k.lambda_lower.get()) || X.rows() != n || X.cols() != d || !X.allFinite()) {
    arb_indeterminate(q.get());
    return q;
  }
  // (4) Y = fl(K X) in double: |Y − KX| ≤ e_ij = γ_{n+2} κ_i ξ_j + ρ ℓ_j + n·2⁻¹⁰⁷⁰ with κ_i = ‖K row i‖₂
  // (midpoints), ξ_j = ‖x_j‖₂, ℓ_j = ‖x_j‖₁ and ρ = k.radius.
  Mat<double> Y(n, d);
  Y.noalias() = k.K * X;
  DotScratch scratch(std::max(n, d));
  const Ball gamma = gamma_upper(n + 2, prec), tiny = underflow_upper(n);
  arb_ptr kappa = _arb_vec_init(n), ones = _arb_vec_init(n);
  for (long i = 0; i < n; ++i) arb_one(ones + i);
  Ball t, sum_kappa, sum_kappa2;
  for (long i = 0; i < n; ++i) {
    scratch.dot(t.get(), k.K.data() + i, n, k.K.data() + i, n, n, prec);  // κ_i² = ‖row i‖²
    arb_add(sum_kappa2.get(), sum_kappa2.get(), t.get(), prec);
    arb_sqrt(kappa + i, t.get(), prec);
    arb_add(sum_kappa.get(), sum_kappa.get(), kappa + i, prec);
  }
  Ball S1, S2, eps, xi2_sum, xic_sum, c2_sum, fit2, xi, ell, w, cj;
  for (long j = 0; j < d; ++j) {
    const double* xj = X.data() + j * n;
    scratch.dot(t.get(), xj, 1, Y.data() + j * n, 1, n, prec);  // x_jᵀ y_j
    arb_add(S2.get(), S2.get(), t.get(), prec);
    scratch.dot(t.get(), xj, 1, xj, 1, n, prec);
    arb_add(xi2_sum.get(), xi2_sum.get(), t.get(), prec);
    arb_sqrt(xi.get(), t.get(), prec);
    scratch.abs_dot(ell.get(), xj, 1, ones, n, prec);   // ℓ_j = Σ_i |X_ij|
    scratch.abs_dot(w.get(), xj, 1, kappa, n, prec);  // Σ_i κ_i |X_ij|
    // ε₂ += γ ξ_j w_j + (ρ ℓ_j + n 2⁻¹⁰⁷⁰) ℓ_j
    arb_mul(cj.get(), k.radius.get(), ell.get(), prec);
    arb_add(cj.get(), cj.get(), tiny.get(), prec);
    arb_mul(t.get(), xi.get(), w.get(), prec);
    arb_addmul(eps.get(), t.get(), gamma.get(), prec);
    arb_addmul(eps.get(), cj.get(), ell.get(), prec);
    arb_addmul(xic_sum.get(), xi.get(), cj.get(), prec);
    arb_addmul(c2_sum.get(), cj.get(), cj.get(), prec);
  }
  _arb_vec_clear(kappa, n);
  _arb_vec_clear(ones, n);
  // tr(XᵀB̄) = Σ_i (b_i·x_i)/‖b_i‖ and ‖B̄ − Y‖²_F, row by row.
  Ball diff, y;
  for (long i = 0; i < n; ++i) {
    scratch.dot(t.get(), B.data() + i, n, X.data() + i, n, d, prec);
    arb_addmul(S1.get(), t.get(), k.inverse_row_norms[i].get(), prec);
    for (long j = 0; j < d; ++j) {
      arb_set_d(diff.get(), B(i, j));
      arb_mul(diff.get(), diff.get(), k.inverse_row_norms[i].get(), prec);
      arb_set_d(y.get(), Y(i, j));
      arb_sub(diff.get(), diff.get(), y.get(), prec);
      arb_addmul(fit2.get(), diff.get(), diff.get(), prec);
    }
  }
  // Q(X) = 2 tr(XᵀB̄) − tr(XᵀKX) ∈ 2 S1 − S2 ± ε₂ (step (4)).
  Ball Q;
  arb_mul_2exp_si(Q.get(), S1.get(), 1);
  arb_sub(Q.get(), Q.get(), S2.get(), prec);
  set_upper(eps.get(), eps.get(), prec);
  // ‖E‖²_F ≤ Σ_ij (γκ_iξ_j + c_j)² = γ² Σκ² Σξ² + 2γ Σκ Σ ξ_j c_j + n Σ c_j², ‖R‖_F ≤ ‖B̄ − Y‖_F + ‖E‖_F.
  Ball e2, res;
  arb_mul(e2.get(), gamma.get(), gamma.get(), prec);
  arb_mul(e2.get(), e2.get(), sum_kappa2.get(), prec);
  arb_mul(e2.get(), e2.get(), xi2_sum.get(), prec);
  arb_mul(t.get(), gamma.get(), sum_kappa.get(), prec);
  arb_mul(t.get(), t.get(), xic_sum.get(), prec);
  arb_mul_2exp_si(t.get(), t.get(), 1);
  arb_add(e2.get(), e2.get(), t.get(), prec);
  arb_addmul_ui(e2.get(), c2_sum.get(), static_cast<unsigned long>(n), prec);
  set_upper(e2.get(), e2.get(), prec);
  set_upper(fit2.get(), fit2.get(), prec);
  arb_sqrt(res.get(), e2.get(), prec);
  arb_sqrt(t.get(), fit2.get(), prec);
  arb_add(res.get(), res.get(), t.get(), prec);
  arb_mul(res.get(), res.get(), res.get(), prec);
  // (5) q ∈ [Q − ε₂, Q + ε₂ + ‖R‖²_F/λ].
  arb_div(res.get(), res.get(), k.lambda_lower.get(), prec);
  set_upper(res.get(), res.get(), prec);
  Ball lo, hi;
  arb_sub(lo.get(), Q.get(), eps.get(), prec);
  arb_add(hi.get(), Q.get(), eps.get(), prec);
  arb_add(hi.get(), hi.get(), res.get(), prec);
  arb_union(q.get(), lo.get(), hi.get(), prec);
  return q;
}

Ball risk_from_quadratic_form(const Ball& q, long d, long prec) {
  Ball risk;
  two_over_pi(risk.get(), prec);
  arb_mul(risk.get(), risk.get(), q.get(), prec);
  arb_div_ui(risk.get(), risk.get(), static_cast<unsigned long>(d), prec);
  arb_sub_ui(risk.get(), risk.get(), 1, prec);
  arb_neg(risk.get(), risk.get());
  return risk;
}

Ball certified_gaussian_optimal_risk(const Mat<double>& B, long prec, std::string* reason) {
  Ball risk;
  arb_indeterminate(risk.get());
  const auto fail = [&](const std::string& why) {
    if (reason) *reason = why;
    return risk;
  };
  const ArcsinMomentsEnclosure k = arcsin_moments_enclosure(B, prec);
  if (!k.finite) return fail("a correlation ball meets +-1");
  if (!arb_is_positive(k.lambda_lower.get())) return fail("the Gershgorin bound on lambda_min(K) is not positive");
  const Mat<double> X = approximate_frame_solution(B, k);
  if (X.size() == 0) return fail("the double Cholesky of K failed");
  risk = risk_from_quadratic_form(optimal_quadratic_form_ball(B, k, X, prec), B.cols(), prec);
  if (!arb_is_finite(risk.get())) return fail("the enclosure of tr(B'K^-1 B) is not finite");
  return risk;
}

}  // namespace ael::sign
