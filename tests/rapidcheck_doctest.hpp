// RapidCheck inside doctest: the Debian package ships adapters for gtest and
// Catch only. A failing property reports RapidCheck's shrunk counterexample.
#pragma once

#include <doctest/doctest.h>
#include <rapidcheck.h>

#include <sstream>

namespace rc {
template <typename Testable> void doctest_check(const char* description, Testable&& testable) {
  const auto result = detail::checkTestable(std::forward<Testable>(testable));
  std::ostringstream message;
  detail::printResultMessage(result, message);
  INFO(std::string(description) << "\n" << message.str());
  CHECK_MESSAGE(result.template is<detail::SuccessResult>(), description);
}
}  // namespace rc
