#include "lae/critical.hpp"

#include "core/integer_text.hpp"

#include "core/exact.hpp"

#include "core/eigen_refine.hpp"
#include "core/errors.hpp"
#include "core/linalg.hpp"
#include "lae/eigen_solver.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <optional>
#include <cmath>
#include <iterator>
#include <limits>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ael::lae {

template <class T> T distinct_gap() {
  // Eigenvector errors scale like ε_w/gap and enter the numeric spectra
  // linearly; keep them 100× below the zero threshold.
  return 100 * working_epsilon<T>() / zero_threshold<T>();
}
// In double (trainer, inspect) the eigenvalues only need to be resolvable:
// a gap of ~45 000 ε·λ_1 keeps eigenvector errors below 2·10⁻⁵.
template <> double distinct_gap<double>() { return 1e-11; }

namespace {
template <class T> void require_positive_definite(const Vec<T>& ascending, const char* what) {
  const T top = ascending(ascending.size() - 1);
  const T floor = T(ascending.size()) * 100 * working_epsilon<T>() * top;
  if (!(top > 0) || ascending(0) <= floor)
    throw std::invalid_argument(std::string(what) + " is singular at working precision (smallest eigenvalue " +
                                to_decimal(ascending(0), 6) + ", largest " + to_decimal(top, 6) + ")");
}
// Σ = U Λ Uᵀ: Householder + QL in double and at small n; from n = kRefineMinDimension the
// multiprecision route refines a LAPACK start (docs/eigen-refinement.md), falling back to QL.
template <class T> void data_eigen(const Mat<T>& S, Vec<T>& values, Mat<T>& vectors, DataEigenSolver& info) {
  symmetric_eigen<T>(S, values, vectors);
  info.solver = "Householder + QL";
}
template <>
void data_eigen<mp_real>(const Mat<mp_real>& S, Vec<mp_real>& values, Mat<mp_real>& vectors, DataEigenSolver& info) {
  if (S.rows() < kRefineMinDimension) {
    symmetric_eigen<mp_real>(S, values, vectors);
    info.solver = "Householder + QL at working precision";
    return;
  }
  RefinementReport report;
  symmetric_eigen_refined_or_ql(S, values, vectors, report);
  info.solver = report.summary();
  info.fell_back = info.fell_back || !report.converged;
}
}  // namespace

template <class T> EigenData<T> eigen_data(const Moments<T>& m, int distinct_top) {
  return eigen_data<T>(m, distinct_top, nullptr);
}

template <class T> EigenData<T> eigen_data(const Moments<T>& m, int distinct_top, DataEigenSolver* report) {
  DataEigenSolver unused;
  DataEigenSolver& info = report ? *report : unused;
  using std::abs;
  const int n = m.n();
  EigenData<T> e;
  e.autoencoder = m.autoencoder;
  Vec<T> values;
  Mat<T> vectors;
  data_eigen<T>(m.Sxx, values, vectors, info);
  require_positive_definite<T>(values, "Sigma_xx");
  if (m.autoencoder) {
    e.Mhat = Mat<T>::Identity(n, n);
  } else {
    const Mat<T> SxxInv = vectors * values.cwiseInverse().asDiagonal() * vectors.transpose();
    e.Mhat = m.Syx * SxxInv;
    const Mat<T> Sigma = e.Mhat * m.Syx.transpose();
    data_eigen<T>(Mat<T>((Sigma + Sigma.transpose()) / 2), values, vectors, info);
    require_positive_definite<T>(values, "Sigma = Sigma_yx Sigma_xx^-1 Sigma_xy (so Sigma_yx)");
  }
  e.lambda = values.reverse();
  e.U = vectors.rowwise().reverse();
  for (Eigen::Index s = 0; s < e.U.cols(); ++s) {  // sign convention: kEigenvectorSignConvention (lae/diagnostics.hpp)
    Eigen::Index top = 0;
    for (Eigen::Index i = 1; i < e.U.rows(); ++i)
      if (abs(e.U(i, s)) > abs(e.U(top, s))) top = i;
    if (e.U(top, s) < 0) e.U.col(s) = -e.U.col(s);
  }
  const int checked = distinct_top < 0 ? n : std::min(n, distinct_top);
  for (int s = 0; s + 1 < checked; ++s)
    if (e.lambda(s) - e.lambda(s + 1) <= distinct_gap<T>() * e.lambda(0))
      throw std::invalid_argument("eigenvalues " + std::to_string(s + 1) + " and " + std::to_string(s + 2) +
                                  " of Sigma are not distinct at working precision (" + to_decimal(e.lambda(s), 12) +
                                  " vs " + to_decimal(e.lambda(s + 1), 12) +
                                  "); the closed forms assume lambda_1 > ... > lambda_n");
  return e;
}

Index parse_index(const std::string& text, int n, int p) {
  Index I;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    const std::optional<long> v = parse_integer(item.substr(0, item.find_last_not_of(" \t") + 1));  // blanks around allowed
    if (!v) throw ParameterError("index", "@index entry '" + item + "' is not an integer");
    if (*v < 1 || *v > n)
      throw ParameterError("index", "@index entry " + std::to_string(*v) + " is out of range 1.." + std::to_string(n));
    I.push_back(static_cast<int>(*v - 1));
  }
  if (static_cast<int>(I.size()) != p)
    throw ParameterError("index", "@index has " + std::to_string(I.size()) + " entries, expected p = " + std::to_string(p));
  if (std::set<int>(I.begin(), I.end()).size() != I.size()) throw ParameterError("index", "@index has a repeated entry");
  return I;
}

std::string format_index(const Index& I) {
  std::string s = "(";
  for (size_t k = 0; k < I.size(); ++k) s += (k ? "," : "") + std::to_string(I[k] + 1);
  return s + ")";
}

int inversions(const Index& I) {
  int count = 0;
  for (size_t k = 0; k < I.size(); ++k)
    for (size_t l = k + 1; l < I.size(); ++l) count += I[k] > I[l];
  return count;
}

void enumerate_tuples(int n, int r, bool ordered, const std::function<void(const Index&)>& visit) {
  Index cur;
  std::vector<bool> used(n, false);
  std::function<void()> extend = [&] {
    if (static_cast<int>(cur.size()) == r) return visit(cur);
    for (int s = (ordered || cur.empty()) ? 0 : cur.back() + 1; s < n; ++s)
      if (!used[s]) {
        used[s] = true;
        cur.push_back(s);
        extend();
        cur.pop_back();
        used[s] = false;
      }
  };
  extend();
}

long count_tuples(int n, int r, bool ordered) {
  // c·(n − i) may overflow even when the final count fits: __int128 holds every intermediate
  // product of two longs; the count itself is refused (−1) as soon as it exceeds LONG_MAX.
  __int128 c = 1;
  for (int i = 0; i < r; ++i) {
    c = c * (n - i) / (ordered ? 1 : i + 1);  // stays integral at every step
    if (c > std::numeric_limits<long>::max()) return -1;
  }
  return static_cast<long>(c);
}

int nu(const Index& I) {
  int total = 0;
  for (int i : I) total += i;  // 0-based: Σ (i_k − 1) = Σ i_k − p
  const int p = static_cast<int>(I.size());
  return total + p - p * (p + 1) / 2;
}

Inertia inertia_formula(const Index& I, int n, LossKind kind) {
  const int p = static_cast<int>(I.size());
  const int neg = nu(I) + (kind == LossKind::ordered ? inversions(I) : 0);
  const int zero = kind == LossKind::ordered ? p : p * p;
  return {neg, zero, 2 * n * p - zero - neg};
}

template <class T> Inertia inertia_of(const Vec<T>& mu, const T& relative_threshold) {
  using std::abs;
  const T tau = relative_threshold * mu.cwiseAbs().maxCoeff();
  Inertia r;
  for (Eigen::Index i = 0; i < mu.size(); ++i) {
    if (abs(mu(i)) <= tau)
      ++r.zero;
    else
      ++(mu(i) < 0 ? r.negative : r.positive);
  }
  return r;
}

namespace {
template <class T> Mat<T> columns(const Mat<T>& U, const Index& I) {
  Mat<T> UI(U.rows(), static_cast<Eigen::Index>(I.size()));
  for (size_t k = 0; k < I.size(); ++k) UI.col(k) = U.col(I[k]);
  return UI;
}
template <class T> std::vector<int> unused(const Index& I, int n) {
  std::vector<int> J;
  for (int s = 0; s < n; ++s)
    if (std::find(I.begin(), I.end(), s) == I.end()) J.push_back(s);
  return J;
}
}  // namespace

template <class T> Point<T> critical_point(const EigenData<T>& e, const Index& I, const Mat<T>& C) {
  const Mat<T> UI = columns(e.U, I);
  const Mat<T> CinvUIt = inverse<T>(C) * UI.transpose();
  return {UI * C, e.autoencoder ? CinvUIt : Mat<T>(CinvUIt * e.Mhat)};  // M̂ = I for Y = X
}

template <class T> Point<T> rank_deficient_point(const EigenData<T>& e, const Index& J, int p) {
  const int n = static_cast<int>(e.U.rows());
  Point<T> x{Mat<T>::Zero(n, p), Mat<T>::Zero(p, n)};
  for (size_t k = 0; k < J.size(); ++k) {
    x.A.col(k) = e.U.col(J[k]);
    x.B.row(k) = e.U.col(J[k]).transpose() * e.Mhat;
  }
  return x;
}

template <class T> T critical_loss(const Moments<T>& m, const EigenData<T>& e, const Index& I, int p, LossKind kind) {
  T explained = 0;
  for (size_t k = 0; k < I.size(); ++k) explained += (kind == LossKind::ordered ? T(p - int(k)) : T(1)) * e.lambda(I[k]);
  return T(kind == LossKind::ordered ? p : 1) * m.trSyy - explained;
}

namespace {
// Eigenvalues of the outside block w·2[[λ_i c⁻², −λ_s], [−λ_s, λ_s c²]] (docs/lae-math.md §7.2):
// μ₊ from the trace, μ₋ = det/μ₊ so that small μ₋ keep full relative accuracy.
// In place: every MPFR temporary is an allocation, and there are p(n−p) pairs;
// c², c⁻² and the weight come precomputed per unit k, `scratch` is reused.
template <class T> struct OutsideScratch {
  T sigma, det, root;
};
template <class T>
void push_outside_pair(std::vector<T>& out, const T& li, const T& ls, const T& c2, const T& inv_c2, int weight,
                       OutsideScratch<T>& scratch) {
  using std::sqrt;
  T& sigma = scratch.sigma;
  T& det = scratch.det;
  T& root = scratch.root;
  sigma = ls;
  sigma *= c2;
  root = li;
  root *= inv_c2;
  sigma += root;  // σ = λ_s c² + λ_i c⁻²
  det = li;
  det -= ls;
  det *= ls;
  det *= 4;  // det = 4 λ_s (λ_i − λ_s)
  root = sigma;
  root *= sigma;
  root -= det;
  T plus = sqrt(root);
  plus += sigma;
  T minus = det;
  minus /= plus;
  if (weight != 1) plus *= weight, minus *= weight;
  out.push_back(std::move(plus));
  out.push_back(std::move(minus));
}
// The same with fused MPFR operations (σ by mpfr_fmma, σ² − det by mpfr_fms).
template <>
void push_outside_pair<mp_real>(std::vector<mp_real>& out, const mp_real& li, const mp_real& ls, const mp_real& c2,
                                const mp_real& inv_c2, int weight, OutsideScratch<mp_real>& scratch) {
  const auto w = [](mp_real& v) { return v.backend().data(); };
  const auto r = [](const mp_real& v) { return v.backend().data(); };
  constexpr mpfr_rnd_t near = MPFR_RNDN;
  mpfr_fmma(w(scratch.sigma), r(ls), r(c2), r(li), r(inv_c2), near);
  mpfr_sub(w(scratch.det), r(li), r(ls), near);
  mpfr_mul(w(scratch.det), r(scratch.det), r(ls), near);
  mpfr_mul_2ui(w(scratch.det), r(scratch.det), 2, near);
  mpfr_fms(w(scratch.root), r(scratch.sigma), r(scratch.sigma), r(scratch.det), near);
  mp_real plus, minus;
  mpfr_sqrt(w(plus), r(scratch.root), near);
  mpfr_add(w(plus), r(plus), r(scratch.sigma), near);
  mpfr_div(w(minus), r(scratch.det), r(plus), near);
  if (weight != 1) {
    mpfr_mul_ui(w(plus), r(plus), static_cast<unsigned long>(weight), near);
    mpfr_mul_ui(w(minus), r(minus), static_cast<unsigned long>(weight), near);
  }
  out.push_back(std::move(plus));
  out.push_back(std::move(minus));
}

// Ascending order: sort by double keys (cheap comparisons and moves), then one
// insertion pass in T repairs pairs that double could not separate.
template <class T> Vec<T> to_sorted(std::vector<T>& values) {
  const size_t count = values.size();
  std::vector<std::pair<double, size_t>> keys(count);
  for (size_t i = 0; i < count; ++i) keys[i] = {to_double(values[i]), i};
  std::sort(keys.begin(), keys.end());
  Vec<T> sorted(static_cast<Eigen::Index>(count));
  for (size_t i = 0; i < count; ++i) sorted(static_cast<Eigen::Index>(i)) = std::move(values[keys[i].second]);
  for (Eigen::Index i = 1; i < sorted.size(); ++i)
    for (Eigen::Index j = i; j > 0 && sorted(j) < sorted(j - 1); --j) std::swap(sorted(j), sorted(j - 1));
  return sorted;
}

// 2Q_kl of docs/lae-math.md §7.4 for k < l (0-based), d = w_k − w_l = l − k. It is symmetric
// tridiagonal: diagonal `diag` and off-diagonal `off`.
template <class T> struct Tridiagonal4 {
  T diag[4], off[3];
};
template <class T> Tridiagonal4<T> paired_block(const T& lk, const T& ll, const T& ck, const T& cl, int wk, int wl) {
  const int d = wk - wl;
  return {{2 * wl * ll / (cl * cl), 2 * wk * ll * ck * ck, 2 * wk * lk / (ck * ck), 2 * wl * lk * cl * cl},
          {2 * wl * ll * ck / cl, T(-2 * d) * ll, 2 * wl * lk * cl / ck}};
}

template <class T> Mat<T> dense(const Tridiagonal4<T>& q) {
  Mat<T> M = Mat<T>::Zero(4, 4);
  for (int i = 0; i < 4; ++i) M(i, i) = q.diag[i];
  for (int i = 0; i < 3; ++i) M(i, i + 1) = M(i + 1, i) = q.off[i];
  return M;
}

// det(Q − x) and its derivative by the three-term recurrence (Sturm sequence).
// In-place arithmetic: with MPFR every temporary is an allocation, and this
// loop is the hot spot of the ordered-loss closed form.
template <class T> struct Characteristic {
  T p_prev, p, dp_prev, dp, shifted, next, dnext, tmp;
  void evaluate(const Tridiagonal4<T>& q, const T (&e2)[3], const T& x) {
    p_prev = 1;
    p = q.diag[0];
    p -= x;
    dp_prev = 0;
    dp = -1;
    for (int i = 1; i < 4; ++i) {
      shifted = q.diag[i];
      shifted -= x;
      next = shifted;
      next *= p;
      tmp = e2[i - 1];
      tmp *= p_prev;
      next -= tmp;  // (d_i − x) p_i − e²_{i−1} p_{i−1}
      dnext = shifted;
      dnext *= dp;
      dnext -= p;
      tmp = e2[i - 1];
      tmp *= dp_prev;
      dnext -= tmp;
      std::swap(p_prev, p);
      std::swap(p, next);
      std::swap(dp_prev, dp);
      std::swap(dp, dnext);
    }
  }
};

// The same recurrence on MPFR numbers with fused operations: ab − cd
// (mpfr_fmms) and ab − c (mpfr_fms) are rounded once, and the first two steps,
// where p_{−1} = 1, p'_{−1} = 0, p'_0 = −1, are written out. 13 MPFR calls
// instead of 31 per evaluation (docs/lae-math.md §11, "Pair blocks").
template <> struct Characteristic<mp_real> {
  mp_real p_prev, p, dp_prev, dp, shifted, next, dnext;
  void evaluate(const Tridiagonal4<mp_real>& q, const mp_real (&e2)[3], const mp_real& x) {
    const auto w = [](mp_real& v) { return v.backend().data(); };
    const auto r = [](const mp_real& v) { return v.backend().data(); };
    constexpr mpfr_rnd_t near = MPFR_RNDN;
    mpfr_sub(w(p), r(q.diag[0]), r(x), near);  // p_0 = d_0 − x, p'_0 = −1
    mpfr_sub(w(shifted), r(q.diag[1]), r(x), near);
    mpfr_fms(w(next), r(shifted), r(p), r(e2[0]), near);  // p_1 = (d_1 − x) p_0 − e²_0
    mpfr_add(w(dnext), r(shifted), r(p), near);
    mpfr_neg(w(dnext), r(dnext), near);  // p'_1 = −(d_1 − x) − p_0
    mpfr_swap(w(p_prev), w(p));
    mpfr_swap(w(p), w(next));
    mpfr_set_si(w(dp_prev), -1, near);
    mpfr_swap(w(dp), w(dnext));
    for (int i = 2; i < 4; ++i) {
      mpfr_sub(w(shifted), r(q.diag[i]), r(x), near);
      mpfr_fmms(w(next), r(shifted), r(p), r(e2[i - 1]), r(p_prev), near);
      mpfr_fmms(w(dnext), r(shifted), r(dp), r(e2[i - 1]), r(dp_prev), near);
      mpfr_sub(w(dnext), r(dnext), r(p), near);
      mpfr_swap(w(p_prev), w(p));
      mpfr_swap(w(p), w(next));
      mpfr_swap(w(dp_prev), w(dp));
      mpfr_swap(w(dp), w(dnext));
    }
  }
};

// Double seeds refined by Newton's method in long double (64-bit significand)
// on the block rounded to long double: from ≈ 10⁻¹⁶·scale to ≈ 10⁻¹⁹·scale, so
// that at 70 working digits the multiprecision Newton needs three evaluations
// per root (errors 10⁻¹⁹ → 10⁻³⁸ → 10⁻⁷⁶, the third confirming) instead of four
// (10⁻¹⁶ → 10⁻³² → 10⁻⁶⁴ → 10⁻¹²⁸). A refinement that moves a seed by more
// than 10⁻¹⁰·scale (it would be heading for another root) is discarded.
inline void refine_seeds(const long double (&diag)[4], const long double (&off)[3], Eigen::Vector4d& seeds,
                         long double (&refined)[4], double scale) {
  long double e2[3];
  for (int i = 0; i < 3; ++i) e2[i] = off[i] * off[i];
  const long double tolerance = 4 * std::numeric_limits<long double>::epsilon() * scale;
  for (int r = 0; r < 4; ++r) {
    long double x = seeds(r);
    for (int iteration = 0; iteration < 3; ++iteration) {
      long double p_prev = 1, p = diag[0] - x, dp_prev = 0, dp = -1;
      for (int i = 1; i < 4; ++i) {
        const long double shifted = diag[i] - x;
        const long double next = shifted * p - e2[i - 1] * p_prev;
        const long double dnext = shifted * dp - p - e2[i - 1] * dp_prev;
        p_prev = p, p = next, dp_prev = dp, dp = dnext;
      }
      if (dp == 0) break;
      const long double step = p / dp;
      x -= step;
      if (std::abs(step) <= tolerance) break;
    }
    refined[r] = std::abs(x - seeds(r)) <= 1e-10L * scale ? x : static_cast<long double>(seeds(r));
  }
}

// Eigenvalues of the paired block. The off-diagonals are nonzero, so the four
// eigenvalues are simple: Newton on the characteristic polynomial from long
// double seeds (refine_seeds) converges quadratically (≈ 8× faster than a
// general multiprecision eigensolver). Falls back to that solver if any root
// does not converge or two roots coincide.
template <class T> Vec<T> paired_block_eigenvalues(const Tridiagonal4<T>& q) {
  using std::abs;
  Eigen::Matrix4d seed_matrix = Eigen::Matrix4d::Zero();
  long double diag_ld[4], off_ld[3];
  for (int i = 0; i < 4; ++i) diag_ld[i] = static_cast<long double>(q.diag[i]);
  for (int i = 0; i < 3; ++i) off_ld[i] = static_cast<long double>(q.off[i]);
  for (int i = 0; i < 4; ++i) seed_matrix(i, i) = double(diag_ld[i]);
  for (int i = 0; i < 3; ++i) seed_matrix(i, i + 1) = seed_matrix(i + 1, i) = double(off_ld[i]);
  Eigen::Vector4d seeds = Eigen::SelfAdjointEigenSolver<Eigen::Matrix4d>(seed_matrix, Eigen::EigenvaluesOnly).eigenvalues();
  // Row-sum bound on |eigenvalues| (Gershgorin); only sets the tolerances, so double suffices.
  double scale = 0;
  for (int i = 0; i < 4; ++i)
    scale = std::max(scale, std::abs(seed_matrix(i, i)) + (i < 3 ? std::abs(seed_matrix(i, i + 1)) : 0.0) +
                                (i > 0 ? std::abs(seed_matrix(i, i - 1)) : 0.0));
  long double refined[4];
  refine_seeds(diag_ld, off_ld, seeds, refined, scale);
  T eps = working_epsilon<T>();
  Vec<T> roots(4);
  const T e2[3] = {q.off[0] * q.off[0], q.off[1] * q.off[1], q.off[2] * q.off[2]};
  T tolerance = eps;
  tolerance *= 16 * scale;
  Characteristic<T> poly;
  T step;
  bool converged = true;
  // Stopping rule (docs/lae-math.md §11, "Pair blocks"): stop when the step is below the tolerance,
  // or when the bound 3t²/(g − 3t) on the error after a step t, with g a lower bound on the distance
  // from the iterate to the other three roots, is below it (this saves the confirming evaluation).
  const double seed_margin = 1e-12 * scale;  // ≥ 10⁴ × the double solver's error on the seeds
  const double tolerance_d = to_double(tolerance);
  for (int r = 0; r < 3 && converged; ++r) {
    double gap = std::numeric_limits<double>::infinity();  // from seed r to the other seeds' roots
    for (int j = 0; j < 4; ++j)
      if (j != r) gap = std::min(gap, std::abs(seeds(r) - seeds(j)) - 2 * seed_margin);
    T& x = roots(r);
    x = refined[r];
    converged = false;
    for (int iteration = 0; iteration < 60 && !converged; ++iteration) {
      poly.evaluate(q, e2, x);
      if (poly.dp == 0) break;
      step = poly.p;
      step /= poly.dp;
      x -= step;
      converged = abs(step) <= tolerance;
      if (!converged) {
        const double t = std::abs(to_double(step)) * (1 + 1e-6);
        // distance from the iterate before the step (x + step) to any other root
        const double g = gap - std::abs(to_double(x) - seeds(r)) - t;
        converged = g > 6 * t && 3 * t * t / (g - 3 * t) * (1 + 1e-6) <= tolerance_d;
      }
    }
  }
  if (converged) {
    // The largest root from the trace: its absolute error is that of the others, O(ε·scale).
    T& last = roots(3);
    last = q.diag[0];
    for (int i = 1; i < 4; ++i) last += q.diag[i];
    for (int i = 0; i < 3; ++i) last -= roots(i);
    sort_ascending(roots);
    eps *= 1000 * scale;
    for (int r = 0; r + 1 < 4; ++r) converged = converged && roots(r + 1) - roots(r) > eps;
  }
  return converged ? roots : symmetric_eigenvalues<T>(dense(q));
}
}  // namespace

template <class T> Vec<T> closed_form_spectrum(const Vec<T>& lambda, const Index& I, const Vec<T>& c, LossKind kind) {
  const int n = static_cast<int>(lambda.size()), p = static_cast<int>(I.size());
  const bool ordered = kind == LossKind::ordered;
  auto w = [&](int k) { return ordered ? p - k : 1; };
  std::vector<T> c2(p), inv_c2(p);  // c_k², c_k⁻²
  for (int k = 0; k < p; ++k) {
    c2[k] = c(k);
    c2[k] *= c(k);
    inv_c2[k] = 1;
    inv_c2[k] /= c2[k];
  }
  std::vector<T> mu;
  mu.reserve(2 * n * p);
  if (!ordered) {
    for (int k = 0; k < p; ++k)
      for (int l = 0; l < p; ++l) {
        mu.push_back(T(0));
        mu.push_back(2 * lambda(I[l]) * (c2[k] + inv_c2[l]));
      }
  } else {
    for (int k = 0; k < p; ++k) {
      mu.push_back(T(0));
      mu.push_back(2 * w(k) * lambda(I[k]) * (c2[k] + inv_c2[k]));
      for (int l = k + 1; l < p; ++l) {
        Vec<T> q = paired_block_eigenvalues(paired_block<T>(lambda(I[k]), lambda(I[l]), c(k), c(l), w(k), w(l)));
        mu.insert(mu.end(), std::make_move_iterator(q.data()), std::make_move_iterator(q.data() + 4));
      }
    }
  }
  OutsideScratch<T> scratch;
  for (int s : unused<T>(I, n))
    for (int k = 0; k < p; ++k) push_outside_pair<T>(mu, lambda(I[k]), lambda(s), c2[k], inv_c2[k], w(k), scratch);
  return to_sorted(mu);
}

template <class T> Vec<T> closed_form_spectrum_mse(const Vec<T>& lambda, const Index& I, const Mat<T>& C) {
  using std::sqrt;
  const int n = static_cast<int>(lambda.size()), p = static_cast<int>(I.size());
  Vec<T> lI(p), rootI(p);
  for (int k = 0; k < p; ++k) lI(k) = lambda(I[k]), rootI(k) = sqrt(lambda(I[k]));
  const Mat<T> CCt = C * C.transpose(), CtC = C.transpose() * C, Cinv = inverse<T>(C);
  const Mat<T> inner = rootI.asDiagonal() * inverse<T>(CCt) * rootI.asDiagonal();
  Mat<T> inside(p * p, p * p);
  for (int i = 0; i < p; ++i)
    for (int j = 0; j < p; ++j)
      inside.block(i * p, j * p, p, p) =
          (i == j ? Mat<T>(lI(i) * CCt) : Mat<T>::Zero(p, p)) + inner(i, j) * Mat<T>::Identity(p, p);
  std::vector<T> mu(p * p, T(0));
  const Vec<T> in = symmetric_eigenvalues<T>(Mat<T>(2 * inside));
  mu.insert(mu.end(), in.data(), in.data() + in.size());
  const Mat<T> top = Cinv * lI.asDiagonal() * Cinv.transpose();
  for (int s : unused<T>(I, n)) {
    Mat<T> block(2 * p, 2 * p);
    block << top, -lambda(s) * Mat<T>::Identity(p, p), -lambda(s) * Mat<T>::Identity(p, p), lambda(s) * CtC;
    const Vec<T> out = symmetric_eigenvalues<T>(Mat<T>(2 * block));
    mu.insert(mu.end(), out.data(), out.data() + out.size());
  }
  return to_sorted(mu);
}

template <class T> Vec<T> origin_spectrum(const Vec<T>& sigma, int p, LossKind kind) {
  std::vector<T> mu;
  for (int k = 0; k < p; ++k)
    for (Eigen::Index t = 0; t < sigma.size(); ++t) {
      const T v = 2 * T(kind == LossKind::ordered ? p - k : 1) * sigma(t);
      mu.push_back(v);
      mu.push_back(-v);
    }
  return to_sorted(mu);
}

template <class T> Mat<T> comparable_hessian(const Moments<T>& m, const EigenData<T>& e, const Mat<T>& H) {
  if (m.autoencoder) return H;
  const int n = m.n(), p = static_cast<int>(H.rows()) / (2 * n), np = n * p;
  // 𝒥⁻¹ = blkdiag(I_p ⊗ U, (Σ_yx⁻¹ U Λ) ⊗ I_p)
  const Mat<T> Wb = inverse<T>(m.Syx) * e.U * e.lambda.asDiagonal();
  Mat<T> Jinv = Mat<T>::Zero(2 * np, 2 * np);
  for (int k = 0; k < p; ++k) Jinv.block(k * n, k * n, n, n) = e.U;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < p; ++k) Jinv(np + i * p + k, np + j * p + k) = Wb(i, j);
  return Jinv.transpose() * H * Jinv;
}

template <class T> Vec<T> numeric_spectrum(const Moments<T>& m, const EigenData<T>& e, const Point<T>& x, LossKind kind) {
  const Mat<T> H = comparable_hessian(m, e, hessian_elementwise(m, x.A, x.B, loss_weights<T>(kind, int(x.A.cols()))));
  return symmetric_eigenvalues<T>(Mat<T>((H + H.transpose()) / 2));
}

template <class T> T relative_discrepancy(const Vec<T>& a, const Vec<T>& b) {
  if (a.size() != b.size()) throw std::logic_error("spectra of different sizes");
  const T scale = std::max(a.cwiseAbs().maxCoeff(), b.cwiseAbs().maxCoeff());
  return scale == 0 ? T(0) : T((a - b).cwiseAbs().maxCoeff() / scale);
}

#define AEL_INSTANTIATE_LAE_CRITICAL(T)                                                             \
  template EigenData<T> eigen_data<T>(const Moments<T>&, int);                                           \
  template EigenData<T> eigen_data<T>(const Moments<T>&, int, DataEigenSolver*);                          \
  template Inertia inertia_of<T>(const Vec<T>&, const T&);                                          \
  template Point<T> critical_point<T>(const EigenData<T>&, const Index&, const Mat<T>&);            \
  template Point<T> rank_deficient_point<T>(const EigenData<T>&, const Index&, int);                \
  template T critical_loss<T>(const Moments<T>&, const EigenData<T>&, const Index&, int, LossKind); \
  template Vec<T> closed_form_spectrum<T>(const Vec<T>&, const Index&, const Vec<T>&, LossKind);    \
  template Vec<T> closed_form_spectrum_mse<T>(const Vec<T>&, const Index&, const Mat<T>&);          \
  template Vec<T> origin_spectrum<T>(const Vec<T>&, int, LossKind);                                 \
  template Mat<T> comparable_hessian<T>(const Moments<T>&, const EigenData<T>&, const Mat<T>&);     \
  template Vec<T> numeric_spectrum<T>(const Moments<T>&, const EigenData<T>&, const Point<T>&, LossKind); \
  template T relative_discrepancy<T>(const Vec<T>&, const Vec<T>&);

AEL_INSTANTIATE_LAE_CRITICAL(double)
AEL_INSTANTIATE_LAE_CRITICAL(mp_real)
template mp_real distinct_gap<mp_real>();
// The closed-form loss uses only ring operations: also exact (lae/exact.cpp).
template rational critical_loss<rational>(const Moments<rational>&, const EigenData<rational>&, const Index&, int, LossKind);

}  // namespace ael::lae
