// Tight frames (docs/sign.md §2.2) and the invariances of SA-25. References come from
// other routes: BᵀB by a plain product, R* by the generic optimal decoder at
// 40 digits, the variance-p convention by the closed relation M' = √p M.
#include <doctest/doctest.h>

#include "core/random_matrix.hpp"
#include "core/rng.hpp"
#include "sign/closed_forms.hpp"
#include "sign/encoder.hpp"
#include "sign/frames.hpp"

#include <cmath>
#include <stdexcept>

using ael::Mat;
using ael::mp_real;
using namespace ael::sign;

namespace {
}  // namespace

TEST_SUITE("sign") {
TEST_CASE("tight frame: unit rows and B'B = rI to 1e-13, reproducible, r = 1 is a Haar orthogonal matrix") {
  for (const auto& [n, d] : {std::pair{15, 10}, std::pair{40, 20}, std::pair{70, 20}, std::pair{33, 30}}) {
    const TightFrame tf = tight_frame(n, d, 3);
    const double r = double(n) / d;
    const Mat<double> F = tf.B.transpose() * tf.B - r * Mat<double>::Identity(d, d);
    CHECK(F.cwiseAbs().maxCoeff() <= 1e-13 * r);
    CHECK((tf.B.rowwise().norm().array() - 1).abs().maxCoeff() <= 1e-13);
    CHECK(tf.iterations > 0);
    CHECK(tight_frame(n, d, 3).B == tf.B);  // same seed, same bytes
    CHECK(tight_frame(n, d, 4).B != tf.B);
  }
  const TightFrame square = tight_frame(12, 12, 5);
  CHECK(square.iterations == 0);
  CHECK((square.B * square.B.transpose() - Mat<double>::Identity(12, 12)).cwiseAbs().maxCoeff() <= 1e-13);
  CHECK_THROWS_AS(tight_frame(5, 6, 1), std::invalid_argument);
  CHECK_THROWS_AS(tight_frame(20, 10, 1, 1e-14, 1), std::runtime_error);  // one round cannot reach 1e-14
}

TEST_CASE("lean R*(B) route = generic optimal decoder at 40 digits; tight-frame excess over R_TF is positive and ~1/d") {
  ael::set_working_digits(40);
  ael::Rng rng(8);
  const Mat<double> B = normalize_rows<double>(ael::gaussian_matrix(rng, 30, 20));
  const mp_real reference = optimal_decoder<mp_real>(gaussian_moments<mp_real>(B.cast<mp_real>())).risk;
  CHECK(std::abs(gaussian_optimal_risk(B) - ael::to_double(reference)) <= 1e-13);
  const double rtf = (M_PI - 2) / (M_PI - 2 + 4);  // r = 2, from the d → ∞ formula
  const double e100 = gaussian_optimal_risk(tight_frame(200, 100, 1).B) - rtf, e200 = gaussian_optimal_risk(tight_frame(400, 200, 1).B) - rtf;
  CHECK(e100 > 1e-6);
  CHECK(e200 > 1e-6);
  CHECK(e100 / e200 == doctest::Approx(2).epsilon(0.15));  // 1/d: halving per doubling, within finite-size slack
}

TEST_CASE("SA-25 invariances in double: row scaling leaves BG R* unchanged; variance-p moments are sqrt(p) M, K") {
  ael::Rng rng(12);
  const Mat<double> B = ael::gaussian_matrix(rng, 4, 6);
  Mat<double> SB = B;
  for (int i = 0; i < 4; ++i) SB.row(i) *= std::exp(2.0 * i - 3);
  for (Sign0 s : {Sign0::zero, Sign0::plus, Sign0::random}) {
    const CodeMoments<double> m = enumerated_bg_moments<double>(B, 0.3, s), ms = enumerated_bg_moments<double>(SB, 0.3, s);
    CHECK(std::abs(optimal_decoder<double>(m).risk - optimal_decoder<double>(ms).risk) <= 1e-13);
    CHECK((m.K - ms.K).cwiseAbs().maxCoeff() <= 1e-13);
    // Given a mask, x = m∘g (variance p) is √p times x = m∘g/√p: the per-mask moments scale by √p, K is unchanged.
    std::vector<bool> mask{true, false, true, true, false, true};
    const CodeMoments<double> unit = mask_moments<double>(B, mask, 0.3, s), var_p = mask_moments<double>(B, mask, 1.0, s);
    CHECK((var_p.M - std::sqrt(0.3) * unit.M).cwiseAbs().maxCoeff() <= 1e-14);
    CHECK(var_p.K == unit.K);
  }
}
}
