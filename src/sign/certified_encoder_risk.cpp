#include "sign/certified_encoder_risk.hpp"

#include "core/ball_io.hpp"
#include "core/errors.hpp"
#include "sign/certified_closed_forms.hpp"
#include "sign/certified_encoder.hpp"

#include <cmath>
#include <string>

namespace ael::sign {

namespace {
// Rows i < j with b_j = c b_i (c ≠ 0), decided exactly in ℚ by Cauchy–Schwarz
// equality G_ij² = G_ii G_jj; false if there are none. Only pairs whose double
// correlation is within 1e-6 of ±1 are candidates (an exactly parallel pair
// has |ρ| = 1 up to rounding), so the exact work is O(d) per candidate.
bool exactly_parallel_pair(const ExactMat& B, long& i_out, long& j_out) {
  const Mat<double> Bd = B.unaryExpr([](const rational& x) { return x.convert_to<double>(); });
  const Mat<double> Gd = Bd * Bd.transpose();
  auto dot = [&B](long i, long j) { return rational(B.row(i).cwiseProduct(B.row(j)).sum()); };
  for (long i = 0; i < B.rows(); ++i)
    for (long j = i + 1; j < B.rows(); ++j) {
      if (std::abs(Gd(i, j)) < (1 - 1e-6) * std::sqrt(Gd(i, i) * Gd(j, j))) continue;
      const rational g = dot(i, j);
      if (g * g == dot(i, i) * dot(j, j)) {
        i_out = i, j_out = j;
        return true;
      }
    }
  return false;
}
}  // namespace

bool certified_optimal_risk(Ball& R, const ExactMat& B, long prec) {
  const BallMoments m = gaussian_moments_ball(rational_balls(B, prec), prec);
  BallMatrix A(B.cols(), B.rows());
  return optimal_decoder_ball(A, R, m, prec);
}

Json certified_encoder_risk(const ExactMat& B, int digits, bool partial) {
  const long n = B.rows(), d = B.cols();
  if (n > kCertifiedRiskMaxRows)
    throw ParameterError("encoder", "@encoder has n = " + std::to_string(n) + " rows; the certified route is limited to n <= " +
                                        std::to_string(kCertifiedRiskMaxRows) + " (cost ~ n^3, docs/sign.md)");
  for (long i = 0; i < n; ++i)
    if (B.row(i).squaredNorm() == 0) throw ParameterError("encoder", "@encoder row " + std::to_string(i + 1) + " is zero (sign code undefined)");
  const long prec = ball_bits_for_digits(digits) + 30;  // internal steps: 30 more bits (docs/sign.md, Certified results)
  Ball risk;
  if (!certified_optimal_risk(risk, B, prec)) {
    long i = 0, j = 0;
    if (exactly_parallel_pair(B, i, j))
      throw ParameterError("encoder", "@encoder rows " + std::to_string(i + 1) + " and " + std::to_string(j + 1) +
                                          " are exactly parallel: K = (2/pi) arcsin(G) is singular and R* has no certified route");
    throw ParameterError("digits", "K = (2/pi) arcsin(G) is not certified positive definite at " + std::to_string(prec) +
                                       " bits (nearly parallel rows); raise @digits");
  }
  Ball r, reference, excess;
  arb_set_si(r.get(), n);
  arb_div_si(r.get(), r.get(), d, prec);
  if (n <= d) r_gauss_ball(reference.get(), r.get(), prec);  // r ≤ 1 decided on the integers
  else r_tight_frame_ball(reference.get(), r.get(), prec);
  arb_sub(excess.get(), risk.get(), reference.get(), prec);
  Json j;
  put_certified(j, "rate", r.get(), digits);
  put_certified(j, "risk", risk.get(), digits, partial);
  put_certified(j, "reference_risk", reference.get(), digits);
  const bool positive = arb_is_positive(excess.get()), negative = arb_is_negative(excess.get());
  if (positive || negative) {
    put_certified(j, "excess", excess.get(), digits, true);
    j["excess_sign"] = positive ? "positive" : "negative";
  } else {
    // The ball contains 0: no digit and no sign of the excess is claimed, only |excess| <= |mid| + rad.
    j["excess"] = nullptr;
    j["excess_ball"] = ball_json(excess.get(), digits);
    j["excess_sign"] = "undecided";
    j["excess_note"] = "the excess ball contains 0: only |excess| <= |mid| + rad is proved, not its sign "
                       "(the excess is exactly 0 for orthonormal rows at r <= 1)";
  }
  j["K_singular"] = false;  // K certified positive definite
  j["evidence"] = "proved-ball";
  j["evidence_note"] = "each *_ball {mid, rad} provably contains the exact value for the exact encoder entries "
                       "(arcsin moments and a certified ball Cholesky of K in Arb; docs/sign.md, Certified results)";
  return j;
}

}  // namespace ael::sign
