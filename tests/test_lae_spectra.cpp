// Critical points and Hessian spectra (docs/lae-math.md §6–§8; claims LAE-11…LAE-25):
// closed forms against the assembled Hessian diagonalised in the same
// precision, inertia against the counting formulas and the hand-written docs/lae-math.md §8
// table, explicit negative-curvature directions, null spaces, and the
// hypotheses (H1)–(H3) enforced by eigen_data.
#include <doctest/doctest.h>

#include "core/random_matrix.hpp"
#include "core/linalg.hpp"
#include "core/rng.hpp"
#include "lae/critical.hpp"
#include "lae/model.hpp"
#include "lae/synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <numeric>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

using ael::Mat;
using ael::mp_real;
using std::abs;  // abs(double) and, by ADL, abs(mp_real) in the templated bodies
using ael::Vec;
namespace lae = ael::lae;
using lae::Index;
using lae::Inertia;
using lae::LossKind;

namespace {

template <class T> T eps() { return ael::working_epsilon<T>(); }
template <class T> T max_abs(const Mat<T>& M) { return M.size() ? T(M.cwiseAbs().maxCoeff()) : T(0); }

const LossKind kKinds[] = {LossKind::mse, LossKind::ordered};

std::string show(const Inertia& in) {
  return "(" + std::to_string(in.negative) + "," + std::to_string(in.zero) + "," + std::to_string(in.positive) + ")";
}

template <class T> struct Data {
  Mat<T> Xr, Yr;  // samples as rows
  lae::Moments<T> mom;
  lae::EigenData<T> e;
  T kappa;  // error amplification of the eigen/whitening steps (see make_data)
};

// LAE (Y = X) with a prescribed spectrum, or general Y = X Gᵀ + noise/2.
template <class T> Data<T> make_data(int n, std::uint64_t seed, const std::string& spectrum, bool autoencoder) {
  Data<T> d;
  d.Xr = lae::synthetic_samples<T>(n, n + 3, seed, spectrum);
  if (!autoencoder) d.Yr = lae::synthetic_targets<T>(d.Xr, seed);
  d.mom = lae::moments_from_rows<T>(d.Xr, autoencoder ? nullptr : &d.Yr);
  d.e = lae::eigen_data<T>(d.mom);
  // Eigenvector errors are ~ε·λ₁/gap (Davis–Kahan); general Y adds the
  // conditioning of Σ_yx through M̂ and 𝒥⁻¹ (twice: 𝒥^{-T} H 𝒥^{-1}).
  T gap = d.e.lambda(0);
  for (int s = 0; s + 1 < n; ++s) gap = std::min<T>(gap, d.e.lambda(s) - d.e.lambda(s + 1));
  d.kappa = d.e.lambda(0) / gap;
  if (!autoencoder) {
    const T cond = max_abs<T>(d.mom.Syx) * max_abs<T>(ael::inverse<T>(d.mom.Syx)) * n;
    d.kappa *= cond * cond;
  }
  return d;
}

void ordered_tuples(int n, int p, Index& prefix, std::vector<Index>& out) {
  if (static_cast<int>(prefix.size()) == p) {
    out.push_back(prefix);
    return;
  }
  for (int s = 0; s < n; ++s)
    if (std::find(prefix.begin(), prefix.end(), s) == prefix.end()) {
      prefix.push_back(s);
      ordered_tuples(n, p, prefix, out);
      prefix.pop_back();
    }
}
std::vector<Index> all_ordered(int n, int p) {
  std::vector<Index> out;
  Index prefix;
  ordered_tuples(n, p, prefix, out);
  return out;
}

// Signed scales with |c| = 2^u, u uniform in [-1, 1] (docs/lae-math.md §11: moderate range).
template <class T> Vec<T> signed_scales(ael::Rng& rng, int p) {
  Vec<T> c(p);
  for (int k = 0; k < p; ++k) c(k) = T((rng.uniform() < 0.5 ? -1 : 1) * std::exp2(2 * rng.uniform() - 1));
  return c;
}

template <class T> Mat<T> diag(const Vec<T>& c) { return c.asDiagonal(); }

template <class T> T spectrum_error(const Vec<T>& a, const Vec<T>& b) {
  REQUIRE(a.size() == b.size());
  return max_abs<T>(Mat<T>(a - b)) / std::max<T>(max_abs<T>(a), max_abs<T>(b));
}

template <class T> T lambda_sum(const Vec<T>& lambda, const Index& I, LossKind kind, int p) {
  T s = 0;
  for (size_t k = 0; k < I.size(); ++k) s += (kind == LossKind::ordered ? T(p - int(k)) : T(1)) * lambda(I[k]);
  return s;
}

template <class T> T grad_scale(const Data<T>& d, const lae::Point<T>& x, int p) {
  const T a = x.A.norm() + x.B.norm();
  return T(p) * (max_abs<T>(d.mom.Sxx) * a * a * a + max_abs<T>(d.mom.Syx) * a) * T(d.mom.n());
}

}  // namespace

TEST_SUITE("lae_spectra") {

// ------------------------------------------------------------ eigen data, (H1)–(H3)

TEST_CASE_TEMPLATE("eigen_data: LAE spectrum is the prescribed one; general Y: M̂ and Σ = UΛUᵀ", T, double, mp_real) {
  const int n = 4;
  Vec<T> expected(n);
  expected << T(7) / 2, T(5) / 2, T(3) / 2, T(1) / 2;
  const auto d = make_data<T>(n, 3, "3.5,2.5,1.5,0.5", true);
  CHECK(max_abs<T>(Mat<T>(d.e.lambda - expected)) <= ael::rounding_tolerance<T>(T(4)));
  CHECK(d.e.autoencoder);
  CHECK(d.e.Mhat == Mat<T>::Identity(n, n));
  const Mat<T> I = Mat<T>::Identity(n, n);
  CHECK(max_abs<T>(Mat<T>(d.e.U.transpose() * d.e.U - I)) <= ael::rounding_tolerance<T>(T(n)));
  CHECK(max_abs<T>(Mat<T>(d.mom.Sxx * d.e.U - d.e.U * d.e.lambda.asDiagonal())) <= ael::rounding_tolerance<T>(T(4 * n)));

  const auto g = make_data<T>(n, 5, "linear", false);
  CHECK_FALSE(g.e.autoencoder);
  for (int s = 0; s + 1 < n; ++s) CHECK(g.e.lambda(s) > g.e.lambda(s + 1));
  const T sc = max_abs<T>(g.mom.Syx) * g.kappa;
  CHECK(max_abs<T>(Mat<T>(g.e.Mhat * g.mom.Sxx - g.mom.Syx)) <= ael::rounding_tolerance<T>(sc));
  const Mat<T> Sigma = g.mom.Syx * ael::inverse<T>(g.mom.Sxx) * g.mom.Syx.transpose();
  CHECK(max_abs<T>(Mat<T>(Sigma * g.e.U - g.e.U * g.e.lambda.asDiagonal())) <= ael::rounding_tolerance<T>(sc * g.e.lambda(0)));
  CHECK(max_abs<T>(Mat<T>(g.e.U.transpose() * g.e.U - I)) <= ael::rounding_tolerance<T>(T(n)));
  // tr Σ = Σ λ (a different route to the same number).
  CHECK(abs(Sigma.trace() - g.e.lambda.sum()) <= ael::rounding_tolerance<T>(sc * g.e.lambda(0)));
}

TEST_CASE_TEMPLATE("eigen_data rejects repeated eigenvalues, singular Σ_xx and singular Σ_yx", T, double, mp_real) {
  const int n = 4;
  {
    const Mat<T> X = lae::synthetic_samples<T>(n, 8, 1, "3,2,2,1");
    const auto m = lae::moments_from_rows<T>(X);
    try {
      lae::eigen_data<T>(m);
      FAIL("repeated eigenvalue accepted");
    } catch (const std::invalid_argument& e) {
      CHECK(std::string(e.what()).find("not distinct") != std::string::npos);
      CHECK(std::string(e.what()).find("2 and 3") != std::string::npos);  // 1-based positions of the tie
    }
  }
  {
    Mat<T> X = lae::synthetic_samples<T>(n, 8, 2, "gaussian");
    X.col(2) = X.col(0);  // duplicate column: Σ_xx singular
    const auto m = lae::moments_from_rows<T>(X);
    try {
      lae::eigen_data<T>(m);
      FAIL("singular Sigma_xx accepted");
    } catch (const std::invalid_argument& e) {
      CHECK(std::string(e.what()).find("Sigma_xx") != std::string::npos);
    }
    const Mat<T> Y = lae::synthetic_targets<T>(X, 3);
    CHECK_THROWS_AS(lae::eigen_data<T>(lae::moments_from_rows<T>(X, &Y)), std::invalid_argument);
  }
  {
    const Mat<T> X = lae::synthetic_samples<T>(n, 8, 4, "gaussian");
    Mat<T> Y = lae::synthetic_targets<T>(X, 4);
    Y.col(1).setZero();  // Σ_yx has a zero row: singular
    try {
      lae::eigen_data<T>(lae::moments_from_rows<T>(X, &Y));
      FAIL("singular Sigma_yx accepted");
    } catch (const std::invalid_argument& e) {
      CHECK(std::string(e.what()).find("Sigma_yx") != std::string::npos);
    }
  }
  // The documented relative gap is the boundary: λ₃ = 2 − δ with δ = 10·gap·λ₁
  // is accepted, δ = gap·λ₁/10 rejected (rounding of the data is ~ε·λ₁ ≪ both).
  const T gap = lae::distinct_gap<T>();
  CHECK(gap > T(1e4) * eps<T>());
  CHECK(gap < T(1e-3));
  auto spectrum_with = [&](const T& delta) {
    const int digits = std::is_same<T, double>::value ? 17 : ael::working_digits();
    return "3,2," + ael::to_decimal(T(2 - delta), digits) + ",1";
  };
  CHECK_NOTHROW(lae::eigen_data<T>(lae::moments_from_rows<T>(lae::synthetic_samples<T>(n, 8, 1, spectrum_with(30 * gap)))));
  CHECK_THROWS_AS(lae::eigen_data<T>(lae::moments_from_rows<T>(lae::synthetic_samples<T>(n, 8, 1, spectrum_with(gap * 3 / 10)))),
                  std::invalid_argument);
}

TEST_CASE_TEMPLATE("synthetic data: parse_spectrum, seeded samples with an exact spectrum, orthonormal columns", T,
                   double, mp_real) {
  Vec<T> lin(4), geo(3), list(3);
  lin << T(4), T(3), T(2), T(1);
  geo << T(1), T(1) / 4, T(1) / 16;
  list << T(5), ael::parse_scalar<T>("2.5"), ael::parse_scalar<T>("0.1");
  CHECK(lae::parse_spectrum<T>("linear", 4) == lin);
  CHECK(max_abs<T>(Mat<T>(lae::parse_spectrum<T>("geometric:0.25", 3) - geo)) == 0);
  CHECK(lae::parse_spectrum<T>("5,2.5,0.1", 3) == list);
  CHECK(lae::parse_spectrum<T>("gaussian", 3).size() == 0);
  for (const char* bad : {"geometric:1", "geometric:0", "1,2", "1,2,3,4", "1,-2,3", "1,0,3", "bogus", "1,,2"})
    CHECK_THROWS_AS(lae::parse_spectrum<T>(bad, 3), std::invalid_argument);

  // XᵀX has exactly the requested eigenvalues (Jacobi, a different eigensolver).
  const Mat<T> X = lae::synthetic_samples<T>(3, 7, 42, "5,2.5,0.1");
  REQUIRE(X.rows() == 7);
  REQUIRE(X.cols() == 3);
  const Vec<T> ev = ael::jacobi_eigenvalues<T>(Mat<T>(X.transpose() * X));
  CHECK(max_abs<T>(Mat<T>(ev.reverse() - list)) <= ael::rounding_tolerance<T>(T(5 * 3)));
  CHECK_THROWS_AS(lae::synthetic_samples<T>(3, 2, 1, "linear"), std::invalid_argument);  // m < n

  // Same seed, same data; different seed, different data.
  CHECK(lae::synthetic_samples<T>(3, 7, 42, "gaussian") == lae::synthetic_samples<T>(3, 7, 42, "gaussian"));
  CHECK(lae::synthetic_samples<T>(3, 7, 42, "gaussian") != lae::synthetic_samples<T>(3, 7, 43, "gaussian"));
  CHECK(lae::synthetic_targets<T>(X, 9) == lae::synthetic_targets<T>(X, 9));
  CHECK(lae::synthetic_targets<T>(X, 9).rows() == 7);

  const Mat<T> Q = lae::random_orthonormal_columns<T>(6, 4, 5);
  CHECK(max_abs<T>(Mat<T>(Q.transpose() * Q - Mat<T>::Identity(4, 4))) <= ael::rounding_tolerance<T>(T(6)));
  // Double and mp draw the same Gaussian numbers: agreement to double precision.
  const Mat<double> Qd = lae::random_orthonormal_columns<double>(6, 4, 5);
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 4; ++j) CHECK(std::abs(ael::to_double(Q(i, j)) - Qd(i, j)) <= 1e-12);
}

// ------------------------------------------------------------ index tuples and the inertia formula

TEST_CASE("index tuples: parse/format, inversions, ν") {
  CHECK(lae::parse_index("3,1", 3, 2) == Index{2, 0});
  CHECK(lae::format_index(Index{2, 0, 1}) == "(3,1,2)");
  CHECK_THROWS_AS(lae::parse_index("1,1", 3, 2), std::invalid_argument);
  CHECK_THROWS_AS(lae::parse_index("0,1", 3, 2), std::invalid_argument);
  CHECK_THROWS_AS(lae::parse_index("1,4", 3, 2), std::invalid_argument);
  CHECK_THROWS_AS(lae::parse_index("1", 3, 2), std::invalid_argument);
  CHECK_THROWS_AS(lae::parse_index("1,2,3", 3, 2), std::invalid_argument);
  CHECK_THROWS_AS(lae::parse_index("1,x", 3, 2), std::invalid_argument);
  CHECK_THROWS_AS(lae::parse_index("1,2.5", 3, 2), std::invalid_argument);
  CHECK(lae::parse_index(" 3 , 1 ", 3, 2) == Index{2, 0});  // blanks around entries
  CHECK_THROWS_AS(lae::parse_index("1,,2", 3, 2), std::invalid_argument);
  // Beyond int: an out-of-range entry, not a wrapped or unparsed one (one integer reader, core/integer_text.hpp).
  CHECK_THROWS_WITH_AS(lae::parse_index("1,99999999999999", 3, 2), doctest::Contains("out of range"), std::invalid_argument);
  // Brute-force definitions, written differently from the library's.
  for (int n = 1; n <= 5; ++n)
    for (int p = 1; p <= n; ++p)
      for (const Index& I : all_ordered(n, p)) {
        int inv = 0, nu = 0;
        for (int k = 0; k < p; ++k) {
          for (int l = 0; l < k; ++l) inv += I[l] > I[k];
          for (int s = 0; s < I[k]; ++s) nu += std::find(I.begin(), I.end(), s) == I.end();  // s ∈ J, s < i_k
        }
        CHECK(lae::inversions(I) == inv);
        CHECK(lae::nu(I) == nu);
        CHECK(lae::parse_index(lae::format_index(I).substr(1, lae::format_index(I).size() - 2), n, p) == I);
      }
}

TEST_CASE("inertia_formula: docs/lae-math.md §8 worked table (n=3, p=2) and the extreme indices") {
  // docs/lae-math.md §8 table, 1-based I → #neg (MSE / ordered); zeros 4 (MSE) and 2 (ordered).
  const std::map<std::pair<int, int>, std::pair<int, int>> table = {
      {{1, 2}, {0, 0}}, {{2, 1}, {0, 1}}, {{1, 3}, {1, 1}}, {{3, 1}, {1, 2}}, {{2, 3}, {2, 2}}, {{3, 2}, {2, 3}}};
  for (const auto& [I1, neg] : table) {
    const Index I{I1.first - 1, I1.second - 1};
    CAPTURE(lae::format_index(I));
    const Inertia mse = lae::inertia_formula(I, 3, LossKind::mse), ord = lae::inertia_formula(I, 3, LossKind::ordered);
    CHECK(mse == Inertia{neg.first, 4, 12 - 4 - neg.first});
    CHECK(ord == Inertia{neg.second, 2, 12 - 2 - neg.second});
  }
  for (int n = 1; n <= 7; ++n)
    for (int p = 1; p <= n; ++p) {
      Index best(p), top(p);
      std::iota(best.begin(), best.end(), 0);
      for (int k = 0; k < p; ++k) top[k] = n - 1 - k;  // (n, n−1, …, n−p+1)
      CHECK(lae::inertia_formula(best, n, LossKind::ordered).negative == 0);
      CHECK(lae::inertia_formula(top, n, LossKind::mse).negative == p * (n - p));
      CHECK(lae::inertia_formula(top, n, LossKind::ordered).negative == p * (n - p) + p * (p - 1) / 2);
      for (const Index& I : all_ordered(n, p)) {
        const Inertia o = lae::inertia_formula(I, n, LossKind::ordered);
        CHECK(o.negative + o.zero + o.positive == 2 * n * p);
        CHECK((o.negative == 0) == (I == best));  // the ordered loss has a unique minimum tuple
      }
    }
}

TEST_CASE_TEMPLATE("inertia_of and relative_discrepancy on hand-made vectors", T, double, mp_real) {
  Vec<T> mu(6);
  mu << T(-3), T(-1e-12), T(0), T(1e-11), T(2), T(10);
  CHECK(lae::inertia_of<T>(mu, T(1e-9)) == Inertia{1, 3, 2});
  CHECK(lae::inertia_of<T>(mu, T(1e-14)) == Inertia{2, 1, 3});
  Vec<T> a(3), b(3);
  a << T(-1), T(2), T(4);
  b << T(-1), T(2.5), T(4);
  CHECK(lae::relative_discrepancy<T>(a, b) == T(0.125));
  CHECK(lae::relative_discrepancy<T>(a, a) == 0);
}

// ------------------------------------------------------------ critical points

TEST_CASE_TEMPLATE("LAE-11/13: ∇ = 0 and closed-form loss at P(I,C) for every ordered I", T, double, mp_real) {
  ael::Rng rng(1301);
  for (bool ae : {true, false}) {
    const int n = 4, p = 2;
    const auto d = make_data<T>(n, ae ? 11 : 12, "linear", ae);
    for (const Index& I : all_ordered(n, p)) {
      CAPTURE(ae);
      CAPTURE(lae::format_index(I));
      const Vec<T> c = signed_scales<T>(rng, p);
      const auto x = lae::critical_point<T>(d.e, I, diag<T>(c));
      // Per unit: a_k = c_k u_{i_k}, b_k = c_k⁻¹ M̂ᵀ u_{i_k} (docs/lae-math.md §6).
      for (int k = 0; k < p; ++k) {
        CHECK(max_abs<T>(Mat<T>(x.A.col(k) - c(k) * d.e.U.col(I[k]))) <= ael::rounding_tolerance<T>(T(4)));
        CHECK(max_abs<T>(Mat<T>(x.B.row(k).transpose() - d.e.Mhat.transpose() * d.e.U.col(I[k]) / c(k))) <=
              ael::rounding_tolerance<T>(T(4) * d.kappa));
      }
      for (LossKind kind : kKinds) {
        CAPTURE(lae::loss_name(kind));
        const auto w = lae::loss_weights<T>(kind, p);
        const auto g = lae::gradient<T>(d.mom, x.A, x.B, w);
        CHECK(g.norm() <= ael::rounding_tolerance<T>(d.kappa * grad_scale(d, x, p)));
        const T L = lae::loss<T>(d.mom, x.A, x.B, w);
        const T expected = T(w.terms) * d.mom.trSyy - lambda_sum<T>(d.e.lambda, I, kind, p);
        const T sl = ael::rounding_tolerance<T>(d.kappa * T(w.terms) * d.mom.trSyy);
        CHECK(abs(L - expected) <= sl);
        CHECK(abs(lae::critical_loss<T>(d.mom, d.e, I, p, kind) - expected) <= sl);
      }
    }
  }
}

TEST_CASE_TEMPLATE("LAE-13: generic non-diagonal C is MSE- but not ordered-critical; C = ΠD is ordered-critical", T,
                   double, mp_real) {
  ael::Rng rng(1302);
  for (bool ae : {true, false}) {
    CAPTURE(ae);
    const int n = 4, p = 3;
    const auto d = make_data<T>(n, ae ? 13 : 14, "linear", ae);
    const Index I{2, 0, 3};
    Mat<T> C(p, p);
    for (int i = 0; i < p; ++i)
      for (int j = 0; j < p; ++j) C(i, j) = T(rng.gaussian()) + (i == j ? T(2) : T(0));
    const T condC = max_abs<T>(C) * max_abs<T>(ael::inverse<T>(C)) * p;
    const auto x = lae::critical_point<T>(d.e, I, C);
    const auto mse = lae::loss_weights<T>(LossKind::mse, p), ord = lae::loss_weights<T>(LossKind::ordered, p);
    const T sg = ael::rounding_tolerance<T>(d.kappa * condC * condC * grad_scale(d, x, p));
    CHECK(lae::gradient<T>(d.mom, x.A, x.B, mse).norm() <= sg);
    // Not critical for L: the gradient is a sizeable fraction of the terms it is made of.
    CHECK(lae::gradient<T>(d.mom, x.A, x.B, ord).norm() > T(1e-3) * grad_scale(d, x, p));
    CHECK(lae::gradient<T>(d.mom, x.A, x.B, ord).norm() > T(1e-3) * d.e.lambda(n - 1));

    // C = Π D: the point is P(I', D) with I'_k = I_{π(k)}.
    const std::vector<int> perm{1, 2, 0};  // Π e_k = e_{perm[k]}
    Mat<T> Pi = Mat<T>::Zero(p, p);
    for (int k = 0; k < p; ++k) Pi(perm[k], k) = 1;
    const Vec<T> dvec = signed_scales<T>(rng, p);
    const auto y = lae::critical_point<T>(d.e, I, Mat<T>(Pi * diag<T>(dvec)));
    Index Ip(p);
    for (int k = 0; k < p; ++k) Ip[k] = I[perm[k]];
    const T sy = ael::rounding_tolerance<T>(d.kappa * grad_scale(d, y, p));
    CHECK(lae::gradient<T>(d.mom, y.A, y.B, ord).norm() <= sy);
    const auto z = lae::critical_point<T>(d.e, Ip, diag<T>(dvec));
    CHECK(max_abs<T>(Mat<T>(y.A - z.A)) <= ael::rounding_tolerance<T>(T(4)));
    CHECK(lae::inertia_of<T>(lae::numeric_spectrum<T>(d.mom, d.e, y, LossKind::ordered), ael::zero_threshold<T>()) ==
          lae::inertia_formula(Ip, n, LossKind::ordered));
  }
}

TEST_CASE_TEMPLATE("LAE-14/26: rank-deficient critical points: ∇ = 0, loss, and #neg ≥ n − r", T, double, mp_real) {
  for (bool ae : {true, false}) {
    const int n = 4, p = 3;
    const auto d = make_data<T>(n, ae ? 15 : 16, "linear", ae);
    for (const Index& J : {Index{}, Index{2}, Index{1, 3}, Index{3, 0}}) {
      CAPTURE(ae);
      CAPTURE(lae::format_index(J));
      const int r = static_cast<int>(J.size());
      const auto x = lae::rank_deficient_point<T>(d.e, J, p);
      for (LossKind kind : kKinds) {
        CAPTURE(lae::loss_name(kind));
        const auto w = lae::loss_weights<T>(kind, p);
        CHECK(lae::gradient<T>(d.mom, x.A, x.B, w).norm() <= ael::rounding_tolerance<T>(d.kappa * grad_scale(d, x, p) + T(1)));
        const T expected = T(w.terms) * d.mom.trSyy - lambda_sum<T>(d.e.lambda, J, kind, p);
        const T sl = ael::rounding_tolerance<T>(d.kappa * T(w.terms) * d.mom.trSyy);
        CHECK(abs(lae::loss<T>(d.mom, x.A, x.B, w) - expected) <= sl);
        CHECK(abs(lae::critical_loss<T>(d.mom, d.e, J, p, kind) - expected) <= sl);
        const Inertia in = lae::inertia_of<T>(lae::numeric_spectrum<T>(d.mom, d.e, x, kind), ael::zero_threshold<T>());
        CAPTURE(show(in));
        CHECK(in.negative >= n - r);
      }
    }
  }
}

// ------------------------------------------------------------ spectra

template <class T> void check_all_ordered_spectra(int n, int p, bool ae, std::uint64_t seed, const std::string& spectrum) {
  ael::Rng rng(seed);
  const auto d = make_data<T>(n, seed, spectrum, ae);
  for (const Index& I : all_ordered(n, p)) {
    const Vec<T> c = signed_scales<T>(rng, p);
    const auto x = lae::critical_point<T>(d.e, I, diag<T>(c));
    for (LossKind kind : kKinds) {
      CAPTURE(ae);
      CAPTURE(n);
      CAPTURE(p);
      CAPTURE(lae::format_index(I));
      CAPTURE(lae::loss_name(kind));
      const Vec<T> closed = lae::closed_form_spectrum<T>(d.e.lambda, I, c, kind);
      const Vec<T> numeric = lae::numeric_spectrum<T>(d.mom, d.e, x, kind);
      REQUIRE(closed.size() == 2 * n * p);
      REQUIRE(numeric.size() == 2 * n * p);
      for (Eigen::Index i = 0; i + 1 < closed.size(); ++i) REQUIRE(closed(i) <= closed(i + 1));
      const T err = spectrum_error<T>(closed, numeric);
      CHECK(err <= ael::rounding_tolerance<T>(d.kappa));
      CHECK(abs(lae::relative_discrepancy<T>(closed, numeric) - err) <= err * T(1e-6));
      const Inertia expected = lae::inertia_formula(I, n, kind);
      const Inertia got = lae::inertia_of<T>(numeric, ael::zero_threshold<T>());
      CAPTURE(show(got));
      CAPTURE(show(expected));
      CHECK(got == expected);
      // Closed forms have structural zeros: exactly p² (MSE) or p (ordered) of them.
      CHECK(lae::inertia_of<T>(closed, T(0)) == expected);
    }
  }
}

TEST_CASE("LAE-17/19/21: closed form = numeric spectrum and inertia for all ordered I (mp_real)") {
  for (bool ae : {true, false}) {
    check_all_ordered_spectra<mp_real>(4, 2, ae, ae ? 401 : 402, "4,3,2,1");
    check_all_ordered_spectra<mp_real>(3, 3, ae, ae ? 403 : 404, "linear");
  }
}

TEST_CASE("LAE-17/19/21: all 60 ordered I of n=5, p=3 (mp_real)") {
  for (bool ae : {true, false}) check_all_ordered_spectra<mp_real>(5, 3, ae, ae ? 409 : 410, "geometric:0.6");
}

TEST_CASE("LAE-17/19/21: closed form = numeric spectrum and inertia for all ordered I (double)") {
  for (bool ae : {true, false}) {
    check_all_ordered_spectra<double>(4, 2, ae, ae ? 405 : 406, "5,3.5,2,1");
    check_all_ordered_spectra<double>(3, 3, ae, ae ? 407 : 408, "geometric:0.5");
  }
}

TEST_CASE_TEMPLATE("LAE-18/21: MSE spectrum with a general C ∈ GL(p)", T, double, mp_real) {
  ael::Rng rng(1801);
  for (bool ae : {true, false}) {
    const int n = 4, p = 2;
    const auto d = make_data<T>(n, ae ? 181 : 182, "4,3,2,1", ae);
    for (const Index& I : {Index{0, 1}, Index{3, 1}, Index{2, 0}}) {
      CAPTURE(ae);
      CAPTURE(lae::format_index(I));
      Mat<T> C(p, p);
      for (int i = 0; i < p; ++i)
        for (int j = 0; j < p; ++j) C(i, j) = T(0.5 * rng.gaussian()) + (i == j ? T(1) : T(0));
      const T condC = max_abs<T>(C) * max_abs<T>(ael::inverse<T>(C)) * p;
      const Vec<T> closed = lae::closed_form_spectrum_mse<T>(d.e.lambda, I, C);
      const Vec<T> numeric = lae::numeric_spectrum<T>(d.mom, d.e, lae::critical_point<T>(d.e, I, C), LossKind::mse);
      CHECK(spectrum_error<T>(closed, numeric) <= ael::rounding_tolerance<T>(d.kappa * condC * condC));
      CHECK(lae::inertia_of<T>(numeric, ael::zero_threshold<T>()) == lae::inertia_formula(I, n, LossKind::mse));
      // Diagonal C: the general-C closed form reduces to docs/lae-math.md §7.2.
      const Vec<T> c = signed_scales<T>(rng, p);
      CHECK(spectrum_error<T>(lae::closed_form_spectrum_mse<T>(d.e.lambda, I, diag<T>(c)),
                              lae::closed_form_spectrum<T>(d.e.lambda, I, c, LossKind::mse)) <= ael::rounding_tolerance<T>(T(16)));
    }
  }
}

TEST_CASE_TEMPLATE("LAE-25: spectrum at the origin is ±2w_kσ_t(Σ_yx)", T, double, mp_real) {
  for (bool ae : {true, false}) {
    const int n = 4;
    const auto d = make_data<T>(n, ae ? 251 : 252, "linear", ae);
    const Vec<T> sigma = ael::singular_values<T>(d.mom.Syx);
    if (ae) CHECK(max_abs<T>(Mat<T>(sigma - d.e.lambda)) <= ael::rounding_tolerance<T>(d.kappa * d.e.lambda(0)));  // σ_t = λ_t
    for (int p = 1; p <= 3; ++p)
      for (LossKind kind : kKinds) {
        CAPTURE(ae);
        CAPTURE(p);
        CAPTURE(lae::loss_name(kind));
        const auto w = lae::loss_weights<T>(kind, p);
        const Mat<T> A = Mat<T>::Zero(n, p), B = Mat<T>::Zero(p, n);
        CHECK(lae::gradient<T>(d.mom, A, B, w).norm() == 0);
        const Vec<T> numeric = ael::symmetric_eigenvalues<T>(lae::hessian_elementwise<T>(d.mom, A, B, w));
        const Vec<T> closed = lae::origin_spectrum<T>(sigma, p, kind);
        CHECK(spectrum_error<T>(closed, numeric) <= ael::rounding_tolerance<T>(T(4 * n)));
        CHECK(lae::inertia_of<T>(numeric, ael::zero_threshold<T>()) == Inertia{n * p, 0, n * p});
        // Largest |μ| = 2·w_1·σ_1 = 2·(p or 1)·σ_1.
        CHECK(abs(closed(closed.size() - 1) - 2 * T(w.terms) * sigma(0)) <= ael::rounding_tolerance<T>(sigma(0)));
      }
  }
}

TEST_CASE_TEMPLATE("docs/lae-math.md §8 table (n=3, p=2): formula and numeric inertia agree with the hand-written #neg", T, double,
                   mp_real) {
  const std::vector<std::pair<Index, std::pair<int, int>>> table = {
      {{0, 1}, {0, 0}}, {{1, 0}, {0, 1}}, {{0, 2}, {1, 1}}, {{2, 0}, {1, 2}}, {{1, 2}, {2, 2}}, {{2, 1}, {2, 3}}};
  ael::Rng rng(75);
  for (bool ae : {true, false}) {
    const auto d = make_data<T>(3, ae ? 751 : 752, "3,2,1", ae);
    for (const auto& [I, neg] : table) {
      CAPTURE(ae);
      CAPTURE(lae::format_index(I));
      for (bool unit_scales : {true, false}) {
        const Vec<T> c = unit_scales ? Vec<T>(Vec<T>::Ones(2)) : signed_scales<T>(rng, 2);
        const auto x = lae::critical_point<T>(d.e, I, diag<T>(c));
        const Inertia mse = lae::inertia_of<T>(lae::numeric_spectrum<T>(d.mom, d.e, x, LossKind::mse),
                                                ael::zero_threshold<T>());
        const Inertia ord = lae::inertia_of<T>(lae::numeric_spectrum<T>(d.mom, d.e, x, LossKind::ordered),
                                                ael::zero_threshold<T>());
        CHECK(mse == Inertia{neg.first, 4, 8 - neg.first});
        CHECK(ord == Inertia{neg.second, 2, 10 - neg.second});
        CHECK(lae::inertia_formula(I, 3, LossKind::mse) == mse);
        CHECK(lae::inertia_formula(I, 3, LossKind::ordered) == ord);
      }
    }
  }
}

TEST_CASE_TEMPLATE("docs/lae-math.md §7.4 worked example: det(2Q₁₂) at I = (1,2), c = (1,1) from the spectrum", T, double, mp_real) {
  // Ordered loss, n = p = 2, LAE: the spectrum is {0,0} ∪ {2w_kλ_k·2} ∪ eig(2Q₁₂).
  Vec<T> lambda(2);
  lambda << T(3), T(1);
  const Vec<T> c = Vec<T>::Ones(2);
  for (const Index& I : {Index{0, 1}, Index{1, 0}}) {
    CAPTURE(lae::format_index(I));
    const Vec<T> mu = lae::closed_form_spectrum<T>(lambda, I, c, LossKind::ordered);
    REQUIRE(mu.size() == 8);
    // Remove the two zeros and the two diagonal-inside eigenvalues 2·w_k·λ_{i_k}·(1+1).
    std::vector<T> rest(mu.data(), mu.data() + mu.size());
    std::vector<T> known{T(0), T(0), 2 * T(2) * lambda(I[0]) * 2, 2 * T(1) * lambda(I[1]) * 2};
    for (const T& v : known) {
      auto it = std::min_element(rest.begin(), rest.end(), [&](const T& a, const T& b) { return abs(a - v) < abs(b - v); });
      REQUIRE(abs(*it - v) <= ael::rounding_tolerance<T>(T(64)));  // |μ| ≤ 32 here
      rest.erase(it);
    }
    T det = 1, trace = 0;
    for (const T& v : rest) det *= v, trace += v;
    const T top = max_abs<T>(Mat<T>(mu));  // eigenvalue errors are ≲ ε·top each
    const T l1 = lambda(I[0]), l2 = lambda(I[1]);
    CHECK(abs(det - 16 * l1 * l2 * l2 * (l1 - l2)) <= ael::rounding_tolerance<T>(4 * top * top * top * top));  // 16λ₁λ₂²(λ₁−λ₂)
    CHECK(abs(trace - 2 * (l2 + 2 * l2 + 2 * l1 + l1)) <= ael::rounding_tolerance<T>(4 * top));  // tr 2Q₁₂ with w = (2,1), d = 1
  }
}

TEST_CASE_TEMPLATE("ordered pair block 2Q_kl: the Newton solver of closed_form_spectrum against the dense 4×4 solver", T, double,
                   mp_real) {
  // n = p = 2: the spectrum is {0,0} ∪ {2w_kλ_{i_k}(c_k² + c_k⁻²)} ∪ eig(2Q₁₂) (docs/lae-math.md §7.4), and
  // eig(2Q₁₂) is computed here from the written-out matrix by the dense QL solver (another route than
  // the Newton iteration with long-double seeds and its gap-based stopping rule, docs/lae-math.md §11).
  // The instances span wide c and nearly equal λ (a block eigenvalue ∝ λ_{i_k} − λ_{i_l} then is tiny).
  ael::Rng rng(20261207);
  const int tiny_exponents = std::is_same_v<T, double> ? 12 : 40;
  for (int trial = 0; trial < 120; ++trial) {
    const T l0 = 1 + T(rng.uniform());
    const int kind_of_ratio = trial % 3;
    const T ratio = kind_of_ratio == 0 ? T(0.05 + 0.9 * rng.uniform())
                                       : 1 - pow(T(10), -T(1 + static_cast<int>(rng.below(tiny_exponents))));
    Vec<T> lambda(2);
    lambda << l0, l0 * ratio;
    Vec<T> c(2);
    for (int k = 0; k < 2; ++k) c(k) = exp(T(4 * rng.uniform() - 2)) * (rng.uniform() < 0.5 ? -1 : 1);
    for (const Index& I : {Index{0, 1}, Index{1, 0}}) {
      CAPTURE(trial);
      CAPTURE(lae::format_index(I));
      const T lk = lambda(I[0]), ll = lambda(I[1]), ck = c(0), cl = c(1);
      const int wk = 2, wl = 1, d = 1;
      Mat<T> Q = Mat<T>::Zero(4, 4);
      Q(0, 0) = wl * ll / (cl * cl);
      Q(0, 1) = Q(1, 0) = wl * ll * ck / cl;
      Q(1, 1) = wk * ll * ck * ck;
      Q(1, 2) = Q(2, 1) = -d * ll;
      Q(2, 2) = wk * lk / (ck * ck);
      Q(2, 3) = Q(3, 2) = wl * lk * cl / ck;
      Q(3, 3) = wl * lk * cl * cl;
      const Vec<T> block = ael::symmetric_eigenvalues<T>(Mat<T>(2 * Q));
      Vec<T> expected(8);
      expected << T(0), T(0), 2 * wk * lk * (ck * ck + 1 / (ck * ck)), 2 * wl * ll * (cl * cl + 1 / (cl * cl)), block;
      std::sort(expected.data(), expected.data() + 8);
      const Vec<T> mu = lae::closed_form_spectrum<T>(lambda, I, c, LossKind::ordered);
      REQUIRE(mu.size() == 8);
      const T scale = expected.cwiseAbs().maxCoeff();
      CHECK((mu - expected).cwiseAbs().maxCoeff() <= ael::rounding_tolerance<T>(scale));
    }
  }
}

TEST_CASE_TEMPLATE("LAE-24: explicit negative-curvature directions (docs/lae-math.md §10) through hessian_form", T, double, mp_real) {
  ael::Rng rng(77);
  for (bool ae : {true, false}) {
    const int n = 4, p = 3;
    const auto d = make_data<T>(n, ae ? 771 : 772, "linear", ae);
    const Mat<T>& U = d.e.U;
    const Mat<T>& Mh = d.e.Mhat;
    for (const Index& I : {Index{3, 1, 0}, Index{1, 2, 3}, Index{0, 2, 1}}) {
      CAPTURE(ae);
      CAPTURE(lae::format_index(I));
      const Vec<T> c = signed_scales<T>(rng, p);
      const auto x = lae::critical_point<T>(d.e, I, diag<T>(c));
      const T scale = d.kappa * T(2 * p) * d.e.lambda(0) * T(16) * (T(1) + max_abs<T>(Mh)) * (T(1) + max_abs<T>(Mh));
      auto H = [&](LossKind kind, const Mat<T>& a, const Mat<T>& b) {
        return lae::hessian_form<T>(d.mom, x.A, x.B, kind, a, b, a, b);
      };
      std::vector<int> J;
      for (int s = 0; s < n; ++s)
        if (std::find(I.begin(), I.end(), s) == I.end()) J.push_back(s);
      for (int k = 0; k < p; ++k)
        for (int s : J) {
          CAPTURE(k);
          CAPTURE(s);
          Mat<T> a = Mat<T>::Zero(n, p), b = Mat<T>::Zero(p, n);
          a.col(k) = c(k) * U.col(s);
          b.row(k) = (Mh.transpose() * U.col(s)).transpose() / c(k);
          const T gap = d.e.lambda(I[k]) - d.e.lambda(s);
          CHECK(abs(H(LossKind::ordered, a, b) - 2 * T(p - k) * gap) <= ael::rounding_tolerance<T>(scale));
          CHECK(abs(H(LossKind::mse, a, b) - 2 * gap) <= ael::rounding_tolerance<T>(scale));
          if (s < I[k]) CHECK(H(LossKind::ordered, a, b) < 0);
        }
      for (int k = 0; k < p; ++k)
        for (int l = k + 1; l < p; ++l) {
          CAPTURE(k);
          CAPTURE(l);
          Mat<T> a = Mat<T>::Zero(n, p), b = Mat<T>::Zero(p, n);
          a.col(k) = c(k) * U.col(I[l]);
          a.col(l) = -c(l) * U.col(I[k]);
          b.row(k) = (Mh.transpose() * U.col(I[l])).transpose() / c(k);
          b.row(l) = -(Mh.transpose() * U.col(I[k])).transpose() / c(l);
          const T gap = d.e.lambda(I[k]) - d.e.lambda(I[l]);
          CHECK(abs(H(LossKind::ordered, a, b) - 2 * T(l - k) * gap) <= ael::rounding_tolerance<T>(scale));
          CHECK(abs(H(LossKind::mse, a, b)) <= ael::rounding_tolerance<T>(scale));
          CHECK((H(LossKind::ordered, a, b) < 0) == (I[k] > I[l]));
        }
    }
  }
}

TEST_CASE_TEMPLATE("LAE-23: null spaces — (AG, −GB) for any G (MSE), diagonal Δ only (ordered)", T, double, mp_real) {
  ael::Rng rng(23);
  const int n = 4, p = 3;
  const auto d = make_data<T>(n, 231, "linear", true);
  const Index I{1, 3, 0};
  const Vec<T> c = signed_scales<T>(rng, p);
  const auto x = lae::critical_point<T>(d.e, I, diag<T>(c));
  Mat<T> G(p, p);
  for (int i = 0; i < p; ++i)
    for (int j = 0; j < p; ++j) G(i, j) = T(rng.gaussian());
  const Mat<T> Delta = Mat<T>(G.diagonal().asDiagonal());
  auto direction = [&](const Mat<T>& M) { return lae::pack<T>(Mat<T>(x.A * M), Mat<T>(-M * x.B)); };
  const auto mse = lae::loss_weights<T>(LossKind::mse, p), ord = lae::loss_weights<T>(LossKind::ordered, p);
  const Mat<T> Hm = lae::hessian_elementwise<T>(d.mom, x.A, x.B, mse);
  const Mat<T> Ho = lae::hessian_elementwise<T>(d.mom, x.A, x.B, ord);
  const Vec<T> vG = direction(G), vD = direction(Delta);
  const T s = ael::rounding_tolerance<T>(T(p) * max_abs<T>(Ho) * T(2 * n * p) * vG.norm());
  CHECK(max_abs<T>(Mat<T>(Hm * vG)) <= s);
  CHECK(max_abs<T>(Mat<T>(Ho * vD)) <= s);
  CHECK(max_abs<T>(Mat<T>(Ho * vG)) > T(1e6) * s);  // an off-diagonal G is not a flat direction of L
  // Dimensions: p² and p zeros (numeric).
  CHECK(lae::inertia_of<T>(ael::symmetric_eigenvalues<T>(Hm), ael::zero_threshold<T>()).zero == p * p);
  CHECK(lae::inertia_of<T>(ael::symmetric_eigenvalues<T>(Ho), ael::zero_threshold<T>()).zero == p);
}

TEST_CASE_TEMPLATE("LAE-16/22: global minimum and permuted MSE minima", T, double, mp_real) {
  ael::Rng rng(16);
  for (bool ae : {true, false}) {
    CAPTURE(ae);
    const int n = 4, p = 3;
    const auto d = make_data<T>(n, ae ? 161 : 162, "linear", ae);
    const Vec<T> c = signed_scales<T>(rng, p);
    const auto best = lae::critical_point<T>(d.e, Index{0, 1, 2}, diag<T>(c));
    const T Lstar = lae::critical_loss<T>(d.mom, d.e, Index{0, 1, 2}, p, LossKind::ordered);
    // AᵀA = D² diagonal; LAE: B = A⁺.
    const Mat<T> AtA = best.A.transpose() * best.A;
    CHECK(max_abs<T>(Mat<T>(AtA - Mat<T>(c.cwiseProduct(c).asDiagonal()))) <= ael::rounding_tolerance<T>(T(16)));
    if (ae) {
      const Mat<T> pinv = ael::inverse<T>(AtA) * best.A.transpose();
      CHECK(max_abs<T>(Mat<T>(best.B - pinv)) <= ael::rounding_tolerance<T>(T(64) * d.kappa));
    }
    // Every other full-rank critical value is strictly larger.
    for (const Index& I : all_ordered(n, p))
      if (I != Index{0, 1, 2}) CHECK(lae::critical_loss<T>(d.mom, d.e, I, p, LossKind::ordered) - Lstar > T(1e-3));
    // Permutations of (1,…,p): PSD for MSE, exactly inv(I) ≥ 1 negative eigenvalues for L.
    for (const Index& I : {Index{1, 0, 2}, Index{2, 1, 0}, Index{0, 2, 1}}) {
      CAPTURE(lae::format_index(I));
      const auto x = lae::critical_point<T>(d.e, I, diag<T>(c));
      const Inertia m = lae::inertia_of<T>(lae::numeric_spectrum<T>(d.mom, d.e, x, LossKind::mse), ael::zero_threshold<T>());
      const Inertia o =
          lae::inertia_of<T>(lae::numeric_spectrum<T>(d.mom, d.e, x, LossKind::ordered), ael::zero_threshold<T>());
      CHECK(m.negative == 0);
      CHECK(o.negative == lae::inversions(I));
      CHECK(o.negative >= 1);
    }
  }
}

}  // TEST_SUITE
