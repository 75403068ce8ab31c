#include "lae_certified.hpp"

// Checked on the Euclidean Hessian H itself (not the reduced one), so that for
// general Y the statement rests on Sylvester's law, not on the closed forms.
AEL_CLAIM("LAE-21", "[derived]",
          "Any Y: inertia of H_MSE(P(I,C)) is (nu, p^2, 2np-p^2-nu) for C in GL(p); of H(P(I,C)) is (nu+inv, p, 2np-p-nu-inv) for diagonal C") {
  using namespace ael;
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 1);
    Rng rng(ctx.seed * 109 + i);
    // --certify: the assembled ball route decides; the MPFR eigenvalue counts become cross-checks.
    std::optional<BallInstance> ball;
    std::optional<CrossCheck> cross;
    if (ctx.certify) ball.emplace(ball_instance(inst)), cross.emplace(out);
    for (const auto& I : all_tuples(n, p)) {
      const std::string tag = lae::format_index(I) + ", " + inst.describe();
      const Vec<T> c = random_scales(p, rng);
      const Mat<T> C = Mat<T>(c.asDiagonal()) + random_matrix(p, p, rng) / 4;
      check_inertia(out, "MSE at " + tag, euclidean_spectrum(inst, lae::critical_point(inst.e, I, C), lae::LossKind::mse),
                    lae::inertia_formula(I, n, lae::LossKind::mse));
      check_inertia(out, "ordered at " + tag,
                    euclidean_spectrum(inst, lae::critical_point(inst.e, I, Mat<T>(c.asDiagonal())), lae::LossKind::ordered),
                    lae::inertia_formula(I, n, lae::LossKind::ordered));
      if (!ball) continue;
      for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
        const lae::Inertia expected = lae::inertia_formula(I, n, kind);
        const Mat<T> Ck = kind == lae::LossKind::mse ? C : Mat<T>(c.asDiagonal());
        proved_inertia(out, std::string(lae::loss_name(kind)) + " inertia at " + tag, ball_inertia(*ball, I, Ck, kind), &expected);
      }
    }
    out.count_instance();
  }
}
