#include "sign/ball_io.hpp"

#include "core/scalar.hpp"

#include <arf.h>
#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ael::sign {

long bits_for_digits(int digits) { return static_cast<long>(std::ceil(digits * 3.3219280948873623)) + 64; }

void ball_from_decimal(arb_t out, const std::string& text, const std::string& name, long prec) {
  parse_scalar<double>(text);  // the project's decimal grammar (one-line error otherwise)
  if (arb_set_str(out, text.c_str(), prec) != 0 || !arb_is_finite(out))
    throw std::invalid_argument(name + ": '" + text + "' is not a finite decimal number");
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
  arb_set_str(d, s.c_str(), prec);
  arb_sub(d, x, d, prec);
  arb_get_abs_ubound_arf(out, d, prec);
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
  arb_ui_pow_ui(unit, 10, static_cast<ulong>(e < 0 ? -e : e), prec);
  if (e < 0) arb_inv(unit, unit, prec);
  arf_t lower;
  arf_init(lower);
  arb_get_lbound_arf(lower, unit, prec);
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

Json ball_json(arb_srcptr x, int digits) {
  if (!arb_is_finite(x)) throw std::logic_error("ball_json: non-finite ball");
  const std::string mid = mid_decimal(x, digits + 10);
  arf_t dist;
  arf_init(dist);
  distance_ubound(dist, x, mid);
  std::string rad = "0";
  if (!arf_is_zero(dist)) {
    // rad = ceil(dist / 10^(e−1)) · 10^(e−1) with e = floor(log10 dist): two significant digits, rounded up.
    const long prec = 128;
    const double approx = arf_get_d(dist, ARF_RND_UP);
    long e = static_cast<long>(std::floor(std::log10(approx))) - 1;
    Ball scale, q;
    arb_set_ui(scale, 10);
    if (e >= 0) arb_pow_ui(scale, scale, static_cast<ulong>(e), prec);
    else {
      arb_pow_ui(scale, scale, static_cast<ulong>(-e), prec);
      arb_inv(scale, scale, prec);
    }
    arb_set_arf(q, dist);
    arb_div(q, q, scale, prec);
    arf_t up;
    arf_init(up);
    arb_get_ubound_arf(up, q, prec);
    fmpz_t n;
    fmpz_init(n);
    arf_get_fmpz(n, up, ARF_RND_CEIL);
    char* digits_str = fmpz_get_str(nullptr, 10, n);
    rad = std::string(digits_str) + "e" + std::to_string(e);
    flint_free(digits_str);
    fmpz_clear(n);
    arf_clear(up);
  }
  arf_clear(dist);
  Json j;
  j["mid"] = mid;
  j["rad"] = rad;
  return j;
}

void put_certified(Json& doc, const std::string& key, arb_srcptr x, int digits, bool partial) {
  const int have = supported_digits(x, digits);
  if (have < digits) {
    if (!partial || have < 1)
      throw std::invalid_argument("the ball for " + key + " supports only " + std::to_string(have) + " of " +
                                  std::to_string(digits) + " digits" + (partial ? "" : "; use --partial or fewer --digits"));
    doc[key + "_supported_digits"] = have;
  }
  doc[key] = mid_decimal(x, have);
  doc[key + "_ball"] = ball_json(x, digits);
}

bool ball_contains_decimal(arb_srcptr x, const std::string& text) {
  // Far finer than any ball tested here, so that the decimal's own (non-dyadic) ball fits inside.
  const long prec = static_cast<long>(text.size() * 4) + 2048;
  Ball v;
  if (arb_set_str(v, text.c_str(), prec) != 0) throw std::invalid_argument("not a decimal: " + text);
  // The decimal itself is a ball when it is not dyadic; containment of that ball is sufficient.
  return arb_contains(x, v);
}

}  // namespace ael::sign

namespace ael::sign {
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
}  // namespace ael::sign
