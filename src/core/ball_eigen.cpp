#include "core/ball_eigen.hpp"

namespace ael {

namespace {
arb_srcptr raw(const Ball* p) { return reinterpret_cast<arb_srcptr>(p); }
}  // namespace

Vec<Ball> ball_gemv(const Mat<Ball>& M, const Vec<Ball>& x) {
  const slong rows = M.rows(), cols = M.cols();
  Vec<Ball> y(rows);
  for (slong r = 0; r < rows; ++r)  // row r of a column-major matrix: stride `rows`
    arb_dot(y(r).get(), nullptr, 0, raw(M.data() + r), rows, raw(x.data()), 1, cols, ball_bits());
  return y;
}

Vec<Ball> ball_gemv_transposed(const Mat<Ball>& M, const Vec<Ball>& x) {
  const slong rows = M.rows(), cols = M.cols();
  Vec<Ball> y(cols);
  for (slong c = 0; c < cols; ++c)  // column c: contiguous
    arb_dot(y(c).get(), nullptr, 0, raw(M.data() + c * rows), 1, raw(x.data()), 1, rows, ball_bits());
  return y;
}

Vec<Ball> ball_diagonal_of_product(const Mat<Ball>& M, const Mat<Ball>& N) {
  const slong r = M.rows(), c = M.cols();
  Vec<Ball> d(r);
  for (slong j = 0; j < r; ++j)  // row j of M (stride r) against column j of N (contiguous)
    arb_dot(d(j).get(), nullptr, 0, raw(M.data() + j), r, raw(N.data() + j * c), 1, c, ball_bits());
  return d;
}

Ball ball_squared_norm(const Vec<Ball>& x) {
  Ball s;
  arb_dot(s.get(), nullptr, 0, raw(x.data()), 1, raw(x.data()), 1, x.size(), ball_bits());
  return s;
}

Mat<Ball> to_eigen(const BallMatrix& M) {
  Mat<Ball> E(M.rows(), M.cols());
  for (long i = 0; i < M.rows(); ++i)
    for (long j = 0; j < M.cols(); ++j) arb_set(E(i, j).get(), M.at(i, j));
  return E;
}

}  // namespace ael
