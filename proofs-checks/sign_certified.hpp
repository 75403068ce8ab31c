// The ball routes of the SA-n proof-checks under `verify --certify` (docs/sign.md,
// "verify --certify: SA claims"): every real is an Arb ball that contains the exact
// value for the exact (decimal → rational) input, and a claim is recorded as proved
// only when the balls decide it.
#pragma once

#include "claim.hpp"
#include "core/ball_io.hpp"

#include <arb.h>

#include <string>

namespace ael::checks::sign_checks {

inline const char* const kSignBallRoute = "ball: closed forms and quadratures in Arb (docs/sign.md, Certified results)";
inline const char* const kSignExactRoute = "exact: rational arithmetic (docs/sign.md, verify --certify: SA claims)";

// Working precision of the ball routes: the printed digits plus the guard bits of the CLI.
inline long ball_prec(const Context& ctx) { return ball_bits_for_digits(ctx.digits); }

// x = k/den exactly (a ball of one rounding).
inline void ball_ratio(arb_t x, long k, unsigned long den, long prec) {
  arb_set_si(x, k);
  arb_div_ui(x, x, den, prec);
}

// Records "x > 0" decided by the ball: proved when certainly positive, a failure when
// certainly not positive, "not proved" (no decision) when the ball contains 0.
inline void proved_positive(Outcome& out, const std::string& what, const arb_t x) {
  if (arb_is_positive(x)) out.proved(what, true, Evidence::proved_ball, kSignBallRoute);
  else if (arb_is_nonpositive(x)) out.proved(what, false, Evidence::proved_ball, kSignBallRoute);
  else out.not_proved(what + ": the ball contains 0");
}

// Records "|x| < 10^-digits" decided by the ball. Balls cannot prove an equality: an
// equality of the theory is checked as an agreement to the working digits, and the
// statement says so ("agree to D digits"); exact equality rests on the algebra in docs.
inline void proved_agree(Outcome& out, const std::string& what, const arb_t x, int digits, long prec) {
  ael::Ball bound, a;
  arb_ui_pow_ui(bound.get(), 10, static_cast<unsigned long>(digits), prec);
  arb_inv(bound.get(), bound.get(), prec);
  arb_abs(a.get(), x);
  const std::string statement = what + " agree to " + std::to_string(digits) + " digits";
  if (arb_lt(a.get(), bound.get())) out.proved(statement, true, Evidence::proved_ball, kSignBallRoute);
  else if (arb_gt(a.get(), bound.get())) out.proved(statement, false, Evidence::proved_ball, kSignBallRoute);
  else out.not_proved(statement + ": the ball straddles 10^-" + std::to_string(digits));
}

// State evolution proofs of SA-15/SA-18 (docs/sign.md, "Entry into X"): the decisions need a few
// digits only, so the fixed point is certified at 80 bits and the entry runs at most 200 layers.
inline constexpr long kSeProofPrec = 80;
inline constexpr int kSeEntryCap = 200;

// m_inf(r, p): the certified fixed point of the state evolution (docs/sign.md, "Fixed point") when
// the recursion from gamma2 = 1 is proved to enter its contraction interval ("Entry into X");
// false (and `reason`) otherwise. p = 1 is the stationary recursion: m_inf = R_Gauss (docs/sign.md §4.2).
bool certified_se_limit(arb_t out, std::string& reason, const arb_t r, const arb_t p, long prec);

}  // namespace ael::checks::sign_checks
