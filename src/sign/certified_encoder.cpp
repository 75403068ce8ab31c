#include "sign/certified_encoder.hpp"

#include <flint/fmpq.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace ael::sign {

BallMatrix exact_balls(const Mat<double>& M) {
  BallMatrix B(M.rows(), M.cols());
  for (Eigen::Index i = 0; i < M.rows(); ++i)
    for (Eigen::Index j = 0; j < M.cols(); ++j) B.set(i, j, Ball(M(i, j)));
  return B;
}

BallMatrix exact_balls(const Mat<mp_real>& M) { return to_balls(M); }

BallMatrix rational_balls(const ExactMat& M, long prec) {
  BallMatrix B(M.rows(), M.cols());
  fmpq_t q;
  fmpq_init(q);
  for (Eigen::Index i = 0; i < M.rows(); ++i)
    for (Eigen::Index j = 0; j < M.cols(); ++j) {
      fmpq_set_mpq(q, M(i, j).backend().data());
      arb_set_fmpq(B.at(i, j), q, prec);
    }
  fmpq_clear(q);
  return B;
}

namespace {
// 2/π and √(2/π).
void two_over_pi(arb_t c, arb_t root, long prec) {
  arb_const_pi(c, prec);
  arb_ui_div(c, 2, c, prec);
  arb_sqrt(root, c, prec);
}

// Gram matrix G = B Bᵀ. For exact (dyadic) B the products are formed at a
// precision at which they stay exact, so that G is exact whenever it can be.
BallMatrix gram(const BallMatrix& B, long prec) {
  BallMatrix G(B.rows(), B.rows());
  arb_mat_mul(G.get(), B.get(), transpose(B).get(), arb_mat_is_exact(B.get()) ? 4 * prec + 256 : prec);
  return G;
}

// Jet x + ε x' (first order): the derivative of every quantity along t.
struct Jet {
  Ball v, d;
};
}  // namespace

BallMoments gaussian_moments_ball(const BallMatrix& B, long prec) {
  const long n = B.rows(), d = B.cols();
  BallMoments m{BallMatrix(n, d), BallMatrix(n, n)};
  Ball c, root, t, u;
  two_over_pi(c.get(), root.get(), prec);
  const BallMatrix G = gram(B, prec);
  std::vector<Ball> norm(static_cast<size_t>(n));
  for (long i = 0; i < n; ++i) {
    arb_sqrt(norm[i].get(), G.at(i, i), prec);
    for (long k = 0; k < d; ++k) {
      arb_div(t.get(), B.at(i, k), norm[i].get(), prec);
      arb_mul(m.M.at(i, k), t.get(), root.get(), prec);
    }
  }
  for (long i = 0; i < n; ++i) {
    arb_one(m.K.at(i, i));
    for (long j = 0; j < i; ++j) {
      // ρ = ±1 exactly iff G_ij² = G_ii G_jj (Cauchy–Schwarz equality), decided exactly on an exact G.
      bool parallel = false;
      if (arb_is_exact(G.at(i, j)) && arb_is_exact(G.at(i, i)) && arb_is_exact(G.at(j, j))) {
        arb_mul(t.get(), G.at(i, j), G.at(i, j), ARF_PREC_EXACT);
        arb_mul(u.get(), G.at(i, i), G.at(j, j), ARF_PREC_EXACT);
        parallel = arb_equal(t.get(), u.get());
      }
      if (parallel) {
        arb_set_si(m.K.at(i, j), arf_sgn(arb_midref(G.at(i, j))));
        ++m.parallel_pairs;
      } else {
        arb_mul(t.get(), norm[i].get(), norm[j].get(), prec);
        arb_div(t.get(), G.at(i, j), t.get(), prec);
        arb_asin(t.get(), t.get(), prec);  // indeterminate if the ball leaves [−1, 1]
        arb_mul(m.K.at(i, j), t.get(), c.get(), prec);
      }
      arb_set(m.K.at(j, i), m.K.at(i, j));
    }
  }
  return m;
}

BallMoments mask_moments_ball(const BallMatrix& B, const std::vector<bool>& mask, const arb_t p, Sign0 s, long prec) {
  const long n = B.rows(), d = B.cols();
  std::vector<long> live;  // rows with ν_i > 0
  for (long i = 0; i < n; ++i) {
    bool zero = true;
    for (long k = 0; k < d; ++k) {
      if (!mask[static_cast<size_t>(k)] || arb_is_zero(B.at(i, k))) continue;
      if (arb_contains_zero(B.at(i, k))) throw std::domain_error("mask_moments_ball: a ball entry contains 0");
      zero = false;
    }
    if (!zero) live.push_back(i);
  }
  BallMatrix sub(static_cast<long>(live.size()), d);
  for (size_t r = 0; r < live.size(); ++r)
    for (long k = 0; k < d; ++k)
      if (mask[static_cast<size_t>(k)]) arb_set(sub.at(static_cast<long>(r), k), B.at(live[r], k));
  BallMoments m{BallMatrix(n, d), BallMatrix(n, n)};  // zero-initialised: M rows and mixed K entries of silent rows are 0
  if (!live.empty()) {
    const BallMoments g = gaussian_moments_ball(sub, prec);
    Ball root;
    arb_rsqrt(root.get(), p, prec);
    for (size_t r = 0; r < live.size(); ++r) {
      for (long k = 0; k < d; ++k) arb_mul(m.M.at(live[r], k), g.M.at(static_cast<long>(r), k), root.get(), prec);
      for (size_t q = 0; q < live.size(); ++q) arb_set(m.K.at(live[r], live[q]), g.K.at(static_cast<long>(r), static_cast<long>(q)));
    }
    m.parallel_pairs = g.parallel_pairs;
  }
  // Both silent: the sign0 table (docs/sign.md §2.3); one silent, one live: E = 0.
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < n; ++j) {
      const bool si = std::find(live.begin(), live.end(), i) == live.end(), sj = std::find(live.begin(), live.end(), j) == live.end();
      if (si && sj && (s == Sign0::plus || (s == Sign0::random && i == j))) arb_one(m.K.at(i, j));
    }
  return m;
}

BallMoments enumerated_bg_moments_ball(const BallMatrix& B, const arb_t p, const arb_t scale, Sign0 s, long prec) {
  const long n = B.rows(), d = B.cols();
  if (d > 20) throw std::invalid_argument("exact mask enumeration needs d <= 20");
  BallMoments total{BallMatrix(n, d), BallMatrix(n, n)};
  std::vector<bool> mask(static_cast<size_t>(d));
  Ball q, w, t;
  arb_sub_ui(q.get(), p, 1, prec);
  arb_neg(q.get(), q.get());
  for (std::uint32_t bits = 0; bits < (1u << d); ++bits) {
    unsigned long ones = 0;
    for (long k = 0; k < d; ++k) ones += (mask[static_cast<size_t>(k)] = (bits >> k) & 1u);
    arb_pow_ui(w.get(), p, ones, prec);
    arb_pow_ui(t.get(), q.get(), static_cast<unsigned long>(d) - ones, prec);
    arb_mul(w.get(), w.get(), t.get(), prec);
    const BallMoments m = mask_moments_ball(B, mask, scale, s, prec);
    arb_mat_scalar_addmul_arb(total.M.get(), m.M.get(), w.get(), prec);
    arb_mat_scalar_addmul_arb(total.K.get(), m.K.get(), w.get(), prec);
  }
  return total;
}

Ball inner_ball(const BallMatrix& X, const BallMatrix& Y, long prec) {
  if (X.rows() != Y.rows() || X.cols() != Y.cols()) throw std::logic_error("inner_ball: shapes differ");
  Ball s;
  for (long i = 0; i < X.rows(); ++i)
    for (long j = 0; j < X.cols(); ++j) arb_addmul(s.get(), X.at(i, j), Y.at(i, j), prec);
  return s;
}

Ball risk_ball(const BallMatrix& A, const BallMoments& m, long prec) {
  const long d = A.rows();
  BallMatrix AK(A.rows(), A.cols());
  arb_mat_mul(AK.get(), A.get(), m.K.get(), prec);
  Ball R, t;
  // tr(AM) = Σ A ∘ Mᵀ and tr(AKAᵀ) = Σ (AK) ∘ A.
  t = inner_ball(A, transpose(m.M), prec);
  arb_mul_2exp_si(t.get(), t.get(), 1);
  R = inner_ball(AK, A, prec);
  arb_sub(R.get(), R.get(), t.get(), prec);
  arb_div_si(R.get(), R.get(), d, prec);
  arb_add_ui(R.get(), R.get(), 1, prec);
  return R;
}

bool optimal_decoder_ball(BallMatrix& A, Ball& R, const BallMoments& m, long prec) {
  const long d = m.M.cols();
  BallMatrix X(m.K.rows(), d);
  if (!arb_mat_spd_solve(X.get(), m.K.get(), m.M.get(), prec)) return false;  // X = K⁻¹ M
  A = transpose(X);                                                           // Mᵀ K⁻¹ (K symmetric)
  Ball t = inner_ball(m.M, X, prec);                                          // tr(Mᵀ K⁻¹ M)
  arb_div_si(t.get(), t.get(), d, prec);
  arb_one(R.get());
  arb_sub(R.get(), R.get(), t.get(), prec);
  return true;
}

BallMatrix risk_gradient_A_ball(const BallMatrix& A, const BallMoments& m, long prec) {
  const long d = A.rows();
  BallMatrix G(A.rows(), A.cols());
  arb_mat_mul(G.get(), A.get(), m.K.get(), prec);
  const BallMatrix Mt = transpose(m.M);
  arb_mat_sub(G.get(), G.get(), Mt.get(), prec);
  arb_mat_scalar_mul_2exp_si(G.get(), G.get(), 1);
  arb_mat_scalar_div_si(G.get(), G.get(), d, prec);
  return G;
}

Ball risk_derivative_B_ball(const BallMatrix& A, const BallMatrix& B, const BallMatrix& V, long prec) {
  // R(t) = 1 − (2/d)√c Σ_{k,i} A_ki B̄_ik(t) + (1/d) c Σ_{i≠j} Q_ij arcsin ρ_ij(t) + const, Q = AᵀA, c = 2/π;
  // B̄_i = (b_i + t v_i)/ν_i, ν_i = ‖b_i + t v_i‖, ρ_ij = ⟨b_i + t v_i, b_j + t v_j⟩/(ν_i ν_j).
  const long n = B.rows(), d = B.cols();
  Ball c, root, t, u;
  two_over_pi(c.get(), root.get(), prec);
  std::vector<Jet> norm(static_cast<size_t>(n));
  auto dot = [&](const BallMatrix& X, long i, const BallMatrix& Y, long j, Ball& out) {
    arb_zero(out.get());
    for (long k = 0; k < d; ++k) arb_addmul(out.get(), X.at(i, k), Y.at(j, k), prec);
  };
  for (long i = 0; i < n; ++i) {
    Jet& nu = norm[static_cast<size_t>(i)];
    dot(B, i, B, i, t);
    arb_sqrt(nu.v.get(), t.get(), prec);
    dot(B, i, V, i, u);  // ν' = ⟨b, v⟩/ν
    arb_div(nu.d.get(), u.get(), nu.v.get(), prec);
  }
  BallMatrix Q(n, n);
  arb_mat_mul(Q.get(), transpose(A).get(), A.get(), prec);
  Ball linear, quadratic, rho, drho, s;
  for (long i = 0; i < n; ++i) {
    const Jet& nu = norm[static_cast<size_t>(i)];
    for (long k = 0; k < d; ++k) {  // B̄_ik' = v_ik/ν − b_ik ν'/ν²
      arb_mul(t.get(), B.at(i, k), nu.d.get(), prec);
      arb_div(t.get(), t.get(), nu.v.get(), prec);
      arb_sub(t.get(), V.at(i, k), t.get(), prec);
      arb_div(t.get(), t.get(), nu.v.get(), prec);
      arb_addmul(linear.get(), A.at(k, i), t.get(), prec);
    }
    for (long j = 0; j < i; ++j) {
      const Jet& mu = norm[static_cast<size_t>(j)];
      Ball g, dg, nn;
      dot(B, i, B, j, g);
      dot(B, i, V, j, t), dot(V, i, B, j, u);
      arb_add(dg.get(), t.get(), u.get(), prec);
      arb_mul(nn.get(), nu.v.get(), mu.v.get(), prec);
      arb_div(rho.get(), g.get(), nn.get(), prec);
      // ρ' = g'/(ν μ) − ρ (ν'/ν + μ'/μ)
      arb_div(t.get(), nu.d.get(), nu.v.get(), prec);
      arb_div(u.get(), mu.d.get(), mu.v.get(), prec);
      arb_add(t.get(), t.get(), u.get(), prec);
      arb_mul(t.get(), t.get(), rho.get(), prec);
      arb_div(drho.get(), dg.get(), nn.get(), prec);
      arb_sub(drho.get(), drho.get(), t.get(), prec);
      // (arcsin ρ)' = ρ'/√(1 − ρ²); indeterminate unless |ρ| < 1 is certified
      arb_mul(s.get(), rho.get(), rho.get(), prec);
      arb_sub_ui(s.get(), s.get(), 1, prec);
      arb_neg(s.get(), s.get());
      if (!arb_is_positive(s.get())) {
        arb_indeterminate(s.get());
        return s;
      }
      arb_sqrt(s.get(), s.get(), prec);
      arb_div(t.get(), drho.get(), s.get(), prec);
      arb_mul_2exp_si(t.get(), t.get(), 1);  // Q_ij and Q_ji
      arb_addmul(quadratic.get(), Q.at(i, j), t.get(), prec);
    }
  }
  Ball R;
  arb_mul(linear.get(), linear.get(), root.get(), prec);
  arb_mul_2exp_si(linear.get(), linear.get(), 1);
  arb_mul(quadratic.get(), quadratic.get(), c.get(), prec);
  arb_sub(R.get(), quadratic.get(), linear.get(), prec);
  arb_div_si(R.get(), R.get(), d, prec);
  return R;
}

}  // namespace ael::sign
