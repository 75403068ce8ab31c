// Ball as an Eigen scalar, so that a kernel templated on the scalar (one kernel
// per formula) can be evaluated in balls where it uses ring operations only
// (docs/certification.md §1: a ring formula evaluated in ball arithmetic returns a ball that contains
// the exact value). Comparisons stay unavailable (core/ball.hpp): a kernel that
// branches on its scalar does not compile for Ball, which is the point.
//
// Dense products: Eigen's generic product for a heap-allocating scalar makes a
// temporary per multiply-add; ball_gemv / ball_gemv_transposed use arb_dot
// (one rounding per dot product, no temporaries), ~20× faster at n = 512.
#pragma once

#include "core/ball.hpp"

#include <Eigen/Core>

namespace Eigen {

template <> struct NumTraits<ael::Ball> : GenericNumTraits<ael::Ball> {
  using Real = ael::Ball;
  using NonInteger = ael::Ball;
  using Literal = ael::Ball;
  using Nested = ael::Ball;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 1,
    AddCost = 8,
    MulCost = 16
  };
};

}  // namespace Eigen

namespace ael {

static_assert(sizeof(Ball) == sizeof(arb_struct), "Ball must be one arb_struct (arb_dot reads Eigen storage)");

// M x and Mᵀ x in balls (each entry one arb_dot at ball_bits()).
Vec<Ball> ball_gemv(const Mat<Ball>& M, const Vec<Ball>& x);
Vec<Ball> ball_gemv_transposed(const Mat<Ball>& M, const Vec<Ball>& x);
// The diagonal of M N for M r × c and N c × r: entry j is Σ_t M(j, t) N(t, j).
Vec<Ball> ball_diagonal_of_product(const Mat<Ball>& M, const Mat<Ball>& N);
// ‖x‖² in balls (one arb_dot).
Ball ball_squared_norm(const Vec<Ball>& x);

// Eigen copy of a ball matrix and back.
Mat<Ball> to_eigen(const BallMatrix& M);

}  // namespace ael
