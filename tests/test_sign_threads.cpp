// Issue #14 items 11, 13, 20, 21: worker pools, divergence of the sign
// trainers, memory estimates and the progress heartbeat.
#include <doctest/doctest.h>

#include "core/progress.hpp"
#include "core/errors.hpp"
#include "core/resources.hpp"
#include "sign/bg_train.hpp"
#include "sign/train.hpp"

#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

TEST_SUITE("sign") {
  TEST_CASE("run_workers runs every worker once and rethrows a worker's exception") {
    std::vector<std::atomic<int>> calls(7);
    ael::run_workers(7, [&](int w) { ++calls[static_cast<size_t>(w)]; });
    for (auto& c : calls) CHECK(c.load() == 1);
    CHECK_THROWS_WITH_AS(ael::run_workers(4, [](int w) {
                           if (w == 2) throw std::invalid_argument("worker 2 failed");
                         }),
                         "worker 2 failed", std::invalid_argument);
    // Before the fix a bad_alloc in a worker thread called std::terminate.
    CHECK_THROWS_AS(ael::run_workers(3, [](int w) {
                      if (w == 1) throw std::bad_alloc();
                    }),
                    std::bad_alloc);
  }

  TEST_CASE("thread counts outside 1..kMaxThreads are refused by name") {
    // The library names the parameter; the command line prints it as --threads (cli_hardening_other.sh).
    CHECK_THROWS_WITH_AS(ael::check_thread_count(0), "threads must be between 1 and 256 (got 0)", ael::ParameterError);
    CHECK_THROWS_AS(ael::check_thread_count(ael::kMaxThreads + 1), std::invalid_argument);
    CHECK_NOTHROW(ael::check_thread_count(ael::kMaxThreads));
    CHECK_THROWS_AS(ael::run_workers(ael::kMaxThreads + 1, [](int) {}), std::invalid_argument);
  }

  TEST_CASE("check_memory refuses sizes beyond the machine with the size in the message") {
    CHECK_NOTHROW(ael::check_memory(1e6, "a small table"));
    try {
      ael::check_memory(3.2e11, "the n x n Gram matrix");
      FAIL("3.2e11 bytes accepted");
    } catch (const std::invalid_argument& e) {
      CHECK(std::string(e.what()).find("the n x n Gram matrix needs at least 320 GB") == 0);
    }
    CHECK_THROWS_AS(ael::check_memory(std::numeric_limits<double>::quiet_NaN(), "NaN bytes"), std::invalid_argument);
    CHECK(ael::byte_size(1500) == "1.5 kB");
    CHECK(ael::byte_size(12) == "12 bytes");
  }

  TEST_CASE("heartbeat reports the stage to the installed reporter only") {
    std::vector<std::string> seen;
    ael::heartbeat("before install", 1, 2);  // no reporter: nothing
    ael::install_heartbeat([&](const std::string& stage, double seconds) {
      CHECK(seconds >= 0);
      seen.push_back(stage);
    }, 0);
    ael::heartbeat("layer", 3, 10);
    ael::heartbeat("quadrature");
    ael::install_heartbeat(nullptr);
    ael::heartbeat("after uninstall");
    CHECK(seen == std::vector<std::string>{"layer 3/10", "quadrature"});
  }

  TEST_CASE("sign trainers stop with an error when the iteration diverges") {
    ael::sign::TrainOptions o;
    o.d = 10, o.n = 5, o.max_steps = 20, o.trace_every = 5;
    CHECK_NOTHROW(ael::sign::train_gaussian(o));  // the default step 0.5 d/n is stable
    o.eta = o.eta_A = 1e6;                        // issue #14 item 13: risk 8e222 reported as a result
    CHECK_THROWS_WITH_AS(ael::sign::train_gaussian(o), doctest::Contains("training diverged"), std::runtime_error);

    ael::sign::BgTrainOptions b;
    b.d = 10, b.n = 5, b.p = 0.5, b.steps = 20, b.masks = 8, b.eta = b.eta_A = 1e6;
    CHECK_THROWS_WITH_AS(ael::sign::train_bg(b), doctest::Contains("training diverged"), std::runtime_error);
  }

  TEST_CASE("check_not_diverged: non-finite values and a blow-up beyond kBlowUp x the start") {
    using ael::sign::check_not_diverged;
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    CHECK_NOTHROW(check_not_diverged(3, 2.0, 1.0, 1.5, 1, 1));
    CHECK_NOTHROW(check_not_diverged(3, 0.9e6, 1.0, 0.5, 1, 1));  // below 1e6 x max(1, initial risk)
    CHECK_THROWS_AS(check_not_diverged(3, 1.1e6, 1.0, 0.5, 1, 1), std::runtime_error);
    CHECK_THROWS_AS(check_not_diverged(3, nan, 1.0, 1.0, 1, 1), std::runtime_error);
    CHECK_THROWS_AS(check_not_diverged(3, 1.0, inf, 1.0, 1, 1), std::runtime_error);
  }
}
