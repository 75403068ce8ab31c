// Portable seeded random numbers: xoshiro256** seeded by splitmix64, and our
// own samplers (std:: distributions differ between standard libraries, so a
// seed would not give the same data everywhere).
#pragma once

#include <cstdint>
#include <vector>

namespace ael {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t next_u64();
  // Uniform on [0,1) with 53 random bits.
  double uniform();
  // Uniform integer in [0, bound) without modulo bias.
  std::uint64_t below(std::uint64_t bound);
  // Standard normal by the Marsaglia polar method (uses only +,*,sqrt,log).
  double gaussian();
  // Uniform random permutation of 0..n-1 (Fisher-Yates).
  std::vector<int> permutation(int n);

 private:
  std::uint64_t s_[4];
  bool has_spare_ = false;
  double spare_ = 0;
};

}  // namespace ael
