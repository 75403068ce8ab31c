// The `evidence` of each manifest artifact (docs/paper.md "Evidence"): the
// level of evidence its sub-commands report (docs/certification.md §1), or,
// where a number is not a decided claim, "measured" / "n/a" with the reason.
#include "cli/paper_writer.hpp"

#include <algorithm>

namespace ael::cli {

namespace {
Json level(const std::string& level, const std::string& reason) { return {{"level", level}, {"reason", reason}}; }

bool has_arg(const SubRun& s, const std::string& arg) { return (" " + s.command + " ").find(" " + arg + " ") != std::string::npos; }
}  // namespace

Json evidence_of(const SubRun& s) {
  const Json& d = s.doc;
  const std::string command = d.contains("command") && d["command"].is_string() ? d["command"].get<std::string>() : "";
  if (d.contains("evidence") && d["evidence"].is_string()) {  // the command's own level (--certify routes)
    Json e = level(d["evidence"].get<std::string>(), "reported by the command (key \"evidence\")");
    if (d.contains("evidence_reason")) e["reason"] = "reported by the command: " + cell_text(d["evidence_reason"]);
    if (d.contains("evidence_note")) e["note"] = d["evidence_note"];
    if (command == "sign phase-transition")
      e["not_covered"] = "p_star_bisection (an MPFR cross-check of p_star, labelled estimate; p_star_ball is the proved value)";
    return e;
  }
  if (command == "verify") {
    const Json& sum = d["summary"];
    if (sum.contains("proved_exact"))
      return {{"level", "per claim"},
              {"reason", "verify --certify: the evidence column of the table, one level per claim"},
              {"counts", {{"proved-exact", sum["proved_exact"]}, {"proved-ball", sum["proved_ball"]},
                          {"pass-tolerance", sum["pass_tolerance"]}, {"pass-statistical", sum["pass_statistical"]},
                          {"failed", sum["failed"]}, {"skipped", sum["skipped"]}}}};
    return level("per claim", "verify without --certify: PASS/FAIL/SKIP per claim, no level");
  }
  if (command == "sign phase-transition" && has_arg(s, "--gd"))
    return level("measured", "gradient descent from one seed: risks are Monte-Carlo estimates printed with their standard error, "
                             "shape verdicts are observations of these runs, not decided claims");
  if (command == "lae train")
    return level("measured", "one gradient-descent run from one seed: cosines and losses are measurements of that run");
  if (command == "lae landscape")
    return level("n/a", "closed forms evaluated in MPFR (printed digits + 20 guard digits), not enclosed; 'discrepancy' is the "
                        "measured distance to the numerical Hessian spectrum (--cross-check), no tolerance is decided; "
                        "`lae spectrum --certify` proves one critical point's spectrum and inertia");
  if (command == "sign state-evolution")
    return level("n/a", "the recursion evaluated in MPFR with tanh-sinh quadrature, not enclosed; `sign state-evolution --certify` "
                        "encloses it in balls, at about 2.5 min per value of p with 6 layers (too slow for the paper's grid)");
  if (command == "sparse expected-gradient" && cell_text(d["arithmetic"]) == "rational")
    return level("proved-exact", "arithmetic: rational: the expected gradient is computed exactly (expected_gradient_norm_sq is the exact "
                                 "fraction), the window, recovery_certified and within_certified_bound are decided exactly; the norm is "
                                 "printed as its square root rounded to the printed digits");
  if (command == "sparse sweep-h")
    return level("n/a", "the exact closed form evaluated in MPFR (printed digits + 20 guard digits), not enclosed: each row's "
                        "norm_evidence and the fit's slope_evidence say estimate (`sparse sweep-h --certify` encloses the norms "
                        "and the slope in balls); recovery_certified is decided by Arb balls around the exact instance (its level "
                        "in recovery_evidence, docs/sparse.md \"Certified outputs\")");
  if (command == "sparse expected-gradient")
    return level("n/a", "the exact closed form evaluated in MPFR (printed digits + 20 guard digits), not enclosed and not compared "
                        "with a second route here (the SC claims of `aelandscape verify` check the formula); recovery_certified "
                        "is decided by Arb balls around the exact instance (its level in recovery_evidence, docs/sparse.md "
                        "\"Certified outputs\")");
  return level("n/a", "the command reports no level of evidence");
}

// One source: its evidence. Several: the common evidence if they agree, else
// {"level": "mixed", "parts": [{evidence, "commands": [indices into commands]}]}.
Json combined_evidence(const std::vector<const SubRun*>& sources) {
  if (sources.empty()) return level("n/a", "no computed number (a document or script that inputs the others)");
  Json parts = Json::array();
  for (size_t i = 0; i < sources.size(); ++i) {
    const Json e = evidence_of(*sources[i]);
    auto it = std::find_if(parts.begin(), parts.end(), [&](const Json& p) {
      Json q = p;
      q.erase("commands");
      return q == e;
    });
    if (it == parts.end()) {
      Json p = e;
      p["commands"] = Json::array();
      parts.push_back(p);
      it = parts.end() - 1;
    }
    (*it)["commands"].push_back(i);
  }
  if (parts.size() == 1) {
    parts[0].erase("commands");
    return parts[0];
  }
  return {{"level", "mixed"}, {"parts", parts}};
}

}  // namespace ael::cli
