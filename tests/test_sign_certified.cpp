// Certified (Arb ball) routes of the sign autoencoder: every ball must contain
// a reference value computed by a different route at twice the digits (MPFR
// closed forms, the p* formula, the double-exponential MMSE quadrature, the
// MPFR state evolution), and a deliberately low precision must give a wider
// ball or a refusal, never a ball that misses the reference.
#include <doctest/doctest.h>

#include "core/precision.hpp"
#include "core/scalar.hpp"
#include "core/ball_io.hpp"
#include "core/errors.hpp"
#include "sign/certified_closed_forms.hpp"
#include "sign/certified_denoiser.hpp"
#include "sign/certified_encoder.hpp"
#include "sign/encoder.hpp"
#include "sign/gradient.hpp"
#include "sign/closed_forms.hpp"
#include "sign/denoiser.hpp"
#include "sign/state_evolution.hpp"

#include <stdexcept>

using ael::Ball;
using ael::ball_bits_for_digits;
using ael::ball_contains_decimal;
using ael::ball_from_decimal;
using ael::ball_json;
using ael::mp_real;
using ael::put_certified;
using ael::supported_digits;
using namespace ael::sign;

namespace {
// Reference decimal at 60 digits from an MPFR computation (working precision 60 + guard).
template <class F> std::string reference60(F&& f) {
  const ael::PrecisionScope at60(60);
  return ael::to_decimal(f(), 60);
}
mp_real dec(const std::string& s) { return ael::parse_scalar<mp_real>(s); }
double rad(const arb_t x) { return mag_get_d(arb_radref(x)); }
}  // namespace

TEST_SUITE("sign_certified") {
  TEST_CASE("closed forms: balls contain the MPFR closed forms at 60 digits") {
    const long prec = ball_bits_for_digits(30);
    Ball r, v, p, m2;
    for (const char* rate : {"0.3", "1", "0.125"}) {
      ball_from_decimal(r.get(), rate, "--rate", prec);
      r_gauss_ball(v.get(), r.get(), prec);
      CHECK(ball_contains_decimal(v.get(), reference60([&] { return r_gauss<mp_real>(dec(rate)); })));
      shannon_ball(v.get(), r.get(), prec);
      CHECK(ball_contains_decimal(v.get(), reference60([&] { return shannon<mp_real>(dec(rate)); })));
    }
    ball_from_decimal(r.get(), "2.5", "--rate", prec);
    r_tight_frame_ball(v.get(), r.get(), prec);
    CHECK(ball_contains_decimal(v.get(), reference60([] { return r_tight_frame<mp_real>(dec("2.5")); })));
    for (NonzeroLaw z : {NonzeroLaw::gaussian, NonzeroLaw::rademacher, NonzeroLaw::uniform, NonzeroLaw::laplace})
      for (Sign0 s : {Sign0::plus, Sign0::zero, Sign0::random}) {
        ball_from_decimal(p.get(), "0.3", "--p", prec);
        mu2_ball(m2.get(), z, prec);
        identity_risk_exact_ball(v.get(), 50, 200, p.get(), m2.get(), s, prec);
        const std::string ref = reference60([&] { return identity_risk_exact<mp_real>(50, 200, dec("0.3"), mu2<mp_real>(z), s); });
        CHECK_MESSAGE(ball_contains_decimal(v.get(), ref), ref << " vs " << ball_json(v.get(), 30).dump());
      }
  }

  TEST_CASE("p*: the certified bracket contains the closed-form p* at 60 digits") {
    const long prec = ball_bits_for_digits(30);
    Ball root;
    for (NonzeroLaw z : {NonzeroLaw::gaussian, NonzeroLaw::rademacher, NonzeroLaw::uniform, NonzeroLaw::laplace})
      for (Sign0 s : {Sign0::plus, Sign0::random}) {
        const CertifiedRoot c = critical_sparsity_ball(root.get(), z, s, prec);
        REQUIRE(c.proved);
        CHECK(ball_contains_decimal(root.get(), reference60([&] { return critical_sparsity<mp_real>(mu2<mp_real>(z), s).p_star; })));
        CHECK(rad(root.get()) < 1e-35);
      }
    // Too few bits: the signs at the endpoints are not decided, and nothing is claimed.
    const CertifiedRoot low = critical_sparsity_ball(root.get(), NonzeroLaw::uniform, Sign0::plus, 20);
    CHECK_FALSE(low.proved);
  }

  TEST_CASE("denoiser MMSE: ball contains the tanh-sinh quadrature at 60 digits") {
    const long prec = ball_bits_for_digits(30);
    Ball p, r, v;
    for (auto [rate, pp] : {std::pair{"1", "0.1"}, std::pair{"0.5", "0.1"}, std::pair{"0.25", "0.02"}, std::pair{"0.5", "0.9"}}) {
      ball_from_decimal(r.get(), rate, "--rate", prec);
      ball_from_decimal(p.get(), pp, "--p", prec);
      denoiser_risk_ball(v.get(), p.get(), r.get(), prec);
      const std::string ref = reference60([&] {
        return denoiser_risk<mp_real>(dec(pp), dec(rate), boost::multiprecision::pow(mp_real(10), -63)).value;
      });
      CHECK_MESSAGE(ball_contains_decimal(v.get(), ref), rate << " " << pp << " ref " << ref);
      CHECK(supported_digits(v.get(), 30) == 30);
    }
  }

  TEST_CASE("denoiser MMSE: low precision gives a wider ball that still contains the reference, or a refusal") {
    Ball p, r, hi, lo;
    ball_from_decimal(r.get(), "1", "--rate", 200);
    ball_from_decimal(p.get(), "0.1", "--p", 200);
    denoiser_risk_ball(hi.get(), p.get(), r.get(), 200);
    ball_from_decimal(r.get(), "1", "--rate", 30);
    ball_from_decimal(p.get(), "0.1", "--p", 30);
    denoiser_risk_ball(lo.get(), p.get(), r.get(), 30);
    const std::string ref = reference60([] { return denoiser_risk<mp_real>(dec("0.1"), dec("1"), mp_real("1e-63")).value; });
    CHECK(ball_contains_decimal(lo.get(), ref));
    CHECK(rad(lo.get()) > 1e3 * rad(hi.get()));
    ael::Json doc;
    CHECK_THROWS_AS(put_certified(doc, "risk", lo.get(), 30), std::invalid_argument);
    CHECK_NOTHROW(put_certified(doc, "risk", lo.get(), 30, true));
    CHECK(doc["risk_supported_digits"].get<int>() < 30);
  }

  TEST_CASE("state evolution: layer balls contain the MPFR recursion at 60 digits") {
    const long prec = ball_bits_for_digits(30);
    Ball r, p, g2, m, g1, next;
    ball_from_decimal(r.get(), "0.5", "--rate", prec);
    ball_from_decimal(p.get(), "0.1", "--p", prec);
    arb_one(g2.get());
    std::vector<std::string> refs;
    {
      const ael::PrecisionScope at60(60);
      const auto run = state_evolution<mp_real>(dec("0.5"), dec("0.1"), 3, mp_real(0), mp_real("1e-63"));
      for (const auto& l : run.layers) refs.push_back(ael::to_decimal(l.mse, 60));
    }
    for (int t = 0; t < 3; ++t) {
      state_evolution_step_ball(m.get(), g1.get(), next.get(), g2.get(), r.get(), p.get(), prec);
      CHECK_MESSAGE(ball_contains_decimal(m.get(), refs[t]), "layer " << t + 1);
      arb_swap(g2.get(), next.get());
    }
  }

  // Derivatives of the state-evolution map (docs/sign.md, "Derivative of the map"): the
  // balls at 64 bits (the proof's precision; radius ≈ 2^-60 relative, from the 64-bit input
  // balls) must contain central differences (f(x + h) − f(x − h))/(2h) of the MPFR
  // double-exponential route at 60 digits, h = 1e-20: truncation h²|f‴|/6 and quadrature
  // 1e-63/h are both ≤ 1e-38, far inside.
  TEST_CASE("state evolution: derivative balls contain MPFR central differences at 60 digits") {
    const mp_real tol("1e-63"), h("1e-20");
    auto cd = [&](auto&& f, const char* x) {
      return reference60([&] { return mp_real((f(dec(x) + h) - f(dec(x) - h)) / (2 * h)); });
    };
    const long prec = 64;
    Ball p, s2, v, g2, r, d, dm;
    ball_from_decimal(p.get(), "0.1", "--p", prec);
    ball_from_decimal(s2.get(), "0.7", "s2", prec);
    mmse_bg_derivative_ball(d.get(), p.get(), s2.get(), prec);
    CHECK(ball_contains_decimal(d.get(), cd([&](const mp_real& x) { return mmse_bg<mp_real>(dec("0.1"), x, tol).value; }, "0.7")));
    CHECK(rad(d.get()) < 1e-16);
    ball_from_decimal(v.get(), "0.3", "v", prec);
    sign_information_derivative_ball(d.get(), v.get(), prec);
    CHECK(ball_contains_decimal(d.get(), cd([&](const mp_real& x) { return mp_real(1 - sign_posterior_variance<mp_real>(x, tol).value / x); }, "0.3")));
    ball_from_decimal(r.get(), "0.5", "--rate", prec);
    for (const char* at : {"2.9248258254", "40"}) {
      ball_from_decimal(g2.get(), at, "gamma2", prec);
      state_evolution_map_derivative_ball(d.get(), dm.get(), g2.get(), r.get(), p.get(), prec);
      auto step = [&](const mp_real& x) { return state_evolution<mp_real>(dec("0.5"), dec("0.1"), 1, mp_real(0), tol, x).layers[0]; };
      const std::string dF = cd([&](const mp_real& x) { const auto l = step(x); return mp_real(1 / l.mse - l.gamma1); }, at);
      const std::string dM = cd([&](const mp_real& x) { return step(x).mse; }, at);
      CHECK_MESSAGE(ball_contains_decimal(d.get(), dF), at << ": " << dF << " vs " << ball_json(d.get(), 20).dump());
      CHECK_MESSAGE(ball_contains_decimal(dm.get(), dM), at << ": " << dM << " vs " << ball_json(dm.get(), 20).dump());
      CHECK(rad(d.get()) < 1e-16);
      // Too few bits: a wider ball that still contains the reference, or a refusal.
      for (long low : {8L, 16L, 24L}) {
        Ball dl, dml, g2l, rl, pl;
        ball_from_decimal(g2l.get(), at, "gamma2", low), ball_from_decimal(rl.get(), "0.5", "--rate", low);
        ball_from_decimal(pl.get(), "0.1", "--p", low);
        try {
          state_evolution_map_derivative_ball(dl.get(), dml.get(), g2l.get(), rl.get(), pl.get(), low);
          CHECK(ball_contains_decimal(dl.get(), dF));
          CHECK(ball_contains_decimal(dml.get(), dM));
          CHECK(rad(dl.get()) > rad(d.get()));
        } catch (const std::domain_error&) {
          // refused: nothing is claimed
        }
      }
    }
  }

  TEST_CASE("state evolution: certified fixed point against the MPFR recursion to its fixed point") {
    // The certified route at 10 digits claims the printed fixed point is within one unit of its
    // 10th digit of the exact m*; the MPFR recursion at 20 digits, stopped at steps < 1e-22,
    // is within its fixed_point_error bound of m*.
    const ael::Json j = certified_state_evolution("0.5", "0.1", 1, "1", 10, false);
    CHECK(j["evidence"] == "proved-ball");
    CHECK(j["fixed_point_proof"].get<std::string>().find("exactly one fixed point") != std::string::npos);
    {
      const ael::PrecisionScope at20(20);
      const auto run = state_evolution<mp_real>(dec("0.5"), dec("0.1"), 5000, mp_real("1e-22"), mp_real("1e-23"));
      REQUIRE(run.converged);
      const mp_real printed = dec(j["fixed_point"].get<std::string>());
      CHECK(boost::multiprecision::abs(printed - run.layers.back().mse) <= mp_real("1e-10") + run.fixed_point_error);
    }
    // |F'| < 1 on X, with a narrow ball.
    Ball D;
    const std::string mid = j["fixed_point_map_derivative_ball"]["mid"], rd = j["fixed_point_map_derivative_ball"]["rad"];
    arb_set_str(D.get(), (mid + " +/- " + rd).c_str(), 128);
    CHECK(arf_cmpabs_2exp_si(arb_midref(D.get()), 0) < 0);
    CHECK(rad(D.get()) < 1e-10);
  }

  // Entry into the certified interval (docs/sign.md, "Entry into X"): every layer ball of γ2_t and
  // m_t must contain the MPFR recursion at 40 digits (twice the 20 digits of the balls), the
  // entry layer's MPFR γ2 must lie in the interval, and the MPFR fixed point in fixed_point_ball.
  // A too-low precision gives wider balls that still contain them, no entry, or a refusal.
  TEST_CASE("state evolution: the recursion from gamma2 = 1 enters the certified interval; balls contain MPFR at 2x digits") {
    const mp_real tol("1e-43");
    std::vector<std::string> g2_ref{"1"}, m_ref;
    {
      const ael::PrecisionScope at40(40);
      const auto run = state_evolution<mp_real>(dec("0.5"), dec("0.1"), 16, mp_real(0), tol);
      for (const auto& l : run.layers) {
        m_ref.push_back(ael::to_decimal(l.mse, 40));
        g2_ref.push_back(ael::to_decimal(mp_real(1 / l.mse - l.gamma1), 40));
      }
    }
    // The rest runs at 20 digits: m_star ± m_err (m_err >= 1e-17) is formed at that precision.
    const ael::PrecisionScope at20(20);
    const auto limit = state_evolution<mp_real>(dec("0.5"), dec("0.1"), 5000, mp_real("1e-18"), mp_real("1e-19"));
    REQUIRE(limit.converged);
    const mp_real m_star = limit.layers.back().mse, m_err = limit.fixed_point_error + mp_real("1e-17");
    double wide_rad = 0;
    for (long prec : {ball_bits_for_digits(20), 24L, 12L}) {
      CAPTURE(prec);
      Ball r, p, one;
      ball_from_decimal(r.get(), "0.5", "--rate", prec), ball_from_decimal(p.get(), "0.1", "--p", prec);
      arb_one(one.get());
      SeFixedPoint fp;
      try {
        fp = certify_se_fixed_point(r.get(), p.get(), one.get(), prec);
      } catch (const std::logic_error&) {  // std::invalid_argument or std::domain_error
        CHECK(prec < 64);  // refused: nothing is claimed
        continue;
      }
      CHECK(arb_contains(fp.wide.get(), fp.X.get()));
      // The MPFR limit is within m_err of m*, which lies in fixed_point_ball.
      Ball lo(mp_real(m_star - m_err)), hi(mp_real(m_star + m_err)), ref;
      arb_union(ref.get(), lo.get(), hi.get(), 128);
      CHECK(arb_overlaps(fp.mse.get(), ref.get()));
      const SeEntry e = se_enter_interval(fp.wide.get(), r.get(), p.get(), one.get(), 200, prec);
      if (prec > 64) {
        REQUIRE(e.entered >= 0);
        CHECK(e.entered < 15);
        wide_rad = rad(fp.wide.get());
      }
      if (e.entered < 0) continue;  // not entered: nothing is claimed
      REQUIRE(e.gamma2.size() == static_cast<size_t>(e.entered) + 2);
      REQUIRE(e.gamma2.size() <= g2_ref.size());
      for (size_t t = 0; t < e.gamma2.size(); ++t) CHECK_MESSAGE(ball_contains_decimal(e.gamma2[t].get(), g2_ref[t]), "gamma2 layer " << t);
      for (size_t t = 0; t < e.mse.size(); ++t) CHECK_MESSAGE(ball_contains_decimal(e.mse[t].get(), m_ref[t]), "m layer " << t + 1);
      CHECK(ball_contains_decimal(fp.wide.get(), g2_ref[e.entered]));
      if (prec < 64) CHECK(rad(fp.mse.get()) > 1e-20);
    }
    CHECK(wide_rad > 0);
  }

  TEST_CASE("state evolution: informative start (v = 1e-4, the cut in a = kt) against the MPFR route at 60 digits") {
    // Regression: with the cut in t only, the integral at v = 1e-4 returned nan (the complex
    // erfc boxes at kt ~ 600 never became holomorphic), and --start informative was refused.
    const mp_real tol("1e-63");
    for (const char* at : {"0.0001", "0.01"}) {
      Ball v, V;
      ball_from_decimal(v.get(), at, "v", ball_bits_for_digits(30));
      sign_posterior_variance_ball(V.get(), v.get(), ball_bits_for_digits(30));
      CHECK_MESSAGE(ball_contains_decimal(V.get(), reference60([&] { return sign_posterior_variance<mp_real>(dec(at), tol).value; })), at);
      CHECK(supported_digits(V.get(), 30) == 30);
    }
    const mp_real h("1e-20");
    Ball v, d;
    ball_from_decimal(v.get(), "0.001", "v", 64);
    sign_information_derivative_ball(d.get(), v.get(), 64);
    const std::string ref = reference60([&] {
      auto J = [&](const mp_real& x) { return mp_real(1 - sign_posterior_variance<mp_real>(x, tol).value / x); };
      return mp_real((J(dec("0.001") + h) - J(dec("0.001") - h)) / (2 * h));
    });
    CHECK_MESSAGE(ball_contains_decimal(d.get(), ref), ref << " vs " << ball_json(d.get(), 20).dump());
    const ael::Json j = certified_state_evolution("0.5", "0.1", 2, "10000", 10, false);
    CHECK(j["fixed_point_proof"].get<std::string>().find("exactly one fixed point") != std::string::npos);
    CHECK(j["enters_certified_interval_at_layer"].is_number());
  }

  TEST_CASE("ball JSON: mid +- rad covers the ball after decimal rounding") {
    Ball x, lo, hi;
    arb_const_pi(x.get(), 200);
    mag_set_d(arb_radref(x.get()), 1e-40);
    const ael::Json j = ball_json(x.get(), 30);
    const std::string mid = j["mid"], rd = j["rad"];
    arb_set_str(lo.get(), (mid).c_str(), 400);
    arb_set_str(hi.get(), rd.c_str(), 400);
    arb_add_error(lo.get(), hi.get());  // [mid ± rad] as a ball: must contain x
    CHECK(arb_contains(lo.get(), x.get()));
    CHECK(mag_get_d(arb_radref(hi.get())) >= 0);
  }

  TEST_CASE("encoder balls: risk, R* and the jet derivative contain the MPFR routes at 60 digits") {
    // Reference: the MPFR closed forms (sign/encoder.cpp, sign/gradient.cpp) at 60 digits on
    // the same exact dyadic matrices; the balls are computed at 30 digits (and at 24 bits).
    const ael::PrecisionScope at60(60);  // the ball part below does not depend on the MPFR precision
    ael::Mat<mp_real> B(3, 4), A(4, 3), V(3, 4);
    const double b[3][4] = {{0.9, -0.3, 0.2, 0.1}, {0.25, 0.7, -0.5, 0.3}, {-0.4, 0.1, 0.6, 0.8}};
    for (int i = 0; i < 3; ++i)
      for (int k = 0; k < 4; ++k) B(i, k) = mp_real(b[i][k]), A(k, i) = mp_real(0.3 * (i + 1) - 0.2 * k), V(i, k) = mp_real(0.1 * (k - i));
    B = normalize_rows<mp_real>(B);
    for (int i = 0; i < 3; ++i) V.row(i) -= V.row(i).dot(B.row(i)) * B.row(i);  // tangent at B
    const CodeMoments<mp_real> m = gaussian_moments<mp_real>(B);
    const std::string risk_ref = ael::to_decimal(risk<mp_real>(A, m), 60);
    const std::string opt_ref = ael::to_decimal(optimal_decoder<mp_real>(m).risk, 60);
    const PopulationGradient<mp_real> g = gaussian_population_gradient<mp_real>(A, B);
    const std::string jet_ref = ael::to_decimal(mp_real(g.dB_tangent.cwiseProduct(V).sum()), 60);
    double previous_rad = 0;
    for (const long prec : {ball_bits_for_digits(30), 24L}) {
      const ael::BallMatrix Ab = exact_balls(A), Bb = exact_balls(B), Vb = exact_balls(V);
      const BallMoments bm = gaussian_moments_ball(Bb, prec);
      const ael::Ball R = risk_ball(Ab, bm, prec);
      CHECK_MESSAGE(ball_contains_decimal(R.get(), risk_ref), risk_ref << " vs " << ball_json(R.get(), 30).dump());
      ael::BallMatrix As(4, 3);
      ael::Ball Rs;
      if (optimal_decoder_ball(As, Rs, bm, prec)) CHECK(ball_contains_decimal(Rs.get(), opt_ref));
      else CHECK(prec < 64);  // a refusal is allowed only at the deliberately low precision
      const ael::Ball J = risk_derivative_B_ball(Ab, Bb, Vb, prec);
      if (J.finite()) CHECK_MESSAGE(ball_contains_decimal(J.get(), jet_ref), jet_ref << " vs " << ball_json(J.get(), 30).dump());
      else CHECK(prec < 64);
      CHECK(R.rad_upper() >= previous_rad);  // 24 bits: a wider ball, never a narrower one
      previous_rad = R.rad_upper();
    }
  }

  TEST_CASE("encoder balls: exactly parallel rows give K_ij = 1 exactly (decided on the exact Gram matrix)") {
    ael::Mat<double> B(3, 4);
    B << 0.5, -1.25, 2, 0.75, 1, -2.5, 4, 1.5, 0.3, 0.1, -0.7, 0.2;  // row 1 = 2 row 0 exactly
    const BallMoments m = gaussian_moments_ball(exact_balls(B), 128);
    CHECK(m.parallel_pairs == 1);
    CHECK(arb_is_one(m.K.at(0, 1)));
    CHECK(!arb_is_exact(m.K.at(0, 2)));
  }

  TEST_CASE("BG mask moments: balls contain the MPFR mask_moments and the 2^d enumeration at 60 digits") {
    // Reference: sign/encoder.cpp mask_moments / enumerated_bg_moments in MPFR at 60 digits on the
    // same exact dyadic B; row 2 is zero on coordinates 0, 1 (ν = 0 on masks inside {0, 1}: the
    // sign0 table), and on the mask {0} rows 0 and 1 are exactly parallel (K = ±1 exactly).
    ael::Mat<double> Bd(3, 4);
    Bd << 0.9, -0.3, 0.2, 0.1, -0.25, 0.7, -0.5, 0.3, 0, 0, 0.6, -0.8;
    const std::vector<std::vector<bool>> masks = {{true, true, false, false}, {true, false, false, false}, {true, false, true, true}};
    const long prec = ball_bits_for_digits(30);
    Ball p, one;
    ball_from_decimal(p.get(), "0.3", "p", prec);
    arb_one(one.get());
    for (Sign0 s : {Sign0::zero, Sign0::plus, Sign0::random}) {
      std::vector<CodeMoments<mp_real>> refs;
      CodeMoments<mp_real> enumerated, unit_scale;
      const ael::PrecisionScope at60(60);  // references and their to_decimal at 60 digits; the balls do not depend on it
      const ael::Mat<mp_real> B = Bd.cast<mp_real>();
      for (const auto& mask : masks) refs.push_back(mask_moments<mp_real>(B, mask, dec("0.3"), s));
      enumerated = enumerated_bg_moments<mp_real>(B, dec("0.3"), s);
      unit_scale = mask_moments<mp_real>(B, masks[2], mp_real(1), s);
      const auto contains = [](const ael::BallMatrix& X, const ael::Mat<mp_real>& R) {
        bool all = true;
        for (long i = 0; i < X.rows(); ++i)
          for (long j = 0; j < X.cols(); ++j) all = all && ball_contains_decimal(X.at(i, j), ael::to_decimal(R(i, j), 60));
        return all;
      };
      std::vector<bool> verdicts;
      for (size_t k = 0; k < masks.size(); ++k) {
        const BallMoments m = mask_moments_ball(exact_balls(Bd), masks[k], p.get(), s, prec);
        verdicts.push_back(contains(m.M, refs[k].M) && contains(m.K, refs[k].K));
      }
      const BallMoments e = enumerated_bg_moments_ball(exact_balls(Bd), p.get(), p.get(), s, prec);
      verdicts.push_back(contains(e.M, enumerated.M) && contains(e.K, enumerated.K));
      const BallMoments u = mask_moments_ball(exact_balls(Bd), masks[2], one.get(), s, prec);
      verdicts.push_back(contains(u.M, unit_scale.M) && contains(u.K, unit_scale.K));
      for (size_t k = 0; k < verdicts.size(); ++k) CHECK_MESSAGE(verdicts[k], std::string(sign0_name(s)) << " case " << k);
      const BallMoments single = mask_moments_ball(exact_balls(Bd), masks[1], p.get(), s, prec);
      CHECK(arb_is_exact(single.K.at(0, 1)));  // ±1 exactly: parallel on the mask {0}
      CHECK(arb_is_exact(single.K.at(2, 2)));  // the sign0 table: 0 or 1 exactly
    }
  }

  TEST_CASE("decimal input: the exact rational, at any precision; a bad literal names the option") {
    for (const long prec : {16L, 200L}) {
      Ball x;
      ball_from_decimal(x.get(), "0.1", "p", prec);
      CHECK(ball_contains_decimal(x.get(), "0.1"));           // 1/10 exactly (arb_contains_fmpq)
      if (prec == 200) CHECK(!ball_contains_decimal(x.get(), "0.1000000000000000000000000000001"));  // a narrow ball: not a neighbour
    }
    try {
      Ball x;
      ball_from_decimal(x.get(), "0.1x", "rate", 64);
      FAIL("no error");
    } catch (const ael::ParameterError& e) {  // the library names its parameter; the CLI prints --rate
      CHECK(e.parameter() == "rate");
      CHECK(std::string(e.what()).rfind("rate: ", 0) == 0);
    }
  }
}
