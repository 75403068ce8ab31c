#include <optional>
#include "lae_exact_identities.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-2", "[derived]",
          "Truncation identities: sum_i I_i M I_i = M o S_p, sum_i I_i = T_p, sum_{i>=k} I_i = D_k, sum_i I_i (x) I_i = Diag(vec S_p)") {
  using namespace ael;
  // --certify: decided exactly at seeded rational instances (docs/certification.md, Exact identities);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<CrossCheck> exact_cross;
  if (ctx.certify) decide_identities_exactly(ctx, out, "LAE-2"), exact_cross.emplace(out);
  for (int p = 1; p <= std::max(4, ctx.instances); ++p) {
    Rng rng(ctx.seed + p);
    const Mat<T> M = random_matrix(p, p, rng);
    const auto w = lae::loss_weights<T>(lae::LossKind::ordered, p);
    auto trunc = [p](int i) {  // I_{i;p}, 1-based i
      Mat<T> I = Mat<T>::Zero(p, p);
      for (int k = 0; k < i; ++k) I(k, k) = 1;
      return I;
    };
    Mat<T> sandwich = Mat<T>::Zero(p, p), sum = Mat<T>::Zero(p, p), kron_sum = Mat<T>::Zero(p * p, p * p);
    for (int i = 1; i <= p; ++i) {
      const Mat<T> Ii = trunc(i);
      sandwich += Ii * M * Ii;
      sum += Ii;
      for (int a = 0; a < p; ++a)
        for (int b = 0; b < p; ++b) kron_sum.block(a * p, b * p, p, p) += Ii(a, b) * Ii;
    }
    const T tol = route_tolerance<T>() * (1 + M.cwiseAbs().maxCoeff()) * p;
    out.close("sandwich p=" + std::to_string(p), T((sandwich - M.cwiseProduct(w.S)).cwiseAbs().maxCoeff()), tol);
    out.close("T_p p=" + std::to_string(p), T((sum - Mat<T>(w.w.asDiagonal())).cwiseAbs().maxCoeff()), tol);
    for (int k = 0; k < p; ++k) {
      Mat<T> suffix = Mat<T>::Zero(p, p);
      for (int i = k + 1; i <= p; ++i) suffix += trunc(i);
      out.close("D_k", T((suffix - w.D(k)).cwiseAbs().maxCoeff()), tol);
    }
    Vec<T> vecS(p * p);
    for (int j = 0; j < p * p; ++j) vecS(j) = w.S(j % p, j / p);
    out.close("Kronecker sum", T((kron_sum - Mat<T>(vecS.asDiagonal())).cwiseAbs().maxCoeff()), tol);
    out.count_instance();
  }
}
