// SC-1: the per-sample gradient of the tied ReLU autoencoder (docs/sparse.md §2.3).
// Route: Richardson [4D(s) − D(2s)]/3 of central differences of the loss,
// exact for the degree-4 polynomial L(W + tΔ) on a fixed active set, in
// multiprecision; and the row form against the matrix form.
#include "claim.hpp"
#include "core/random_matrix.hpp"
#include "core/rng.hpp"
#include "sparse/model.hpp"
#include "sparse_certified.hpp"

#include <optional>

namespace {
using ael::Mat;
using ael::mp_real;
using ael::rational;
using ael::Vec;

// --certify (docs/sparse.md "Certified SC routes", SC-1): one rational instance (the doubles of a seeded draw,
// exactly). On a fixed active set L(W + tΔ) is a polynomial of degree 4 in t, so the
// central difference is D(s) = c1 + c3 s² and the Richardson combination (4D(s) − D(2s))/3
// equals c1 = <∇L, Δ> exactly, provided no unit changes sign for |t| ≤ 2s. u_j(t) = u_j(0) +
// t Δ_j·y is linear, so that holds iff |u_j(0)| > 2s |Δ_j·y| for every j: decided in Q, and s
// is halved until it holds. Then all three routes are compared for equality in Q.
void exact_instance(const ael::checks::Context& ctx, ael::checks::Outcome& out, int inst) {
  using namespace ael::sparse;
  namespace sc = ael::checks::sparse_checks;
  const char* const route = "exact: Richardson differences of L in Q at a step certified inside one polynomial piece";
  ael::Rng rng(ctx.seed * 103 + static_cast<std::uint64_t>(inst));
  const int n = 3 + inst % 3, h = 2 * n;
  const Mat<rational> W = ael::gaussian_matrix<double>(rng, h, n, 0.5).cast<rational>(),
                      Delta = ael::gaussian_matrix<double>(rng, h, n, 1.0).cast<rational>();
  const Vec<rational> eps = ael::gaussian_matrix<double>(rng, h, 1, 0.3).col(0).cast<rational>(),
                      y = ael::gaussian_matrix<double>(rng, n, 1, 1.0).col(0).cast<rational>();
  const Vec<rational> u = forward(W, eps, y).u, slope = Delta * y;
  auto inside = [&](const rational& s) {
    for (Eigen::Index j = 0; j < u.size(); ++j)
      if (!(abs(u(j)) > rational(2) * s * abs(slope(j)))) return false;
    return true;
  };
  rational step(1, 1024);
  for (int halvings = 0; halvings < 200 && !inside(step); ++halvings) step /= 2;
  const std::string tag = ", rational instance n=" + std::to_string(n);
  sc::exact(ctx, out, "no unit at its kink and [-2s, 2s] inside one piece" + tag, inside(step), route);
  auto L = [&](const rational& t) { return sample_loss<rational>(Mat<rational>(W + t * Delta), eps, y); };
  auto D = [&](const rational& s) { return (L(s) - L(-s)) / (rational(2) * s); };
  const Mat<rational> G = gradient_matrix(W, eps, y);
  sc::exact(ctx, out, "Richardson = matrix form" + tag, (rational(4) * D(step) - D(rational(2) * step)) / rational(3) == G.cwiseProduct(Delta).sum(),
            route);
  bool rows = true;
  for (int i = 0; i < h; ++i) rows = rows && row_gradient(W, eps, y, i) == Mat<rational>(G.row(i).transpose());
  sc::exact(ctx, out, "row form = matrix form" + tag, rows, route);
}
}  // namespace

AEL_CLAIM("SC-1", "[derived]", "Per-sample gradient: row form = matrix form = exact Richardson differences of L") {
  using namespace ael::sparse;
  using T = mp_real;
  for (int inst = 0; inst < ctx.instances; ++inst) {
    // --certify: the exact route decides; the MPFR comparisons below become cross-checks.
    std::optional<ael::checks::CrossCheck> cross;
    if (ctx.certify) exact_instance(ctx, out, inst), cross.emplace(out);
    ael::Rng rng(ctx.seed * 101 + static_cast<std::uint64_t>(inst));
    const int n = 3 + inst % 3, h = 2 * n;
    Mat<T> W, Delta;
    Vec<T> eps, y;
    T kink_distance(0);
    // Draw until every unit is at least 1e-3 from its kink (L is smooth there).
    for (int attempt = 0; attempt < 100 && kink_distance < T(1e-3); ++attempt) {
      W = ael::gaussian_matrix<mp_real>(rng, h, n, 0.5);
      eps = ael::gaussian_matrix<mp_real>(rng, h, 1, 0.3).col(0);
      y = ael::gaussian_matrix<mp_real>(rng, n, 1, 1.0).col(0);
      kink_distance = forward(W, eps, y).u.cwiseAbs().minCoeff();
    }
    out.require("instance away from kinks", kink_distance >= T(1e-3));
    Delta = ael::gaussian_matrix<mp_real>(rng, h, n, 1.0);
    const T step = T(1) / T(1 << 30);
    auto L = [&](const T& t) { return sample_loss<T>(Mat<T>(W + t * Delta), eps, y); };
    auto D = [&](const T& s) { return (L(s) - L(-s)) / (T(2) * s); };
    const T richardson = (T(4) * D(step) - D(T(2) * step)) / T(3);
    const Mat<T> G = gradient_matrix(W, eps, y);
    const T analytic = G.cwiseProduct(Delta).sum();
    const T scale = L(T(0)) + T(1);
    out.close("Richardson vs matrix form, n=" + std::to_string(n), T(abs(richardson - analytic)),
              ael::checks::route_tolerance<T>() * scale * Delta.norm() / step);
    T worst(0);
    for (int i = 0; i < h; ++i) worst = std::max(worst, T((row_gradient(W, eps, y, i) - G.row(i).transpose()).cwiseAbs().maxCoeff()));
    out.close("row form vs matrix form", worst, ael::checks::route_tolerance<T>() * scale);
    out.count_instance();
  }
}
