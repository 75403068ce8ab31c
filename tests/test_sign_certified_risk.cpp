// `sign risk --certify` (sign/certified_encoder_risk.cpp, docs/sign.md "risk
// (certified optimal risk of an encoder)"): the ball of R*(B) must contain values
// from other routes — the MPFR optimal decoder (Eigen factorisation,
// sign/encoder.cpp) at 60 digits on the same exact dyadic B, and the closed form
// R* = 1 − 2r/π for orthonormal rows with non-dyadic rational entries — and a
// deliberately low precision must give a wider ball or a refusal.
#include <doctest/doctest.h>

#include "core/ball_io.hpp"
#include "core/errors.hpp"
#include "core/precision.hpp"
#include "sign/certified_encoder_risk.hpp"
#include "sign/closed_forms.hpp"
#include "sign/encoder.hpp"

#include <string>

using ael::Ball;
using ael::ExactMat;
using ael::mp_real;
using ael::rational;
using namespace ael::sign;

namespace {
ExactMat exact(long rows, long cols, std::initializer_list<const char*> cells) {
  ExactMat B(rows, cols);
  auto it = cells.begin();
  for (long i = 0; i < rows; ++i)
    for (long k = 0; k < cols; ++k) B(i, k) = ael::parse_rational(*it++);
  return B;
}
}  // namespace

TEST_SUITE("sign_certified_risk") {
  TEST_CASE("R*(B) ball contains the MPFR optimal decoder at 60 digits; 24 bits gives a wider ball or a refusal") {
    // Dyadic entries: the MPFR matrix is the same exact B.
    const ExactMat B = exact(3, 4, {"0.875", "-0.375", "0.25", "0.125", "0.25", "0.6875", "-0.5", "0.3125", "-0.4375", "0.125", "0.625", "0.8125"});
    std::string ref;
    {
      const ael::PrecisionScope at60(60);
      ael::Mat<mp_real> Bm(3, 4);
      for (long i = 0; i < 3; ++i)
        for (long k = 0; k < 4; ++k) Bm(i, k) = ael::to_mp(B(i, k));
      ref = ael::to_decimal(optimal_decoder<mp_real>(gaussian_moments<mp_real>(Bm)).risk, 60);
    }
    double previous = 0;
    for (const long prec : {ael::ball_bits_for_digits(30) + 30, 24L}) {
      CAPTURE(prec);
      Ball R;
      if (!certified_optimal_risk(R, B, prec)) {
        CHECK(prec < 64);  // a refusal only at the deliberately low precision
        continue;
      }
      CHECK_MESSAGE(ael::ball_contains_decimal(R.get(), ref), ref << " vs " << ael::ball_json(R.get(), 30).dump());
      CHECK(R.rad_upper() > previous);
      previous = R.rad_upper();
    }
    CHECK(previous > 1e-9);  // the 24-bit ball was computed and is wide
    const ael::Json j = certified_encoder_risk(B, 30);
    CHECK(j["evidence"] == "proved-ball");
    CHECK(j["excess_sign"] == "positive");  // R* > R_Gauss for rows that are not orthonormal (SA-5)
  }

  TEST_CASE("orthonormal rows (3/5, 4/5, 0) and 7/3 e_3: the ball contains 1 - 4/(3 pi); the excess sign is not claimed") {
    // Rows of any positive scale; 7/3 and 3/5 are not dyadic, so the input balls are not exact.
    const ExactMat B = exact(2, 3, {"0.6", "0.8", "0", "0", "0", "7/3"});
    std::string closed;
    {
      const ael::PrecisionScope at60(60);
      closed = ael::to_decimal(r_gauss<mp_real>(mp_real(mp_real(2) / 3)), 60);
    }
    Ball R;
    REQUIRE(certified_optimal_risk(R, B, ael::ball_bits_for_digits(30)));
    CHECK(ael::ball_contains_decimal(R.get(), closed));
    const ael::Json j = certified_encoder_risk(B, 30);
    CHECK(j["excess"].is_null());
    CHECK(j["excess_sign"] == "undecided");
    CHECK(j["risk"].get<std::string>().substr(0, 20) == closed.substr(0, 20));
  }

  TEST_CASE("refusals: exactly parallel rows (non-dyadic scale), a zero row, n above the cost limit") {
    auto parameter_of = [](const ExactMat& B) {
      try {
        certified_encoder_risk(B, 20);
      } catch (const ael::ParameterError& e) {
        return e.parameter();
      }
      return std::string("none");
    };
    // Row 1 = (1/3) row 0: K_01 = 1, K singular; decided in Q, not by a ball that merely touches 1.
    CHECK(parameter_of(exact(3, 3, {"0.3", "0.6", "0.9", "0.1", "0.2", "0.3", "0", "1", "0"})) == "encoder");
    CHECK(parameter_of(exact(2, 2, {"1", "0", "0", "0"})) == "encoder");
    ExactMat big(kCertifiedRiskMaxRows + 1, 1);
    for (long i = 0; i < big.rows(); ++i) big(i, 0) = rational(i + 1);
    CHECK(parameter_of(big) == "encoder");
  }
}
