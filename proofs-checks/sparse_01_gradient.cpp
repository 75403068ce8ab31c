// SC-1: the per-sample gradient of the tied ReLU autoencoder (docs/sparse.md §2.3).
// Route: Richardson [4D(s) − D(2s)]/3 of central differences of the loss,
// exact for the degree-4 polynomial L(W + tΔ) on a fixed active set, in
// multiprecision; and the row form against the matrix form.
#include "claim.hpp"
#include "core/random_matrix.hpp"
#include "core/rng.hpp"
#include "sparse/model.hpp"

namespace {
using ael::Mat;
using ael::mp_real;
using ael::Vec;

}  // namespace

AEL_CLAIM("SC-1", "[derived]", "Per-sample gradient: row form = matrix form = exact Richardson differences of L") {
  using namespace ael::sparse;
  using T = mp_real;
  for (int inst = 0; inst < ctx.instances; ++inst) {
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
