// Proved recovery decisions (sparse/certify.hpp, docs/sparse.md "Certified outputs").
// The ball windows must CONTAIN the exact windows, computed by the other route
// (the rational kernels of sparse/recovery.hpp on a power-of-4 HAD instance);
// a threshold whose ball straddles a window end must not be certified; the
// rational route still proves what it proves exactly.
#include <doctest/doctest.h>

#include "core/precision.hpp"
#include "sparse/certify.hpp"
#include "sparse/instance.hpp"
#include "sparse/small_instances.hpp"

using ael::Ball;
using ael::mp_real;
using namespace ael::sparse;

namespace {
bool encloses(const Ball& ball, const rational& exact) { return ball.contains(ball_of(exact)); }

InstanceSpec had(int n, const std::string& delta, const std::string& eps_frac, int k = 2) {
  return had_spec(n, k, delta, eps_frac, 1);
}
}  // namespace

TEST_SUITE("sparse_certify") {

TEST_CASE("three-valued window decisions: holds, fails, undecided on a straddle") {
  const ael::PrecisionScope digits(30);
  const BallWindow w{Ball::decimal("0.25"), Ball::decimal("0.75")};
  CHECK(ball_window_contains(w, Ball::decimal("0.5")) == Verdict::holds);
  CHECK(ball_window_contains(w, Ball::decimal("0.25")) == Verdict::holds);  // lo is inside [lo, hi)
  CHECK(ball_window_contains(w, Ball::decimal("0.75")) == Verdict::fails);  // hi is not
  CHECK(ball_window_contains(w, Ball::decimal("0.1")) == Verdict::fails);
  // A threshold ball straddling lo: neither inside nor outside is proved.
  const Ball straddle = Ball::hull(Ball::decimal("0.24"), Ball::decimal("0.26"));
  CHECK(ball_window_contains(w, straddle) == Verdict::undecided);
  // The same for a window end that is itself an irrational ball: lo = 1/√8.
  const Ball inv = Ball(1) / sqrt(Ball(8));
  const BallWindow v{inv, Ball(1)};
  CHECK(ball_window_contains(v, inv) == Verdict::undecided);  // ε = lo, but the balls cannot tell
  CHECK(ball_window_contains_fraction(v, Ball(0)) == Verdict::holds);  // ε = lo + 0·(hi − lo): exact
  CHECK(ball_window_contains_fraction(BallWindow{inv, inv}, Ball::decimal("0.5")) == Verdict::undecided);
}

TEST_CASE("ball windows contain the exact rational windows (HAD n = 16, delta > 0)") {
  const ael::PrecisionScope digits(30);
  const auto spec = had(16, "0.01", "0.3");
  const auto exact = build_instance<rational>(spec);
  REQUIRE(exact.uniform);
  REQUIRE(exact.per_row);
  const auto law = value_law_of<rational>(spec);
  const BallInstance B = enclose_instance(spec, 2, ball_of(law.a), ball_of(law.b), 1e9);
  REQUIRE(B.c_known);
  const auto G = cross_gram(B);
  REQUIRE(G);
  CHECK(encloses(B.c, exact.c));
  CHECK(encloses(B.delta, exact.delta));
  const BallWindow d1 = ball_window_d1(2, B.a, B.b, B.c, B.delta);
  CHECK(encloses(d1.lo, exact.d1.lo));
  CHECK(encloses(d1.hi, exact.d1.hi));
  const BallWindow a = ball_window_uniform(2, B.a, B.b, *G);
  CHECK(encloses(a.lo, exact.uniform->lo));
  CHECK(encloses(a.hi, exact.uniform->hi));
  const BallWindow b = ball_window_per_row(2, B.a, B.b, *G);
  CHECK(encloses(b.lo, exact.per_row->lo));
  CHECK(encloses(b.hi, exact.per_row->hi));
  // Lemma D2: the rational value is an upper bound (Γ by a rational upper square root).
  const Ball d2 = ball_lemma_d2(2, B.b, B.c, B.delta, ball_of(exact.eps), B.pi1);
  CHECK(arb_is_nonnegative((ball_of(exact.d2.expected) - d2).get()));
  CHECK((ball_of(exact.d2.expected * rational(999) / rational(1000)) - d2).certainly_negative());
}

TEST_CASE("rational runs are proved-exact, float runs of the same instance proved-ball") {
  const ael::PrecisionScope digits(30);
  const auto spec = had(16, "0", "0.5");
  const auto R = build_instance<rational>(spec);
  CHECK(R.recovery_certified);
  CHECK(R.evidence == Evidence::proved_exact);
  CHECK(R.bound_evidence == Evidence::proved_exact);
  const auto M = build_instance<mp_real>(spec);
  CHECK(M.recovery_certified);
  CHECK(M.certifier == Certifier::d1_window);
  CHECK(M.evidence == Evidence::proved_ball);
  CHECK(M.d2_valid);
  CHECK(M.bound_evidence == Evidence::proved_ball);
  const auto D = build_instance<double>(spec);
  CHECK(D.recovery_certified);
  CHECK(D.evidence == Evidence::proved_ball);
}

TEST_CASE("irrational HAD (n = 8): proved by balls inside the window, refused on a straddle") {
  const ael::PrecisionScope digits(30);
  auto spec = had(8, "0", "0.5", 1);  // k = 1: the D1 window [b c, a) is nonempty (k = 2 is not at n = 8)
  const auto I = build_instance<mp_real>(spec);
  CHECK(I.recovery_certified);
  CHECK(I.evidence == Evidence::proved_ball);
  // ε at the window's lower end as a fraction: exact membership (t = 0), proved.
  spec.eps_frac = "0";
  CHECK(build_instance<mp_real>(spec).recovery_certified);
  // ε given as a 90-digit decimal of lo = b c = 1.05/√8: the ball of lo (radius ~1e-69 at
  // 30 digits + 20 guard digits + 64 bits) straddles it, so nothing is proved.
  spec.eps_frac.clear();
  spec.eps = "0.371231060122937450310443290105045745624538867286448869208878431222567275596303097698226727";
  const std::string S_eps = spec.eps;
  const auto S = build_instance<mp_real>(spec);
  CHECK_FALSE(S.recovery_certified);
  CHECK(S.certifier == Certifier::none_undecided);
  CHECK(S.evidence == Evidence::estimate);
  CHECK(S.evidence_note.find("straddles") != std::string::npos);
  CHECK_FALSE(S.d2_valid);
  // Truncated to 60 digits, ε lies 1e-61 below lo: far outside the balls, proved not in any window.
  spec.eps = spec.eps.substr(0, 62);
  const auto O = build_instance<mp_real>(spec);
  CHECK_FALSE(O.recovery_certified);
  CHECK(O.certifier == Certifier::none_outside_windows);
  CHECK(O.evidence == Evidence::proved_ball);
  spec.eps = S_eps;
  spec.certify = true;  // --certify: an unproved certificate is refused
  CHECK_THROWS_AS(build_instance<mp_real>(spec), std::invalid_argument);
}

TEST_CASE("a threshold exactly at lo: the exact route proves it, the ball route cannot") {
  const ael::PrecisionScope digits(30);
  // HAD n = 16, δ = 0: lo = k b c = 2 · 1.05 / 4 = 0.525 exactly.
  auto spec = had(16, "0", "");
  spec.eps = "0.525";
  const auto R = build_instance<rational>(spec);
  CHECK(R.recovery_certified);
  CHECK(R.evidence == Evidence::proved_exact);
  const auto M = build_instance<mp_real>(spec);
  CHECK_FALSE(M.recovery_certified);  // b = 21/20 is not dyadic: its ball has a radius
  CHECK(M.evidence == Evidence::estimate);
  spec.eps = "0.5249";  // below lo: proved outside every window
  const auto O = build_instance<mp_real>(spec);
  CHECK_FALSE(O.recovery_certified);
  CHECK(O.evidence == Evidence::proved_ball);
}

TEST_CASE("Gaussian dictionary: the per-row certificate decided by balls; Bernoulli never certified") {
  const ael::PrecisionScope digits(30);
  InstanceSpec s;
  s.dictionary = DictionaryKind::gaussian;
  s.n = 16, s.h = 24, s.k = 1, s.seed = 3;
  s.window = WindowKind::per_row;
  s.eps_frac = "0.5";
  const auto I = build_instance<mp_real>(s);
  CHECK(I.recovery_certified);
  CHECK(I.evidence == Evidence::proved_ball);
  s.support = SupportLaw::bernoulli;
  const auto B = build_instance<mp_real>(s);
  CHECK_FALSE(B.recovery_certified);
  CHECK(B.certifier == Certifier::none_bernoulli);
}

}  // TEST_SUITE
