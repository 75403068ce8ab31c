// SA claims whose checks need double-precision simulators that are not built
// yet (Haar/tight-frame constructions, a §5.4 trainer, GVAMP simulation).
// Listed so the report shows the whole spec; reported as SKIP, never PASS.
#include "claim.hpp"

#define AEL_SIGN_PENDING(ID, TAG, STATEMENT, REASON) \
  AEL_CLAIM(ID, TAG, STATEMENT) {                    \
    (void)ctx;                                       \
    out.skip(REASON);                                \
  }

AEL_SIGN_PENDING("SA-6", "[derived]", "Tight frames, r > 1: R*(B_TF) - R_TF(r) > 0 and decays like 1/d over d in {200, 400, 800}",
                 "needs the tight-frame construction (spec 2.2), not built yet")
AEL_SIGN_PENDING("SA-9", "[derived]", "Haar rotation on sparse data: excess over R_Gauss positive, decaying like 1/d",
                 "needs the Haar sampler and Monte Carlo at d up to 1000, not built yet")
AEL_SIGN_PENDING("SA-13", "[paper]", "GD minimizer shape switches from rotation to identity at p*",
                 "the BG trainer (5.3) covers Gaussian nonzeros only, which have no transition (p* = 1); the switch needs a "
                 "5.4 trainer for e.g. Rademacher nonzeros, not built yet (see `sign phase-transition`)")
AEL_SIGN_PENDING("SA-16", "[derived]", "Effective channel e = y - x: mean 0, variance pi/(2r) - 1, Gaussian, uncorrelated with x",
                 "needs the Haar-encoder channel simulation, not built yet")
AEL_SIGN_PENDING("SA-17", "[derived]", "Denoiser in simulation approaches R_den, deviation shrinking with d",
                 "needs the Haar-encoder channel simulation, not built yet")
AEL_SIGN_PENDING("SA-19", "[derived]", "GVAMP simulation matches state evolution layer by layer",
                 "needs the GVAMP simulator (spec 4.3), not built yet")
AEL_SIGN_PENDING("SA-25", "[derived]", "Row scaling changes neither codes nor R*; variance-p convention gives the same normalized MSE",
                 "not built yet")
AEL_SIGN_PENDING("SA-27", "[derived]", "Near-identity heuristic (report only)", "a report, not a pass/fail check; not built yet")
