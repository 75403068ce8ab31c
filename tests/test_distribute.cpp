// core/distribute: work items in item order for any thread count, exact result
// encoding, checkpoints (resume, torn tail, refusal naming the option). The
// rank checks (mpirun -n 1/2/3) are tests/cli_mpi.sh.
#include "core/distribute.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

using namespace ael;

namespace {
std::string temp_path(const char* name) { return "/tmp/ael_test_distribute_" + std::to_string(::getpid()) + "_" + name; }
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
// The item function of the tests: a result with spaces, a newline and a backslash.
std::string item_text(long i) { return "item " + std::to_string(i * i) + "\n\\ end"; }
SweepCheckpoint checkpoint_at(const std::string& path, const std::string& seed) {
  return SweepCheckpoint{path, "test sweep", {{"--seed", seed}, {"--n", "(default)"}}};
}
}  // namespace

TEST_SUITE("distribute") {
  TEST_CASE("item encoding is exact for every double and any string") {
    const double values[] = {0.1, -0.0, 5e-324, std::numeric_limits<double>::max(), -std::numeric_limits<double>::infinity(),
                             1.0 / 3.0};
    ItemWriter w;
    for (double x : values) w.put(x);
    w.put(-42L).put(std::string("a b:c\n\\ 12:")).put(std::string());
    ItemReader in(w.str());
    for (double x : values) {
      const double y = in.get_double();
      CHECK(std::signbit(y) == std::signbit(x));
      CHECK(y == x);
    }
    CHECK(in.get_long() == -42);
    CHECK(in.get_string() == "a b:c\n\\ 12:");
    CHECK(in.get_string().empty());
    CHECK_THROWS_AS(in.get_long(), std::runtime_error);
  }

  TEST_CASE("results come back in item order for any thread count") {
    for (int threads : {1, 2, 5}) {
      SweepSettings s;
      s.threads = threads;
      long last_done = 0;
      s.progress = [&](long done, long total) {
        CHECK(total == 37);
        CHECK(done > last_done);
        last_done = done;
      };
      const auto r = run_items(37, [](long i, int) { return item_text(i); }, s);
      REQUIRE(r.size() == 37);
      for (long i = 0; i < 37; ++i) CHECK(r[static_cast<size_t>(i)] == item_text(i));
      CHECK(last_done == 37);
    }
    CHECK(run_items(0, [](long, int) { return std::string("x"); }, SweepSettings{}).empty());
  }

  TEST_CASE("run_on_root runs its step once and rethrows the step's own exception") {
    int calls = 0;
    run_on_root([&] { ++calls; });
    CHECK(calls == 1);
    CHECK_THROWS_AS(run_on_root([] { throw std::invalid_argument("--out x is not empty"); }), std::invalid_argument);
    CHECK_THROWS_WITH(run_on_root([] { throw std::invalid_argument("--out x is not empty"); }), "--out x is not empty");
  }

  TEST_CASE("the lowest failing item's own exception is rethrown") {
    SweepSettings s;
    s.threads = 3;
    auto item = [](long i, int) -> std::string {
      if (i == 4) throw std::invalid_argument("four");
      if (i == 5) throw std::runtime_error("five");
      return "ok";
    };
    CHECK_THROWS_WITH_AS(run_items(9, item, s), "four", std::invalid_argument);
  }

  TEST_CASE("a checkpoint resumes, skips finished items and drops a torn last line") {
    const std::string path = temp_path("ck");
    std::remove(path.c_str());
    SweepSettings s;
    s.checkpoint = checkpoint_at(path, "1");
    long computed = 0;
    auto item = [&](long i, int) {
      ++computed;
      return item_text(i);
    };
    ::setenv(kStopAfterItemsEnv, "3", 1);
    CHECK_THROWS_WITH_AS(run_items(10, item, s), "stopped after 3 of 10 work items (AEL_TEST_STOP_AFTER_ITEMS)", std::runtime_error);
    ::unsetenv(kStopAfterItemsEnv);
    CHECK(computed == 3);
    {
      std::ofstream torn(path, std::ios::app | std::ios::binary);
      torn << "item 3 0000";  // a kill during the write
    }
    computed = 0;
    const auto r = run_items(10, item, s);
    CHECK(computed == 7);
    for (long i = 0; i < 10; ++i) CHECK(r[static_cast<size_t>(i)] == item_text(i));
    const std::string text = slurp(path);
    CHECK(text.find("0000\n") == std::string::npos);
    computed = 0;
    CHECK(run_items(10, item, s) == r);
    CHECK(computed == 0);
    std::remove(path.c_str());
  }

  TEST_CASE("a checkpoint of another command line is refused, naming the option, and left alone") {
    const std::string path = temp_path("ck2");
    std::remove(path.c_str());
    SweepSettings s;
    s.checkpoint = checkpoint_at(path, "1");
    auto item = [](long i, int) { return item_text(i); };
    run_items(4, item, s);
    const std::string before = slurp(path);
    s.checkpoint = checkpoint_at(path, "2");
    CHECK_THROWS_WITH_AS(run_items(4, item, s),
                         ("checkpoint " + path +
                          ": written by a different command line (--seed is 2 here, 1 in the checkpoint): rerun with the same "
                          "options or use a new checkpoint file")
                             .c_str(),
                         std::invalid_argument);
    s.checkpoint = checkpoint_at(path, "1");
    s.checkpoint.command = "other sweep";
    CHECK_THROWS_WITH_AS(run_items(4, item, s),
                         ("checkpoint " + path + ": written by 'aelandscape test sweep', not by 'aelandscape other sweep'").c_str(),
                         std::invalid_argument);
    s.checkpoint = checkpoint_at(path, "1");
    CHECK_THROWS_AS(run_items(5, item, s), std::invalid_argument);  // another number of items
    CHECK(slurp(path) == before);
    std::remove(path.c_str());
  }
}
