#include "api/verify.hpp"

#include "claim.hpp"
#include "core/errors.hpp"
#include "core/precision.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <sstream>

namespace ael::api {

namespace {
std::string margin_text(const checks::Outcome& r) {
  if (r.skipped() || r.comparisons() == 0) return "";
  if (r.worst_margin() >= 1e299) return "exact";
  if (r.worst_margin() <= -1e299) return "violated";
  std::ostringstream os;
  os.setf(std::ios::fixed);
  os.precision(1);
  os << r.worst_margin();
  return os.str();
}

// only: an exact claim ID ("LAE-1" is LAE-1 alone, not LAE-10..19), or a
// family ("LAE", "SC", "SA"); case-insensitive.
std::vector<const checks::Claim*> selected_claims(const std::string& only) {
  auto upper = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return s;
  };
  const std::string want = upper(only);
  std::vector<const checks::Claim*> out;
  for (const auto* c : checks::sorted_claims("")) {
    const std::string id = upper(c->id);
    if (want.empty() || id == want || id.rfind(want + "-", 0) == 0) out.push_back(c);
  }
  return out;
}
}  // namespace

VerifyReport run_verify(const VerifyOptions& o, int digits, const VerifyProgress& progress) {
  if (o.instances < 1 || o.instances > 1000) throw ParameterError("instances", "@instances must be between 1 and 1000");
  const auto claims = selected_claims(o.only);
  if (claims.empty())
    throw ParameterError("only", "no claim matches @only '" + o.only + "' (give a claim ID such as LAE-1, or a family: LAE, SC, SA)");
  const PrecisionScope precision(digits);
  checks::Context ctx{digits, o.instances, o.seed, o.certify};
  VerifyReport report;
  Json rows = Json::array();
  for (size_t i = 0; i < claims.size(); ++i) {
    const auto& c = *claims[i];
    if (progress.started) progress.started(i, claims.size(), c.id);
    const auto start = std::chrono::steady_clock::now();
    checks::Outcome r;
    std::string error;
    try {
      const PrecisionScope claim_precision(digits);  // a claim that changes precision or throws cannot leak it
      c.check(ctx, r);
    } catch (const std::exception& ex) {
      error = ex.what();
    }
    const bool pass = error.empty() && r.passed();
    const std::string verdict = r.skipped() ? "SKIP" : (pass ? "PASS" : "FAIL");
    (verdict == "PASS" ? report.passed : verdict == "SKIP" ? report.skipped : report.failed)++;
    if (progress.finished) progress.finished(verdict, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    Json row;
    row["id"] = c.id;
    row["tag"] = c.tag;
    row["verdict"] = verdict;
    row["instances"] = r.instances();
    row["comparisons"] = r.comparisons();
    row["worst_margin_decades"] = margin_text(r);
    row["statement"] = c.statement;
    if (o.certify) {
      const std::string level = r.skipped() ? "skipped" : !pass ? "failed" : checks::evidence_name(r.level());
      ++report.levels[level];
      row["evidence"] = level;
      row["route"] = !r.route().empty() ? r.route()
                     : r.level() == checks::Evidence::pass_statistical
                         ? "Monte-Carlo estimates against the exact values within a multiple of their standard error (4 SE for SA claims)"
                         : "two routes compared within a tolerance";
      report.below_proved += pass && level.rfind("proved", 0) != 0 && r.level() != checks::Evidence::pass_statistical;
    }
    if (r.skipped()) row["note"] = r.skip_reason();
    if (!error.empty()) row["note"] = "error: " + error;
    if (!r.failures().empty())
      row["note"] = "failed: " + r.failures().front() + (r.failures().size() > 1 ? " (+" + std::to_string(r.failures().size() - 1) + " more)" : "");
    else if (verdict == "PASS" && margin_text(r) != "exact")
      row["note"] = "worst: " + r.worst_what();
    rows.push_back(row);
  }
  Json& doc = report.document;
  doc["command"] = "verify";
  doc["summary"] = {{"claims", static_cast<int>(claims.size())}, {"passed", report.passed}, {"failed", report.failed}, {"skipped", report.skipped}};
  if (o.certify)
    for (const char* level : {"proved-exact", "proved-ball", "pass-tolerance", "pass-statistical", "failed", "skipped"}) {
      std::string key = level;
      std::replace(key.begin(), key.end(), '-', '_');
      doc["summary"][key] = report.levels[level];
    }
  doc["margin"] = "decades: log10(tolerance/error) for agreements, log10(value/bound) for inequalities; "
                  "tolerance 10^-(working digits - 10), zero band 10^-digits * max|eigenvalue|";
  doc["claims"] = rows;
  return report;
}

}  // namespace ael::api
