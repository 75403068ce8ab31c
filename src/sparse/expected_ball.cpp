#include "sparse/expected_ball.hpp"

#include "sparse/instance.hpp"

#include <limits>
#include <stdexcept>

namespace ael::sparse {

namespace {
ValueLaw<Ball> balls_of(const ValueLaw<rational>& law) {
  ValueLaw<Ball> out;
  out.kind = law.kind;
  for (const auto& x : law.atoms) out.atoms.push_back(ball_of(x));
  for (const auto& x : law.probs) out.probs.push_back(ball_of(x));
  out.a = ball_of(law.a), out.b = ball_of(law.b), out.m1 = ball_of(law.m1), out.m2 = ball_of(law.m2);
  return out;
}
}  // namespace

BallModel enclose_model(const InstanceSpec& spec, const Ball& eps) {
  const auto law = value_law_of<rational>(spec);
  BallModel M;
  // No budget: the caller asked for the gradient of this instance; for HAD no Gram is formed.
  M.B = enclose_instance(spec, spec.k, ball_of(law.a), ball_of(law.b), std::numeric_limits<double>::infinity());
  if (!M.B.A || !M.B.W) throw std::invalid_argument("the exact instance could not be enclosed: " + M.B.missing);
  M.P.A = to_eigen(*M.B.A);
  M.P.W = to_eigen(*M.B.W);
  M.P.eps = Vec<Ball>::Constant(M.P.A.cols(), eps);
  M.P.values = balls_of(law);
  M.P.support = spec.support;
  M.P.k = spec.k;
  M.P.q = spec.q.empty() ? Ball(spec.k) / Ball(static_cast<int>(M.P.A.cols())) : ball_of(parse_exact_decimal(spec.q));
  M.B.eps = eps;
  return M;
}

Verdict ball_within_lemma_d2(const Ball& norm_sq, const BallModel& M) {
  const Ball bound = ball_lemma_d2(M.P.k, M.B.b, M.B.c, M.B.delta, M.B.eps, M.B.pi1);
  const Ball bound_sq = bound * bound;
  if (certainly_less(norm_sq, bound_sq)) return Verdict::holds;
  if (certainly_less(bound_sq, norm_sq)) return Verdict::fails;
  return Verdict::undecided;
}

}  // namespace ael::sparse
