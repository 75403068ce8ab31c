// libFuzzer entry point; AEL_FUZZ_TARGET names the target (tests/fuzz/CMakeLists.txt).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ael::fuzz::run_target(AEL_FUZZ_TARGET, data, size);
  return 0;
}
