// Property-based checks (RapidCheck) of the closed-form critical-point results
// (docs/lae-math.md §6–§8): random sizes n ∈ [2,6], p ∈ [1, min(n,3)], random
// ordered index tuples, signed unit scales, random distinct spectra (LAE) or
// general targets. Every generated quantity shrinks towards a readable case:
// tuple → (1,…,p), scales → 1, spectrum gaps → 1/4, seeds → 0.
#include "rapidcheck_doctest.hpp"

#include "core/linalg.hpp"
#include "lae/critical.hpp"
#include "lae/model.hpp"
#include "lae/synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
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

// Like rc::doctest_check, with fewer cases: for the multiprecision properties,
// where one case costs a 2np×2np MPFR eigen-decomposition.
template <typename Testable> void doctest_check_cases(const char* description, int cases, Testable&& testable) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = cases;
  rc::detail::TestMetadata metadata;
  metadata.id = description;
  metadata.description = description;
  const auto result = rc::detail::checkTestable(std::forward<Testable>(testable), metadata, params);
  std::ostringstream message;
  rc::detail::printResultMessage(result, message);
  INFO(std::string(description) << "\n" << message.str());
  CHECK_MESSAGE(result.template is<rc::detail::SuccessResult>(), description);
}

// One generated instance, in plain numbers so that RapidCheck can show and shrink it.
struct Case {
  int n = 0, p = 0;
  int seed = 0;
  bool general_y = false;   // Y = X Gᵀ + noise (else Y = X)
  std::vector<int> gaps;    // λ_n = gaps[n-1]/4, λ_s = λ_{s+1} + gaps[s-1]/4
  Index I;                  // 0-based ordered tuple
  std::vector<int> expo;    // |c_k| = 2^(expo_k/100)
  std::vector<bool> negative;

  std::string spectrum() const {
    std::vector<double> lambda(n);
    double acc = 0;
    for (int s = n - 1; s >= 0; --s) lambda[s] = (acc += gaps[s] / 4.0);
    std::string text;
    for (int s = 0; s < n; ++s) text += (s ? "," : "") + ael::to_decimal(lambda[s]);  // exact multiples of 1/4
    return text;
  }
  template <class T> Vec<T> scales() const {
    Vec<T> c(p);
    for (int k = 0; k < p; ++k) c(k) = T((negative[k] ? -1 : 1) * std::exp2(expo[k] / 100.0));
    return c;
  }
  std::string describe() const {
    std::ostringstream os;
    os << "n=" << n << " p=" << p << " I=" << lae::format_index(I) << " spectrum=" << spectrum() << " seed=" << seed
       << (general_y ? " general Y" : " LAE") << " c=(";
    for (int k = 0; k < p; ++k) os << (k ? "," : "") << (negative[k] ? -1 : 1) * std::exp2(expo[k] / 100.0);
    os << ")";
    return os.str();
  }
};

// Draws a Case inside a property. The tuple is a Lehmer code (choice k picks
// among the indices not used yet), so it shrinks towards (1,2,…,p).
Case generate_case(int max_n, bool allow_general) {
  Case c;
  c.n = *rc::gen::inRange(2, max_n + 1);
  c.p = *rc::gen::inRange(1, std::min(c.n, 4) + 1);  // the issue: n ≤ 7, p ≤ min(n, 4)
  c.seed = *rc::gen::inRange(0, 1000);
  c.general_y = allow_general ? *rc::gen::arbitrary<bool>() : false;
  c.gaps = *rc::gen::container<std::vector<int>>(c.n, rc::gen::inRange(1, 13));
  std::vector<int> unused(c.n);
  for (int s = 0; s < c.n; ++s) unused[s] = s;
  for (int k = 0; k < c.p; ++k) {
    const int choice = *rc::gen::inRange(0, c.n - k);
    c.I.push_back(unused[choice]);
    unused.erase(unused.begin() + choice);
  }
  // |exponent| and its sign drawn separately so that scales shrink to |c| = 1.
  const auto magnitude = *rc::gen::container<std::vector<int>>(c.p, rc::gen::inRange(0, 101));
  const auto shrink = *rc::gen::container<std::vector<bool>>(c.p, rc::gen::arbitrary<bool>());
  for (int k = 0; k < c.p; ++k) c.expo.push_back(shrink[k] ? -magnitude[k] : magnitude[k]);
  c.negative = *rc::gen::container<std::vector<bool>>(c.p, rc::gen::arbitrary<bool>());
  RC_TAG(c.n, c.p, c.general_y ? "general" : "lae");
  RC_LOG() << c.describe() << "\n";
  return c;
}

template <class T> struct Built {
  Mat<T> Xr, Yr;
  lae::Moments<T> mom;
  lae::EigenData<T> e;
};

// Data for the case; discards general-Y draws whose Σ violates (H3) badly
// (relative eigen-gap below 1e-3), since no fixed tolerance covers ε/gap → ∞.
template <class T> Built<T> build(const Case& c) {
  Built<T> b;
  b.Xr = lae::synthetic_samples<T>(c.n, c.n + 3, static_cast<std::uint64_t>(c.seed), c.spectrum());
  if (c.general_y) b.Yr = lae::synthetic_targets<T>(b.Xr, static_cast<std::uint64_t>(c.seed));
  b.mom = lae::moments_from_rows<T>(b.Xr, c.general_y ? &b.Yr : nullptr);
  try {
    b.e = lae::eigen_data<T>(b.mom);
  } catch (const std::invalid_argument&) {
    RC_DISCARD("Sigma has (nearly) repeated eigenvalues");
  }
  for (int s = 0; s + 1 < c.n; ++s)
    RC_PRE(b.e.lambda(s) - b.e.lambda(s + 1) > T(1e-3) * b.e.lambda(0));
  return b;
}

// docs/lae-math.md §11: a zero band |μ| ≤ τ·max|μ| classifies correctly only if every
// nonzero closed-form eigenvalue lies well outside it. Near-singular Σ_yx (a
// rare draw of the Gaussian G in synthetic_targets) puts genuine eigenvalues
// ~λ_n inside any fixed band, so such draws are discarded for inertia checks.
template <class T> bool outside_zero_band(const Vec<T>& closed, const T& tau) {
  const T top = closed.cwiseAbs().maxCoeff();
  for (Eigen::Index i = 0; i < closed.size(); ++i)
    if (closed(i) != 0 && abs(closed(i)) <= T(1e3) * tau * top) return false;
  return true;
}

template <class T> T relative_error(const Vec<T>& a, const Vec<T>& b) {
  return (a - b).cwiseAbs().maxCoeff() / std::max<T>(a.cwiseAbs().maxCoeff(), b.cwiseAbs().maxCoeff());
}

// The closed-form spectrum equals the numeric one (assembled Hessian in the
// reduced coordinates, diagonalised in T) to `tolerance` relative.
template <class T> void spectrum_property(int max_n, const T& tolerance) {
  const Case c = generate_case(max_n, true);
  const auto b = build<T>(c);
  const Vec<T> scales = c.scales<T>();
  const auto x = lae::critical_point<T>(b.e, c.I, Mat<T>(scales.asDiagonal()));
  for (LossKind kind : {LossKind::mse, LossKind::ordered}) {
    const Vec<T> closed = lae::closed_form_spectrum<T>(b.e.lambda, c.I, scales, kind);
    const Vec<T> numeric = lae::numeric_spectrum<T>(b.mom, b.e, x, kind);
    RC_ASSERT(closed.size() == numeric.size());
    const T err = relative_error<T>(closed, numeric);
    RC_LOG() << lae::loss_name(kind) << ": relative discrepancy " << ael::to_decimal(err, 6) << " (tolerance "
             << ael::to_decimal(tolerance, 3) << ")\n";
    RC_ASSERT(err <= tolerance);
  }
}

}  // namespace

TEST_SUITE("lae_properties") {

TEST_CASE("closed-form spectrum = numeric spectrum (double, 1e-9 relative)") {
  rc::doctest_check("closed form = numeric (double)", [] { spectrum_property<double>(7, ael::zero_threshold<double>()); });
}

TEST_CASE("closed-form spectrum = numeric spectrum (mp_real, 10^-(working digits - 10) relative)") {
  // 10^-(D_w − 10) with D_w working digits = 10^10 working epsilons.
  doctest_check_cases("closed form = numeric (mp_real)", 40, [] {
    spectrum_property<mp_real>(7, pow(mp_real(10), -(ael::working_digits() - 10)));
  });
}

TEST_CASE("inertia of the numeric Hessian = inertia formula (double)") {
  rc::doctest_check("inertia_of(numeric) == inertia_formula", [] {
    const Case c = generate_case(7, true);
    const auto b = build<double>(c);
    const Vec<double> scales = c.scales<double>();
    const auto x = lae::critical_point<double>(b.e, c.I, Mat<double>(scales.asDiagonal()));
    for (LossKind kind : {LossKind::mse, LossKind::ordered})
      RC_PRE(outside_zero_band<double>(lae::closed_form_spectrum<double>(b.e.lambda, c.I, scales, kind),
                                       ael::zero_threshold<double>()));
    for (LossKind kind : {LossKind::mse, LossKind::ordered}) {
      const Inertia got = lae::inertia_of<double>(lae::numeric_spectrum<double>(b.mom, b.e, x, kind),
                                                  ael::zero_threshold<double>());
      const Inertia want = lae::inertia_formula(c.I, c.n, kind);
      RC_LOG() << lae::loss_name(kind) << ": numeric (" << got.negative << "," << got.zero << "," << got.positive
               << ") formula (" << want.negative << "," << want.zero << "," << want.positive << ")\n";
      RC_ASSERT(got == want);
      // #neg by counting, independent of the library's ν and inv: unused indices
      // below each i_k, plus inversions for the ordered loss.
      int neg = 0;
      for (int k = 0; k < c.p; ++k) {
        for (int s = 0; s < c.I[k]; ++s) neg += std::find(c.I.begin(), c.I.end(), s) == c.I.end();
        if (kind == LossKind::ordered)
          for (int l = k + 1; l < c.p; ++l) neg += c.I[k] > c.I[l];
      }
      RC_ASSERT(want.negative == neg);
    }
  });
}

TEST_CASE("loss and gradient at P(I,C) (double)") {
  rc::doctest_check("loss(P(I,C)) == critical_loss, gradient == 0", [] {
    const Case c = generate_case(7, true);
    const auto b = build<double>(c);
    const auto x = lae::critical_point<double>(b.e, c.I, Mat<double>(c.scales<double>().asDiagonal()));
    for (LossKind kind : {LossKind::mse, LossKind::ordered}) {
      const auto w = lae::loss_weights<double>(kind, c.p);
      const double L = lae::loss<double>(b.mom, x.A, x.B, w);
      const double crit = lae::critical_loss<double>(b.mom, b.e, c.I, c.p, kind);
      // Reference by the docs/lae-math.md §6 formula written here: terms·tr Σ_yy − Σ_k w_k λ_{i_k}.
      double ref = w.terms * b.mom.trSyy;
      for (int k = 0; k < c.p; ++k) ref -= (kind == LossKind::ordered ? c.p - k : 1) * b.e.lambda(c.I[k]);
      // The covariance form cancels terms of size terms·tr Σ_yy (docs/lae-math.md §11, precision note).
      const double tolerance = 1e4 * ael::working_epsilon<double>() * w.terms * b.mom.trSyy * c.n;
      RC_LOG() << lae::loss_name(kind) << ": loss " << L << " critical_loss " << crit << " formula " << ref << "\n";
      RC_ASSERT(std::abs(L - ref) <= tolerance);
      RC_ASSERT(std::abs(crit - ref) <= tolerance);
      const auto g = lae::gradient<double>(b.mom, x.A, x.B, w);
      const double scale = w.terms * (b.mom.Sxx.norm() + b.mom.Syx.norm()) * std::pow(1 + x.A.norm() + x.B.norm(), 3);
      RC_LOG() << "  |grad| " << g.norm() << " vs scale " << scale << "\n";
      RC_ASSERT(g.norm() <= 1e4 * ael::working_epsilon<double>() * scale * c.n);
    }
  });
}

TEST_CASE("MSE closed form with a general C ∈ GL(p) = numeric spectrum (double)") {
  rc::doctest_check("closed_form_spectrum_mse(C) == numeric", [] {
    const Case c = generate_case(5, false);
    const auto b = build<double>(c);
    // C = diag(c)(I + N/4) with N entries in [-1,1]: moderately conditioned, non-diagonal.
    Mat<double> C = Mat<double>::Identity(c.p, c.p);
    for (int i = 0; i < c.p; ++i)
      for (int j = 0; j < c.p; ++j) C(i, j) += *rc::gen::inRange(-100, 101) / 400.0;
    C = Mat<double>(c.scales<double>().asDiagonal()) * C;
    const Vec<double> sv = ael::singular_values<double>(C);
    RC_PRE(sv(c.p - 1) > 0.1 * sv(0));
    RC_LOG() << "C =\n" << C << "\n";
    const Vec<double> closed = lae::closed_form_spectrum_mse<double>(b.e.lambda, c.I, C);
    const Vec<double> numeric =
        lae::numeric_spectrum<double>(b.mom, b.e, lae::critical_point<double>(b.e, c.I, C), LossKind::mse);
    const double err = relative_error<double>(closed, numeric);
    RC_LOG() << "relative discrepancy " << err << "\n";
    RC_ASSERT(err <= ael::zero_threshold<double>());
    RC_PRE(outside_zero_band<double>(closed, ael::zero_threshold<double>()));
    RC_ASSERT(lae::inertia_of<double>(numeric, ael::zero_threshold<double>()) ==
              lae::inertia_formula(c.I, c.n, LossKind::mse));
  });
}

}  // TEST_SUITE
