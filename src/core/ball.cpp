#include "core/ball.hpp"

#include "core/exact.hpp"

#include <flint/fmpq.h>
#include <flint/fmpz.h>

#include <cctype>
#include <cmath>
#include <stdexcept>

namespace ael {

slong ball_bits() { return static_cast<slong>(std::ceil(working_digits() * 3.3219280948873623)) + 64; }

Ball::Ball(double v) {
  arb_init(x_);
  if (!std::isfinite(v)) {
    arb_clear(x_);
    throw std::invalid_argument("a ball needs a finite value");
  }
  arb_set_d(x_, v);  // exact: a double is a dyadic rational
}

Ball::Ball(const mp_real& v) {
  arb_init(x_);
  arf_set_mpfr(arb_midref(x_), v.backend().data());  // exact copy of the dyadic
  mag_zero(arb_radref(x_));
}

namespace {
struct Fmpz {
  fmpz_t v;
  Fmpz() { fmpz_init(v); }
  ~Fmpz() { fmpz_clear(v); }
};
struct Fmpq {
  fmpq_t v;
  Fmpq() { fmpq_init(v); }
  ~Fmpq() { fmpq_clear(v); }
};
bool all_digits(const std::string& s, size_t from = 0) {
  if (s.size() <= from) return false;
  for (size_t i = from; i < s.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}
}  // namespace

Ball Ball::rational(const std::string& num, const std::string& den) {
  const size_t sign = !num.empty() && num[0] == '-' ? 1 : 0;
  if (!all_digits(num, sign) || !all_digits(den)) throw std::invalid_argument("'" + num + "/" + den + "' is not a fraction of integers");
  Fmpz p, q;
  fmpz_set_str(p.v, num.c_str(), 10);
  fmpz_set_str(q.v, den.c_str(), 10);
  if (fmpz_is_zero(q.v)) throw std::invalid_argument("'" + num + "/" + den + "' has a zero denominator");
  Fmpq r;
  fmpq_set_fmpz_frac(r.v, p.v, q.v);
  Ball b;
  arb_set_fmpq(b.x_, r.v, ball_bits());
  return b;
}

void exact_decimal(const std::string& text, fmpq_t out) {
  // The project's one exact decimal parser (core/exact.hpp), then a copy into FLINT.
  const rational r = parse_exact_decimal(text);
  fmpq_set_mpq(out, r.backend().data());
}

Ball Ball::decimal(const std::string& text) {
  Fmpq r;
  exact_decimal(text, r.v);
  Ball b;
  arb_set_fmpq(b.x_, r.v, ball_bits());
  return b;
}

Ball Ball::hull(const Ball& lo, const Ball& hi) {
  Ball b;
  arb_union(b.x_, lo.x_, hi.x_, ball_bits());
  return b;
}

mp_real Ball::mid() const {
  mp_real r;
  arf_get_mpfr(r.backend().data(), arb_midref(x_), MPFR_RNDN);
  return r;
}

double Ball::rad_upper() const { return mag_get_d(arb_radref(x_)); }  // mag_get_d rounds up
double Ball::mid_double() const { return arf_get_d(arb_midref(x_), ARF_RND_NEAR); }

Ball sqrt(const Ball& x) {
  Ball r;
  arb_sqrt(r.get(), x.get(), ball_bits());
  return r;
}

Ball abs(const Ball& x) {
  Ball r;
  arb_abs(r.get(), x.get());
  return r;
}

namespace {
// An end point of a ball (an Arb bound function) as a radius-0 ball.
Ball end_point(const Ball& x, void (*bound)(arf_t, const arb_t, slong)) {
  Ball e;
  arf_t u;
  arf_init(u);
  bound(u, x.get(), ball_bits());
  arb_set_arf(e.get(), u);
  arf_clear(u);
  return e;
}
}  // namespace

Ball abs_upper(const Ball& x) { return end_point(x, arb_get_abs_ubound_arf); }
Ball lower_end(const Ball& x) { return end_point(x, arb_get_lbound_arf); }
Ball upper_end(const Ball& x) { return end_point(x, arb_get_ubound_arf); }

Ball max_of(const Ball& x, const Ball& y) {
  Ball z;
  arb_max(z.get(), x.get(), y.get(), ball_bits());
  return z;
}

Ball min_of(const Ball& x, const Ball& y) {
  Ball z;
  arb_min(z.get(), x.get(), y.get(), ball_bits());
  return z;
}

namespace {
// Scientific decimal of an mpfr value with `digits` significant digits, rounded by `rnd`.
std::string format_mpfr(mpfr_srcptr v, int digits, mpfr_rnd_t rnd) {
  if (mpfr_zero_p(v)) return "0";
  mpfr_exp_t e = 0;
  char* s = mpfr_get_str(nullptr, &e, 10, static_cast<size_t>(digits), v, rnd);
  std::string d(s);
  mpfr_free_str(s);
  std::string sign;
  if (d[0] == '-') sign = "-", d.erase(0, 1);
  while (d.size() > 1 && d.back() == '0') d.pop_back();  // value = 0.d × 10^e
  const long exp10 = static_cast<long>(e) - 1;           // = d[0].d[1..] × 10^exp10
  if (exp10 >= -5 && exp10 < digits) {                   // positional, like the rest of the output
    if (exp10 >= 0) {
      std::string ip = d.substr(0, std::min<size_t>(d.size(), static_cast<size_t>(exp10) + 1));
      ip += std::string(static_cast<size_t>(exp10) + 1 - ip.size(), '0');
      const std::string fp = d.size() > static_cast<size_t>(exp10) + 1 ? d.substr(static_cast<size_t>(exp10) + 1) : "";
      return sign + ip + (fp.empty() ? "" : "." + fp);
    }
    return sign + "0." + std::string(static_cast<size_t>(-exp10 - 1), '0') + d;
  }
  return sign + d.substr(0, 1) + (d.size() > 1 ? "." + d.substr(1) : "") + "e" + (exp10 < 0 ? "-" : "+") +
         std::to_string(std::labs(exp10));
}
}  // namespace

BallText to_text(const Ball& x, int digits) {
  if (!x.finite()) throw std::logic_error("to_text of a ball that is not finite");
  const slong prec = ball_bits();
  mpfr_t v;
  mpfr_init2(v, prec);
  arf_get_mpfr(v, arb_midref(x.get()), MPFR_RNDN);
  BallText t;
  t.mid = format_mpfr(v, digits, MPFR_RNDN);
  // Radius needed around the printed decimal: |x − printed| bounded in balls.
  Ball printed = Ball::decimal(t.mid);
  Ball gap = x - printed;
  arf_t u;
  arf_init(u);
  arb_get_abs_ubound_arf(u, gap.get(), prec);
  arf_get_mpfr(v, u, MPFR_RNDU);
  arf_clear(u);
  t.rad = format_mpfr(v, 3, MPFR_RNDU);
  mpfr_clear(v);
  return t;
}

Ball BallMatrix::entry(long i, long j) const {
  Ball b;
  arb_set(b.get(), at(i, j));
  return b;
}

BallMatrix to_balls(const Mat<mp_real>& M) {
  BallMatrix B(M.rows(), M.cols());
  for (Eigen::Index i = 0; i < M.rows(); ++i)
    for (Eigen::Index j = 0; j < M.cols(); ++j) B.set(i, j, Ball(M(i, j)));
  return B;
}

BallMatrix transpose(const BallMatrix& A) {
  BallMatrix T(A.cols(), A.rows());
  arb_mat_transpose(T.get(), A.get());
  return T;
}

BallMatrix operator*(const BallMatrix& A, const BallMatrix& B) {
  BallMatrix C(A.rows(), B.cols());
  arb_mat_mul(C.get(), A.get(), B.get(), ball_bits());
  return C;
}

Ball frobenius_upper(const BallMatrix& A) {
  Ball r;
  arb_mat_frobenius_norm(r.get(), A.get(), ball_bits());
  return abs_upper(r);
}

}  // namespace ael
