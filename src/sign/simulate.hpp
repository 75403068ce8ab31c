// Double-precision Monte Carlo on sampled data (docs/sign.md "Double-precision simulation and training"). Samples are
// drawn in blocks of kBlock with a per-block seed derived from the run seed,
// and block results are reduced in block order, so the output depends only on
// (seed, samples) — never on how blocks are scheduled over threads.
#pragma once

#include "core/eigen_mp.hpp"
#include "sign/closed_forms.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace ael::sign {

inline constexpr long kBlock = 4096;

struct DataLaw {
  DataLaw() = default;
  explicit DataLaw(double p_, NonzeroLaw z = NonzeroLaw::gaussian, std::vector<bool> mask = {})
      : p(p_), nonzero(z), fixed_mask(std::move(mask)) {}
  double p = 1;                                  // fraction of nonzeros (1: dense)
  NonzeroLaw nonzero = NonzeroLaw::gaussian;     // p = 1 with gaussian: the Gaussian source
  std::vector<bool> fixed_mask;                  // non-empty: this mask for every sample (x = m∘z/√p)
};

struct McEstimate {
  double mean = 0, se = 0;  // sample mean and its standard error
  long samples = 0;
};

// Seed of block `block` of a run seeded with `seed` (splitmix64 mixing).
std::uint64_t block_seed(std::uint64_t seed, std::uint64_t block);

// (1/d)‖x − A sign(Bx)‖² averaged over samples, with its standard error.
McEstimate mc_risk(const Mat<double>& A, const Mat<double>& B, const DataLaw& law, Sign0 s, long samples,
                   std::uint64_t seed, int threads = 1);

// Entrywise Monte-Carlo means of s xᵀ and s sᵀ with their standard errors.
struct McMoments {
  Mat<double> M, M_se, K, K_se;
  long exact_zeros = 0;  // number of b_iᵀx that were exactly 0
};
McMoments mc_moments(const Mat<double>& B, const DataLaw& law, Sign0 s, long samples, std::uint64_t seed);

// `count` samples of `law` in R^d as the columns of a d × count matrix, drawn
// in blocks of kBlock seeded like mc_risk (training sets, docs/sign.md "Non-Gaussian nonzeros").
Mat<double> sample_data(const DataLaw& law, int d, long count, std::uint64_t seed);

}  // namespace ael::sign
