// The exact expected gradient of an irrational instance, enclosed (docs/sparse.md
// "Certified SC routes", ball route): the instance's exact dictionary (H_n/√n,
// normalised Gaussian columns), weights and threshold enter as Arb balls, the
// value and support laws exactly, and the §5.3 closed form (sparse/expected.hpp,
// the same kernel, instantiated on Ball) returns balls that contain the exact
// E ∇_{W_i}L. Like the closed form itself, the result is E ∇ of the true network
// only where recovery is proved (Instance::recovery_certified at evidence
// proved-ball or proved-exact).
#pragma once

#include "core/ball_eigen.hpp"
#include "sparse/certify.hpp"
#include "sparse/expected.hpp"

namespace ael::sparse {

struct BallModel {
  Problem<Ball> P;  // A, W, ε enclosed; laws exact
  BallInstance B;   // a, b, c, δ, π1 of the same instance (Lemma D2)
};

// `eps` encloses the exact threshold (Instance<T>::eps_ball). Throws
// std::invalid_argument when the dictionary or the weights cannot be enclosed
// (then nothing is decided) and for Bernoulli supports without an exact q.
BallModel enclose_model(const InstanceSpec& spec, const Ball& eps);

// ‖g‖² ≤ (π1 F1 F2)² (Lemma D2) for a ball `norm_sq` that contains ‖g‖², with the
// bound's ball from ball_lemma_d2: holds when every member of norm_sq is below every
// member of the squared bound, fails when every member is above, undecided otherwise.
Verdict ball_within_lemma_d2(const Ball& norm_sq, const BallModel& M);

}  // namespace ael::sparse
