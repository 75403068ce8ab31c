// The assembled ball route of docs/certification.md §4: eigenvector enclosures,
// the ball Hessian at the enclosed critical point, and a ball LDLᵀ.
#include "lae/certify.hpp"

#include <algorithm>
#include <numeric>

namespace ael::lae {

namespace {
double mid_abs(arb_srcptr x) { return std::fabs(arf_get_d(arb_midref(x), ARF_RND_NEAR)); }
}  // namespace

BallMatrix certified_eigenvectors(const BallMatrix& Sigma, const std::vector<Ball>& lambda, const Mat<mp_real>& V,
                                  const std::vector<int>& which) {
  const long n = Sigma.rows();
  BallMatrix out(n, static_cast<long>(which.size()));
  for (size_t q = 0; q < which.size(); ++q) {
    const int s = which[q];
    BallMatrix v(n, 1);
    for (long i = 0; i < n; ++i) v.set(i, 0, Ball(V(i, s)));
    Ball norm2(0);
    for (long i = 0; i < n; ++i) norm2 += v.entry(i, 0) * v.entry(i, 0);
    const Ball norm = sqrt(norm2);
    for (long i = 0; i < n; ++i) v.set(i, 0, v.entry(i, 0) / norm);  // unit (as a ball)
    const Ball mu(lambda[static_cast<size_t>(s)].mid());
    const BallMatrix Sv = Sigma * v;
    BallMatrix r(n, 1);
    for (long i = 0; i < n; ++i) r.set(i, 0, Sv.entry(i, 0) - mu * v.entry(i, 0));
    // min_{j≠s} |λ_j − μ| as a ball (Arb's min contains the min of every choice of members)
    Ball gap;
    bool first = true;
    for (long j = 0; j < n; ++j) {
      if (j == s) continue;
      const Ball g = abs(lambda[static_cast<size_t>(j)] - mu);
      if (first) gap = g, first = false;
      else arb_min(gap.get(), gap.get(), g.get(), ball_bits());
    }
    if (!gap.certainly_positive())
      throw CertificationError("eigenvector " + std::to_string(s + 1) + " of Sigma: eigenvalue gap not certified");
    const Ball sin_bound = frobenius_upper(r) / gap;
    if (!certainly_less(sin_bound, Ball::decimal("0.5")))
      throw CertificationError("eigenvector " + std::to_string(s + 1) + " of Sigma: residual too large at " +
                               std::to_string(ball_bits()) + " bits");
    // ‖u − v‖ ≤ √2 sin θ for the sign with uᵀv ≥ 0 (1 − cos θ ≤ sin²θ): widen each entry.
    Ball rho = abs_upper(sqrt(Ball(2)) * sin_bound);
    const Ball spread = Ball::hull(-rho, rho);
    for (long i = 0; i < n; ++i) out.set(i, static_cast<long>(q), v.entry(i, 0) + spread);
  }
  return out;
}

AssembledInertia certified_ldlt_inertia(BallMatrix M) {
  const long N = M.rows();
  std::vector<long> order(static_cast<size_t>(N));
  std::iota(order.begin(), order.end(), 0);
  AssembledInertia out;
  Ball d, l;
  for (long k = 0; k < N; ++k) {
    // Pivot: the remaining diagonal entry of largest |midpoint| (a decision on
    // approximations only; any fixed permutation is a congruence).
    long best = k;
    for (long i = k + 1; i < N; ++i)
      if (mid_abs(M.at(order[i], order[i])) > mid_abs(M.at(order[best], order[best]))) best = i;
    std::swap(order[k], order[best]);
    const long pk = order[k];
    arb_set(d.get(), M.at(pk, pk));
    if (d.contains_zero() || !d.finite()) {
      out.reason = "LDL' pivot " + std::to_string(k + 1) + " of " + std::to_string(N) + " contains 0 at " +
                   std::to_string(ball_bits()) + " bits";
      return out;
    }
    ++(d.certainly_negative() ? out.inertia.negative : out.inertia.positive);
    for (long i = k + 1; i < N; ++i) {
      const long pi = order[i];
      arb_div(l.get(), M.at(pi, pk), d.get(), ball_bits());
      for (long j = k + 1; j < N; ++j) arb_submul(M.at(pi, order[j]), l.get(), M.at(pk, order[j]), ball_bits());
    }
  }
  out.proved = true;
  return out;
}

BallMoments ball_moments(const BallMatrix& Sxx, const BallMatrix* Syx) {
  BallMoments m;
  const long n = Sxx.rows();
  m.Sxx = Sxx;
  if (!Syx) {
    m.Syx = Sxx;
    m.Sigma = Sxx;
    m.Mhat = BallMatrix(n, n);
    arb_mat_one(m.Mhat.get());
    return m;
  }
  m.Syx = *Syx;
  BallMatrix inv(n, n);
  if (!arb_mat_inv(inv.get(), Sxx.get(), ball_bits()))
    throw CertificationError("Sigma_xx not certified invertible at " + std::to_string(ball_bits()) + " bits");
  m.Mhat = m.Syx * inv;
  m.Sigma = m.Mhat * transpose(m.Syx);
  return m;
}

AssembledInertia certified_assembled_inertia(const BallMoments& mo, const BallMatrix& UI, const BallMatrix& C, LossKind kind) {
  const long n = mo.Sxx.rows(), p = UI.cols(), np = n * p, dim = 2 * np;
  const bool ordered = kind == LossKind::ordered;
  auto S = [&](long k, long l) { return ordered ? static_cast<int>(p - std::max(k, l)) : 1; };
  // The point: A = U_I C, B = C⁻¹ U_Iᵀ M̂ (docs/lae-math.md §1).
  BallMatrix Cinv(p, p);
  if (!arb_mat_inv(Cinv.get(), C.get(), ball_bits()))
    throw CertificationError("C not certified invertible at " + std::to_string(ball_bits()) + " bits");
  const BallMatrix A = UI * C, B = Cinv * (transpose(UI) * mo.Mhat);
  const BallMatrix& Sxx = mo.Sxx;
  const BallMatrix BS = B * Sxx, G = BS * transpose(B), Ga = transpose(A) * A;
  BallMatrix H(dim, dim);
  // H_AA = 2(G∘S)⊗I_n, H_BB = 2Σ_xx⊗(G_a∘S) (docs/lae-math.md §4).
  for (long k = 0; k < p; ++k)
    for (long k2 = 0; k2 < p; ++k2) {
      const Ball gs = Ball(2 * S(k, k2)) * G.entry(k, k2), gas = Ball(2 * S(k, k2)) * Ga.entry(k, k2);
      for (long s = 0; s < n; ++s) H.set(s + k * n, s + k2 * n, gs);
      for (long t = 0; t < n; ++t)
        for (long t2 = 0; t2 < n; ++t2) arb_mul(H.at(np + k + t * p, np + k2 + t2 * p), Sxx.at(t, t2), gas.get(), ball_bits());
    }
  // H_AB: ∂²L/∂A_{sk}∂B_{lt} = 2 S_kl A_sl (BΣ_xx)_kt + 2δ_kl (R̄_k)_st, R̄_k = A D_k B Σ_xx − w_k Σ_yx.
  for (long k = 0; k < p; ++k) {
    BallMatrix ADk(n, p);
    for (long s = 0; s < n; ++s)
      for (long j = 0; j < p; ++j) arb_mul_si(ADk.at(s, j), A.at(s, j), S(j, k), ball_bits());
    BallMatrix Rk = ADk * BS;
    for (long s = 0; s < n; ++s)
      for (long t = 0; t < n; ++t) arb_submul_si(Rk.at(s, t), mo.Syx.at(s, t), ordered ? p - k : 1, ball_bits());
    for (long l = 0; l < p; ++l)
      for (long s = 0; s < n; ++s)
        for (long t = 0; t < n; ++t) {
          Ball v = Ball(2 * S(k, l)) * A.entry(s, l) * BS.entry(k, t);
          if (k == l) v += Ball(2) * Rk.entry(s, t);
          H.set(s + k * n, np + l + t * p, v);
          H.set(np + l + t * p, s + k * n, v);
        }
  }
  // Symmetry tangents (AΓ, −ΓB): Γ = e_k e_kᵀ (ordered) or every e_i e_jᵀ (MSE).
  std::vector<std::pair<long, long>> gammas;
  for (long i = 0; i < p; ++i)
    for (long j = 0; j < p; ++j)
      if (!ordered || i == j) gammas.push_back({i, j});
  const long d = static_cast<long>(gammas.size());
  BallMatrix N(dim, d);
  for (long q = 0; q < d; ++q) {
    const auto [i, j] = gammas[static_cast<size_t>(q)];
    for (long s = 0; s < n; ++s) arb_set(N.at(s + j * n, q), A.at(s, i));        // A e_i e_jᵀ: column j ← a_i
    for (long t = 0; t < n; ++t) arb_neg(N.at(np + i + t * p, q), B.at(j, t));    // −e_i e_jᵀ B: row i ← −b_j
  }
  // Rows R where N is certified nonsingular, chosen by elimination on midpoints.
  Mat<double> Nm(dim, d);
  for (long r = 0; r < dim; ++r)
    for (long q = 0; q < d; ++q) Nm(r, q) = arf_get_d(arb_midref(N.at(r, q)), ARF_RND_NEAR);
  std::vector<long> R;
  std::vector<bool> used(static_cast<size_t>(dim), false);
  for (long q = 0; q < d; ++q) {
    long best = -1;
    for (long r = 0; r < dim; ++r)
      if (!used[r] && (best < 0 || std::fabs(Nm(r, q)) > std::fabs(Nm(best, q)))) best = r;
    used[best] = true;
    R.push_back(best);
    for (long r = 0; r < dim; ++r)
      if (!used[r] && Nm(best, q) != 0) Nm.row(r) -= (Nm(r, q) / Nm(best, q)) * Nm.row(best);
  }
  BallMatrix NR(d, d);
  for (long a = 0; a < d; ++a)
    for (long q = 0; q < d; ++q) arb_set(NR.at(a, q), N.at(R[a], q));
  Ball det;
  arb_mat_det(det.get(), NR.get(), ball_bits());
  AssembledInertia out;
  out.tangents = static_cast<int>(d);
  if (det.contains_zero()) {
    out.reason = "[N Z] not certified nonsingular at " + std::to_string(ball_bits()) + " bits";
    return out;
  }
  // Z = the coordinate vectors outside R: ZᵀHZ is H without the rows and columns R.
  std::vector<long> keep;
  for (long r = 0; r < dim; ++r)
    if (!used[r]) keep.push_back(r);
  BallMatrix M(static_cast<long>(keep.size()), static_cast<long>(keep.size()));
  for (size_t a = 0; a < keep.size(); ++a)
    for (size_t b = 0; b < keep.size(); ++b) arb_set(M.at(static_cast<long>(a), static_cast<long>(b)), H.at(keep[a], keep[b]));
  out = certified_ldlt_inertia(std::move(M));
  out.tangents = static_cast<int>(d);
  out.inertia.zero = static_cast<int>(d);
  return out;
}

}  // namespace ael::lae
