#include <optional>
#include "lae_exact_critical.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-26", "[derived]",
          "Any Y: rank-deficient critical points (r < p) have #neg >= n - r, and the 7.9 directions attain the stated negative curvature") {
  using namespace ael;
  // --certify: decided exactly on seeded rational data sets (docs/certification.md §8);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_critical_exactly(ctx, out, "LAE-26"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 0);
    Rng rng(ctx.seed * 137 + i);
    const auto& e = inst.e;
    for (int r = 0; r < p; ++r) {
      const auto pt = ordered_rank_deficient(inst, r, rng);
      const std::string tag = "r=" + std::to_string(r) + ", " + inst.describe();
      for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
        const Vec<T> mu = euclidean_spectrum(inst, pt.x, kind);
        const auto in = lae::inertia_of<T>(mu, zero_threshold<T>());
        out.require(std::string(lae::loss_name(kind)) + " #neg >= n - r, " + tag, in.negative >= n - r);
        if (in.negative > 0) out.at_least("most negative eigenvalue outside the zero band", T(-mu(0)), zero_threshold<T>() * mu.cwiseAbs().maxCoeff());
      }
      // Ordered-loss direction for each dead unit k and unused index s (docs/lae-math.md §10).
      std::vector<int> used;
      for (const auto& [k, j] : pt.live) used.push_back(j);
      for (int k = 0; k < p; ++k) {
        if (std::any_of(pt.live.begin(), pt.live.end(), [k](const auto& lj) { return lj.first == k; })) continue;
        const Vec<T> ak = pt.x.A.col(k), bk = pt.x.B.row(k).transpose();
        for (int s = 0; s < n; ++s) {
          if (std::find(used.begin(), used.end(), s) != used.end()) continue;
          const T ls = e.lambda(s), wk = T(p - k), bSb = bk.dot(inst.m.Sxx * bk), aa = ak.squaredNorm();
          T alpha = 1, beta = 1, expected = -4 * wk * ls;
          if (aa == 0 && bSb > 0) alpha = ls / bSb, expected = -2 * wk * ls * ls / bSb;
          if (bSb == 0 && aa > 0) beta = 1 / aa, expected = -2 * wk * ls / aa;
          Mat<T> a = Mat<T>::Zero(n, p), b = Mat<T>::Zero(p, n);
          a.col(k) = alpha * e.U.col(s);
          b.row(k) = beta * e.U.col(s).transpose() * e.Mhat;
          const T value = lae::hessian_form<T>(inst.m, pt.x.A, pt.x.B, lae::LossKind::ordered, a, b, a, b);
          out.close("dead-unit direction value, " + tag, value - expected, route_tolerance<T>() * loss_scale(inst) * (1 + aa + bSb));
          out.at_least("dead-unit direction is negative, " + tag, T(-value), route_tolerance<T>() * loss_scale(inst));
        }
      }
    }
    // MSE family of 6.2 with a general Φ, Ψ (ΦΨ = I_r): H_MSE[Δ,Δ] = −4 (gᵀh) λ_s.
    for (int r = 0; r < p; ++r) {
      const lae::Index S = random_tuple(n, r, rng);
      Mat<T> US(n, r);
      for (int q = 0; q < r; ++q) US.col(q) = e.U.col(S[q]);
      const Mat<T> Phi = random_matrix(r, p, rng);
      Mat<T> Psi = Mat<T>::Zero(p, r), projector = Mat<T>::Identity(p, p), PsiPsiPlus = Mat<T>::Zero(p, p);
      if (r > 0) {
        const Mat<T> pinv = Phi.transpose() * inverse<T>(Mat<T>(Phi * Phi.transpose()));
        projector -= pinv * Phi;  // onto ker Φ
        Psi = pinv + projector * random_matrix(p, r, rng);
        PsiPsiPlus = Psi * inverse<T>(Mat<T>(Psi.transpose() * Psi)) * Psi.transpose();
      }
      const Mat<T> A = US * Phi, B = Psi * US.transpose() * e.Mhat;
      const Vec<T> h = projector * random_matrix(p, 1, rng);
      const Vec<T> g = (Mat<T>::Identity(p, p) - PsiPsiPlus) * h;
      for (int s = 0; s < n; ++s) {
        if (std::find(S.begin(), S.end(), s) != S.end()) continue;
        const Mat<T> a = e.U.col(s) * g.transpose(), b = h * e.U.col(s).transpose() * e.Mhat;
        const T value = lae::hessian_form<T>(inst.m, A, B, lae::LossKind::mse, a, b, a, b);
        const T expected = -4 * g.dot(h) * e.lambda(s);
        out.close("MSE direction value, r=" + std::to_string(r), value - expected,
                  route_tolerance<T>() * loss_scale(inst) * (1 + A.squaredNorm() + B.squaredNorm()) * (1 + h.squaredNorm()));
        out.at_least("MSE direction is negative (g'h > 0)", T(-value), route_tolerance<T>() * loss_scale(inst));
      }
    }
    out.count_instance();
  }
}
