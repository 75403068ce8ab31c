// Eigen support for ael::mp_real. Boost 1.74's <boost/multiprecision/eigen.hpp>
// lacks infinity()/quiet_NaN() required by Eigen 3.4 (and its lowest() returns
// the smallest positive value), so we provide a full specialization derived
// from GenericNumTraits, as Eigen's own boostmultiprec test does.
#pragma once

#include "core/scalar.hpp"

#include <Eigen/Core>

namespace Eigen {

template <> struct NumTraits<ael::mp_real> : GenericNumTraits<ael::mp_real> {
  using Real = ael::mp_real;
  using NonInteger = ael::mp_real;
  using Literal = ael::mp_real;
  using Nested = ael::mp_real;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 1,
    AddCost = 4,
    MulCost = 8
  };
  static Real epsilon() { return std::numeric_limits<Real>::epsilon(); }
  static Real dummy_precision() { return 1000 * epsilon(); }
  static Real highest() { return (std::numeric_limits<Real>::max)(); }
  static Real lowest() { return -(std::numeric_limits<Real>::max)(); }
  static Real infinity() { return std::numeric_limits<Real>::infinity(); }
  static Real quiet_NaN() { return std::numeric_limits<Real>::quiet_NaN(); }
  static int digits10() { return static_cast<int>(Real::default_precision()); }
};

template <typename BinaryOp> struct ScalarBinaryOpTraits<ael::mp_real, double, BinaryOp> {
  using ReturnType = ael::mp_real;
};
template <typename BinaryOp> struct ScalarBinaryOpTraits<double, ael::mp_real, BinaryOp> {
  using ReturnType = ael::mp_real;
};

}  // namespace Eigen

#include <Eigen/Dense>

namespace ael {
template <class T> using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <class T> using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
}  // namespace ael
