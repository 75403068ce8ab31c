#include "sparse/expected.hpp"

#include "core/ball_eigen.hpp"

#include <algorithm>
#include <cmath>

namespace ael::sparse {

namespace {

// The sums over j ∈ O = [h] ∖ {i} of §5.3, computed as matrix–vector products
// with a mask that removes j = i (so each costs O(hn)).
// The dense products of the kernel: Eigen's for double, MPFR and rationals; arb_dot
// for balls (core/ball_eigen.hpp), where Eigen's generic product is ~20× slower.
template <class T> Vec<T> mul(const Mat<T>& M, const Vec<T>& x) { return M * x; }
template <class T> Vec<T> mul_t(const Mat<T>& M, const Vec<T>& x) { return M.transpose() * x; }
// Entry j: W_jᵀ A_j (row j of W against column j of A).
template <class T> Vec<T> diagonal_WA(const Mat<T>& W, const Mat<T>& A) { return W.cwiseProduct(A.transpose()).rowwise().sum(); }
Vec<Ball> mul(const Mat<Ball>& M, const Vec<Ball>& x) { return ball_gemv(M, x); }
Vec<Ball> mul_t(const Mat<Ball>& M, const Vec<Ball>& x) { return ball_gemv_transposed(M, x); }
Vec<Ball> diagonal_WA(const Mat<Ball>& W, const Mat<Ball>& A) { return ball_diagonal_of_product(W, A); }

template <class T> struct RowSums {
  const Mat<T>& A;
  const Mat<T>& W;
  Vec<T> mask;
  RowSums(const Mat<T>& A_, const Mat<T>& W_, int i) : A(A_), W(W_), mask(Vec<T>::Ones(A_.cols())) { mask(i) = T(0); }
  Vec<T> masked(const Vec<T>& f) const { return f.cwiseProduct(mask); }
  Vec<T> sum_W(const Vec<T>& f) const { return mul_t(W, masked(f)); }  // Σ_j f_j W_j
  Vec<T> sum_A(const Vec<T>& f) const { return mul(A, masked(f)); }    // Σ_j f_j A_j
  Vec<T> SP(const Vec<T>& u) const { return sum_W(mul(W, u)); }        // Σ_j W_j W_jᵀ u
  Vec<T> SQ(const Vec<T>& u) const { return sum_A(mul_t(A, u)); }      // Σ_j A_j A_jᵀ u
};

template <class T> double norm_double(const Vec<T>& x) { return std::sqrt(to_double(ScalarOps<T>::to_mp(x.squaredNorm()))); }
template <> double norm_double<double>(const Vec<double>& x) { return x.norm(); }
// Only the hygiene ratio reads this: the midpoint's norm, not a bound.
template <> double norm_double<Ball>(const Vec<Ball>& x) { return std::sqrt(std::max(0.0, ball_squared_norm(x).mid_double())); }

}  // namespace

template <class T> ExpectedGradient<T> expected_gradient(const Problem<T>& P, int i) {
  const Mat<T>& A = P.A;
  const Mat<T>& W = P.W;
  const RowSums<T> R(A, W, i);
  const auto inc = P.incl();
  const T rho1 = inc.rho1, rho2 = inc.rho2, rho3 = inc.rho3;
  const T kap2 = rho1 - rho2, kap3 = rho2 - rho3, lam = rho1 - T(3) * rho2 + T(2) * rho3;
  const T m1 = P.values.m1, v = P.values.variance(), mm = m1 * m1, ei = P.eps(i);

  const Vec<T> w = W.row(i).transpose(), alpha = A.col(i);
  const T theta = alpha.dot(w), omega = w.dot(w), phi = omega - T(1);
  auto B = [&](const Vec<T>& u) -> Vec<T> { return w * w.dot(u) - u; };

  // Per-j scalars (entry i is removed by the mask inside every sum).
  const Vec<T> WA = diagonal_WA(W, A);
  const Vec<T> Aw = mul_t(A, w), Ww = mul(W, w), Walpha = mul(W, alpha);
  const Vec<T> SA = R.sum_A(Vec<T>::Ones(A.cols()));  // ΣA
  const Vec<T> WSigma = mul(W, SA);
  const Vec<T> Sb = R.sum_W(P.eps);                    // Σ_j ε_j W_j
  const T SAw = SA.dot(w), Sbw = Sb.dot(w);
  const Vec<T> SPw = R.SP(w), SQw = R.SQ(w), SPalpha = R.SP(alpha), SPSA = R.SP(SA), SPSQw = R.SP(SQw);
  const T aSPw = alpha.dot(SPw), SASPw = SA.dot(SPw), sAPw = R.masked(WA).dot(Ww);
  const Vec<T> sPQw = R.sum_W(WA.cwiseProduct(Aw)), sPaAw = R.sum_W(Walpha.cwiseProduct(Aw)), sPA = R.sum_W(WA);
  const Vec<T> sPSAAw = R.sum_W(WSigma.cwiseProduct(Aw)), sAWw = R.sum_A(WA.cwiseProduct(Ww));
  const Vec<T> SQSPw = R.SQ(SPw);

  const Vec<T> c1 = v * theta * alpha + v * rho1 * SQw +
                    mm * (theta * alpha + rho1 * SAw * alpha + theta * rho1 * SA + rho2 * SAw * SA + kap2 * SQw);
  const Vec<T> t2 = B(c1) + v * theta * rho1 * SPalpha + v * (rho2 * SPSQw + kap2 * sPQw) +
                    mm * (theta * rho1 * SPalpha + (rho2 * SAw * SPalpha + kap2 * sPaAw) + theta * (rho2 * SPSA + kap2 * sPA) +
                          rho3 * SAw * SPSA + kap3 * (SAw * sPA + sPSAAw + SPSQw) + lam * sPQw);
  const Vec<T> t3 = phi * c1 + v * rho1 * aSPw * alpha + v * (rho2 * SQSPw + kap2 * sAWw) +
                    mm * (rho1 * aSPw * alpha + (rho2 * SASPw + kap2 * sAPw) * alpha + rho2 * aSPw * SA +
                          kap2 * R.sum_A(Walpha.cwiseProduct(Ww)) + rho3 * SASPw * SA +
                          kap3 * (SQSPw + R.sum_A(WSigma.cwiseProduct(Ww)) + sAPw * SA) + lam * sAWw);
  const Vec<T> t4 = -m1 * (ei * theta * w + ei * rho1 * SAw * w + theta * rho1 * Sb + rho2 * SAw * Sb +
                           kap2 * R.sum_W(P.eps.cwiseProduct(Aw)));
  const Vec<T> t5 = -m1 * ei * (B(alpha) + rho1 * B(SA) + rho1 * SPalpha + rho2 * SPSA + kap2 * sPA);
  const Vec<T> t6 = -m1 * (ei * omega * alpha + rho1 * Sbw * alpha + ei * omega * rho1 * SA + rho2 * Sbw * SA +
                           kap2 * R.sum_A(P.eps.cwiseProduct(Ww)));
  const Vec<T> t7 = ei * (ei * w + rho1 * Sb);

  ExpectedGradient<T> g;
  const Vec<T> total = t2 + t3 + t4 + t5 + t6 + t7;
  g.value = inc.pi1 * total;
  g.norm_sq = g.value.squaredNorm();
  const double parts = norm_double(t2) + norm_double(t3) + norm_double(t4) + norm_double(t5) + norm_double(t6) + norm_double(t7);
  g.cancellation_ratio = parts > 0 ? norm_double(total) / parts : 1.0;
  return g;
}

namespace {
// M Mᵀ for an r × c matrix M through the symmetric rank update (half a GEMM).
template <class T> Mat<T> gram(const Mat<T>& M) {
  Mat<T> G = Mat<T>::Zero(M.rows(), M.rows());
  G.template selfadjointView<Eigen::Lower>().rankUpdate(M);
  G.template triangularView<Eigen::StrictlyUpper>() = G.transpose();
  return G;
}
}  // namespace

// §5.3 for every row. Notation: X := W A (X_ij = W_iᵀA_j, so for row i
// Aw_j = X_ij, Wα_j = X_ji, WA_j = X_jj = θ_j) and K := W Wᵀ (Ww_j = K_ij).
// Each vector of §5.3 is a masked sum Σ_{j≠i} f_ij W_j or Σ_{j≠i} g_ij A_j,
// or a multiple of w, α; the coefficient of each in T_II..T_VII is a per-row
// scalar. Collecting them gives row i = Σ_j F_ij W_j + Σ_j G_ij A_j + cN (PQ+QP) w,
// where the diagonal F_ii, G_ii carries the w and α terms and
//   SPSQw = (P − wwᵀ)(Q − ααᵀ)w = PQw − θ Σ_{j≠i} X_ji W_j − (Σ_l X_il²) w,
//   SQ(SPw) = (Q − ααᵀ)(P − wwᵀ)w = QPw − ω Σ_{j≠i} X_ij A_j − (Σ_j X_ji K_ij) α.
template <class T> Mat<T> expected_gradient_all_rows(const Problem<T>& P) {
  using Arr = Eigen::Array<T, Eigen::Dynamic, 1>;
  const Mat<T>& A = P.A;
  const Mat<T>& W = P.W;
  const Eigen::Index h = A.cols();
  const auto inc = P.incl();
  const T rho1 = inc.rho1, rho2 = inc.rho2, rho3 = inc.rho3;
  const T kap2 = rho1 - rho2, kap3 = rho2 - rho3, lam = rho1 - T(3) * rho2 + T(2) * rho3;
  const T m1 = P.values.m1, v = P.values.variance(), mm = m1 * m1;

  const Mat<T> X = W * A, Xt = X.transpose(), K = gram(W);
  const Arr theta = X.diagonal().array(), omega = K.diagonal().array(), eps = P.eps.array();
  const Arr& d = theta;  // WA_j = θ_j
  const Vec<T> Ws = W * A.rowwise().sum();  // W_jᵀ Σ_all A

  // Row scalars of §5.3: full sums minus their j = i term.
  const Arr SAw = Ws.array() - theta;
  const Arr Sbw = (K * P.eps).array() - eps * omega;
  const Arr XiXi = X.rowwise().squaredNorm().array();  // Σ_l X_il²
  const Arr sqAw = XiXi - theta * theta;                // wᵀ SQw
  const Arr XK = X.cwiseProduct(K).colwise().sum().transpose().array();  // Σ_j X_ji K_ij
  const Arr aSPw = XK - theta * omega;
  const Arr SASPw = (K * Ws).array() - Ws.array() * omega - aSPw;
  const Arr sAPw = (K * d.matrix()).array() - d * omega;
  const Arr phi = omega - T(1);

  // c1 = a1 α + a2 SQw + a3 ΣA.
  const Arr a1 = v * theta + mm * (theta + rho1 * SAw);
  const T a2 = v * rho1 + mm * kap2;
  const Arr a3 = mm * (theta * rho1 + rho2 * SAw);
  const Arr wc1 = a1 * theta + a2 * sqAw + a3 * SAw;

  // Coefficients of the §5.3 vectors, summed over T_II..T_VII.
  const T cPQ = v * kap2 + mm * lam;  // sPQw and sAWw
  const T cPaAw = mm * kap2;          // sPαAw and Σ Wα_j Ww_j A_j
  const T cPSAAw = mm * kap3;         // sPSAAw and Σ WΣ_j Ww_j A_j
  const T cEps = -m1 * kap2;          // Σ ε_j Aw_j W_j and Σ ε_j Ww_j A_j
  const T cN = v * rho2 + mm * kap3;  // SPSQw and SQ(SPw)
  const Arr cSPa = v * theta * rho1 + mm * (theta * rho1 + rho2 * SAw) - m1 * rho1 * eps;
  const Arr cSPSA = mm * (theta * rho2 + rho3 * SAw) - m1 * rho2 * eps;
  const Arr csPA = mm * (theta * kap2 + kap3 * SAw) - m1 * kap2 * eps;
  const Arr cSb = rho1 * eps - m1 * (theta * rho1 + rho2 * SAw);
  const Arr cSA = (phi - T(1)) * a3 + mm * (rho2 * aSPw + rho3 * SASPw + kap3 * sAPw) + m1 * rho1 * eps -
                  m1 * (eps * omega * rho1 + rho2 * Sbw);
  const Arr coef_w = wc1 - T(2) * m1 * eps * (theta + rho1 * SAw) + eps * eps - cN * XiXi;
  const Arr coef_a = (phi - T(1)) * a1 + v * rho1 * aSPw + mm * (rho1 * aSPw + rho2 * SASPw + kap2 * sAPw) + m1 * eps -
                     m1 * (eps * omega + rho1 * Sbw) - cN * XK;
  // F_ij, G_ij (j ≠ i), one column j at a time; WΣ_j = Ws_j − X_ji.
  const Arr fXt = cSPa - cSPSA - cN * theta, gX = (phi - T(1)) * a2 - cN * omega;
  Mat<T> F(h, h), G(h, h);
  Arr Y(h);
  for (Eigen::Index j = 0; j < h; ++j) {
    const auto Xj = X.col(j).array(), Xtj = Xt.col(j).array();
    Y = cPQ * d(j) + cEps * eps(j) + cPaAw * Xtj + cPSAAw * (Ws(j) - Xtj);
    F.col(j) = (fXt * Xtj + cSPSA * Ws(j) + csPA * d(j) + cSb * eps(j) + Xj * Y).matrix();
    G.col(j) = (gX * Xj + cSA + K.col(j).array() * Y).matrix();
  }
  F.diagonal() = coef_w.matrix();
  G.diagonal() = coef_a.matrix();

  const Mat<T> PQ = gram<T>(W.transpose()) * gram(A);
  Mat<T> R = F * W;
  R.noalias() += G * A.transpose();
  R.noalias() += W * (cN * (PQ + PQ.transpose()));  // (PQ)ᵀ = QP
  return inc.pi1 * R;
}

namespace {
template <class T> struct SupportSums {
  Vec<T> aS, bS;
  Mat<T> DS, MS;
};
template <class T> SupportSums<T> support_sums(const Problem<T>& P, const std::vector<int>& S) {
  const int n = P.n();
  SupportSums<T> s{Vec<T>::Zero(n), Vec<T>::Zero(n), Mat<T>::Zero(n, n), -Mat<T>::Identity(n, n)};
  for (int j : S) {
    const Vec<T> Aj = P.A.col(j), Wj = P.W.row(j).transpose();
    s.aS += Aj;
    s.DS += Aj * Aj.transpose();
    s.MS += Wj * Wj.transpose();
    s.bS += P.eps(j) * Wj;
  }
  return s;
}
}  // namespace

template <class T> Vec<T> conditional_gradient(const Problem<T>& P, int i, const std::vector<int>& S) {
  const auto s = support_sums(P, S);
  const T m1 = P.values.m1, ei = P.eps(i);
  const Mat<T> C = P.values.variance() * s.DS + m1 * m1 * s.aS * s.aS.transpose();
  const Vec<T> w = P.W.row(i).transpose();
  return s.MS * (C * w) + C * (s.MS * w) - m1 * s.aS.dot(w) * s.bS - m1 * ei * (s.MS * s.aS) - m1 * s.bS.dot(w) * s.aS +
         ei * s.bS;
}

template <class T> T conditional_loss(const Problem<T>& P, const std::vector<int>& S) {
  const auto s = support_sums(P, S);
  const T m1 = P.values.m1;
  const Mat<T> C = P.values.variance() * s.DS + m1 * m1 * s.aS * s.aS.transpose();
  const T quadratic = (s.MS.transpose() * s.MS * C).trace();
  return (quadratic - T(2) * m1 * s.bS.dot(s.MS * s.aS) + s.bS.squaredNorm()) / T(2);
}

template <class T> T conditional_loss_small(const Problem<T>& P, const std::vector<int>& S) {
  const Eigen::Index k = static_cast<Eigen::Index>(S.size()), n = P.n();
  Mat<T> WS(k, n), AS(n, k);
  Vec<T> epsS(k);
  for (Eigen::Index t = 0; t < k; ++t) {
    WS.row(t) = P.W.row(S[static_cast<size_t>(t)]);
    AS.col(t) = P.A.col(S[static_cast<size_t>(t)]);
    epsS(t) = P.eps(S[static_cast<size_t>(t)]);
  }
  const Mat<T> PS = WS.transpose() * (WS * AS) - AS;
  const Vec<T> c = WS.transpose() * epsS;
  const T m1 = P.values.m1;
  // E[xxᵀ] = v I + m1² 11ᵀ, E[x] = m1 1.
  const Mat<T> gram = PS.transpose() * PS;
  const T quadratic = P.values.variance() * gram.trace() + m1 * m1 * gram.sum();
  return (quadratic - T(2) * m1 * (PS.transpose() * c).sum() + c.squaredNorm()) / T(2);
}

#define AEL_SPARSE_EXPECTED(T)                                                                   \
  template ExpectedGradient<T> expected_gradient<T>(const Problem<T>&, int);                    \
  template Mat<T> expected_gradient_all_rows<T>(const Problem<T>&);                             \
  template Vec<T> conditional_gradient<T>(const Problem<T>&, int, const std::vector<int>&);     \
  template T conditional_loss<T>(const Problem<T>&, const std::vector<int>&);                   \
  template T conditional_loss_small<T>(const Problem<T>&, const std::vector<int>&);

AEL_SPARSE_EXPECTED(double)
AEL_SPARSE_EXPECTED(mp_real)
AEL_SPARSE_EXPECTED(rational)

// The §5.3 closed form is a ring formula: in balls it encloses the exact expected
// gradient of the enclosed instance (docs/sparse.md "Certified SC routes").
template ExpectedGradient<Ball> expected_gradient<Ball>(const Problem<Ball>&, int);

}  // namespace ael::sparse
