#include "core/ball_io.hpp"

#include "core/errors.hpp"
#include "core/scalar.hpp"

#include <arf.h>
#include <flint/fmpq.h>
#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ael {

namespace {
struct Fmpq {
  fmpq_t v;
  Fmpq() { fmpq_init(v); }
  ~Fmpq() { fmpq_clear(v); }
};
}  // namespace

long ball_bits_for_digits(int digits) { return static_cast<long>(std::ceil(digits * 3.3219280948873623)) + 64; }

void ball_from_decimal(arb_t out, const std::string& text, const std::string& parameter, long prec) {
  Fmpq q;
  try {
    exact_decimal(text, q.v);
  } catch (const std::invalid_argument& e) {
    throw ParameterError(parameter, "@" + parameter + ": " + e.what());
  }
  arb_set_fmpq(out, q.v, prec);
}

Json ball_json(const Ball& x, int digits) {
  const BallText t = to_text(x, digits);
  return {{"mid", t.mid}, {"rad", t.rad}};
}

Json ball_json(arb_srcptr x, int digits) {
  Ball b;
  arb_set(b.get(), x);
  return ball_json(b, digits);
}

std::string mid_decimal(arb_srcptr x, int digits) {
  const arf_struct* m = arb_midref(x);
  if (arf_is_zero(m)) return "0";
  // Exact copy of the dyadic midpoint, then MPFR's correctly rounded printing.
  const long bits = std::max<long>(64, static_cast<long>(arf_bits(m)) + 8);
  mp_real v;
  v.precision(static_cast<unsigned>(bits * 0.30103) + 2);
  mpfr_set_prec(v.backend().data(), bits);
  arf_get_mpfr(v.backend().data(), m, MPFR_RNDN);
  return to_decimal(v, digits);
}

namespace {
// Upper bound of |x − s| over the ball, s the exact value of a decimal string.
void distance_ubound(arf_t out, arb_srcptr x, const std::string& s) {
  const long prec = static_cast<long>(s.size() * 4) + arb_rel_accuracy_bits(x) + 128;
  Ball d;
  Fmpq q;
  exact_decimal(s, q.v);  // s is printed by this file: always a valid decimal
  arb_set_fmpq(d.get(), q.v, prec);
  arb_sub(d.get(), x, d.get(), prec);
  arb_get_abs_ubound_arf(out, d.get(), prec);
}

// e with 10^e ≤ |s| < 10^(e+1) for a nonzero decimal string (fixed or scientific).
long decimal_exponent(const std::string& s) {
  const auto epos = s.find_first_of("eE");
  const std::string mant = s.substr(0, epos);
  const long shift = epos == std::string::npos ? 0 : std::stol(s.substr(epos + 1));
  const auto point = mant.find('.');
  const long point_pos = static_cast<long>(point == std::string::npos ? mant.size() : point);
  const long first = static_cast<long>(mant.find_first_of("123456789"));
  return shift + (first < point_pos ? point_pos - first - 1 : point_pos - first);
}

// One unit of the last of `digits` significant digits of s, 10^(e − digits + 1),
// against an upper bound of |x − s| over the ball.
bool supports(arb_srcptr x, int digits) {
  const std::string s = mid_decimal(x, digits);
  if (s == "0") return arb_is_zero(x);
  arf_t dist;
  arf_init(dist);
  distance_ubound(dist, x, s);
  const long prec = 4 * digits + 64;
  const long e = decimal_exponent(s) - digits + 1;
  Ball unit;
  arb_ui_pow_ui(unit.get(), 10, static_cast<ulong>(e < 0 ? -e : e), prec);
  if (e < 0) arb_inv(unit.get(), unit.get(), prec);
  arf_t lower;
  arf_init(lower);
  arb_get_lbound_arf(lower, unit.get(), prec);
  const bool ok = arf_cmp(dist, lower) <= 0;
  arf_clear(dist);
  arf_clear(lower);
  return ok;
}
}  // namespace

int supported_digits(arb_srcptr x, int max_digits) {
  if (!arb_is_finite(x)) return 0;
  for (int k = max_digits; k >= 1; --k)
    if (supports(x, k)) return k;
  return 0;
}

void put_certified(Json& doc, const std::string& key, arb_srcptr x, int digits, bool partial) {
  const int have = supported_digits(x, digits);
  if (have < digits) {
    if (!partial || have < 1)
      throw ParameterError("digits", "the ball for " + key + " supports only " + std::to_string(have) + " of " +
                                         std::to_string(digits) + " digits" + (partial ? "" : "; use @partial or fewer @digits"));
    doc[key + "_supported_digits"] = have;
  }
  doc[key] = mid_decimal(x, have);
  doc[key + "_ball"] = ball_json(x, digits);
}

bool ball_contains_decimal(arb_srcptr x, const std::string& text) {
  Fmpq q;
  exact_decimal(text, q.v);
  return arb_contains_fmpq(x, q.v);  // the exact rational, no enclosure of the decimal needed
}

void merge_certified(Json& doc, const Json& fragment) {
  Json out = Json::object();
  auto attached = [&](const std::string& key) {
    for (const char* suffix : {"_ball", "_supported_digits"})
      if (fragment.contains(key + suffix)) out[key + suffix] = fragment[key + suffix];
  };
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& key = it.key();
    if (fragment.contains(key)) {
      if (it->is_object() && fragment[key].is_object()) {
        Json merged = *it;
        merge_certified(merged, fragment[key]);
        out[key] = merged;
      } else {
        out[key] = fragment[key];
      }
    } else {
      out[key] = *it;
    }
    attached(key);
  }
  for (auto it = fragment.begin(); it != fragment.end(); ++it)
    if (!out.contains(it.key())) out[it.key()] = *it;
  doc = out;
}

}  // namespace ael
