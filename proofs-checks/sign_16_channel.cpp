// SA-16, SA-17: the effective scalar channel of a Haar sign code (docs/sign.md §3.1)
// and the Bayes denoiser applied to it (§3.2), by direct simulation
// (sign/channel.hpp) at d = 500 and 4d = 2000, r = 1/2, p = 0.1. Standard
// errors come from the spread between groups of signals. The finite-size
// rule is the one of sign_finite_size.hpp.
#include "sign/channel.hpp"
#include "sign/denoiser.hpp"
#include "sign_finite_size.hpp"

#include <map>

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

namespace {
constexpr int kSmallD = 500, kLargeD = 2000;
// Signals (groups × signals per group) at each size: enough to resolve the
// O(1/(p d)) excess of the noise variance at d = 500 (≈ 3(1−p)/(4pd) = 0.0135)
// and the denoiser's at d = 500 (≈ 0.01). Encoders: 40 at d = 500, 2 at
// d = 2000 (the QR costs ≈ 4 s each); SEs are conditional on them.
constexpr int kSmallGroups = 80, kSmallPerGroup = 120, kSmallEncoders = 40;
constexpr int kLargeGroups = 48, kLargePerGroup = 20, kLargeEncoders = 2;

struct Runs {
  DecoderSim small, large;
};

// SA-16 and SA-17 share the two simulations (one per seed).
const Runs& runs(std::uint64_t seed) {
  static std::map<std::uint64_t, Runs> cache;
  auto it = cache.find(seed);
  if (it != cache.end()) return it->second;
  auto make = [seed](int d, int groups, int per_group, int encoders) {
    DecoderSimOptions o;
    o.d = d, o.n = static_cast<int>(kSimRate * d), o.p = kSimP, o.layers = 0;
    o.groups = groups, o.signals_per_group = per_group, o.encoders = encoders, o.seed = block_seed(seed, 1600 + d);
    return simulate_decoder(o);
  };
  return cache[seed] = Runs{make(kSmallD, kSmallGroups, kSmallPerGroup, kSmallEncoders),
                            make(kLargeD, kLargeGroups, kLargePerGroup, kLargeEncoders)};
}

SizedEstimate sized(const DecoderSim& sim, const McEstimate& e, double limit) { return {sim.options.d, e.mean - limit, e.se}; }
}  // namespace

AEL_CLAIM("SA-16", "[derived]", "Effective channel (r = 1/2, p = 0.1; d = 500: 9600 signals, 40 Haar encoders; d = 2000: 960 signals, 2 encoders): e = y - x has mean 0, variance pi/(2r) - 1, excess kurtosis 0, corr(e, x) = corr(e^2, |x|) = 0 in the 1/d-extrapolated limit (4 SE); resolved deviations shrink (the variance excess must be resolved at d = 500); Var(e | x_j = 0 or != 0) held to the same rule") {
  out.statistical();  // its agreements are Monte-Carlo estimates within kSigmas standard errors
  const Runs& run = runs(ctx.seed);
  const ChannelStats a = channel_statistics(run.small), b = channel_statistics(run.large);
  const double s2 = channel_noise<double>(kSimRate);
  finite_size_rule(out, "noise variance - (pi/(2r) - 1)", sized(run.small, a.variance, s2), sized(run.large, b.variance, s2), true);
  finite_size_rule(out, "mean of e", sized(run.small, a.mean, 0), sized(run.large, b.mean, 0), false);
  finite_size_rule(out, "excess kurtosis of e", sized(run.small, a.excess_kurtosis, 0), sized(run.large, b.excess_kurtosis, 0), false);
  finite_size_rule(out, "corr(e, x)", sized(run.small, a.corr_e_x, 0), sized(run.large, b.corr_e_x, 0), false);
  finite_size_rule(out, "corr(e^2, |x|)", sized(run.small, a.corr_e2_abs_x, 0), sized(run.large, b.corr_e2_abs_x, 0), false);
  // Small p: the noise seen by x_j = 0 and by x_j != 0 differs at finite d.
  finite_size_rule(out, "Var(e | x_j = 0) - (pi/(2r) - 1)", sized(run.small, a.variance_x_zero, s2), sized(run.large, b.variance_x_zero, s2),
                   false);
  finite_size_rule(out, "Var(e | x_j != 0) - (pi/(2r) - 1)", sized(run.small, a.variance_x_nonzero, s2),
                   sized(run.large, b.variance_x_nonzero, s2), false);
  out.count_instance();
}

AEL_CLAIM("SA-17", "[derived]", "Denoiser in simulation (runs of SA-16): MSE of f(y) minus R_den (paired with the exact scalar channel) has a 1/d-extrapolated limit 0 within 4 SE, is resolved at d = 500 and shrinks by 2000 (rule of sign_finite_size.hpp); same rule for the unpaired MSE - R_den") {
  out.statistical();  // its agreements are Monte-Carlo estimates within kSigmas standard errors
  const Runs& run = runs(ctx.seed);
  const double r_den = denoiser_risk<double>(kSimP, kSimRate, 1e-12).value;
  // Paired: MSE(f(y)) − MSE(f(x + σw)) with the same x has mean E MSE − R_den
  // exactly (the scalar channel's MSE is R_den at every d).
  auto paired = [](const DecoderSim& s) { return paired_difference(s, DecoderSums::denoiser_sq, DecoderSums::scalar_sq); };
  finite_size_rule(out, "MSE(f(y)) - R_den (paired)", sized(run.small, paired(run.small), 0), sized(run.large, paired(run.large), 0), true);
  // Unpaired, against the quadrature value directly.
  auto unpaired = [](const DecoderSim& s) { return coordinate_mean(s, DecoderSums::denoiser_sq); };
  finite_size_rule(out, "MSE(f(y)) - R_den (unpaired, R_den = " + to_decimal(r_den, 6) + ")", sized(run.small, unpaired(run.small), r_den),
                   sized(run.large, unpaired(run.large), r_den), false);
  out.count_instance();
}
