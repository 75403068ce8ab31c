// Ball scalar: a real number carried as an Arb ball [mid ± rad] that provably
// contains it (docs/certification.md §1). Every operation returns a ball that
// contains every exact result obtainable from members of the operand balls.
//
// Comparisons are deliberately not the ordinary operators. For balls x, y the
// question "x < y?" has three answers: certainly (every member of x is below
// every member of y), certainly not, or undecided (the balls overlap). An
// operator< returning bool would have to map "undecided" to true or false and
// so would silently turn a guess into a proof. Callers ask
// certainly_less / certainly_positive / … and must treat false as "not proved",
// never as "the opposite holds".
#pragma once

#include "core/eigen_mp.hpp"
#include "core/scalar.hpp"

#include <arb.h>
#include <arb_mat.h>
#include <flint/fmpq.h>

#include <string>
#include <vector>

namespace ael {

// The exact rational value of a plain decimal string ([+-]digits[.digits][(e|E)[+-]digits],
// exponents up to 6 digits; core/exact.hpp parse_exact_decimal) into out. Throws std::invalid_argument on anything else.
void exact_decimal(const std::string& text, fmpq_t out);

// Working precision of balls in bits: the MPFR working precision plus 64 bits,
// so ball products of MPFR approximations lose nothing to the enclosure.
slong ball_bits();

class Ball {
 public:
  Ball() { arb_init(x_); }
  Ball(int v) { arb_init(x_); arb_set_si(x_, v); }          // exact
  explicit Ball(double v);                                  // exact dyadic; throws on NaN/inf
  explicit Ball(const mp_real& v);                          // exact dyadic
  Ball(const Ball& o) { arb_init(x_); arb_set(x_, o.x_); }
  Ball(Ball&& o) noexcept { arb_init(x_); arb_swap(x_, o.x_); }
  Ball& operator=(const Ball& o) { arb_set(x_, o.x_); return *this; }
  Ball& operator=(Ball&& o) noexcept { arb_swap(x_, o.x_); return *this; }
  ~Ball() { arb_clear(x_); }

  // The exact rational num/den (decimal integer strings), enclosed at ball_bits().
  static Ball rational(const std::string& num, const std::string& den);
  // The exact value of a plain decimal ("0.8" is 8/10, "-1.5e-3"), enclosed at
  // ball_bits(). Throws std::invalid_argument on anything else.
  static Ball decimal(const std::string& text);
  // The interval [lo, hi] (balls), as the smallest ball Arb forms around both.
  static Ball hull(const Ball& lo, const Ball& hi);

  arb_ptr get() { return x_; }
  arb_srcptr get() const { return x_; }

  Ball& operator+=(const Ball& o) { arb_add(x_, x_, o.x_, ball_bits()); return *this; }
  Ball& operator-=(const Ball& o) { arb_sub(x_, x_, o.x_, ball_bits()); return *this; }
  Ball& operator*=(const Ball& o) { arb_mul(x_, x_, o.x_, ball_bits()); return *this; }
  Ball& operator/=(const Ball& o) { arb_div(x_, x_, o.x_, ball_bits()); return *this; }  // indeterminate if o ∋ 0
  friend Ball operator+(Ball a, const Ball& b) { return a += b; }
  friend Ball operator-(Ball a, const Ball& b) { return a -= b; }
  friend Ball operator*(Ball a, const Ball& b) { return a *= b; }
  friend Ball operator/(Ball a, const Ball& b) { return a /= b; }
  friend Ball operator-(Ball a) { arb_neg(a.x_, a.x_); return a; }

  // Decisions that hold for every member of the ball(s).
  bool certainly_positive() const { return arb_is_positive(x_); }
  bool certainly_negative() const { return arb_is_negative(x_); }
  bool contains_zero() const { return arb_contains_zero(x_); }
  bool is_exact() const { return arb_is_exact(x_); }
  bool finite() const { return arb_is_finite(x_); }
  bool contains(const Ball& o) const { return arb_contains(x_, o.x_); }
  friend bool certainly_less(const Ball& a, const Ball& b) { return arb_lt(a.x_, b.x_); }
  friend bool overlap(const Ball& a, const Ball& b) { return arb_overlaps(a.x_, b.x_); }

  mp_real mid() const;       // midpoint rounded to the current mp_real precision
  double rad_upper() const;  // radius rounded up to a double
  double mid_double() const;

 private:
  arb_t x_;
};

// √x; the result is indeterminate (not finite) unless x is certainly ≥ 0.
Ball sqrt(const Ball& x);
// |x| as a ball.
Ball abs(const Ball& x);
// Upper bound of |x| rounded up to a ball of radius 0.
Ball abs_upper(const Ball& x);
// The lower and upper end of x (rounded outward) as balls of radius 0.
Ball lower_end(const Ball& x);
Ball upper_end(const Ball& x);
// Balls containing max(x, y) and min(x, y) for all members x, y of the operands.
Ball max_of(const Ball& x, const Ball& y);
Ball min_of(const Ball& x, const Ball& y);

// Decimal strings (mid, rad) such that the real interval [mid − rad, mid + rad]
// of the *printed decimals* contains the ball: mid is rounded to `digits`
// significant digits and rad is the ball radius plus the rounding of mid,
// rounded up to 3 significant digits.
struct BallText {
  std::string mid, rad;
};
BallText to_text(const Ball& x, int digits);

// Dense ball matrix (row-major access), RAII over arb_mat_t.
class BallMatrix {
 public:
  BallMatrix(long rows, long cols) { arb_mat_init(m_, rows, cols); }
  BallMatrix(const BallMatrix& o) { arb_mat_init(m_, o.rows(), o.cols()); arb_mat_set(m_, o.m_); }
  BallMatrix(BallMatrix&& o) noexcept { arb_mat_init(m_, 0, 0); arb_mat_swap(m_, o.m_); }
  BallMatrix& operator=(const BallMatrix& o) {
    if (this != &o) {
      arb_mat_clear(m_);
      arb_mat_init(m_, o.rows(), o.cols());
      arb_mat_set(m_, o.m_);
    }
    return *this;
  }
  BallMatrix& operator=(BallMatrix&& o) noexcept { arb_mat_swap(m_, o.m_); return *this; }
  ~BallMatrix() { arb_mat_clear(m_); }
  long rows() const { return arb_mat_nrows(m_); }
  long cols() const { return arb_mat_ncols(m_); }
  arb_ptr at(long i, long j) { return arb_mat_entry(m_, i, j); }
  arb_srcptr at(long i, long j) const { return arb_mat_entry(m_, i, j); }
  Ball entry(long i, long j) const;
  void set(long i, long j, const Ball& v) { arb_set(at(i, j), v.get()); }
  arb_mat_struct* get() { return m_; }
  const arb_mat_struct* get() const { return m_; }

 private:
  arb_mat_t m_;
};
// Exact (radius-0) ball copy of an MPFR matrix.
BallMatrix to_balls(const Mat<mp_real>& M);
BallMatrix transpose(const BallMatrix& A);
BallMatrix operator*(const BallMatrix& A, const BallMatrix& B);
// Upper bound of the Frobenius norm of every member of the ball matrix.
Ball frobenius_upper(const BallMatrix& A);

}  // namespace ael
