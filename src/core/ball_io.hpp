// Input and output of balls for every certified route (docs/certification.md §1):
// exact decimal input at a given precision, the JSON printer {"mid", "rad"}, the
// digits a ball supports, and the merge of certified fragments into documents.
// The ball type is core/ball.hpp's Ball; functions taking arb_srcptr accept
// Ball::get() and raw Arb balls alike.
#pragma once

#include "core/ball.hpp"
#include "core/report.hpp"

#include <string>

namespace ael {

// Working precision in bits for `digits` printed decimal digits: the digits
// plus 64 guard bits (closed forms lose a few bits; quadratures more).
long ball_bits_for_digits(int digits);

// Ball that contains the exact rational a decimal literal denotes ("0.8" is
// 8/10), by the project's one exact decimal parser (core/exact.hpp
// parse_exact_decimal). Throws ParameterError(parameter) with that parser's
// message, prefixed by the parameter ("rate", "p"; the CLI prints its flag).
void ball_from_decimal(arb_t out, const std::string& text, const std::string& parameter, long prec);

// {"mid", "rad"} of docs/certification.md §1 (core/ball.hpp to_text): mid to
// `digits` significant digits, rad an upper bound of |x − mid| over the ball,
// rounded up to three significant digits.
Json ball_json(const Ball& x, int digits);
Json ball_json(arb_srcptr x, int digits);

// Largest k ≤ max_digits such that the midpoint printed to k significant
// digits, s, is within one unit of its last digit (10^(e−k+1), 10^e ≤ |s| <
// 10^(e+1)) of every x in the ball, hence of the exact value; 0 if none.
int supported_digits(arb_srcptr x, int max_digits);
// The midpoint printed to `digits` significant digits (the format of to_decimal).
std::string mid_decimal(arb_srcptr x, int digits);

// doc[key] = the decimal the ball supports to `digits` digits and
// doc[key + "_ball"] = ball_json. With fewer supported digits: with `partial`
// print those (and key + "_supported_digits"), otherwise throw
// ParameterError("digits") naming the key.
void put_certified(Json& doc, const std::string& key, arb_srcptr x, int digits, bool partial = false);

// True when the exact value of the decimal/scientific string lies in x
// (tests: reference values from other routes).
bool ball_contains_decimal(arb_srcptr x, const std::string& text);

// Merges a certified fragment into a document: keys already present are
// replaced in place, key_ball / key_supported_digits are placed right after
// key, objects are merged recursively, other keys are appended.
void merge_certified(Json& doc, const Json& fragment);

}  // namespace ael
