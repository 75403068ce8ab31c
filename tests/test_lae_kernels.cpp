// LAE kernels at arbitrary points (docs/lae-math.md §1–§5, §11; claims LAE-1…LAE-9):
// every formula is checked against a different formula or method written
// here — explicit truncation matrices, Richardson finite differences in
// multiprecision, Bao et al.'s nested-dropout expectation — for both scalars.
#include <doctest/doctest.h>

#include "core/random_matrix.hpp"
#include "core/linalg.hpp"
#include "core/rng.hpp"
#include "lae/critical.hpp"
#include "lae/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

using ael::Mat;
using ael::mp_real;
using std::abs;  // abs(double) and, by ADL, abs(mp_real) in the templated bodies
using ael::Vec;
namespace lae = ael::lae;
using lae::LossKind;

namespace {

template <class T> T eps() { return ael::working_epsilon<T>(); }
// The house tolerance: 10^4 working epsilons times the size of the terms that
// are added up (so that cancellation is accounted for, never hidden).

template <class T> T max_abs(const Mat<T>& M) { return M.size() ? T(M.cwiseAbs().maxCoeff()) : T(0); }
template <class T> T fro(const Mat<T>& M) { return M.norm(); }

// Random instance, drawn in double and converted so that the double and the
// multiprecision instances hold the same numbers.
template <class T> struct Instance {
  int n, p, m;
  Mat<T> X, Y;  // n×m, samples as columns
  Mat<T> A, B;  // n×p decoder, p×n encoder
  bool autoencoder;
  lae::Moments<T> mom;
};


template <class T> Instance<T> make_instance(std::uint64_t seed, int n, int p, int m, bool autoencoder) {
  ael::Rng rng(seed);
  Instance<T> in{n, p, m, {}, {}, {}, {}, autoencoder, {}};
  const Mat<double> X = ael::gaussian_matrix(rng, n, m);
  in.X = X.cast<T>();
  in.Y = autoencoder ? in.X : Mat<T>(ael::gaussian_matrix(rng, n, m).cast<T>());
  in.A = ael::gaussian_matrix(rng, n, p, 0.7).cast<T>();
  in.B = ael::gaussian_matrix(rng, p, n, 0.7).cast<T>();
  const Mat<T> Xr = in.X.transpose(), Yr = in.Y.transpose();
  in.mom = lae::moments_from_rows<T>(Xr, autoencoder ? nullptr : &Yr);
  return in;
}

int terms(LossKind kind, int p) { return kind == LossKind::ordered ? p : 1; }

// Sizes of the quantities that the kernels add up (Frobenius bounds).
template <class T> T loss_scale(const Instance<T>& in, LossKind kind) {
  const T r = fro(in.Y) + fro(in.A) * fro(in.B) * fro(in.X);
  return T(terms(kind, in.p)) * r * r;
}
template <class T> T grad_scale(const Instance<T>& in, LossKind kind) {
  return 2 * T(terms(kind, in.p)) * (fro(in.A) * fro(in.B) * fro(in.X) + fro(in.Y)) * fro(in.X) *
         (fro(in.A) + fro(in.B) + 1);
}
template <class T> T hess_scale(const Instance<T>& in, LossKind kind) {
  const T ab = fro(in.A) + fro(in.B) + 1;
  return 2 * T(terms(kind, in.p)) * ab * ab * fro(in.X) * (fro(in.X) + fro(in.Y));
}

// I_{i;p}: first i diagonal entries 1 (i = 1..p).
template <class T> Mat<T> truncation(int i, int p) {
  Mat<T> I = Mat<T>::Zero(p, p);
  for (int k = 0; k < i; ++k) I(k, k) = 1;
  return I;
}

// The definition of the losses (docs/lae-math.md §2), with explicit truncation matrices.
template <class T> T definition_loss(const Mat<T>& X, const Mat<T>& Y, const Mat<T>& A, const Mat<T>& B, LossKind kind) {
  const int p = static_cast<int>(A.cols());
  if (kind == LossKind::mse) return (Y - A * B * X).squaredNorm();
  T total = 0;
  for (int i = 1; i <= p; ++i) total += (Y - A * truncation<T>(i, p) * B * X).squaredNorm();
  return total;
}

template <class U, class T> Mat<U> to(const Mat<T>& M) { return M.template cast<U>(); }

template <class T> Mat<T> kron(const Mat<T>& a, const Mat<T>& b) {
  Mat<T> k(a.rows() * b.rows(), a.cols() * b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) k.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
  return k;
}

// Richardson-extrapolated central differences (docs/lae-math.md §4), always evaluated in
// mp_real. L is quartic in θ, so [4D(h) − D(2h)]/3 is exact in exact
// arithmetic for every h; a large h (1/8) keeps the rounding error ε·|L|/h small.
const mp_real& fd_h() {
  static const mp_real h = mp_real(1) / 8;
  return h;
}

template <class T> Vec<mp_real> fd_gradient(const Instance<T>& in, LossKind kind) {
  const Mat<mp_real> X = to<mp_real>(in.X), Y = to<mp_real>(in.Y);
  const Vec<mp_real> theta = lae::pack<mp_real>(to<mp_real>(in.A), to<mp_real>(in.B));
  auto L = [&](const Vec<mp_real>& t) {
    Mat<mp_real> A, B;
    lae::unpack<mp_real>(t, in.n, in.p, A, B);
    return definition_loss<mp_real>(X, Y, A, B, kind);
  };
  const mp_real h = fd_h();
  Vec<mp_real> g(theta.size());
  for (Eigen::Index j = 0; j < theta.size(); ++j) {
    auto D = [&](const mp_real& step) {
      Vec<mp_real> tp = theta, tm = theta;
      tp(j) += step, tm(j) -= step;
      return (L(tp) - L(tm)) / (2 * step);
    };
    g(j) = (4 * D(h) - D(2 * h)) / 3;
  }
  return g;
}

// Hessian columns from Richardson differences of the (cubic) gradient, in mp_real.
template <class T> Mat<mp_real> fd_hessian(const Instance<T>& in, LossKind kind) {
  const lae::Moments<mp_real> mom{to<mp_real>(in.mom.Sxx), to<mp_real>(in.mom.Syx), mp_real(in.mom.trSyy),
                                  in.mom.autoencoder};
  const auto w = lae::loss_weights<mp_real>(kind, in.p);
  const Vec<mp_real> theta = lae::pack<mp_real>(to<mp_real>(in.A), to<mp_real>(in.B));
  auto G = [&](const Vec<mp_real>& t) {
    Mat<mp_real> A, B;
    lae::unpack<mp_real>(t, in.n, in.p, A, B);
    const auto g = lae::gradient<mp_real>(mom, A, B, w);
    return lae::pack<mp_real>(g.dA, g.dB);
  };
  const mp_real h = fd_h();
  Mat<mp_real> H(theta.size(), theta.size());
  for (Eigen::Index j = 0; j < theta.size(); ++j) {
    auto D = [&](const mp_real& step) {
      Vec<mp_real> tp = theta, tm = theta;
      tp(j) += step, tm(j) -= step;
      return Vec<mp_real>((G(tp) - G(tm)) / (2 * step));
    };
    H.col(j) = (4 * D(h) - D(2 * h)) / 3;
  }
  return H;
}

// d²/dt² L(θ + t d) at t = 0 by Richardson second differences (exact for a quartic).
template <class T> mp_real fd_curvature(const Instance<T>& in, LossKind kind, const Mat<T>& a, const Mat<T>& b) {
  const Mat<mp_real> X = to<mp_real>(in.X), Y = to<mp_real>(in.Y), A = to<mp_real>(in.A), B = to<mp_real>(in.B);
  const Mat<mp_real> da = to<mp_real>(a), db = to<mp_real>(b);
  const mp_real L0 = definition_loss<mp_real>(X, Y, A, B, kind);
  auto D2 = [&](const mp_real& h) {
    const mp_real Lp = definition_loss<mp_real>(X, Y, Mat<mp_real>(A + h * da), Mat<mp_real>(B + h * db), kind);
    const mp_real Lm = definition_loss<mp_real>(X, Y, Mat<mp_real>(A - h * da), Mat<mp_real>(B - h * db), kind);
    return (Lp - 2 * L0 + Lm) / (h * h);
  };
  const mp_real h = mp_real(1) / 4;
  return (4 * D2(h) - D2(2 * h)) / 3;
}

const LossKind kKinds[] = {LossKind::mse, LossKind::ordered};

}  // namespace

TEST_SUITE("lae_kernels") {

TEST_CASE("parse_loss / loss_name") {
  CHECK(lae::parse_loss("mse") == LossKind::mse);
  CHECK(lae::parse_loss("ordered") == LossKind::ordered);
  CHECK(std::string(lae::loss_name(LossKind::mse)) == "mse");
  CHECK(std::string(lae::loss_name(LossKind::ordered)) == "ordered");
  CHECK_THROWS_AS(lae::parse_loss("MSE"), std::invalid_argument);
  CHECK_THROWS_AS(lae::parse_loss(""), std::invalid_argument);
}

TEST_CASE_TEMPLATE("moments_from_rows: unnormalized second moments", T, double, mp_real) {
  for (bool ae : {true, false}) {
    const auto in = make_instance<T>(101, 4, 2, 7, ae);
    const T s = ael::rounding_tolerance<T>(T(fro(in.X) + fro(in.Y)) * T(fro(in.X) + fro(in.Y)));
    CHECK(in.mom.n() == 4);
    CHECK(in.mom.autoencoder == ae);
    CHECK(max_abs<T>(Mat<T>(in.mom.Sxx - in.X * in.X.transpose())) <= s);
    CHECK(max_abs<T>(Mat<T>(in.mom.Syx - in.Y * in.X.transpose())) <= s);
    CHECK(abs(in.mom.trSyy - (in.Y * in.Y.transpose()).trace()) <= s);
  }
}

TEST_CASE_TEMPLATE("pack/unpack: θ = [vec A; vec B], column-major (docs/lae-math.md §1, Vectorization)", T, double, mp_real) {
  const int n = 3, p = 2;
  Mat<T> A(n, p), B(p, n);
  for (int s = 0; s < n; ++s)
    for (int k = 0; k < p; ++k) A(s, k) = T(100 + 10 * s + k);
  for (int k = 0; k < p; ++k)
    for (int t = 0; t < n; ++t) B(k, t) = T(200 + 10 * k + t);
  const Vec<T> theta = lae::pack<T>(A, B);
  REQUIRE(theta.size() == 2 * n * p);
  for (int s = 0; s < n; ++s)
    for (int k = 0; k < p; ++k) CHECK(theta(s + k * n) == A(s, k));
  for (int k = 0; k < p; ++k)
    for (int t = 0; t < n; ++t) CHECK(theta(n * p + k + t * p) == B(k, t));
  Mat<T> A2, B2;
  lae::unpack<T>(theta, n, p, A2, B2);
  CHECK(A2 == A);
  CHECK(B2 == B);
}

// ------------------------------------------------------------ LAE-2

TEST_CASE_TEMPLATE("LAE-2: weights S_p, T_p, D_k and the truncation identities", T, double, mp_real) {
  // docs/lae-math.md §1 worked example, written out by hand.
  const auto w3 = lae::loss_weights<T>(LossKind::ordered, 3);
  Mat<T> S3(3, 3);
  S3 << 3, 2, 1, 2, 2, 1, 1, 1, 1;
  CHECK(w3.S == S3);
  CHECK(w3.w == Vec<T>(S3.diagonal()));
  CHECK(w3.terms == 3);
  CHECK(w3.p() == 3);
  CHECK(Mat<T>(w3.D(1)) == Mat<T>(Vec<T>((Vec<T>(3) << 2, 2, 1).finished()).asDiagonal()));

  ael::Rng rng(7);
  for (int p = 1; p <= 5; ++p) {
    CAPTURE(p);
    const auto w = lae::loss_weights<T>(LossKind::ordered, p);
    const auto mse = lae::loss_weights<T>(LossKind::mse, p);
    REQUIRE(w.S.rows() == p);
    REQUIRE(w.S.cols() == p);
    CHECK(mse.S == Mat<T>::Ones(p, p));
    CHECK(mse.w == Vec<T>::Ones(p));
    CHECK(mse.terms == 1);
    for (int k = 0; k < p; ++k) CHECK(Mat<T>(mse.D(k)) == Mat<T>::Identity(p, p));

    // Integer-valued M keeps every sum exact, so identities hold with ==.
    Mat<T> M(p, p);
    for (int i = 0; i < p; ++i)
      for (int j = 0; j < p; ++j) M(i, j) = T(static_cast<int>(rng.below(19)) - 9);
    Mat<T> sandwich = Mat<T>::Zero(p, p), sumI = Mat<T>::Zero(p, p), kronsum = Mat<T>::Zero(p * p, p * p);
    for (int i = 1; i <= p; ++i) {
      const Mat<T> I = truncation<T>(i, p);
      sandwich += I * M * I;
      sumI += I;
      kronsum += kron<T>(I, I);
    }
    CHECK(sandwich == Mat<T>(M.cwiseProduct(w.S)));
    CHECK(sumI == Mat<T>(w.w.asDiagonal()));
    CHECK(Vec<T>(w.S.diagonal()) == w.w);
    CHECK(w.S == Mat<T>(w.S.transpose()));
    Vec<T> vecS(p * p);
    for (int j = 0; j < p * p; ++j) vecS(j) = w.S(j % p, j / p);  // column-major vec
    CHECK(kronsum == Mat<T>(vecS.asDiagonal()));
    for (int k = 0; k < p; ++k) {
      Mat<T> suffix = Mat<T>::Zero(p, p);
      for (int i = k + 1; i <= p; ++i) suffix += truncation<T>(i, p);
      CHECK(Mat<T>(w.D(k)) == suffix);
      CHECK(w.w(k) == T(p - k));
    }
    CHECK(Mat<T>(w.D(0)) == Mat<T>(w.w.asDiagonal()));  // D_1 = T_p
  }
}

// ------------------------------------------------------------ LAE-1 and LAE-5

TEST_CASE_TEMPLATE("LAE-1: covariance form = definition (sum of truncated MSEs), both losses, any Y", T, double,
                   mp_real) {
  for (bool ae : {true, false})
    for (LossKind kind : kKinds)
      for (std::uint64_t seed : {1u, 2u, 3u}) {
        CAPTURE(ae);
        CAPTURE(lae::loss_name(kind));
        CAPTURE(seed);
        const int n = 3 + int(seed), p = std::min(n, 1 + int(seed));
        const auto in = make_instance<T>(seed, n, p, n + 4, ae);
        const auto w = lae::loss_weights<T>(kind, p);
        const T def = definition_loss<T>(in.X, in.Y, in.A, in.B, kind);
        const T s = ael::rounding_tolerance<T>(loss_scale(in, kind));
        CHECK(abs(lae::loss<T>(in.mom, in.A, in.B, w) - def) <= s);
        CHECK(abs(lae::loss_by_definition<T>(in.X, in.Y, in.A, in.B, kind) - def) <= s);
        // Compact form of docs/lae-math.md §2 written out here with traces.
        const Mat<T> Sxy = in.mom.Syx.transpose();
        const T compact = T(w.terms) * in.mom.trSyy - 2 * (in.A * w.w.asDiagonal() * in.B * Sxy).trace() +
                          ((in.A.transpose() * in.A).cwiseProduct(w.S) * (in.B * in.mom.Sxx * in.B.transpose())).trace();
        CHECK(abs(compact - def) <= s);
        // Data form with Z = BX (docs/lae-math.md §2).
        const Mat<T> Z = in.B * in.X;
        const T data = T(w.terms) * in.Y.squaredNorm() - 2 * (w.w.asDiagonal() * (in.A.transpose() * in.Y) * Z.transpose()).trace() +
                       (in.A.transpose() * in.A).cwiseProduct(w.S).cwiseProduct(Z * Z.transpose()).sum();
        CHECK(abs(data - def) <= s);
      }
}

TEST_CASE_TEMPLATE("LAE-5: data-form algorithms equal covariance loss and gradient", T, double, mp_real) {
  for (bool ae : {true, false})
    for (std::uint64_t seed : {11u, 12u}) {
      CAPTURE(ae);
      CAPTURE(seed);
      const int n = 4, p = seed == 11u ? 3 : 1;
      const auto in = make_instance<T>(seed, n, p, 9, ae);
      for (LossKind kind : kKinds) {
        CAPTURE(lae::loss_name(kind));
        const auto w = lae::loss_weights<T>(kind, p);
        const T L = lae::loss<T>(in.mom, in.A, in.B, w);
        const auto g = lae::gradient<T>(in.mom, in.A, in.B, w);
        const T sl = ael::rounding_tolerance<T>(loss_scale(in, kind)), sg = ael::rounding_tolerance<T>(grad_scale(in, kind));
        std::vector<std::pair<const char*, lae::ValueAndGradient<T>>> routes;
        routes.emplace_back("data_form", lae::data_form<T>(in.X, in.Y, in.A, in.B, w));
        if (kind == LossKind::ordered)
          routes.emplace_back("ordered_backward_sweep", lae::ordered_backward_sweep<T>(in.X, in.Y, in.A, in.B));
        else
          routes.emplace_back("mse_reference", lae::mse_reference<T>(in.X, in.Y, in.A, in.B));
        for (const auto& [name, r] : routes) {
          CAPTURE(name);
          CHECK(abs(r.value - L) <= sl);
          CHECK(max_abs<T>(Mat<T>(r.grad.dA - g.dA)) <= sg);
          CHECK(max_abs<T>(Mat<T>(r.grad.dB - g.dB)) <= sg);
        }
      }
    }
}

TEST_CASE("LAE-5: backward sweep keeps relative accuracy near the minimum (no p‖Y‖² cancellation)") {
  // X = u vᵀ + 1e-6·noise; unit 1 is the dominant direction, unit 2 an orthogonal
  // one, B = Aᵀ. Every truncated residual is ~1e-6‖X‖, so L ≈ 1e-12‖X‖².
  const int n = 4, p = 2, m = 8;
  ael::Rng rng(5);
  const Mat<double> X = ael::gaussian_matrix(rng, n, 1) * ael::gaussian_matrix(rng, 1, m) + 1e-6 * ael::gaussian_matrix(rng, n, m);
  Mat<double> A(n, p);
  A.col(0) = X.col(0).normalized();
  A.col(1) = ael::gaussian_matrix(rng, n, 1);
  A.col(1) -= A.col(0).dot(A.col(1)) * A.col(0);
  A.col(1).normalize();
  const Mat<double> B = A.transpose();
  const double sweep = lae::ordered_backward_sweep<double>(X, X, A, B).value;
  const double exact = ael::to_double(definition_loss<mp_real>(to<mp_real>(X), to<mp_real>(X), to<mp_real>(A),
                                                               to<mp_real>(B), LossKind::ordered));
  REQUIRE(exact < 1e-8 * X.squaredNorm());  // really near the minimum
  // Each residual E is formed with absolute error ~ε‖X‖, so ‖E‖² is accurate to
  // ~ε‖X‖‖E‖ per term: bound 1e4·ε·p·‖X‖·√L (the compact forms only reach ε·p‖X‖²).
  const double bound = 1e4 * eps<double>() * p * X.norm() * std::sqrt(exact);
  CHECK(std::abs(sweep - exact) <= bound);
  CHECK(bound < 1e-3 * exact);  // so this is a relative-accuracy statement
}

// ------------------------------------------------------------ LAE-3

TEST_CASE_TEMPLATE("LAE-3: gradients equal Richardson differences of the definition (mp reference)", T, double, mp_real) {
  for (bool ae : {true, false})
    for (LossKind kind : kKinds) {
      CAPTURE(ae);
      CAPTURE(lae::loss_name(kind));
      const int n = 4, p = 3;
      const auto in = make_instance<T>(ae ? 21 : 22, n, p, 6, ae);
      const auto w = lae::loss_weights<T>(kind, p);
      const auto g = lae::gradient<T>(in.mom, in.A, in.B, w);
      const Vec<mp_real> ref = fd_gradient(in, kind);
      const Vec<mp_real> got = to<mp_real>(Mat<T>(lae::pack<T>(g.dA, g.dB)));
      // Reference error ≲ 10·ε_mp·L/h, far below the tolerance of either scalar.
      CHECK(max_abs<mp_real>(Mat<mp_real>(got - ref)) <= mp_real(ael::rounding_tolerance<T>(grad_scale(in, kind))));
      // The gradient is far from zero here, so the check has teeth.
      CHECK(max_abs<mp_real>(Mat<mp_real>(ref)) > mp_real(1e-2));
    }
}

TEST_CASE_TEMPLATE("LAE-3: per-unit gradient (suffix residuals) equals the matrix gradient", T, double, mp_real) {
  for (bool ae : {true, false}) {
    const int n = 5, p = 3;
    const auto in = make_instance<T>(ae ? 31 : 32, n, p, 8, ae);
    for (LossKind kind : kKinds) {
      CAPTURE(ae);
      CAPTURE(lae::loss_name(kind));
      const auto w = lae::loss_weights<T>(kind, p);
      const auto g = lae::gradient<T>(in.mom, in.A, in.B, w);
      const auto gu = lae::gradient_per_unit<T>(in.mom, in.A, in.B, w);
      const T s = ael::rounding_tolerance<T>(grad_scale(in, kind));
      CHECK(max_abs<T>(Mat<T>(gu.dA - g.dA)) <= s);
      CHECK(max_abs<T>(Mat<T>(gu.dB - g.dB)) <= s);
      CHECK(abs(g.norm() - T(lae::pack<T>(g.dA, g.dB).norm())) <= s);
      // R̄_k = Σ_{i≥k} (A I_i B Σxx − Σyx) (docs/lae-math.md §3), summed explicitly; MSE: R.
      for (int k = 0; k < p; ++k) {
        Mat<T> Rk = Mat<T>::Zero(n, n);
        if (kind == LossKind::mse)
          Rk = in.A * in.B * in.mom.Sxx - in.mom.Syx;
        else
          for (int i = k + 1; i <= p; ++i) Rk += in.A * truncation<T>(i, p) * in.B * in.mom.Sxx - in.mom.Syx;
        CHECK(max_abs<T>(Mat<T>(lae::suffix_residual<T>(in.mom, in.A, in.B, w, k) - Rk)) <= s);
      }
    }
  }
}

// ------------------------------------------------------------ LAE-4

TEST_CASE_TEMPLATE("LAE-4: Kronecker, elementwise and bilinear-form Hessians agree and match differences of ∇L", T,
                   double, mp_real) {
  for (bool ae : {true, false})
    for (LossKind kind : kKinds) {
      CAPTURE(ae);
      CAPTURE(lae::loss_name(kind));
      const int n = 4, p = 3;
      const auto in = make_instance<T>(ae ? 41 : 42, n, p, 6, ae);
      const auto w = lae::loss_weights<T>(kind, p);
      const Mat<T> Hk = lae::hessian_kronecker<T>(in.mom, in.A, in.B, w);
      const Mat<T> He = lae::hessian_elementwise<T>(in.mom, in.A, in.B, w);
      const Mat<T> Hf = lae::hessian_from_form<T>(in.mom, in.A, in.B, kind);
      REQUIRE(Hk.rows() == 2 * n * p);
      REQUIRE(He.rows() == 2 * n * p);
      REQUIRE(Hf.rows() == 2 * n * p);
      const T s = ael::rounding_tolerance<T>(hess_scale(in, kind));
      CHECK(max_abs<T>(Mat<T>(Hk - He)) <= s);
      CHECK(max_abs<T>(Mat<T>(Hf - He)) <= s);
      CHECK(max_abs<T>(Mat<T>(He - He.transpose())) <= s);
      const Mat<mp_real> ref = fd_hessian(in, kind);
      CHECK(max_abs<mp_real>(Mat<mp_real>(to<mp_real>(He) - ref)) <= mp_real(s));
      CHECK(max_abs<mp_real>(ref) > mp_real(1));
    }
}

TEST_CASE_TEMPLATE("LAE-4: compact quadratic form = θᵀHθ = bilinear form = Richardson curvature of L", T, double,
                   mp_real) {
  ael::Rng rng(43);
  for (bool ae : {true, false})
    for (LossKind kind : kKinds) {
      CAPTURE(ae);
      CAPTURE(lae::loss_name(kind));
      const int n = 4, p = 3;
      const auto in = make_instance<T>(ae ? 44 : 45, n, p, 6, ae);
      const auto w = lae::loss_weights<T>(kind, p);
      const Mat<T> a1 = ael::gaussian_matrix(rng, n, p).cast<T>(), b1 = ael::gaussian_matrix(rng, p, n).cast<T>();
      const Mat<T> a2 = ael::gaussian_matrix(rng, n, p).cast<T>(), b2 = ael::gaussian_matrix(rng, p, n).cast<T>();
      const Vec<T> d1 = lae::pack<T>(a1, b1), d2 = lae::pack<T>(a2, b2);
      const Mat<T> H = lae::hessian_kronecker<T>(in.mom, in.A, in.B, w);
      // Directions have norm ~√(2np): scale accordingly.
      const T s = ael::rounding_tolerance<T>(hess_scale(in, kind) * T(d1.squaredNorm() + d2.squaredNorm()));
      const T compact = lae::hessian_quadratic_compact<T>(in.mom, in.A, in.B, w, a1, b1);
      const T quad = d1.dot(H * d1);
      CHECK(abs(compact - quad) <= s);
      CHECK(abs(lae::hessian_form<T>(in.mom, in.A, in.B, kind, a1, b1, a1, b1) - quad) <= s);
      CHECK(abs(mp_real(quad) - fd_curvature(in, kind, a1, b1)) <= mp_real(s));
      // Bilinear form: d1ᵀHd2, symmetric, and polarization of the compact quadratic form.
      const T bil = lae::hessian_form<T>(in.mom, in.A, in.B, kind, a1, b1, a2, b2);
      CHECK(abs(bil - d1.dot(H * d2)) <= s);
      CHECK(abs(bil - lae::hessian_form<T>(in.mom, in.A, in.B, kind, a2, b2, a1, b1)) <= s);
      const Mat<T> ap = a1 + a2, bp = b1 + b2, am = a1 - a2, bm = b1 - b2;
      const T polar = (lae::hessian_quadratic_compact<T>(in.mom, in.A, in.B, w, ap, bp) -
                       lae::hessian_quadratic_compact<T>(in.mom, in.A, in.B, w, am, bm)) /
                      4;
      CHECK(abs(polar - bil) <= s);
    }
}

// ------------------------------------------------------------ LAE-6

TEST_CASE_TEMPLATE("LAE-6: ordered loss = p × Bao et al. expected nested-dropout loss (LAE)", T, double, mp_real) {
  for (std::uint64_t seed : {61u, 62u, 63u}) {
    CAPTURE(seed);
    const int n = 5, p = 1 + int(seed - 60);  // p = 1, 2, 3
    const auto in = make_instance<T>(seed, n, p, 8, true);
    // Bao, Lucas, Sachdeva, Grosse (2020): encoder W₁ = B, decoder W₂ = A,
    // π_k = P(unit k kept) = w_k/p under the uniform truncation prior, M_jk = π_max(j,k).
    Vec<T> pi(p);
    for (int k = 0; k < p; ++k) pi(k) = T(p - k) / T(p);
    Mat<T> Mnd(p, p);
    for (int j = 0; j < p; ++j)
      for (int k = 0; k < p; ++k) Mnd(j, k) = pi(std::max(j, k));
    const Mat<T> XXt = in.X * in.X.transpose();
    const T expected = in.X.squaredNorm() - 2 * (in.B * XXt * in.A * pi.asDiagonal()).trace() +
                       (in.B * XXt * in.B.transpose() * (in.A.transpose() * in.A).cwiseProduct(Mnd)).trace();
    // Monte-Carlo-free check of the expectation itself: E_b over the uniform prior.
    T mean_truncated = 0;
    for (int b = 1; b <= p; ++b) mean_truncated += (in.X - in.A * truncation<T>(b, p) * in.B * in.X).squaredNorm();
    mean_truncated /= T(p);
    const T s = ael::rounding_tolerance<T>(loss_scale(in, LossKind::ordered));
    CHECK(abs(expected - mean_truncated) <= s);
    const auto w = lae::loss_weights<T>(LossKind::ordered, p);
    CHECK(abs(lae::loss<T>(in.mom, in.A, in.B, w) - T(p) * expected) <= s);
  }
}

// ------------------------------------------------------------ LAE-7

TEST_CASE_TEMPLATE("LAE-7: reduction to the diagonal LAE (loss offset and H = 𝒥ᵀH^Λ𝒥)", T, double, mp_real) {
  for (bool ae : {true, false}) {
    CAPTURE(ae);
    const int n = 4, p = 2;
    const auto in = make_instance<T>(ae ? 71 : 72, n, p, 9, ae);
    const auto e = lae::eigen_data<T>(in.mom);
    const Mat<T> Lam = e.lambda.asDiagonal();
    const lae::Moments<T> red{Lam, Lam, e.lambda.sum(), true};
    const Mat<T> Wb = e.lambda.cwiseInverse().asDiagonal() * e.U.transpose() * in.mom.Syx;  // Λ⁻¹UᵀΣ_yx
    const Mat<T> Abar = e.U.transpose() * in.A;
    const Mat<T> Bbar = in.B * Wb.transpose();  // B Σ_xy U Λ⁻¹
    const Mat<T> J = [&] {  // 𝒥 = blkdiag(I_p ⊗ Uᵀ, Λ⁻¹UᵀΣ_yx ⊗ I_p)
      Mat<T> j = Mat<T>::Zero(2 * n * p, 2 * n * p);
      j.topLeftCorner(n * p, n * p) = kron<T>(Mat<T>::Identity(p, p), Mat<T>(e.U.transpose()));
      j.bottomRightCorner(n * p, n * p) = kron<T>(Wb, Mat<T>::Identity(p, p));
      return j;
    }();
    // 𝒥 maps θ to the reduced θ̄ (checks the vec conventions of the block).
    CHECK(max_abs<T>(Mat<T>(J * lae::pack<T>(in.A, in.B) - lae::pack<T>(Abar, Bbar))) <=
          ael::rounding_tolerance<T>(max_abs<T>(J) * (fro(in.A) + fro(in.B)) * n));
    // Size of the change of variables (1 in the LAE case, where 𝒥 is orthogonal).
    const T kappa = T(1) + max_abs<T>(Wb) * max_abs<T>(ael::inverse<T>(Wb)) * n;
    for (LossKind kind : kKinds) {
      CAPTURE(lae::loss_name(kind));
      const auto w = lae::loss_weights<T>(kind, p);
      const T lhs = lae::loss<T>(in.mom, in.A, in.B, w) - lae::loss<T>(red, Abar, Bbar, w);
      const T rhs = T(w.terms) * (in.mom.trSyy - e.lambda.sum());
      CHECK(abs(lhs - rhs) <= ael::rounding_tolerance<T>(kappa * loss_scale(in, kind)));
      const Mat<T> H = lae::hessian_elementwise<T>(in.mom, in.A, in.B, w);
      const Mat<T> Hred = lae::hessian_elementwise<T>(red, Abar, Bbar, w);
      CHECK(max_abs<T>(Mat<T>(J.transpose() * Hred * J - H)) <= ael::rounding_tolerance<T>(kappa * kappa * hess_scale(in, kind)));
      // comparable_hessian = 𝒥^{-T} H 𝒥^{-1} for general Y, H itself for the LAE.
      const Mat<T> Hc = lae::comparable_hessian<T>(in.mom, e, H);
      if (ae)
        CHECK(Hc == H);
      else
        CHECK(max_abs<T>(Mat<T>(Hc - Hred)) <= ael::rounding_tolerance<T>(kappa * kappa * kappa * hess_scale(in, kind)));
    }
  }
}

// ------------------------------------------------------------ LAE-8

TEST_CASE_TEMPLATE("LAE-8: GL(p) invariance of MSE, diagonal invariance of the ordered loss only", T, double,
                   mp_real) {
  ael::Rng rng(81);
  for (bool ae : {true, false}) {
    CAPTURE(ae);
    const int n = 5, p = 3;
    const auto in = make_instance<T>(ae ? 82 : 83, n, p, 8, ae);
    const Mat<T> G = (ael::gaussian_matrix(rng, p, p) + 2 * Mat<double>::Identity(p, p)).cast<T>();
    const Mat<T> Gi = ael::inverse<T>(G);
    Vec<T> d(p);
    d << T(-1.5), T(0.75), T(2.25);
    const Mat<T> D = d.asDiagonal(), Di = d.cwiseInverse().asDiagonal();
    const T cond = max_abs<T>(G) * max_abs<T>(Gi) * p * p;

    const auto mse = lae::loss_weights<T>(LossKind::mse, p);
    const auto ord = lae::loss_weights<T>(LossKind::ordered, p);
    const T L_mse = lae::loss<T>(in.mom, in.A, in.B, mse);
    const T L_ord = lae::loss<T>(in.mom, in.A, in.B, ord);
    const T s_mse = ael::rounding_tolerance<T>(cond * cond * loss_scale(in, LossKind::mse));
    const T s_ord = ael::rounding_tolerance<T>(cond * cond * loss_scale(in, LossKind::ordered));

    CHECK(abs(lae::loss<T>(in.mom, Mat<T>(in.A * G), Mat<T>(Gi * in.B), mse) - L_mse) <= s_mse);
    CHECK(abs(lae::loss<T>(in.mom, Mat<T>(in.A * D), Mat<T>(Di * in.B), mse) - L_mse) <= s_mse);
    CHECK(abs(lae::loss<T>(in.mom, Mat<T>(in.A * D), Mat<T>(Di * in.B), ord) - L_ord) <= s_ord);
    // Generic non-diagonal G changes the ordered loss by far more than rounding.
    const T change = abs(lae::loss<T>(in.mom, Mat<T>(in.A * G), Mat<T>(Gi * in.B), ord) - L_ord);
    CHECK(change > T(1e6) * s_ord);
    CHECK(change > T(1e-3) * abs(L_ord));
    // A permutation is not diagonal either: swapping units changes L generically.
    Mat<T> Pi = Mat<T>::Zero(p, p);
    Pi(0, 1) = Pi(1, 0) = Pi(2, 2) = 1;
    // (Π is orthogonal and exact: the tolerances carry no conditioning factor.)
    const T s_perm = ael::rounding_tolerance<T>(loss_scale(in, LossKind::ordered));
    CHECK(abs(lae::loss<T>(in.mom, Mat<T>(in.A * Pi), Mat<T>(Pi * in.B), ord) - L_ord) > T(1e6) * s_perm);
    CHECK(abs(lae::loss<T>(in.mom, Mat<T>(in.A * Pi), Mat<T>(Pi * in.B), mse) - L_mse) <=
          ael::rounding_tolerance<T>(loss_scale(in, LossKind::mse)));
  }
}

// ------------------------------------------------------------ LAE-9

TEST_CASE_TEMPLATE("LAE-9: Noether identities and the exact one-step drift of AᵀA − BBᵀ", T, double, mp_real) {
  for (bool ae : {true, false})
    for (LossKind kind : kKinds) {
      CAPTURE(ae);
      CAPTURE(lae::loss_name(kind));
      const int n = 5, p = 3;
      const auto in = make_instance<T>(ae ? 91 : 92, n, p, 8, ae);
      const auto w = lae::loss_weights<T>(kind, p);
      const auto g = lae::gradient<T>(in.mom, in.A, in.B, w);
      const Mat<T> left = in.A.transpose() * g.dA, right = g.dB * in.B.transpose();
      const T s = ael::rounding_tolerance<T>(grad_scale(in, kind) * (fro(in.A) + fro(in.B)));
      const Mat<T> diff = left - right;
      CHECK(max_abs<T>(Mat<T>(diff.diagonal())) <= s);
      if (kind == LossKind::mse) {
        CHECK(max_abs<T>(diff) <= s);
      } else {
        // The off-diagonal parts differ in general (no GL(p) symmetry).
        CHECK(max_abs<T>(diff) > T(1e6) * s);
      }

      for (const T& eta : {T(1) / 100, T(3) / 10}) {
        const Mat<T> A1 = in.A - eta * g.dA, B1 = in.B - eta * g.dB;
        const Mat<T> Q0 = in.A.transpose() * in.A - in.B * in.B.transpose();
        const Mat<T> Q1 = A1.transpose() * A1 - B1 * B1.transpose();
        const Mat<T> drift = eta * eta * (g.dA.transpose() * g.dA - g.dB * g.dB.transpose());
        const Mat<T> err = Q1 - Q0 - drift;
        const T sd = ael::rounding_tolerance<T>(T(1) + fro(A1) * fro(A1) + fro(B1) * fro(B1) + fro(in.A) * fro(in.A) + fro(in.B) * fro(in.B));
        CHECK(max_abs<T>(Mat<T>(err.diagonal())) <= sd);
        if (kind == LossKind::mse) CHECK(max_abs<T>(err) <= sd);
        // The O(η²) drift is real (not a vacuous identity).
        CHECK(max_abs<T>(Mat<T>(drift.diagonal())) > T(1e6) * sd);
      }
    }
}

TEST_CASE_TEMPLATE("The origin is critical for both losses", T, double, mp_real) {
  const auto in = make_instance<T>(99, 4, 2, 7, false);
  for (LossKind kind : kKinds) {
    const auto w = lae::loss_weights<T>(kind, 2);
    const auto g = lae::gradient<T>(in.mom, Mat<T>::Zero(4, 2), Mat<T>::Zero(2, 4), w);
    CHECK(g.norm() == 0);
    CHECK(lae::loss<T>(in.mom, Mat<T>::Zero(4, 2), Mat<T>::Zero(2, 4), w) == T(w.terms) * in.mom.trSyy);
  }
}

}  // TEST_SUITE
