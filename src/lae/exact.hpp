// The exact route for the linear autoencoder (docs/certification.md §7 (Exact route)):
// rational instances Σ = QΛQᵀ with an exactly orthogonal Q (Cayley transform), and
// at a critical point P(I,C) with rational diagonal C, in exact arithmetic:
// ∇L = 0, the loss equals its closed form, the inertia of the assembled Hessian by
// an exact LDLᵀ (Sylvester), the kernel dimension, and the Hessian in
// eigen-coordinates equal, entry by entry, to the closed-form blocks of
// docs/lae-math.md §7.2/§7.4 (hence the spectrum equals the closed-form multiset).
#pragma once

#include "core/exact_ldl.hpp"
#include "core/report.hpp"
#include "lae/critical.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ael::lae {

// Y = X: Σ_xx = Σ_yx = Σ = QΛQᵀ, λ_1 > … > λ_n > 0, column s of Q is u_s.
struct RationalInstance {
  ExactMat Sigma, Q;
  ExactVec lambda;
  ExactMat skew;       // Cayley generator S with Q = (I − S)(I + S)⁻¹ (columns reordered); empty if read
  std::string source;  // one line
  int n() const { return static_cast<int>(Sigma.rows()); }
};

// Seeded instance: S skew-symmetric with rational entries on the first two
// off-diagonals (Q is nevertheless dense), λ_s ∈ [n − s + 1, n − s + 2) distinct
// rationals with small denominators. Throws std::invalid_argument for n < 1.
RationalInstance cayley_instance(int n, std::uint64_t seed);
// From a claimed covariance S and eigenvector matrix Q: checks exactly that Q is
// square of S's size, QᵀQ = I, QᵀSQ is diagonal with distinct positive entries;
// reorders the columns by decreasing eigenvalue. Throws std::invalid_argument
// with a one-line message naming what failed (the message names `s_name`/`q_name`).
RationalInstance instance_from_eigenvectors(const ExactMat& S, const ExactMat& Q, const std::string& s_name = "covariance",
                                            const std::string& q_name = "eigenvectors");

// One variable group of docs/lae-math.md §7.1 in eigen-coordinates.
struct ExactBlock {
  std::string group;          // "inside", "diagonal inside", "paired inside", "outside"
  std::vector<int> units;     // 0-based units k (and l)
  int eigen_index = -1;       // outside: the unused index s (0-based)
  std::vector<int> variables; // 0-based positions in θ̄ = [vec Ā; vec B̄]
  ExactMat closed_form;       // the closed-form block
  rational trace, det;        // closed-form trace and determinant from the eigenvalue formulas
  bool equal = false;         // the computed block equals closed_form entry by entry
  bool trace_det_equal = false;      // trace and determinant of the computed block match
  bool polynomial_equal = false;     // characteristic polynomials of computed and closed-form block agree
};

struct ExactResult {
  LossKind kind = LossKind::ordered;
  Index I;
  ExactVec c;
  Point<rational> x;
  rational loss, closed_form_loss;
  bool gradient_zero = false;
  ExactMat H;  // assembled Hessian (docs/lae-math.md §4.3), θ = [vec A; vec B]
  ExactLdl ldl;
  SignCounts inertia;
  Inertia formula;            // docs/lae-math.md §8 (inertia table)
  int expected_kernel = 0;    // p² (MSE) or p (ordered)
  std::vector<ExactBlock> blocks;
  bool off_block_zero = false;  // eigen-coordinate Hessian vanishes outside the groups
  double seconds_hessian = 0, seconds_ldl = 0, seconds_blocks = 0;
  long max_bits_D = 0;          // largest bit size of an entry of D

  bool blocks_equal() const;
  bool inertia_matches() const;
  // Every statement holds: the result is proved-exact.
  bool proved() const;
  // The statements that failed, one line each (empty when proved()).
  std::vector<std::string> failures() const;
};

// Coefficients c_0 … c_N of det(tI − M) by Faddeev–LeVerrier (exact: only ring
// operations and division by 1 … N).
std::vector<rational> characteristic_polynomial(const ExactMat& M);

// H̄ = 𝒥 H 𝒥ᵀ with 𝒥 = blkdiag(I_p ⊗ Qᵀ, Qᵀ ⊗ I_p) (Ā = QᵀA, B̄ = BQ; docs/lae-math.md §5):
// the Hessian in eigen-coordinates, orthogonally similar to H when Q is orthogonal.
ExactMat eigen_coordinate_hessian(const ExactMat& Q, int p, const ExactMat& H);

// Throws std::invalid_argument for a bad index tuple or a zero scale.
ExactResult exact_critical_point(const RationalInstance& inst, const Index& I, const ExactVec& c, LossKind kind);

// The replayable certificate (docs/certification.md §"Certificates").
Json exact_certificate(const RationalInstance& inst, const ExactResult& r, const std::string& claim);
// Computes the exact route for (inst, I, c, kind) and writes its certificate to
// `path` (whole document rendered first; nothing half-written). Returns the
// result so callers can record the verdict. This is the entry point for
// `verify --certify --certificates DIR`.
ExactResult write_exact_certificate(const std::string& path, const RationalInstance& inst, const Index& I,
                                    const ExactVec& c, LossKind kind, const std::string& claim);

}  // namespace ael::lae
