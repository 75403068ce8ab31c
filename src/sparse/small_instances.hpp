// Seeded small instances for the brute-force oracles (proof-checks and tests).
// Building an instance is not a computational route: the routes compared on
// them are the closed forms of expected.hpp and the enumerations of enumerate.hpp.
#pragma once

#include "sparse/instance.hpp"

#include <cstdint>
#include <string>

namespace ael::sparse {

// HAD dictionary [I | H/√n] with rows at distance δ, two-point values
// {0.95, 1.05}, uniform k-subsets, threshold at `eps_frac` of the `window`.
InstanceSpec had_spec(int n, int k, const std::string& delta, const std::string& eps_frac, std::uint64_t seed = 7,
                      WindowKind window = WindowKind::d1);

// Rational orthogonal n × n dictionary Q = I − 2vvᵀ/(vᵀv) (Householder, v seeded)
// with W = Qᵀ + δU (rows at distance δ), two-point values {0.95, 1.05}, constant
// threshold ε. Not overcomplete: it exists so that k = 4, 5 have a non-empty
// recovery window at brute-force sizes (every identity of §5 is dictionary-agnostic).
template <class T> Problem<T> orthogonal_problem(int n, int k, const T& delta, const T& eps, std::uint64_t seed);

}  // namespace ael::sparse
