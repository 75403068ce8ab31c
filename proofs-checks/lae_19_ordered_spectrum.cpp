#include <optional>
#include "lae_exact_checks.hpp"
#include "lae_instances.hpp"

namespace {
using namespace ael;
// Q_kl written out from docs/lae-math.md §7.4 (0-based k < l, w = p − k), independently of src/lae.
Mat<T> spec_Q(const T& lk, const T& ll, const T& ck, const T& cl, int wk, int wl) {
  const int d = wk - wl;
  Mat<T> Q(4, 4);
  Q << wl * ll / (cl * cl), wl * ll * ck / cl, 0, 0,  //
      wl * ll * ck / cl, wk * ll * ck * ck, -d * ll, 0,  //
      0, -d * ll, wk * lk / (ck * ck), wl * lk * cl / ck,  //
      0, 0, wl * lk * cl / ck, wl * lk * cl * cl;
  return Q;
}
}  // namespace

AEL_CLAIM("LAE-19", "[derived]",
          "LAE, every ordered I, diagonal C: the ordered-loss Hessian spectrum is the multiset of 7.4; each paired block is 2Q_kl with the stated det and trace") {
  // --certify: decided exactly on seeded rational Cayley instances (docs/certification.md §7);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<ael::checks::CrossCheck> exact_cross;
  if (ctx.certify) ael::checks::decide_exactly(ctx, out, "LAE-19"), exact_cross.emplace(out);
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, true);
    Rng rng(ctx.seed * 103 + i);
    const auto w = lae::loss_weights<T>(lae::LossKind::ordered, p);
    lae::Moments<T> diag{Mat<T>(inst.e.lambda.asDiagonal()), Mat<T>(inst.e.lambda.asDiagonal()), inst.e.lambda.sum(), true};
    for (const auto& I : all_tuples(n, p)) {
      const Vec<T> c = random_scales(p, rng);
      const auto x = lae::critical_point(inst.e, I, Mat<T>(c.asDiagonal()));
      const std::string tag = lae::format_index(I) + ", " + inst.describe();
      out.close("spectrum at " + tag,
                lae::relative_discrepancy(lae::closed_form_spectrum<T>(inst.e.lambda, I, c, lae::LossKind::ordered),
                                          lae::numeric_spectrum(inst.m, inst.e, x, lae::LossKind::ordered)),
                route_tolerance<T>());
      // Paired blocks read off the Hessian in eigen-coordinates (E_I C, C⁻¹E_Iᵀ).
      Mat<T> EI = Mat<T>::Zero(n, p);
      for (int k = 0; k < p; ++k) EI(I[k], k) = 1;
      const Mat<T> H = lae::hessian_elementwise(diag, Mat<T>(EI * c.asDiagonal()),
                                                Mat<T>(c.cwiseInverse().asDiagonal() * EI.transpose()), w);
      const int np = n * p;
      for (int k = 0; k < p; ++k)
        for (int l = k + 1; l < p; ++l) {
          const int vars[4] = {I[k] + l * n, np + k + I[l] * p, I[l] + k * n, np + l + I[k] * p};
          Mat<T> block(4, 4);
          for (int a = 0; a < 4; ++a)
            for (int b = 0; b < 4; ++b) block(a, b) = H(vars[a], vars[b]);
          const T lk = inst.e.lambda(I[k]), ll = inst.e.lambda(I[l]);
          const Mat<T> Q2 = 2 * spec_Q(lk, ll, c(k), c(l), p - k, p - l);
          const T scale = Q2.cwiseAbs().maxCoeff();
          out.close("block = 2Q_kl", T((block - Q2).cwiseAbs().maxCoeff()), route_tolerance<T>() * scale);
          const int d = l - k, wl = p - l;
          const T det = 16 * T(wl * wl * d * d) * lk * ll * ll * (lk - ll);
          out.close("det(2Q_kl)", Q2.determinant() - det, route_tolerance<T>() * scale * scale * scale * scale);
          const T tr = 2 * (wl * ll / (c(l) * c(l)) + (p - k) * ll * c(k) * c(k) + (p - k) * lk / (c(k) * c(k)) + wl * lk * c(l) * c(l));
          out.close("tr(2Q_kl)", Q2.trace() - tr, route_tolerance<T>() * scale);
        }
    }
    out.count_instance();
  }
}
