// SA-6: unit-norm tight frames for r > 1 (docs/sign.md §2.2). The frames come from
// sign/frames.cpp (§2.2 construction, over-relaxed); R*(B̄_TF) is evaluated in
// double by the lean Cholesky route (its rounding, ≈ 1e−13, is far below the
// excesses ≈ 1e−4 that are compared).
#include "sign/frames.hpp"
#include "sign_instances.hpp"

#include <cmath>

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

AEL_CLAIM("SA-6", "[derived]", "Tight frames, r in {1.5, 2}: R*(B_TF) - R_TF(r) > 0, log-log slope in d in {200, 400, 800} within 0.1 of -1; R_TF(1) = R_Gauss(1)") {
  out.close("R_TF(1) = R_Gauss(1)", T(r_tight_frame<T>(T(1)) - r_gauss<T>(T(1))), route_tolerance<T>());
  if (ctx.certify)
    out.not_proved("R*(B_TF) at d = 200..800 would need ball Cholesky solves of order 300..1600; the excesses are evaluated "
                   "in double and the slope is a least-squares fit (a measurement)");
  const int ds[] = {200, 400, 800};
  // Declared slope tolerance: the 1/d² corrections and the frame-to-frame
  // fluctuation of excess·d (observed < 1% between sizes) move the three-point
  // slope by far less than 0.1.
  const double slope_tol = 0.1, excess_floor = 1e-10;
  for (const double r : {1.5, 2.0}) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0, previous = 0;
    for (const int d : ds) {
      const TightFrame tf = tight_frame(static_cast<int>(r * d), d, ctx.seed + d);
      const double excess = gaussian_optimal_risk(tf.B) - to_double(r_tight_frame<T>(T(r)));
      const std::string tag = "r=" + std::to_string(r).substr(0, 3) + " d=" + std::to_string(d);
      // Recomputed here by a plain product (the construction stops at 1e-14 by its own measure).
      const Mat<double> F = tf.B.transpose() * tf.B - r * Mat<double>::Identity(d, d);
      out.close("frame " + tag + " (" + std::to_string(tf.iterations) + " rounds): B'B = rI", T(F.cwiseAbs().maxCoeff() / r), T(1e-13));
      out.close("frame " + tag + ": unit rows", T((tf.B.rowwise().norm().array() - 1).abs().maxCoeff()), T(1e-13));
      out.at_least("R*(B_TF) - R_TF > 0, " + tag + ", excess*d = " + to_decimal(T(excess * d), 4), T(excess), T(excess_floor));
      if (previous > 0) out.at_least("excess shrinks from d/2 to d, " + tag, T(previous - excess), T(excess_floor));
      previous = excess;
      const double x = std::log(double(d)), y = std::log(std::max(excess, excess_floor));
      sx += x, sy += y, sxx += x * x, sxy += x * y;
    }
    const double k = 3, slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
    out.close("log-log slope + 1, r=" + std::to_string(r).substr(0, 3) + " (slope " + to_decimal(T(slope), 4) + ")", T(slope + 1), T(slope_tol));
    out.count_instance();
  }
}
