// The LAE ball route for the proof-checks (`verify --certify`): the instance's
// samples are exact dyadics, so their moments are enclosed in balls, Σ's
// eigenpairs are certified, and the inertia at P(I,C) is decided by the
// assembled ball route of docs/certification.md §4.
#pragma once

#include "lae/certify.hpp"
#include "lae_instances.hpp"

#include <optional>
#include <vector>

namespace ael::checks {

inline const char* const kAssembledBallRoute =
    "ball: Hessian at the enclosed critical point, symmetry tangents removed, ball LDL' (docs/certification.md 4)";

struct BallInstance {
  lae::BallMoments m;
  std::vector<Ball> lambda;  // descending, certified distinct
  BallMatrix U{0, 0};        // unit eigenvector enclosures, column s ↔ λ_s
};

inline BallInstance ball_instance(const LaeInstance& inst) {
  const BallMatrix X = to_balls(Mat<T>(inst.X.transpose())), Y = to_balls(Mat<T>(inst.Y.transpose()));
  const BallMatrix Sxx = transpose(X) * X, Syx = transpose(Y) * X;
  BallInstance b{lae::ball_moments(Sxx, inst.m.autoencoder ? nullptr : &Syx), {}, BallMatrix(0, 0)};
  const long n = Sxx.rows();
  Mat<T> mid(n, n);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < n; ++j) mid(i, j) = b.m.Sigma.entry(i, j).mid();
  mid = (mid + mid.transpose()) / 2;
  Vec<T> values;
  Mat<T> vectors;
  symmetric_eigen<T>(mid, values, vectors);
  b.lambda = lae::certified_eigenvalues(b.m.Sigma, values, vectors);
  std::vector<int> all(static_cast<size_t>(n));
  for (int s = 0; s < n; ++s) all[s] = s;
  b.U = lae::certified_eigenvectors(b.m.Sigma, b.lambda, Mat<T>(vectors.rowwise().reverse()), all);
  return b;
}

inline lae::AssembledInertia ball_inertia(const BallInstance& b, const lae::Index& I, const Mat<T>& C, lae::LossKind kind) {
  BallMatrix UI(b.U.rows(), static_cast<long>(I.size()));
  for (long s = 0; s < b.U.rows(); ++s)
    for (size_t k = 0; k < I.size(); ++k) arb_set(UI.at(s, static_cast<long>(k)), b.U.at(s, I[k]));
  return lae::certified_assembled_inertia(b.m, UI, to_balls(C), kind);
}

// Records "inertia == expected" as proved-ball, or the reason it could not be decided.
inline std::optional<lae::Inertia> proved_inertia(Outcome& out, const std::string& what, const lae::AssembledInertia& r,
                                                  const lae::Inertia* expected) {
  if (!r.proved) {
    out.not_proved(what + ": " + r.reason);
    return std::nullopt;
  }
  if (expected) out.proved(what, r.inertia == *expected, Evidence::proved_ball, kAssembledBallRoute);
  return r.inertia;
}

}  // namespace ael::checks
