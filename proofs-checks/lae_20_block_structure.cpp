#include <optional>
#include "lae_exact_checks.hpp"
#include "lae_instances.hpp"

AEL_CLAIM("LAE-20", "[derived]",
          "At P(I,C), C diagonal, the Hessian in eigen-coordinates has zero entries between different variable groups of 7.1 (both losses)") {
  // --certify: decided exactly on seeded rational Cayley instances (docs/certification.md §7);
  // the MPFR comparisons below stay as cross-checks on random real instances.
  std::optional<ael::checks::CrossCheck> exact_cross;
  if (ctx.certify) ael::checks::decide_exactly(ctx, out, "LAE-20"), exact_cross.emplace(out);
  using namespace ael;
  for (int i = 0; i < ctx.instances; ++i) {
    auto [n, p] = shape_for(i);
    auto inst = make_lae_instance(ctx.seed + i, n, p, true);
    Rng rng(ctx.seed * 107 + i);
    lae::Moments<T> diag{Mat<T>(inst.e.lambda.asDiagonal()), Mat<T>(inst.e.lambda.asDiagonal()), inst.e.lambda.sum(), true};
    const int np = n * p;
    for (const auto& I : all_tuples(n, p)) {
      const Vec<T> c = random_scales(p, rng);
      std::vector<int> unit_of(n, -1);
      for (int k = 0; k < p; ++k) unit_of[I[k]] = k;
      Mat<T> EI = Mat<T>::Zero(n, p);
      for (int k = 0; k < p; ++k) EI(I[k], k) = 1;
      for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
        // Group of ā_{s,k} (row s, unit k) and b̄_{k,s}: inside (unit_of[s], k) resp. (k, unit_of[s]),
        // symmetrised for the ordered loss; outside (s,k) when s is unused.
        auto inside = [&](int a, int b) {
          if (kind == lae::LossKind::ordered && a > b) std::swap(a, b);
          return a * p + b;
        };
        std::vector<int> group(2 * np);
        for (int k = 0; k < p; ++k)
          for (int s = 0; s < n; ++s) {
            group[s + k * n] = unit_of[s] >= 0 ? inside(unit_of[s], k) : p * p + s * p + k;
            group[np + k + s * p] = unit_of[s] >= 0 ? inside(k, unit_of[s]) : p * p + s * p + k;
          }
        const Mat<T> H = lae::hessian_elementwise(diag, Mat<T>(EI * c.asDiagonal()),
                                                  Mat<T>(c.cwiseInverse().asDiagonal() * EI.transpose()),
                                                  lae::loss_weights<T>(kind, p));
        T worst = 0;
        for (int a = 0; a < 2 * np; ++a)
          for (int b = 0; b < 2 * np; ++b)
            if (group[a] != group[b]) worst = std::max(worst, T(abs(H(a, b))));
        out.close(std::string(lae::loss_name(kind)) + " cross-group entries at " + lae::format_index(I), worst,
                  route_tolerance<T>() * H.cwiseAbs().maxCoeff());
      }
    }
    out.count_instance();
  }
}
