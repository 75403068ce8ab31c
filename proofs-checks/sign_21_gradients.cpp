// SA-21, SA-22: exact Gaussian population gradients and gradient descent (docs/sign.md §5.2).
#include "sign/encoder.hpp"
#include "sign/gradient.hpp"
#include "sign/train.hpp"
#include "sign_instances.hpp"

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

namespace {
// R(A, B) through the independent §2.2 route: normalize rows, arcsin moments, generic risk.
T closed_risk(const Mat<T>& A, const Mat<T>& B) { return risk<T>(A, gaussian_moments<T>(B)); }

Mat<T> tangent(const Mat<T>& B, Mat<T> V) {
  for (Eigen::Index i = 0; i < B.rows(); ++i) V.row(i) -= V.row(i).dot(B.row(i)) * B.row(i);
  return V;
}
}  // namespace

AEL_CLAIM("SA-21", "[derived]", "5.2 gradients = finite differences of the closed-form R along A and along tangent curves of the spheres; orthonormal B with A = sqrt(2/pi) B' is stationary") {
  using boost::multiprecision::pow;
  const T eps = working_epsilon<T>(), h = pow(eps, T(1) / 5), fd_tol = 1000 * pow(eps, T(4) / 5);
  for (int i = 0; i < ctx.instances; ++i) {
    Rng rng(ctx.seed * 6151 + i);
    const int n = 2 + i % 3, d = 4 + i % 3;
    const Mat<T> B = normalize_rows<T>(cast<T>(gaussian_matrix(rng, n, d)));
    const Mat<T> A = cast<T>(gaussian_matrix(rng, d, n, 0.5));
    const PopulationGradient<T> g = gaussian_population_gradient<T>(A, B);
    const std::string tag = "n=" + std::to_string(n) + " d=" + std::to_string(d);
    out.close("gradient kernel risk = generic closed form, " + tag, T(g.risk - closed_risk(A, B)), route_tolerance<T>());
    // A: R is quadratic, so the central difference is exact up to rounding.
    const Mat<T> DA = cast<T>(gaussian_matrix(rng, d, n));
    const T fdA = (closed_risk(Mat<T>(A + h * DA), B) - closed_risk(Mat<T>(A - h * DA), B)) / (2 * h);
    out.close("dR/dA along a random direction, " + tag, T(fdA - g.dA.cwiseProduct(DA).sum()), T(route_tolerance<T>() / h));
    // B: along the retraction curve normalize(B + tV); Richardson-extrapolated central differences.
    const Mat<T> V = tangent(B, cast<T>(gaussian_matrix(rng, n, d)));
    auto central = [&](const T& step) {
      return (closed_risk(A, Mat<T>(B + step * V)) - closed_risk(A, Mat<T>(B - step * V))) / (2 * step);
    };
    const T fdB = (4 * central(h) - central(T(2 * h))) / 3;
    out.close("tangent dR/dB along a curve on the spheres, " + tag, T(fdB - g.dB_tangent.cwiseProduct(V).sum()), fd_tol);
    out.close("Euclidean and tangent gradients agree on tangent directions, " + tag,
              T((g.dB - g.dB_tangent).cwiseProduct(V).sum()), route_tolerance<T>());
    // Stationary point: orthonormal rows with the matched decoder.
    const Mat<T> O = orthonormal_rows<T>(rng, n, d);
    const PopulationGradient<T> s = gaussian_population_gradient<T>(Mat<T>(boost::multiprecision::sqrt(2 / pi_value<T>()) * O.transpose()), O);
    out.close("stationary: |dR/dA| at orthonormal B, " + tag, T(s.dA.norm()), route_tolerance<T>());
    out.close("stationary: |tangent dR/dB| at orthonormal B, " + tag, T(s.dB_tangent.norm()), route_tolerance<T>());
    out.count_instance();
  }
}

AEL_CLAIM("SA-22", "[paper]", "GD on Gaussian data (r <= 1) from a random start: loss -> 1 - 2r/pi (1e-10), BB' -> I, delocalized rows (KS vs N(0,1)), different limits for two seeds") {
  const int shapes[][2] = {{5, 20}, {10, 20}, {20, 20}};  // d = 20: a Haar row peak is ~0.5-0.7, an identity row 1
  for (int i = 0; i < std::min(ctx.instances, 3); ++i) {
    const int n = shapes[i][0], d = shapes[i][1];
    TrainOptions o;
    o.d = d, o.n = n, o.max_steps = 20000, o.trace_every = 1000000;
    o.seed = ctx.seed * 1009 + i;
    const TrainResult a = train_gaussian(o);
    o.seed += 1;
    const TrainResult b = train_gaussian(o);
    const double reference = r_gauss<double>(double(n) / d);
    const std::string tag = "n=" + std::to_string(n) + " d=" + std::to_string(d);
    out.close("|R - (1 - 2r/pi)| seed 1, " + tag, T(a.risk - reference), T(1e-10));
    out.close("|R - (1 - 2r/pi)| seed 2, " + tag, T(b.risk - reference), T(1e-10));
    const Shape sa = shape_of(a.B);
    out.close("|BB' - I|_op, " + tag, T(sa.frame_error), T(1e-4));
    out.close("KS of sqrt(d) B entries vs N(0,1) below the 1% critical value, " + tag, T(sa.ks_statistic),
              T(1.63 / std::sqrt(double(n) * d)));
    out.close("largest row peak well below 1 (delocalized), " + tag, T(sa.max_peak), T(0.9));
    out.at_least("two seeds give different limits |B1 - B2|_F, " + tag, T((a.B - b.B).norm()), T(0.1));
    out.count_instance();
  }
}
