// SA-24: mask-averaged population SGD on BG data (docs/sign.md §5.3) ends near
// R_Gauss with dense rows and does not exploit sparsity. Finite-size rule of
// docs/sign.md §7: the deviations must shrink from d to 4d. The trained (A, B) is
// scored by an independent Monte Carlo on actual samples (declared sign0).
#include "sign/bg_train.hpp"
#include "sign/denoiser.hpp"
#include "sign/simulate.hpp"
#include "sign_instances.hpp"

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

namespace {
struct Run {
  McEstimate mc;
  Shape shape;
};

Run train_and_score(int d, double p, std::uint64_t seed) {
  BgTrainOptions o;
  o.d = d, o.n = d / 2, o.p = p, o.sign0 = Sign0::plus, o.steps = 1500, o.masks = 32, o.seed = seed;
  o.trace_every = o.steps;
  const BgTrainResult res = train_bg(o);
  return {mc_risk(res.A, res.B, DataLaw{p}, o.sign0, 100000, block_seed(seed, 2)), shape_of(res.B)};
}
}  // namespace

AEL_CLAIM("SA-24", "[paper]", "GD on BG data (5.3, r = 1/2, p = 0.2, plus): dense rows, loss -> R_Gauss and frame error -> 0 from d = 20 to 80, loss far above R_den") {
  out.statistical();  // its agreements are Monte-Carlo estimates within kSigmas standard errors
  const double p = 0.2, r = 0.5, rg = r_gauss<double>(r);
  const double r_den = denoiser_risk<double>(p, r, 1e-10).value;
  const Run small = train_and_score(20, p, ctx.seed), large = train_and_score(80, p, ctx.seed);
  const double se = std::sqrt(small.mc.se * small.mc.se + large.mc.se * large.mc.se);
  const double dev_small = std::abs(small.mc.mean - rg), dev_large = std::abs(large.mc.mean - rg);
  out.at_least("|R_GD - R_Gauss| shrinks from d = 20 to d = 80 (by more than 4 SE): " + to_decimal(dev_small, 3) + " -> " + to_decimal(dev_large, 3),
               T(dev_small - dev_large), T(kSigmas * se));
  out.require("frame error ||BB' - I|| shrinks from d = 20 to 80: " + to_decimal(small.shape.frame_error, 3) + " -> " + to_decimal(large.shape.frame_error, 3),
              large.shape.frame_error < small.shape.frame_error);
  for (const auto* run : {&small, &large}) {
    const int d = run == &small ? 20 : 80;
    const std::string tag = " (d = " + std::to_string(d) + ")";
    out.require("dense rows: mean IPR " + to_decimal(run->shape.mean_ipr, 3) + " < 10/d" + tag, run->shape.mean_ipr < 10.0 / d);
    out.require("dense rows: max row peak " + to_decimal(run->shape.max_peak, 3) + " < 1/2" + tag, run->shape.max_peak < 0.5);
    // Not exploiting sparsity: the loss stays in the upper half of [R_den, R_Gauss] or above.
    out.at_least("R_GD - (R_Gauss + R_den)/2 > 4 SE" + tag, T(run->mc.mean - (rg + r_den) / 2), T(kSigmas * run->mc.se));
  }
  out.count_instance();
}
