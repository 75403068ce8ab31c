#include "lae/certify.hpp"
#include "lae/certify_inspect.hpp"

#include "core/linalg.hpp"

#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include <flint/fmpz.h>
#include <flint/fmpz_mat.h>

#include <algorithm>

namespace ael::lae {

// Cells as an exact rational matrix (FLINT fmpq_mat).
struct ExactSamples::Impl {
  fmpq_mat_t cells;
  Impl(long r, long c) { fmpq_mat_init(cells, r, c); }
  ~Impl() { fmpq_mat_clear(cells); }
};

ExactSamples::ExactSamples(const Mat<mp_real>& rows) : impl_(new Impl(rows.rows(), rows.cols())) {
  fmpz_t man, exp;
  fmpz_init(man);
  fmpz_init(exp);
  arf_t a;
  arf_init(a);
  for (Eigen::Index i = 0; i < rows.rows(); ++i)
    for (Eigen::Index j = 0; j < rows.cols(); ++j) {
      arf_set_mpfr(a, rows(i, j).backend().data());  // the exact dyadic value
      fmpq* q = fmpq_mat_entry(impl_->cells, i, j);
      arf_get_fmpz_2exp(man, exp, a);                 // value = man · 2^exp
      if (fmpz_sgn(exp) >= 0) {
        fmpz_mul_2exp(fmpq_numref(q), man, fmpz_get_ui(exp));
        fmpz_one(fmpq_denref(q));
      } else {
        fmpz_neg(exp, exp);
        fmpz_one(fmpq_denref(q));
        fmpz_mul_2exp(fmpq_denref(q), fmpq_denref(q), fmpz_get_ui(exp));
        fmpz_set(fmpq_numref(q), man);
        fmpq_canonicalise(q);
      }
    }
  arf_clear(a);
  fmpz_clear(man);
  fmpz_clear(exp);
}

ExactSamples::ExactSamples(long r, long c, const std::vector<std::string>& decimal_cells) : impl_(new Impl(r, c)) {
  if (static_cast<long>(decimal_cells.size()) != r * c) throw std::logic_error("ExactSamples: cell count mismatch");
  for (long i = 0; i < r; ++i)
    for (long j = 0; j < c; ++j) exact_decimal(decimal_cells[static_cast<size_t>(i * c + j)], fmpq_mat_entry(impl_->cells, i, j));
}

ExactSamples::~ExactSamples() = default;
ExactSamples::ExactSamples(ExactSamples&&) noexcept = default;
long ExactSamples::rows() const { return fmpq_mat_nrows(impl_->cells); }
long ExactSamples::cols() const { return fmpq_mat_ncols(impl_->cells); }

std::vector<int> ExactSamples::constant_columns() const {
  std::vector<int> out;
  for (long j = 0; j < cols(); ++j) {
    bool same = true;
    for (long i = 1; i < rows() && same; ++i) same = fmpq_equal(fmpq_mat_entry(impl_->cells, i, j), fmpq_mat_entry(impl_->cells, 0, j));
    if (same) out.push_back(static_cast<int>(j));
  }
  return out;
}

namespace {
// Σ_xx of the kept columns in ℚ (n × n, initialised by the caller to n × n).
void exact_sigma(const ExactSamples& X, bool center, const std::vector<int>& drop, fmpq_mat_t out) {
  const long m = X.rows();
  std::vector<long> keep;
  for (long j = 0; j < X.cols(); ++j)
    if (std::find(drop.begin(), drop.end(), static_cast<int>(j)) == drop.end()) keep.push_back(j);
  const long n = static_cast<long>(keep.size());
  // Column j scaled by the lcm L_j of its denominators is an integer column Z_j,
  // so XᵀX = diag(L)⁻¹ ZᵀZ diag(L)⁻¹ is one integer matrix product.
  const fmpq_mat_struct* cells = X.impl().cells;
  fmpz_mat_t Z, G;
  fmpz_mat_init(Z, m, n);
  fmpz_mat_init(G, n, n);
  std::vector<fmpz> L(static_cast<size_t>(n)), s(static_cast<size_t>(n));
  fmpz_t t;
  fmpz_init(t);
  for (long c = 0; c < n; ++c) {
    fmpz_init(&L[c]);
    fmpz_init(&s[c]);
    fmpz_one(&L[c]);
    for (long i = 0; i < m; ++i) fmpz_lcm(&L[c], &L[c], fmpq_denref(fmpq_mat_entry(cells, i, keep[c])));
    for (long i = 0; i < m; ++i) {
      const fmpq* q = fmpq_mat_entry(cells, i, keep[c]);
      fmpz_divexact(t, &L[c], fmpq_denref(q));
      fmpz_mul(fmpz_mat_entry(Z, i, c), fmpq_numref(q), t);
      fmpz_add(&s[c], &s[c], fmpz_mat_entry(Z, i, c));
    }
  }
  fmpz_mat_t Zt;
  fmpz_mat_init(Zt, n, m);
  fmpz_mat_transpose(Zt, Z);
  fmpz_mat_mul(G, Zt, Z);
  fmpz_mat_clear(Zt);
  for (long a = 0; a < n; ++a)
    for (long b = 0; b < n; ++b) {
      // centered: (m·G_ab − s_a s_b) / (m L_a L_b); else G_ab / (L_a L_b)
      fmpq* q = fmpq_mat_entry(out, a, b);
      fmpz_set(fmpq_numref(q), fmpz_mat_entry(G, a, b));
      fmpz_mul(fmpq_denref(q), &L[a], &L[b]);
      if (center) {
        fmpz_mul_si(fmpq_numref(q), fmpq_numref(q), m);
        fmpz_submul(fmpq_numref(q), &s[a], &s[b]);
        fmpz_mul_si(fmpq_denref(q), fmpq_denref(q), m);
      }
      fmpq_canonicalise(q);
    }
  fmpz_clear(t);
  for (long c = 0; c < n; ++c) fmpz_clear(&L[c]), fmpz_clear(&s[c]);
  fmpz_mat_clear(Z);
  fmpz_mat_clear(G);
}

long kept_columns(const ExactSamples& X, const std::vector<int>& drop) {
  long n = 0;
  for (long j = 0; j < X.cols(); ++j) n += std::find(drop.begin(), drop.end(), static_cast<int>(j)) == drop.end();
  return n;
}
}  // namespace

ExactMoments exact_moments(const ExactSamples& X, bool center, const std::vector<int>& drop) {
  const long n = kept_columns(X, drop);
  fmpq_mat_t S;
  fmpq_mat_init(S, n, n);
  exact_sigma(X, center, drop, S);
  ExactMoments out{BallMatrix(n, n), Ball(0)};
  fmpq_t trace;
  fmpq_init(trace);
  for (long a = 0; a < n; ++a)
    for (long b = 0; b < n; ++b) {
      arb_set_fmpq(out.Sxx.at(a, b), fmpq_mat_entry(S, a, b), ball_bits());
      if (a == b) fmpq_add(trace, trace, fmpq_mat_entry(S, a, b));
    }
  arb_set_fmpq(out.trSyy.get(), trace, ball_bits());
  fmpq_clear(trace);
  fmpq_mat_clear(S);
  return out;
}

Moments<rational> exact_rational_moments(const ExactSamples& X, bool center, const std::vector<int>& drop) {
  const long n = kept_columns(X, drop);
  fmpq_mat_t S;
  fmpq_mat_init(S, n, n);
  exact_sigma(X, center, drop, S);
  Moments<rational> out;
  out.Sxx = Mat<rational>(n, n);
  out.trSyy = 0;
  mpq_t q;
  mpq_init(q);
  for (long a = 0; a < n; ++a)
    for (long b = 0; b < n; ++b) {
      fmpq_get_mpq(q, fmpq_mat_entry(S, a, b));
      out.Sxx(a, b) = rational(q);
    }
  mpq_clear(q);
  for (long a = 0; a < n; ++a) out.trSyy += out.Sxx(a, a);
  out.Syx = out.Sxx;
  out.autoencoder = true;
  fmpq_mat_clear(S);
  return out;
}

Ball ball_of(const rational& x) {
  fmpq_t q;
  fmpq_init(q);
  fmpq_set_mpq(q, x.backend().data());
  Ball b;
  arb_set_fmpq(b.get(), q, ball_bits());
  fmpq_clear(q);
  return b;
}

std::vector<Ball> certified_eigenvalues(const BallMatrix& Sigma, const Vec<mp_real>& mu, const Mat<mp_real>& V) {
  const long n = Sigma.rows();
  const BallMatrix Vb = to_balls(V), Vt = transpose(Vb);
  // F = VᵀV − I and E = VᵀΣV − D (docs/certification.md §2).
  BallMatrix F = Vt * Vb, E = Vt * (Sigma * Vb);
  for (long i = 0; i < n; ++i) {
    arb_sub_si(F.at(i, i), F.at(i, i), 1, ball_bits());
    arb_sub(E.at(i, i), E.at(i, i), Ball(mu(i)).get(), ball_bits());
  }
  const Ball f = frobenius_upper(F), e = frobenius_upper(E);
  const std::string bits = std::to_string(ball_bits()) + " bits";
  if (!certainly_less(f, Ball(1)))
    throw CertificationError("approximate eigenvectors of Sigma are not certifiably independent at " + bits);
  const Ball theta = Ball::hull(Ball(1) / (Ball(1) + f), Ball(1) / (Ball(1) - f));
  const Ball spread = Ball::hull(-e, e);
  std::vector<Ball> lambda(static_cast<size_t>(n));
  for (long i = 0; i < n; ++i) lambda[static_cast<size_t>(n - 1 - i)] = theta * (Ball(mu(i)) + spread);
  for (long s = 0; s + 1 < n; ++s)
    if (!certainly_less(lambda[s + 1], lambda[s]))
      throw CertificationError("eigenvalues " + std::to_string(s + 1) + " and " + std::to_string(s + 2) +
                               " of Sigma not certifiably distinct at " + bits);
  if (!lambda[n - 1].certainly_positive())
    throw CertificationError("Sigma is not certifiably positive definite at " + bits + " (smallest eigenvalue ball contains 0)");
  return lambda;
}

int certified_count_below(const std::vector<Ball>& diag, const std::vector<Ball>& off, const Ball& t) {
  int negative = 0;
  Ball pivot;
  for (size_t i = 0; i < diag.size(); ++i) {
    Ball d = diag[i] - t;
    if (i > 0) d -= off[i - 1] * off[i - 1] / pivot;
    if (d.contains_zero() || !d.finite()) return -1;
    negative += d.certainly_negative();
    pivot = std::move(d);
  }
  return negative;
}

std::vector<Ball> certified_tridiagonal_eigenvalues(const std::vector<Ball>& diag, const std::vector<Ball>& off) {
  const int k = static_cast<int>(diag.size());
  Mat<mp_real> M = Mat<mp_real>::Zero(k, k);
  mp_real scale = 0;
  for (int i = 0; i < k; ++i) {
    M(i, i) = diag[i].mid();
    if (i + 1 < k) M(i, i + 1) = M(i + 1, i) = off[i].mid();
    scale = std::max(scale, mp_real(abs(M(i, i))));
  }
  for (int i = 0; i + 1 < k; ++i) scale = std::max(scale, mp_real(abs(M(i, i + 1))));
  const Vec<mp_real> r = symmetric_eigenvalues<mp_real>(M);
  const mp_real first = scale * boost::multiprecision::pow(mp_real(2), -static_cast<int>(ball_bits() - 72));
  std::vector<Ball> out;
  for (int j = 0; j < k; ++j) {
    bool isolated = false;
    // Widen until the counts at r_j ∓ δ are j and j + 1: then exactly one
    // eigenvalue, the (j+1)-th smallest, lies in [r_j − δ, r_j + δ].
    for (mp_real delta = first; !isolated && delta < scale * 1e-6; delta *= 16) {
      const Ball lo(mp_real(r(j) - delta)), hi(mp_real(r(j) + delta));
      isolated = certified_count_below(diag, off, lo) == j && certified_count_below(diag, off, hi) == j + 1;
      if (isolated) out.push_back(Ball::hull(lo, hi));
    }
    if (!isolated)
      throw CertificationError("eigenvalue " + std::to_string(j + 1) + " of a " + std::to_string(k) + "x" + std::to_string(k) +
                               " block could not be isolated at " + std::to_string(ball_bits()) + " bits");
  }
  return out;
}

namespace {
void sort_by_mid(std::vector<Ball>& v) {
  std::sort(v.begin(), v.end(), [](const Ball& a, const Ball& b) { return arf_cmp(arb_midref(a.get()), arb_midref(b.get())) < 0; });
}
}  // namespace

CertifiedSpectrum certified_closed_form(const std::vector<Ball>& lambda, const Ball& trSyy, const Index& I,
                                        const std::vector<Ball>& c, LossKind kind) {
  const int n = static_cast<int>(lambda.size()), p = static_cast<int>(I.size());
  const bool ordered = kind == LossKind::ordered;
  auto w = [&](int k) { return Ball(ordered ? p - k : 1); };
  auto li = [&](int k) -> const Ball& { return lambda[static_cast<size_t>(I[k])]; };
  CertifiedSpectrum out;
  std::vector<Ball>& mu = out.eigenvalues;
  const Ball two(2);
  // docs/lae-math.md §7.2 / §7.4: inside blocks; the zeros are structural (§8 null spaces).
  if (!ordered) {
    for (int k = 0; k < p; ++k)
      for (int l = 0; l < p; ++l) mu.push_back(two * li(l) * (c[k] * c[k] + Ball(1) / (c[l] * c[l])));
    out.structural_zeros = p * p;
  } else {
    for (int k = 0; k < p; ++k) {
      mu.push_back(two * w(k) * li(k) * (c[k] * c[k] + Ball(1) / (c[k] * c[k])));
      for (int l = k + 1; l < p; ++l) {
        const Ball d(l - k), wk = w(k), wl = w(l);
        const std::vector<Ball> diag = {two * wl * li(l) / (c[l] * c[l]), two * wk * li(l) * c[k] * c[k],
                                        two * wk * li(k) / (c[k] * c[k]), two * wl * li(k) * c[l] * c[l]};
        const std::vector<Ball> off = {two * wl * li(l) * c[k] / c[l], -(two * d * li(l)), two * wl * li(k) * c[l] / c[k]};
        for (Ball& b : certified_tridiagonal_eigenvalues(diag, off)) mu.push_back(std::move(b));
      }
    }
    out.structural_zeros = p;
  }
  // Outside 2×2 blocks w_k·M_{s,k}: μ± = w(σ ± √(σ² − 4λ_s(λ_i − λ_s))), μ₋ = w·det/(σ + √·).
  for (int s = 0; s < n; ++s) {
    if (std::find(I.begin(), I.end(), s) != I.end()) continue;
    const Ball& ls = lambda[static_cast<size_t>(s)];
    for (int k = 0; k < p; ++k) {
      const Ball c2 = c[k] * c[k];
      const Ball sigma = ls * c2 + li(k) / c2, det = Ball(4) * ls * (li(k) - ls);
      const Ball disc = sigma * sigma - det;
      if (!disc.certainly_positive())
        throw CertificationError("outside block (s=" + std::to_string(s + 1) + ", k=" + std::to_string(k + 1) +
                                 "): discriminant not certifiably positive at " + std::to_string(ball_bits()) + " bits");
      const Ball plus = sigma + sqrt(disc);
      mu.push_back(w(k) * plus);
      mu.push_back(w(k) * det / plus);
    }
  }
  out.proved = true;
  for (size_t i = 0; i < mu.size(); ++i) {
    if (mu[i].certainly_negative()) ++out.inertia.negative;
    else if (mu[i].certainly_positive()) ++out.inertia.positive;
    else if (out.proved) {
      out.proved = false;
      out.reason = "a non-structural eigenvalue ball contains 0 at " + std::to_string(ball_bits()) + " bits";
    }
  }
  out.inertia.zero = out.structural_zeros;
  for (int z = 0; z < out.structural_zeros; ++z) mu.push_back(Ball(0));
  sort_by_mid(mu);
  Ball explained(0);
  for (int k = 0; k < p; ++k) explained += w(k) * li(k);
  out.loss = Ball(ordered ? p : 1) * trSyy - explained;
  return out;
}

}  // namespace ael::lae
