#include "lae_instances.hpp"
#include "lae/optimal_loss.hpp"

AEL_CLAIM("LAE-16", "[paper+derived]",
          "P((1..p),D) attains L* = p tr Syy - sum w_k lambda_k with a_k = d_k u_k, A'A diagonal, B = A+ (LAE); every other critical tuple has L > L*") {
  using namespace ael;
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    const bool lae_case = i % 2 == 0;
    auto inst = make_lae_instance(ctx.seed + i, n, p, lae_case);
    Rng rng(ctx.seed * 89 + i);
    const auto ord = lae::loss_weights<T>(lae::LossKind::ordered, p);
    lae::Index top(p);
    for (int k = 0; k < p; ++k) top[k] = k;
    const Vec<T> d = random_scales(p, rng);
    const auto x = lae::critical_point(inst.e, top, Mat<T>(d.asDiagonal()));
    // L* = p tr Syy - sum w_k lambda_k, evaluated without cancellation (docs/lae-math.md §6).
    const T Lstar = lae::optimal_loss(inst.e.lambda, inst.m.trSyy, inst.m.autoencoder, lae::LossKind::ordered, p);
    const T tol = route_tolerance<T>() * loss_scale(inst);
    out.close("L at P((1..p),D) = L*, " + inst.describe(), lae::loss(inst.m, x.A, x.B, ord) - Lstar, tol);
    for (int k = 0; k < p; ++k)
      out.close("a_k = d_k u_k", T((x.A.col(k) - d(k) * inst.e.U.col(k)).cwiseAbs().maxCoeff()), route_tolerance<T>() * 10);
    const Mat<T> AtA = x.A.transpose() * x.A;
    out.close("A'A diagonal", T((AtA - Mat<T>(AtA.diagonal().asDiagonal())).cwiseAbs().maxCoeff()), route_tolerance<T>() * 10);
    if (lae_case)
      out.close("B = A+", T((x.B - inverse<T>(AtA) * x.A.transpose()).cwiseAbs().maxCoeff()), route_tolerance<T>() * 100);
    for (const auto& I : all_tuples(n, p)) {
      if (I == top) continue;
      out.at_least("L(" + lae::format_index(I) + ") > L*, " + inst.describe(),
                   lae::critical_loss(inst.m, inst.e, I, p, lae::LossKind::ordered) - Lstar, tol);
    }
    out.count_instance();
  }
}
