#include "sparse/certify.hpp"

#include "sparse/instance.hpp"

#include <algorithm>
#include <vector>

namespace ael::sparse {

Ball ball_of(const rational& x) {
  return Ball::rational(boost::multiprecision::numerator(x).str(), boost::multiprecision::denominator(x).str());
}

namespace {

bool nonnegative(const Ball& x) { return arb_is_nonnegative(x.get()) != 0; }

bool point_less(const Ball& x, const Ball& y) { return arf_cmp(arb_midref(x.get()), arb_midref(y.get())) < 0; }

// Sum of the m largest (or smallest) of the reals in `v`, enclosed: the sum of the m
// largest is monotone in every entry, so it lies between the same sum taken over the
// lower ends and over the upper ends.
Ball extreme_sum(const std::vector<Ball>& v, int m, bool largest) {
  std::vector<Ball> lo, hi;
  for (const auto& x : v) lo.push_back(lower_end(x)), hi.push_back(upper_end(x));
  auto order = [&](const Ball& x, const Ball& y) { return largest ? point_less(y, x) : point_less(x, y); };
  std::sort(lo.begin(), lo.end(), order);
  std::sort(hi.begin(), hi.end(), order);
  Ball s_lo(0), s_hi(0);
  for (int t = 0; t < m; ++t) s_lo += lo[static_cast<size_t>(t)], s_hi += hi[static_cast<size_t>(t)];
  return Ball::hull(s_lo, s_hi);
}

BallMatrix balls_of(const Mat<rational>& M) {
  BallMatrix B(M.rows(), M.cols());
  for (Eigen::Index i = 0; i < M.rows(); ++i)
    for (Eigen::Index j = 0; j < M.cols(); ++j) B.set(i, j, ball_of(M(i, j)));
  return B;
}

void normalise_ball_columns(BallMatrix& A) {
  for (long j = 0; j < A.cols(); ++j) {
    Ball s(0);
    for (long r = 0; r < A.rows(); ++r) {
      const Ball x = A.entry(r, j);
      s += x * x;
    }
    const Ball norm = sqrt(s);
    for (long r = 0; r < A.rows(); ++r) A.set(r, j, A.entry(r, j) / norm);
  }
}

bool exactly_unit_columns(const Mat<rational>& A) {
  for (Eigen::Index j = 0; j < A.cols(); ++j)
    if (A.col(j).squaredNorm() != rational(1)) return false;
  return true;
}

// Coherence max_{j≠l} |A_jᵀA_l| of a ball dictionary (O(h²n)).
Ball ball_coherence(const BallMatrix& A) {
  const BallMatrix G = transpose(A) * A;
  Ball c(0);
  for (long j = 0; j < G.cols(); ++j)
    for (long l = 0; l < G.rows(); ++l)
      if (l != j) c = max_of(c, abs(G.entry(l, j)));
  return c;
}

// u_j = (2t, |t|² − 1)/(|t|² + 1) for the seeded double point t: the exact unit
// direction of perturbed_weights, enclosed.
void add_direction(BallMatrix& W, long row, const Ball& delta, const std::vector<double>& t) {
  Ball s(0);
  for (double x : t) s += Ball(x) * Ball(x);
  const Ball denom = s + Ball(1);
  const long n = static_cast<long>(t.size()) + 1;
  for (long r = 0; r + 1 < n; ++r) W.set(row, r, W.entry(row, r) + delta * (Ball(2) * Ball(t[static_cast<size_t>(r)]) / denom));
  W.set(row, n - 1, W.entry(row, n - 1) + delta * ((s - Ball(1)) / denom));
}
}  // namespace

const char* evidence_name(Evidence e) {
  switch (e) {
    case Evidence::proved_exact: return "proved-exact";
    case Evidence::proved_ball: return "proved-ball";
    case Evidence::estimate: break;
  }
  return "estimate";
}

Verdict ball_window_contains(const BallWindow& w, const Ball& eps) {
  const Ball above = eps - w.lo, below = w.hi - eps;
  if (nonnegative(above) && below.certainly_positive()) return Verdict::holds;
  if (above.certainly_negative() || nonnegative(-below)) return Verdict::fails;
  return Verdict::undecided;  // a ball straddles lo or hi
}

Verdict ball_window_contains_fraction(const BallWindow& w, const Ball& t) {
  const Ball width = w.hi - w.lo;
  if (width.certainly_positive() && nonnegative(t) && (Ball(1) - t).certainly_positive()) return Verdict::holds;
  if (nonnegative(-width)) return Verdict::fails;
  return Verdict::undecided;
}

BallWindow ball_window_d1(int k, const Ball& a, const Ball& b, const Ball& c, const Ball& delta) {
  const Ball spread = b * (c + delta);
  return {Ball(k) * spread, a * (Ball(1) - delta) - Ball(k - 1) * spread};
}

BallWindow ball_window_uniform(int k, const Ball& a, const Ball& b, const BallMatrix& G) {
  Ball c_W(0), d_W = G.entry(0, 0);
  for (long l = 0; l < G.cols(); ++l)
    for (long j = 0; j < G.rows(); ++j) {
      if (j == l) d_W = min_of(d_W, G.entry(j, j));
      else c_W = max_of(c_W, abs(G.entry(j, l)));
    }
  return {Ball(k) * b * c_W, a * d_W - Ball(k - 1) * b * c_W};
}

BallWindow ball_window_per_row(int k, const Ball& a, const Ball& b, const BallMatrix& G) {
  const long h = G.rows();
  BallWindow w;
  std::vector<Ball> gplus, gminus;
  for (long j = 0; j < h; ++j) {
    gplus.clear(), gminus.clear();
    for (long l = 0; l < h; ++l) {
      if (l == j) continue;
      const Ball g = G.entry(j, l), ag = a * g, bg = b * g;
      gplus.push_back(max_of(ag, bg)), gminus.push_back(min_of(ag, bg));
    }
    // k largest g⁺ (units off the support), k−1 smallest g⁻ (the other support members).
    const Ball up = extreme_sum(gplus, k, true);
    const Ball lo = min_of(a * G.entry(j, j), b * G.entry(j, j)) + extreme_sum(gminus, k - 1, false);
    w.lo = j == 0 ? up : max_of(w.lo, up);
    w.hi = j == 0 ? lo : min_of(w.hi, lo);
  }
  return w;
}

Verdict ball_per_row_contains(const BallMatrix& G, int k, const Ball& a, const Ball& b, const Ball& eps) {
  return ball_window_contains(ball_window_per_row(k, a, b, G), eps);
}

Verdict PerRowProver::at(const Mat<double>& Delta, double t) const {
  BallMatrix W = transpose(A_);
  const Ball tb(t);
  for (long j = 0; j < W.rows(); ++j)
    for (long r = 0; r < W.cols(); ++r) W.set(j, r, W.entry(j, r) + tb * Ball(Delta(j, r)));
  return ball_per_row_contains(W * A_, k_, a_, b_, eps_);
}

BallMatrix ball_dictionary(const InstanceSpec& s, bool& unit_columns) {
  unit_columns = true;  // HAD and Gaussian columns are unit by construction
  if (!s.dictionary_file.empty()) {
    const Mat<rational> F = read_matrix_as<rational>(s.dictionary_file);
    BallMatrix A = balls_of(F);
    if (s.normalise) normalise_ball_columns(A);
    unit_columns = s.normalise || exactly_unit_columns(F);
    return A;
  }
  if (s.dictionary == DictionaryKind::identity_hadamard) {
    const long n = s.n;
    const Mat<rational> H = hadamard<rational>(s.n);
    const Ball inv = Ball(1) / sqrt(Ball(s.n));
    BallMatrix A(n, 2 * n);
    for (long r = 0; r < n; ++r)
      for (long j = 0; j < n; ++j) {
        A.set(r, j, Ball(r == j ? 1 : 0));
        A.set(r, n + j, H(r, j) > 0 ? inv : -inv);
      }
    return A;
  }
  const Mat<double> G = gaussian_draws(s.n, s.h, s.seed);
  BallMatrix A(G.rows(), G.cols());
  for (Eigen::Index r = 0; r < G.rows(); ++r)
    for (Eigen::Index j = 0; j < G.cols(); ++j) A.set(r, j, Ball(G(r, j)));
  normalise_ball_columns(A);
  return A;
}

Ball ball_lemma_d2(int k, const Ball& b, const Ball& c, const Ball& delta, const Ball& eps, const Ball& pi1) {
  const Ball eta_bar = b * delta + Ball(k - 1) * b * (c + delta);
  const Ball Gamma = sqrt(Ball(k) * (Ball(1) + Ball(k - 1) * c));
  const Ball F1 = (b + eta_bar) + (Ball(1) + delta) * b * Gamma;
  const Ball F2 = Gamma * (eta_bar + eps) + Ball(k) * delta * (b + eta_bar);
  return pi1 * F1 * F2;
}

std::optional<BallMatrix> cross_gram(const BallInstance& B) {
  if (!B.A || !B.W) return std::nullopt;
  return *B.W * *B.A;
}

BallInstance enclose_instance(const InstanceSpec& s, int k, const Ball& a, const Ball& b, double budget) {
  BallInstance B;
  B.a = a, B.b = b;
  const bool had = s.dictionary_file.empty() && s.dictionary == DictionaryKind::identity_hadamard;
  const bool file = !s.dictionary_file.empty();
  long n = s.n, h = had ? 2L * s.n : s.h;
  if (file) {
    const Mat<rational> F = read_matrix_as<rational>(s.dictionary_file);  // only its shape here
    n = static_cast<long>(F.rows()), h = static_cast<long>(F.cols());
  }
  const double work = static_cast<double>(h) * static_cast<double>(h) * static_cast<double>(n);
  const bool affordable = work <= budget;  // the dictionary itself is only built when the Gram is
  std::optional<BallMatrix> A;
  if (had) {
    B.c = Ball(1) / sqrt(Ball(static_cast<int>(n)));  // |⟨e_r, H_j/√n⟩| = 1/√n; the two halves are orthonormal bases
    B.c_known = true;
  }
  B.unit_columns = true;
  if (file || affordable) A = ball_dictionary(s, B.unit_columns);  // a file is read anyway
  if (!B.c_known && A && affordable) B.c = ball_coherence(*A), B.c_known = true;
  if (!B.c_known) B.missing = "the coherence of the exact dictionary (O(h^2 n) ball work over budget)";
  // Weights: the file's exact values, or W_j = A_j + δ u_j with the exact unit u_j.
  std::optional<BallMatrix> W;
  if (!s.weights_file.empty() && A) {
    W = balls_of(read_matrix_as<rational>(s.weights_file));
    Ball worst(0);
    for (long j = 0; j < h; ++j) {
      Ball d(0);
      for (long r = 0; r < n; ++r) {
        const Ball x = W->entry(j, r) - A->entry(r, j);
        d += x * x;
      }
      worst = max_of(worst, d);
    }
    B.delta = sqrt(worst);
  } else if (!s.weights_file.empty()) {
    B.delta_known = false;
    B.missing = "the weights' distance to the exact dictionary (the dictionary is not built over the ball budget)";
  } else {
    B.delta = Ball::decimal(s.delta);  // ‖u_j‖ = 1 exactly: rows at distance exactly δ
    if (A) {
      W = transpose(*A);
      if (B.delta.certainly_positive())
        for (long j = 0; j < h; ++j) add_direction(*W, j, B.delta, random_unit_point(static_cast<int>(n), s.seed, static_cast<std::uint64_t>(j)));
    }
  }
  if (affordable) B.A = std::move(A), B.W = std::move(W);
  if (!s.eps.empty()) B.eps = Ball::decimal(s.eps);
  else B.t = Ball::decimal(s.eps_frac), B.eps_from_fraction = true;
  B.pi1 = Ball(k) / Ball(static_cast<int>(h));
  return B;
}

}  // namespace ael::sparse
