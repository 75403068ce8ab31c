// Certified inspection of given weights (docs/certification.md §9).
#include "lae/certify_inspect.hpp"

#include "core/linalg.hpp"

#include <algorithm>

namespace ael::lae {

namespace {
std::string at_bits() { return " at " + std::to_string(ball_bits()) + " bits"; }

double mid_abs(arb_srcptr x) { return std::fabs(arf_get_d(arb_midref(x), ARF_RND_NEAR)); }

// Column q of U holds a ball around the unit eigenvector u with uᵀv > 0. Flip it
// to the project's sign convention (the entry of largest |value| positive,
// lae/diagnostics.hpp), which is proved when one entry is certainly larger in
// absolute value than every other and its sign is certain. False: not decided.
bool to_sign_convention(BallMatrix& U, long q) {
  const long n = U.rows();
  long j = 0;
  for (long i = 1; i < n; ++i)
    if (mid_abs(U.at(i, q)) > mid_abs(U.at(j, q))) j = i;
  const Ball top = abs(U.entry(j, q));
  for (long i = 0; i < n; ++i)
    if (i != j && !certainly_less(abs(U.entry(i, q)), top)) return false;
  if (U.entry(j, q).certainly_negative())
    for (long i = 0; i < n; ++i) arb_neg(U.at(i, q), U.at(i, q));
  return U.entry(j, q).certainly_positive();
}

BallMatrix balls_of(const Mat<rational>& M) {
  BallMatrix out(M.rows(), M.cols());
  for (Eigen::Index i = 0; i < M.rows(); ++i)
    for (Eigen::Index j = 0; j < M.cols(); ++j) out.set(i, j, ball_of(M(i, j)));
  return out;
}

// ‖X − X*‖_F² accumulated into sq.
void add_squared_distance(Ball& sq, const BallMatrix& X, const BallMatrix& Xs) {
  for (long i = 0; i < X.rows(); ++i)
    for (long j = 0; j < X.cols(); ++j) {
      const Ball d = X.entry(i, j) - Xs.entry(i, j);
      sq += d * d;
    }
}
}  // namespace

CertifiedEigen certified_eigen(const BallMatrix& Sigma) {
  const long n = Sigma.rows();
  Mat<mp_real> mid(n, n);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < n; ++j) mid(i, j) = Sigma.entry(i, j).mid();
  Vec<mp_real> values;
  Mat<mp_real> vectors;
  symmetric_eigen<mp_real>(mid, values, vectors);  // ascending
  CertifiedEigen out;
  out.lambda = certified_eigenvalues(Sigma, values, vectors);
  out.V = vectors.rowwise().reverse();
  return out;
}

CertifiedInspection certify_inspection(const Moments<rational>& exact, const BallMatrix& Sxx, const std::vector<Ball>& lambda,
                                       const Mat<mp_real>& V, const Mat<rational>& A, const Mat<rational>& B, LossKind kind,
                                       const InspectTarget& t) {
  const long n = A.rows(), p = A.cols(), r = static_cast<long>(t.live_units.size());
  CertifiedInspection out;
  // Loss and gradient: the covariance-form kernels (docs/lae-math.md §2–§3) in ℚ.
  const auto w = loss_weights<rational>(kind, static_cast<int>(p));
  out.loss = loss(exact, A, B, w);
  const Gradient<rational> g = gradient(exact, A, B, w);
  out.gradient_norm_sq = 0;
  for (Eigen::Index i = 0; i < g.dA.size(); ++i) out.gradient_norm_sq += g.dA(i) * g.dA(i);
  for (Eigen::Index i = 0; i < g.dB.size(); ++i) out.gradient_norm_sq += g.dB(i) * g.dB(i);
  out.loss_ball = ball_of(out.loss);
  out.gradient_norm_ball = sqrt(ball_of(out.gradient_norm_sq));

  // The enclosed critical point: A* = U_I C, B* = C⁻¹U_Iᵀ on the live units (Y = X: M̂ = I).
  try {
    BallMatrix U = certified_eigenvectors(Sxx, lambda, V, t.I);
    bool convention = true;
    for (long q = 0; q < r && convention; ++q) convention = to_sign_convention(U, q);
    if (!convention) throw CertificationError("the sign of an eigenvector of Sigma (its largest entry) is not decided" + at_bits());
    BallMatrix Cinv(r, r);
    if (r > 0 && !arb_mat_inv(Cinv.get(), t.C.get(), ball_bits()))
      throw CertificationError("C is not certified invertible" + at_bits());
    const BallMatrix Al = U * t.C, Bl = Cinv * transpose(U);
    BallMatrix As(n, p), Bs(p, n);
    for (long q = 0; q < r; ++q) {
      const long k = t.live_units[static_cast<size_t>(q)];
      for (long s = 0; s < n; ++s) arb_set(As.at(s, k), Al.at(s, q)), arb_set(Bs.at(k, s), Bl.at(q, s));
    }
    Ball sq(0);
    add_squared_distance(sq, balls_of(A), As);
    add_squared_distance(sq, balls_of(B), Bs);
    arb_sqrtpos(out.distance.get(), sq.get(), ball_bits());  // the exact d² is ≥ 0
    out.distance_proved = out.distance.finite();
    if (!out.distance_proved) out.distance_reason = "the distance ball is not finite" + at_bits();
  } catch (const CertificationError& e) {
    out.distance_reason = e.what();
  }

  // Inertia at P(I,C): the closed forms in balls (docs/certification.md §3). Ordered loss at the
  // given diagonal C; MSE at C = I, which has the same inertia (docs/certification.md §9).
  if (r < p) {
    out.inertia_reason = "the nearest critical point has dead units; the rank-deficient inertia (docs/lae-math.md 10.1) has no certified route";
    return out;
  }
  const bool ordered = kind == LossKind::ordered;
  std::vector<Ball> c(static_cast<size_t>(p), Ball(1));
  if (ordered)
    for (long k = 0; k < p; ++k) c[static_cast<size_t>(k)] = t.C.entry(k, k);
  out.inertia_route = ordered ? "closed-form spectrum (docs/lae-math.md 7.4) in balls at the given diagonal C"
                              : "closed-form spectrum (docs/lae-math.md 7.2) in balls at C = I; same inertia for every C (docs/certification.md 8)";
  try {
    const CertifiedSpectrum cs = certified_closed_form(lambda, ball_of(exact.trSyy), t.I, c, kind);
    out.inertia_proved = cs.proved;
    out.inertia = cs.inertia;
    out.inertia_reason = cs.reason;
  } catch (const CertificationError& e) {
    out.inertia_reason = e.what();
  }
  return out;
}

}  // namespace ael::lae
