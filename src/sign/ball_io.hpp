// Minimal Arb helpers for the certified sign-autoencoder routes (docs/sign.md
// "Certified results"): an owning ball, exact decimal input, and the JSON /
// decimal output rules of the levels of evidence. Meant to be folded into the
// project-wide ball wrapper in src/core once that exists.
#pragma once

#include "core/report.hpp"

#include <arb.h>

#include <string>

namespace ael::sign {

// Owning arb_t (value semantics are not needed: balls are passed as arb_t).
class Ball {
 public:
  Ball() { arb_init(x_); }
  Ball(const Ball&) = delete;
  Ball& operator=(const Ball&) = delete;
  ~Ball() { arb_clear(x_); }
  arb_ptr get() { return x_; }
  arb_srcptr get() const { return x_; }
  operator arb_ptr() { return x_; }
  operator arb_srcptr() const { return x_; }

 private:
  arb_t x_;
};

// Working precision in bits for `digits` printed decimal digits: the digits
// plus 64 guard bits (closed forms lose a few bits; the quadratures more).
long bits_for_digits(int digits);

// Ball that contains the exact rational a decimal literal denotes ("0.8" is
// 8/10). `name` is the option the text came from; throws std::invalid_argument.
void ball_from_decimal(arb_t out, const std::string& text, const std::string& name, long prec);

// Largest k ≤ max_digits such that the midpoint printed to k significant
// digits, s, is within one unit of its last digit (10^(e−k+1), 10^e ≤ |s| <
// 10^(e+1)) of every x in the ball, hence of the exact value; 0 if none.
int supported_digits(arb_srcptr x, int max_digits);
// The midpoint printed to `digits` significant digits (the format of to_decimal).
std::string mid_decimal(arb_srcptr x, int digits);

// {"mid", "rad"}: mid to digits + 10 significant digits, rad rounded up to two
// significant digits so that [mid − rad, mid + rad] contains the whole ball
// after the decimal rounding of mid.
Json ball_json(arb_srcptr x, int digits);

// doc[key] = the decimal the ball supports to `digits` digits and
// doc[key + "_ball"] = ball_json. With fewer supported digits: with `partial`
// print those (and key + "_supported_digits"), otherwise throw
// std::invalid_argument naming the key.
void put_certified(Json& doc, const std::string& key, arb_srcptr x, int digits, bool partial = false);

// True when the exact value of the decimal/scientific string lies in x
// (tests: reference values from other routes).
bool ball_contains_decimal(arb_srcptr x, const std::string& text);

}  // namespace ael::sign

namespace ael::sign {
// Merges a certified fragment into a document: keys already present are
// replaced in place, key_ball / key_supported_digits are placed right after
// key, objects are merged recursively, other keys are appended.
void merge_certified(Json& doc, const Json& fragment);
}  // namespace ael::sign
