// SA-25b: row-scaling invariance by a route that never normalises rows
// (docs/sign.md, Invariances; docs/certification.md §6). SA-25's
// closed-form comparison sends B and S·B through the same row normalisation,
// so it cannot fail on its own. Here the network x̂ = A* sign(S B x) is run on
// samples with the *unnormalised* S·B (codes computed directly), A* = A*(B)
// from the closed form at B, and its Monte-Carlo MSE is compared with the
// closed form R*(B): pass-statistical, within kSigmas standard errors.
#include "sign/encoder.hpp"
#include "sign/simulate.hpp"
#include "sign_instances.hpp"

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

AEL_CLAIM("SA-25b", "[derived]", "Row scaling, unnormalised route (pass-statistical, 4 SE): Monte-Carlo MSE of A*(B) sign(S B x) with S B never normalised equals the closed form R*(B), Gaussian and BG data, all sign0") {
  const char* ps[] = {"0.3", "0.8"};
  for (int i = 0; i < ctx.instances; ++i) {
    Rng rng(ctx.seed * 7919 + 2525 + i);
    const int d = 4 + i % 3, n = 2 + i % 3;
    const Mat<double> Bd = gaussian_matrix(rng, n, d);
    Mat<double> SBd = Bd;
    for (int k = 0; k < n; ++k) SBd.row(k) *= std::exp(3 * (2 * rng.uniform() - 1));  // e^{±3}, never normalised
    const Mat<T> B = cast<T>(Bd);
    const std::string tag = " n=" + std::to_string(n) + " d=" + std::to_string(d);
    for (Sign0 s : {Sign0::zero, Sign0::plus, Sign0::random}) {
      const OptimalDecoder<T> g = optimal_decoder<T>(gaussian_moments<T>(B));
      const McEstimate mg = mc_risk(cast_double(g.A), SBd, DataLaw{}, s, 100000, ctx.seed + 131 * i + 7);
      within_se(out, std::string("Gaussian: MC risk with S B vs R*(B), sign0=") + sign0_name(s) + tag, mg.mean, mg.se, g.risk);
      const T p = parse_scalar<T>(ps[i % 2]);
      const OptimalDecoder<T> b = optimal_decoder<T>(enumerated_bg_moments<T>(B, p, s));
      const McEstimate mb = mc_risk(cast_double(b.A), SBd, DataLaw(to_double(p)), s, 100000, ctx.seed + 131 * i + 11);
      within_se(out, std::string("BG: MC risk with S B vs R*(B), sign0=") + sign0_name(s) + " p=" + ps[i % 2] + tag, mb.mean, mb.se,
                b.risk);
    }
    out.count_instance();
  }
}
