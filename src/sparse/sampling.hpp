// Seeded samplers of the code x (support and values) shared by the Monte-Carlo
// estimator and the trainer (double precision; own Rng, never std:: distributions).
#pragma once

#include "core/rng.hpp"
#include "sparse/model.hpp"

#include <stdexcept>
#include <vector>

namespace ael::sparse {

class CodeSampler {
 public:
  explicit CodeSampler(const Problem<double>& p) : P_(p) {
    const auto& law = P_.values;
    if (law.kind == "moments") throw std::invalid_argument("sampling needs a finite or uniform value law (not 'moments')");
    double c = 0;
    for (double p_atom : law.probs) cumulative_.push_back(c += p_atom);
  }
  // Uniform k-subset by Floyd's algorithm (O(k²), k small), or Bernoulli(q) inclusion.
  void support(Rng& rng, std::vector<int>& S) const {
    S.clear();
    const int h = P_.h();
    if (P_.support == SupportLaw::bernoulli) {
      for (int j = 0; j < h; ++j)
        if (rng.uniform() < P_.q) S.push_back(j);
      return;
    }
    for (int j = h - P_.k; j < h; ++j) {
      const int t = static_cast<int>(rng.below(static_cast<std::uint64_t>(j) + 1));
      bool taken = false;
      for (int s : S) taken = taken || s == t;
      S.push_back(taken ? j : t);
    }
  }
  double value(Rng& rng) const {
    const auto& law = P_.values;
    if (law.kind == "uniform") return law.a + (law.b - law.a) * rng.uniform();
    const double u = rng.uniform();
    for (size_t t = 0; t + 1 < cumulative_.size(); ++t)
      if (u < cumulative_[t]) return law.atoms[t];
    return law.atoms.back();
  }

 private:
  const Problem<double>& P_;
  std::vector<double> cumulative_;
};

}  // namespace ael::sparse
