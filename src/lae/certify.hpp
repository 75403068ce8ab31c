// Ball route (proved-ball) for the LAE landscape on data with exact moments:
// exact rational second moments, certified eigenvalue enclosures of Σ, and the
// closed-form Hessian spectrum at P(I,C) evaluated in balls
// (docs/certification.md §2–§4).
#pragma once

#include "core/ball.hpp"
#include "lae/critical.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ael::lae {

// A decision the enclosures could not make (overlapping eigenvalue balls, a
// ball containing 0 where a sign is needed). The message names what failed and
// the precision; the caller decides how to present it.
struct CertificationError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Samples (rows) whose cells are exact rationals: MPFR values (exact dyadics,
// e.g. integers, IDX bytes, .npy doubles) or plain decimal strings ("0.1" is 1/10).
class ExactSamples {
 public:
  explicit ExactSamples(const Mat<mp_real>& rows);
  ExactSamples(long rows, long cols, const std::vector<std::string>& decimal_cells);  // row-major
  ~ExactSamples();
  ExactSamples(ExactSamples&&) noexcept;
  long rows() const;
  long cols() const;
  std::vector<int> constant_columns() const;  // decided exactly
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Σ_xx = XᵀX (or Σ(x − x̄)(x − x̄)ᵀ when centered), formed exactly in ℚ and then
// enclosed in balls (radius ≤ one rounding at ball_bits()); tr Σ_yy likewise (Y = X).
struct ExactMoments {
  BallMatrix Sxx{0, 0};
  Ball trSyy;
};
ExactMoments exact_moments(const ExactSamples& X, bool center, const std::vector<int>& drop_columns);

// Certified enclosures of the eigenvalues of the symmetric Σ (every symmetric
// member of the ball matrix), from approximate eigenpairs (docs/certification.md §2):
// λ_s ∈ ball s, s = 1..n descending. Throws CertificationError when the
// approximations are too poor (‖VᵀV − I‖ ≥ 1), when two balls overlap
// ("eigenvalues s and s+1 ... not certifiably distinct at B bits") or when
// λ_n is not certifiably positive.
std::vector<Ball> certified_eigenvalues(const BallMatrix& Sigma, const Vec<mp_real>& approx_values_ascending,
                                        const Mat<mp_real>& approx_vectors);

struct CertifiedSpectrum {
  std::vector<Ball> eigenvalues;  // ascending by midpoint, 2np balls, structural zeros exact
  int structural_zeros = 0;
  Inertia inertia;                // meaningful when proved
  bool proved = false;            // every non-structural ball excludes 0
  std::string reason;             // why not proved
  Ball loss;                      // closed-form loss (docs/lae-math.md §6)
};
// The closed forms of docs/lae-math.md §7.2 (MSE) and §7.4 (ordered), C diagonal,
// evaluated in balls; the 4×4 pair blocks by certified root isolation
// (docs/certification.md §3). lambda: descending balls of Σ; c: balls of C's diagonal.
CertifiedSpectrum certified_closed_form(const std::vector<Ball>& lambda, const Ball& trSyy, const Index& I,
                                        const std::vector<Ball>& c, LossKind kind);

// Eigenvalue enclosures of a symmetric tridiagonal ball matrix (diag, off) by
// Sturm counts at dyadic points near approximations (docs/certification.md §3).
// Throws CertificationError if the roots cannot be isolated at the precision.
std::vector<Ball> certified_tridiagonal_eigenvalues(const std::vector<Ball>& diag, const std::vector<Ball>& off);

// Number of eigenvalues < t of the symmetric tridiagonal ball matrix, by the
// signs of the LDLᵀ pivots of T − tI; −1 when a pivot ball contains 0.
int certified_count_below(const std::vector<Ball>& diag, const std::vector<Ball>& off, const Ball& t);

}  // namespace ael::lae

namespace ael::lae {

// Enclosures of the unit eigenvectors u_s (sign chosen so that u_sᵀv_s > 0) of
// the symmetric Σ for the given 0-based indices s (λ descending), from
// approximate vectors V (column s ↔ λ_s) and the certified λ balls, by the
// residual bound sin∠(v, u_s) ≤ ‖Σv − μv‖ / min_{j≠s}|λ_j − μ| (docs/certification.md §4).
// Returns an n × |which| ball matrix.
BallMatrix certified_eigenvectors(const BallMatrix& Sigma, const std::vector<Ball>& lambda, const Mat<mp_real>& V,
                                  const std::vector<int>& which);

// Assembled route (docs/certification.md §4): the ball Hessian (docs/lae-math.md §4)
// at the enclosed point (A, B) = (U_I C, C⁻¹U_IᵀM̂), the exact symmetry tangents N
// (in ker H by equivariance), a coordinate complement Z with [N Z] certified
// nonsingular, and a ball LDLᵀ of ZᵀHZ. C must be diagonal for the ordered loss.
struct AssembledInertia {
  bool proved = false;
  std::string reason;
  Inertia inertia;
  int tangents = 0;  // dim N
};
struct BallMoments {
  BallMatrix Sxx{0, 0}, Syx{0, 0}, Mhat{0, 0}, Sigma{0, 0};  // Σ = Σ_yxΣ_xx⁻¹Σ_xy, M̂ = Σ_yxΣ_xx⁻¹
};
// From ball moments (Syx = Sxx for Y = X); throws CertificationError if Σ_xx is not certified invertible.
BallMoments ball_moments(const BallMatrix& Sxx, const BallMatrix* Syx);
AssembledInertia certified_assembled_inertia(const BallMoments& m, const BallMatrix& U_I, const BallMatrix& C, LossKind kind);

// Inertia of a symmetric ball matrix by LDLᵀ with 1×1 pivots chosen on the
// midpoints (a fixed symmetric permutation, so Sylvester's law applies to every
// member); proved only if every pivot ball excludes 0.
AssembledInertia certified_ldlt_inertia(BallMatrix M);

}  // namespace ael::lae
