// Proof-check framework. A claim of a spec (LAE-n, SC-n, SA-n) is a small
// object: ID, provenance tag, one-line statement and a check that runs seeded
// instances and records every comparison with its numeric margin. A claim is
// PASS only if every recorded comparison held; margins are reported in decades
// (log10 of tolerance/error), so "12.3" means twelve orders of magnitude to spare.
#pragma once

#include "core/scalar.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ael::checks {

struct Context {
  int digits = 30;       // printed digits; multiprecision checks run at digits + guard
  int instances = 4;     // random instances per claim
  std::uint64_t seed = 1;
  bool certify = false;  // also run the proved routes (exact / ball) where a claim has one
};

// Levels of evidence (docs/certification.md §1), strongest first.
enum class Evidence { proved_exact, proved_ball, pass_tolerance, pass_statistical };
const char* evidence_name(Evidence e);  // "proved-exact", …

class Outcome {
 public:
  // |error| ≤ tolerance.
  void close(const std::string& what, const mp_real& error, const mp_real& tolerance);
  // value ≥ bound > 0 (e.g. a gradient that must NOT vanish, an eigenvalue outside the zero band).
  void at_least(const std::string& what, const mp_real& value, const mp_real& bound);
  // An exact statement (counts, signs) with no numeric slack.
  void require(const std::string& what, bool holds);
  // A decision made by a proved route (level proved_exact or proved_ball): the
  // statement holds for the exact instance, decided by exact or ball arithmetic.
  void proved(const std::string& what, bool holds, Evidence level, const std::string& route);
  // A proved route could not decide (a ball contains 0): the claim stays at its
  // measured level, and the reason is reported with the route.
  void not_proved(const std::string& reason);
  // The claim's tolerance comparisons are k-standard-error Monte-Carlo agreements.
  void statistical() { statistical_ = true; }
  // The claim's level: the weakest level among its deciding comparisons. While a
  // CrossCheck is alive, comparisons still count for PASS/FAIL but do not decide
  // the level (they are independent cross-checks of a proved route).
  Evidence level() const;
  const std::string& route() const { return route_; }
  void count_instance() { ++instances_; }
  void skip(const std::string& reason) { skipped_ = reason; }

  bool passed() const { return failures_.empty() && skipped_.empty() && comparisons_ > 0; }
  bool skipped() const { return !skipped_.empty(); }
  const std::string& skip_reason() const { return skipped_; }
  int instances() const { return instances_; }
  int comparisons() const { return comparisons_; }
  double worst_margin() const { return worst_margin_; }  // decades; +inf if only exact statements
  const std::string& worst_what() const { return worst_what_; }
  const std::vector<std::string>& failures() const { return failures_; }

 private:
  friend class CrossCheck;
  void record(const std::string& what, double margin, bool holds);
  int instances_ = 0, comparisons_ = 0;
  bool statistical_ = false, cross_check_ = false, any_deciding_ = false;
  Evidence weakest_ = Evidence::proved_exact;
  std::string route_;
  double worst_margin_ = 1e300;
  std::string worst_what_, skipped_;
  std::vector<std::string> failures_;
};

// Scope in which an Outcome's comparisons are cross-checks (see Outcome::level).
class CrossCheck {
 public:
  explicit CrossCheck(Outcome& o) : o_(o), saved_(o.cross_check_) { o.cross_check_ = true; }
  ~CrossCheck() { o_.cross_check_ = saved_; }
  CrossCheck(const CrossCheck&) = delete;
  CrossCheck& operator=(const CrossCheck&) = delete;

 private:
  Outcome& o_;
  bool saved_;
};

struct Claim {
  std::string id;         // "LAE-17"
  std::string tag;        // "[paper]", "[derived]" or "[paper+derived]"
  std::string statement;  // one line
  std::function<void(const Context&, Outcome&)> check;
};

std::vector<Claim>& registry();
// Claims sorted by family and number (LAE-2 before LAE-10).
std::vector<const Claim*> sorted_claims(const std::string& only_prefix = "");

struct Registrar {
  explicit Registrar(Claim claim) { registry().push_back(std::move(claim)); }
};

// Tolerance for agreement between two routes at the working precision of T:
// ε_w·10^10, i.e. 10^-(working digits − 10).
template <class T> T route_tolerance() { return working_epsilon<T>() * T(1e10); }

}  // namespace ael::checks

#define AEL_CLAIM_CONCAT2(a, b) a##b
#define AEL_CLAIM_CONCAT(a, b) AEL_CLAIM_CONCAT2(a, b)
// AEL_CLAIM("LAE-1", "[derived]", "statement") { ...body using ctx and out... }
#define AEL_CLAIM(ID, TAG, STATEMENT)                                                                     \
  static void AEL_CLAIM_CONCAT(claim_body_, __LINE__)(const ::ael::checks::Context&, ::ael::checks::Outcome&); \
  static ::ael::checks::Registrar AEL_CLAIM_CONCAT(claim_registrar_, __LINE__){                           \
      ::ael::checks::Claim{ID, TAG, STATEMENT, &AEL_CLAIM_CONCAT(claim_body_, __LINE__)}};                \
  static void AEL_CLAIM_CONCAT(claim_body_, __LINE__)(const ::ael::checks::Context& ctx, ::ael::checks::Outcome& out)
