// 1-bit autoencoder kernels (docs/sign.md §2–§4) for double and mp_real.
// Every reference value comes from a different formula or method: explicit
// moment matrices vs eigenvalue formulas, bisection vs the p* formulas,
// closed forms at p = 1 vs quadrature, two quadrature routes, Monte Carlo
// within 4 standard errors.
#include <doctest/doctest.h>

#include "core/errors.hpp"
#include "core/random_matrix.hpp"
#include "rapidcheck_doctest.hpp"
#include "core/rng.hpp"
#include "sign/closed_forms.hpp"
#include "sign/gaussian_risk.hpp"
#include "sign/phase.hpp"
#include "sign/denoiser.hpp"
#include "sign/encoder.hpp"
#include "sign/gradient.hpp"
#include "sign/haar.hpp"
#include "sign/train.hpp"
#include "sign/simulate.hpp"
#include "sign/state_evolution.hpp"

#include <cmath>
#include <stdexcept>

using ael::Mat;
using ael::mp_real;
using namespace ael::sign;
using std::abs;

namespace {
template <class T> T eps() { return ael::working_epsilon<T>(); }
// 10^4 working epsilons times the size of the terms added up.
// Quadrature: asked for 10^-(digits − 4) relative, compared at 10^-(digits − 6).
template <class T> T quad_request() { return T(1e6) * eps<T>(); }
template <class T> T quad_compare() { return T(1e8) * eps<T>(); }


template <class T> Mat<T> orthonormal_rows(ael::Rng& rng, int n, int d) {
  Mat<T> B = ael::gaussian_matrix(rng, n, d).cast<T>();
  for (int pass = 0; pass < 2; ++pass)
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < i; ++j) B.row(i) -= B.row(i).dot(B.row(j)) * B.row(j);
      B.row(i) /= B.row(i).norm();
    }
  return B;
}

template <class T> T parse(const char* s) { return ael::parse_scalar<T>(s); }
}  // namespace

TEST_SUITE("sign") {

TEST_CASE_TEMPLATE("R_Gauss: orthonormal rows with A = sqrt(2/pi) B' give 1 - 2r/pi through the arcsin moments", T, double, mp_real) {
  ael::Rng rng(11);
  for (int n : {1, 3, 5}) {
    const int d = 6;
    const Mat<T> B = orthonormal_rows<T>(rng, n, d);
    const CodeMoments<T> m = gaussian_moments<T>(B);
    using std::sqrt;
    const Mat<T> A = T(sqrt(2 / pi_value<T>())) * B.transpose();
    const T expected = r_gauss<T>(T(T(n) / T(d)));
    CHECK(ael::to_double(abs(risk<T>(A, m) - expected)) <= ael::to_double(ael::rounding_tolerance<T>(T(10))));
    CHECK(ael::to_double(abs(optimal_decoder<T>(m).risk - expected)) <= ael::to_double(ael::rounding_tolerance<T>(T(10))));
  }
}

TEST_CASE_TEMPLATE("R_TF joins R_Gauss at r = 1; Shannon bound below both", T, double, mp_real) {
  CHECK(ael::to_double(abs(r_tight_frame<T>(T(1)) - r_gauss<T>(T(1)))) <= ael::to_double(ael::rounding_tolerance<T>()));
  for (int k = 1; k <= 30; ++k) {
    const T r = T(k) / T(10);
    CHECK(shannon<T>(r) < (r <= 1 ? r_gauss<T>(r) : r_tight_frame<T>(r)));
  }
}

TEST_CASE_TEMPLATE("identity table = optimal decoder of the explicit moment matrices, every sign0 and law", T, double, mp_real) {
  for (Sign0 s : {Sign0::zero, Sign0::plus, Sign0::random})
    for (NonzeroLaw z : {NonzeroLaw::gaussian, NonzeroLaw::rademacher, NonzeroLaw::uniform, NonzeroLaw::laplace})
      for (int n : {1, 4, 7}) {
        const T p = parse<T>("0.35");
        const T formula = identity_risk_exact<T>(n, 7, p, mu2<T>(z), s);
        const T route = optimal_decoder<T>(identity_moments<T>(n, 7, p, mu2<T>(z), s)).risk;
        CHECK(ael::to_double(abs(formula - route)) <= ael::to_double(ael::rounding_tolerance<T>(T(10))));
      }
}

TEST_CASE_TEMPLATE("identity table agrees with exact mask enumeration on BG data (arcsin route)", T, double, mp_real) {
  const Mat<T> P = Mat<T>::Identity(3, 5);
  for (Sign0 s : {Sign0::zero, Sign0::plus, Sign0::random}) {
    const T p = parse<T>("0.4");
    const T enumerated = optimal_decoder<T>(enumerated_bg_moments<T>(P, p, s)).risk;
    CHECK(ael::to_double(abs(enumerated - identity_risk_exact<T>(3, 5, p, mu2<T>(NonzeroLaw::gaussian), s))) <=
          ael::to_double(ael::rounding_tolerance<T>(T(100))));
  }
}

TEST_CASE_TEMPLATE("the unit-variance laws: E z^2 = 1 and mu_z^2 <= 1 with equality only for Rademacher", T, double, mp_real) {
  for (NonzeroLaw z : {NonzeroLaw::gaussian, NonzeroLaw::rademacher, NonzeroLaw::uniform, NonzeroLaw::laplace}) {
    CHECK(ael::to_double(abs(second_moment<T>(z) - 1)) <= ael::to_double(ael::rounding_tolerance<T>()));
    CHECK(mu2<T>(z) <= T(1) + ael::rounding_tolerance<T>());
    CHECK((mu2<T>(z) >= T(1) - ael::rounding_tolerance<T>()) == (z == NonzeroLaw::rademacher));
  }
}

TEST_CASE_TEMPLATE("p* formulas: L_id(p*) = R_Gauss at the formula value (limit loss evaluated there)", T, double, mp_real) {
  const T r = parse<T>("0.75");
  for (NonzeroLaw z : {NonzeroLaw::rademacher, NonzeroLaw::uniform, NonzeroLaw::laplace})
    for (Sign0 s : {Sign0::plus, Sign0::random}) {
      const auto c = critical_sparsity<T>(mu2<T>(z), s);
      CHECK(ael::to_double(abs(identity_risk_limit<T>(r, c.p_star, mu2<T>(z), s) - r_gauss<T>(r))) <= ael::to_double(ael::rounding_tolerance<T>()));
      CHECK(c.transition == (mu2<T>(z) > 2 / pi_value<T>()));
    }
  CHECK_FALSE(critical_sparsity<T>(mu2<T>(NonzeroLaw::gaussian), Sign0::zero).p_dependent);
}

TEST_CASE_TEMPLATE("mmse_BG: p = 1 closed form, two quadrature routes, bounds", T, double, mp_real) {
  for (const char* st : {"0.2", "0.5707963", "3"}) {
    const T s2 = parse<T>(st);
    const Quadrature<T> g = mmse_bg<T>(T(1), s2, quad_request<T>());
    CHECK(g.converged);
    CHECK(ael::to_double(abs(g.value - s2 / (1 + s2))) <= ael::to_double(quad_compare<T>()));
    for (const char* pt : {"0.03", "0.2", "0.8"}) {
      const T p = parse<T>(pt);
      const Quadrature<T> a = mmse_bg<T>(p, s2, quad_request<T>()), b = mmse_bg_posterior<T>(p, s2, quad_request<T>());
      CHECK(a.converged);
      CHECK(ael::to_double(abs(a.value - b.value)) <= ael::to_double(quad_compare<T>()));
      CHECK(a.value < s2 / (1 + s2));  // the Bayes denoiser beats the linear one when p < 1
      CHECK(a.value > 0);
    }
  }
}

TEST_CASE_TEMPLATE("V_z: law-of-total-variance route = the spec's lambda route; v = 1 gives 1 - 2/pi", T, double, mp_real) {
  CHECK(ael::to_double(abs(sign_posterior_variance<T>(T(1), quad_request<T>()).value - (1 - 2 / pi_value<T>()))) <= ael::to_double(ael::rounding_tolerance<T>()));
  for (const char* vt : {"0.99", "0.3", "0.02"}) {
    const T v = parse<T>(vt);
    const T a = sign_posterior_variance<T>(v, quad_request<T>()).value, b = sign_posterior_variance_spec<T>(v, quad_request<T>()).value;
    CHECK(ael::to_double(abs(a - b)) <= ael::to_double(quad_compare<T>()));
    CHECK(a < v);  // the sign bit is informative
  }
}

TEST_CASE_TEMPLATE("state evolution: layer 1 = R_den (gamma1 = 2r/(pi - 2r)); p = 1 stationary; decreasing for p < 1", T, double, mp_real) {
  const T r = parse<T>("0.5"), p = parse<T>("0.1");
  const SeRun<T> run = state_evolution<T>(r, p, 6, T(0), quad_request<T>());
  REQUIRE(run.layers.size() == 6);
  const T pi = pi_value<T>();
  CHECK(ael::to_double(abs(run.layers[0].gamma1 - 2 * r / (pi - 2 * r))) <= ael::to_double(ael::rounding_tolerance<T>(T(10))));
  CHECK(ael::to_double(abs(run.layers[0].mse - denoiser_risk<T>(p, r, quad_request<T>()).value)) <= ael::to_double(quad_compare<T>()));
  for (size_t t = 1; t < run.layers.size(); ++t) CHECK(run.layers[t].mse < run.layers[t - 1].mse);
  const SeRun<T> gauss = state_evolution<T>(r, T(1), 4, T(0), quad_request<T>());
  for (const auto& layer : gauss.layers) CHECK(ael::to_double(abs(layer.mse - r_gauss<T>(r))) <= ael::to_double(quad_compare<T>()));
}

TEST_CASE("quadrature: exact on a polynomial-times-Gaussian and honest about its error") {
  const auto q = de_integrate<double>([](double t) { return t * t * std::exp(-t * t / 2); }, 0.0, 12.0, 1e-14);
  CHECK(q.converged);
  CHECK(std::abs(q.value - std::sqrt(M_PI / 2)) <= 1e-13);
  CHECK(q.error <= 1e-12);
}

TEST_CASE("code_length and option parsing: bad input is rejected with one-line messages") {
  CHECK(code_length<double>(0.5, 10) == 5);
  CHECK(code_length<mp_real>(parse<mp_real>("0.1"), 30) == 3);
  CHECK_THROWS_AS(code_length<double>(0.3, 5), std::invalid_argument);   // n = 1.5
  CHECK_THROWS_AS(code_length<double>(0.05, 10), std::invalid_argument);  // n = 0.5
  CHECK_THROWS_AS(code_length<double>(0.5, 0), std::invalid_argument);
  CHECK_THROWS_AS(parse_sign0("minus"), std::invalid_argument);
  CHECK_THROWS_AS(parse_nonzero("cauchy"), std::invalid_argument);
  Mat<double> B = Mat<double>::Ones(2, 3);
  B.row(1).setZero();
  CHECK_THROWS_AS(normalize_rows<double>(B), std::invalid_argument);
}

TEST_CASE("Monte Carlo: same seed same bits for any thread count; agrees with the arcsin closed form") {
  ael::Rng rng(5);
  const Mat<double> B = ael::gaussian_matrix(rng, 3, 5), A = ael::gaussian_matrix(rng, 5, 3, 0.5);
  const McEstimate one = mc_risk(A, B, DataLaw{}, Sign0::plus, 3 * kBlock + 17, 99, 1);
  const McEstimate three = mc_risk(A, B, DataLaw{}, Sign0::plus, 3 * kBlock + 17, 99, 3);
  CHECK(one.mean == three.mean);
  CHECK(one.se == three.se);
  const double exact = risk<double>(A, gaussian_moments<double>(B));
  CHECK(std::abs(one.mean - exact) <= 4 * one.se);
}

TEST_CASE("R(A* + D) >= R(A*) for random encoders and perturbations (property)") {
  rc::doctest_check("optimal decoder is a minimizer", [](std::uint64_t seed) {
    ael::Rng rng(seed);
    const int n = 1 + static_cast<int>(rng.below(4)), d = 1 + static_cast<int>(rng.below(5));
    const CodeMoments<double> m = gaussian_moments<double>(ael::gaussian_matrix(rng, n, d));
    const OptimalDecoder<double> opt = optimal_decoder<double>(m);
    const Mat<double> D = ael::gaussian_matrix(rng, d, n, 0.3);
    const double gap = risk<double>(Mat<double>(opt.A + D), m) - opt.risk;
    const double predicted = (D * m.K * D.transpose()).trace() / d;
    RC_ASSERT(std::abs(gap - predicted) <= 1e-10 * (1 + predicted));
    RC_ASSERT(gap >= -1e-12);
  });
}

TEST_CASE_TEMPLATE("population gradient: its risk = the generic closed form; zero at orthonormal B with A = sqrt(2/pi) B'", T, double, mp_real) {
  ael::Rng rng(21);
  const Mat<T> B = normalize_rows<T>(ael::gaussian_matrix(rng, 3, 5).cast<T>()), A = ael::gaussian_matrix(rng, 5, 3, 0.5).cast<T>();
  const PopulationGradient<T> g = gaussian_population_gradient<T>(A, B);
  CHECK(ael::to_double(abs(g.risk - risk<T>(A, gaussian_moments<T>(B)))) <= ael::to_double(ael::rounding_tolerance<T>(T(10))));
  for (Eigen::Index i = 0; i < B.rows(); ++i) CHECK(ael::to_double(abs(g.dB_tangent.row(i).dot(B.row(i)))) <= ael::to_double(ael::rounding_tolerance<T>()));
  const Mat<T> O = orthonormal_rows<T>(rng, 3, 5);
  using std::sqrt;
  const PopulationGradient<T> s = gaussian_population_gradient<T>(Mat<T>(T(sqrt(2 / pi_value<T>())) * O.transpose()), O);
  CHECK(ael::to_double(s.dA.norm()) <= ael::to_double(ael::rounding_tolerance<T>(T(10))));
  CHECK(ael::to_double(s.dB_tangent.norm()) <= ael::to_double(ael::rounding_tolerance<T>(T(10))));
}

TEST_CASE("train_gaussian: deterministic for a seed, reaches 1 - 2r/pi with orthonormal rows (d = 12, r = 0.5)") {
  TrainOptions o;
  o.d = 12, o.n = 6, o.seed = 4;
  const TrainResult a = train_gaussian(o), b = train_gaussian(o);
  CHECK(a.steps == b.steps);
  CHECK((a.B - b.B).norm() == 0.0);
  CHECK(a.converged);
  CHECK(std::abs(a.risk - r_gauss<double>(0.5)) <= 1e-10);
  CHECK(shape_of(a.B).frame_error <= 1e-4);
}

}  // TEST_SUITE

TEST_SUITE("sign") {
TEST_CASE("Haar encoder: orthonormal rows, seed-reproducible, entries of sqrt(d) B match N(0,1) moments") {
  const int n = 60, d = 200;
  const auto B = ael::sign::haar_orthonormal_rows(n, d, 7);
  const double eps = 1e-12;
  CHECK((B * B.transpose() - ael::Mat<double>::Identity(n, n)).cwiseAbs().maxCoeff() < eps);
  CHECK((B - ael::sign::haar_orthonormal_rows(n, d, 7)).cwiseAbs().maxCoeff() == 0.0);
  CHECK((B - ael::sign::haar_orthonormal_rows(n, d, 8)).cwiseAbs().maxCoeff() > 0.1);
  // Sample mean and fourth moment of the n*d entries of sqrt(d) B: 0 and 3 for a
  // Haar matrix (d large). Standard errors ~ 1/sqrt(nd) and sqrt(96/nd); 5 SE.
  const double N = double(n) * d;
  const double mean = B.sum() * std::sqrt(double(d)) / N;
  const double m4 = (B.array() * std::sqrt(double(d))).pow(4).sum() / N;
  CHECK(std::abs(mean) < 5 / std::sqrt(N));
  CHECK(std::abs(m4 - 3.0 * d / (d + 2.0)) < 5 * std::sqrt(96.0 / N));
  CHECK_THROWS(ael::sign::haar_orthonormal_rows(5, 4, 1));
}
}

TEST_SUITE("sign") {
  TEST_CASE("bisect_p_star: the bisection root of L_id - R_Gauss equals the p* formula (two routes)") {
    for (Sign0 s : {Sign0::plus, Sign0::random}) {
      const mp_real m2 = mu2<mp_real>(NonzeroLaw::rademacher), r(0.5);
      const auto formula = critical_sparsity<mp_real>(m2, s);
      const std::optional<mp_real> root = bisect_p_star<mp_real>(r, m2, s);
      REQUIRE(root.has_value());
      CHECK(abs(*root - formula.p_star) <= pow(mp_real(10), -(ael::printed_digits() - 2)));
    }
    // sign(0) = 0: L_id does not depend on p, so the gap has no root in the bracket.
    CHECK_FALSE(bisect_p_star<mp_real>(mp_real(0.5), mu2<mp_real>(NonzeroLaw::gaussian), Sign0::zero).has_value());
  }

  TEST_CASE("gaussian_risk: 1 - 2r/pi for r <= 1, the tight-frame limit above, rate > 0 required") {
    const auto g = gaussian_risk<mp_real>(mp_real(0.5));
    CHECK_FALSE(g.tight_frame);
    // Reference: 1 − 1/π to 31 digits, typed from a table (not from the implementation's π).
    CHECK(abs(g.risk - mp_real("0.6816901138162093284622324732550")) <= mp_real("1e-30"));
    CHECK(gaussian_risk<mp_real>(mp_real(2)).tight_frame);
    CHECK(abs(g.shannon - mp_real(0.5)) <= ael::rounding_tolerance<mp_real>());  // 2^(-1)
    CHECK_THROWS_AS(gaussian_risk<mp_real>(mp_real(0)), ael::ParameterError);
  }
}
