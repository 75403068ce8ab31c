// Proved recovery decisions for sparse-coding instances whose exact inputs are
// irrational (docs/sparse.md "Certified outputs"): the exact dictionary
// (H_n/√n, normalised Gaussian columns, a normalised file), the exact weights
// and the exact threshold are enclosed in Arb balls, the recovery windows of
// Lemma D1 and certificates (a), (b) are computed as balls that contain their
// exact ends, and "ε lies in the window" is decided from the balls alone:
// holds, fails, or undecided when a ball straddles a window end (then nothing
// is certified). The rational route (exact inputs) needs none of this: there
// the windows of sparse/recovery.hpp are exact.
#pragma once

#include "core/ball.hpp"
#include "sparse/model.hpp"

#include <optional>
#include <string>

namespace ael::sparse {

struct InstanceSpec;  // sparse/instance.hpp

// The level of evidence of a printed decision (docs/certification.md §1).
enum class Evidence { proved_exact, proved_ball, estimate };
const char* evidence_name(Evidence e);  // "proved-exact" | "proved-ball" | "estimate"

// The exact rational x enclosed in a ball.
Ball ball_of(const rational& x);

// A three-valued answer: a ball decision is never turned into a guess.
enum class Verdict { holds, fails, undecided };

// A threshold window [lo, hi) whose balls contain the exact ends.
struct BallWindow {
  Ball lo, hi;
};

// lo ≤ ε < hi decided by balls (undecided when a ball straddles an end).
Verdict ball_window_contains(const BallWindow& w, const Ball& eps);
// The same for ε = lo + t(hi − lo) of this very window, t ∈ [0, 1) exact:
// ε − lo = t(hi − lo) and hi − ε = (1 − t)(hi − lo), so it holds iff hi − lo > 0.
Verdict ball_window_contains_fraction(const BallWindow& w, const Ball& t);

// Lemma D1: [k b (c+δ), a(1−δ) − (k−1) b (c+δ)) with c, δ balls containing the exact values.
BallWindow ball_window_d1(int k, const Ball& a, const Ball& b, const Ball& c, const Ball& delta);
// Certificate (a) from the cross Gram G = W A (balls): c_W = max_{j≠l} |G_jl|, d_W = min_j G_jj.
BallWindow ball_window_uniform(int k, const Ball& a, const Ball& b, const BallMatrix& G);
// Certificate (b) for uniform k-subsets: [max_j Up_j, min_j Lo_j) with Up_j, Lo_j enclosed
// (the sum of the k largest of balls lies between the sums of the k largest lower and
// upper ends).
BallWindow ball_window_per_row(int k, const Ball& a, const Ball& b, const BallMatrix& G);

// Certificate (b) for a constant threshold: Up_j ≤ ε < Lo_j for every row j, which is
// ε ∈ [max_j Up_j, min_j Lo_j) (the per-row window of G = W A).
Verdict ball_per_row_contains(const BallMatrix& G, int k, const Ball& a, const Ball& b, const Ball& eps);

// The exact dictionary of `spec` as balls: [I | H/√n] with 1/√n a ball, Gaussian
// draws normalised in balls, a file's rationals (normalised with spec.normalise).
// unit_columns: its columns are exactly unit (by construction, or checked in ℚ).
BallMatrix ball_dictionary(const InstanceSpec& spec, bool& unit_columns);

// Certificate (b) along W(t) = Aᵀ + tΔ with the exact dictionary A (the path of
// `sparse landscape`): Δ and t are exact doubles, ε the instance's exact threshold.
class PerRowProver {
 public:
  PerRowProver(BallMatrix A, int k, Ball a, Ball b, Ball eps) : A_(std::move(A)), k_(k), a_(a), b_(b), eps_(eps) {}
  Verdict at(const Mat<double>& Delta, double t) const;

 private:
  BallMatrix A_;
  int k_;
  Ball a_, b_, eps_;
};

// Lemma D2's expected bound π1 F1 F2 (docs/sparse.md "Lemma D2") as a ball.
Ball ball_lemma_d2(int k, const Ball& b, const Ball& c, const Ball& delta, const Ball& eps, const Ball& pi1);

// The exact inputs of one instance as balls. c_known: the coherence c of the exact
// dictionary is enclosed (HAD analytically, otherwise by the ball Gram within budget);
// A, W: the exact dictionary and weights (within budget), whose cross Gram W A
// (cross_gram) certificates (a) and (b) need.
struct BallInstance {
  Ball a, b, c, delta, eps, t, pi1;
  bool c_known = false;
  bool delta_known = true;    // false: a weights file whose distance could not be enclosed
  bool unit_columns = false;  // the exact dictionary has unit columns (D1 and D2 need it)
  bool eps_from_fraction = false;
  std::optional<BallMatrix> A, W;
  std::string missing;        // what could not be enclosed, and why
};
// Encloses the instance `spec` describes (support law uniform). `a`, `b`, `k`, `h`
// come from the exact value law. Work above `budget` multiply-adds skips the Gram.
BallInstance enclose_instance(const InstanceSpec& spec, int k, const Ball& a, const Ball& b, double budget);
// W A in balls (O(h²n)); nullopt when A or W was not built.
std::optional<BallMatrix> cross_gram(const BallInstance& B);

}  // namespace ael::sparse
