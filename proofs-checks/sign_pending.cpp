// SA claims whose checks need double-precision simulators that are not built
// yet (Haar/tight-frame constructions, a §5.4 trainer, GVAMP simulation).
// Listed so the report shows the whole spec; reported as SKIP, never PASS.
#include "claim.hpp"

#define AEL_SIGN_PENDING(ID, TAG, STATEMENT, REASON) \
  AEL_CLAIM(ID, TAG, STATEMENT) {                    \
    (void)ctx;                                       \
    out.skip(REASON);                                \
  }

