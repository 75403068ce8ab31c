// Risk of the best linear decoder on Gaussian data at rate r = n/d
// (docs/sign.md "Closed forms"): R_Gauss(r) = 1 − 2r/π for r ≤ 1 (orthonormal
// rows, exact at every d), the tight-frame limit R_TF(r) = (π − 2)/(π − 2 + 2r)
// for r > 1 (d → ∞), with the Shannon distortion-rate bound D(r) = 2^{−2r}.
#pragma once

#include "sign/closed_forms.hpp"

namespace ael::sign {

template <class T> struct GaussianRisk {
  T rate;
  T risk;                    // R_Gauss(r) or R_TF(r)
  bool tight_frame = false;  // r > 1: the tight-frame limit
  T shannon;                 // D(r) = 2^{−2r}
};

// Throws ParameterError("rate", …) unless rate > 0.
template <class T> GaussianRisk<T> gaussian_risk(const T& rate);

}  // namespace ael::sign
