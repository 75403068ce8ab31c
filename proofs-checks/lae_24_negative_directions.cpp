#include <optional>
#include "lae_exact_critical.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-24", "[derived]",
          "Any Y: the unused-eigenvector direction gives H = 2w_k(lambda_ik - lambda_s), H_MSE = 2(lambda_ik - lambda_s); the unit swap gives H = 2(l-k)(lambda_ik - lambda_il), H_MSE = 0") {
  using namespace ael;
  // --certify: decided exactly on seeded rational data sets (docs/certification.md §8);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_critical_exactly(ctx, out, "LAE-24"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, i % 2 == 0);
    Rng rng(ctx.seed * 131 + i);
    const auto& e = inst.e;
    for (const auto& I : all_tuples(n, p)) {
      const Vec<T> c = random_scales(p, rng);
      const auto x = lae::critical_point(e, I, Mat<T>(c.asDiagonal()));
      auto unit = [&](int s, int k, const T& scale) {  // (scale·u_s e_kᵀ, scale⁻¹·e_k u_sᵀ M̂)
        Mat<T> a = Mat<T>::Zero(n, p), b = Mat<T>::Zero(p, n);
        a.col(k) = scale * e.U.col(s);
        b.row(k) = e.U.col(s).transpose() * e.Mhat / scale;
        return std::make_pair(a, b);
      };
      auto form = [&](lae::LossKind kind, const Mat<T>& a, const Mat<T>& b) {
        return lae::hessian_form<T>(inst.m, x.A, x.B, kind, a, b, a, b);
      };
      const T tol = route_tolerance<T>() * loss_scale(inst) * 10;
      for (int k = 0; k < p; ++k)
        for (int s = 0; s < I[k]; ++s) {
          if (std::find(I.begin(), I.end(), s) != I.end()) continue;
          const auto [a, b] = unit(s, k, c(k));
          const T gap = e.lambda(I[k]) - e.lambda(s);
          out.close("unused direction, ordered", form(lae::LossKind::ordered, a, b) - 2 * T(p - k) * gap, tol);
          out.close("unused direction, MSE", form(lae::LossKind::mse, a, b) - 2 * gap, tol);
        }
      for (int k = 0; k < p; ++k)
        for (int l = k + 1; l < p; ++l) {
          const auto [ak, bk] = unit(I[l], k, c(k));
          const auto [al, bl] = unit(I[k], l, c(l));
          const Mat<T> a = ak - al, b = bk - bl;
          out.close("swap, ordered", form(lae::LossKind::ordered, a, b) - 2 * T(l - k) * (e.lambda(I[k]) - e.lambda(I[l])), tol);
          out.close("swap, MSE", form(lae::LossKind::mse, a, b), tol);
        }
    }
    out.count_instance();
  }
}
