#include "core/meta.hpp"

#include "core/scalar.hpp"

#include <Eigen/Core>
#include <boost/version.hpp>
#include <mpfr.h>

#ifndef AEL_VERSION
#define AEL_VERSION "0.0.0"
#endif
#ifndef AEL_COMMIT
#define AEL_COMMIT "unknown"
#endif

namespace ael {

std::string version_string() { return AEL_VERSION; }

Json run_metadata(const RunInfo& info) {
  Json m;
  m["program"] = "aelandscape";
  m["version"] = AEL_VERSION;
  m["commit"] = AEL_COMMIT;
  m["command_line"] = info.command_line;
  m["seed"] = info.seed ? Json(std::to_string(*info.seed)) : Json(nullptr);
  m["scalar"] = info.scalar;
  if (info.scalar == "mpfr") {
    m["digits"] = info.digits;
    m["working_digits"] = info.digits + kGuardDigits;
    m["working_bits"] = static_cast<int>(mpfr_get_prec(mp_real(0).backend().data()));
  } else {
    m["digits"] = 17;
    m["working_bits"] = 53;
  }
  m["versions"] = {{"boost", BOOST_LIB_VERSION},
                   {"eigen", std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." +
                                 std::to_string(EIGEN_MINOR_VERSION)},
                   {"mpfr", MPFR_VERSION_STRING}};
  return m;
}

}  // namespace ael
