// aelandscape verify: run every proof-check and print the claims report.
#include "claim.hpp"
#include "lae_exact_checks.hpp"
#include "cli/cmd_sign_common.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/io.hpp"
#include "cli/verify_table.hpp"
#include "core/precision.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <iostream>

namespace ael::cli {

namespace {
struct VerifyOptions {
  OutputOptions output;
  std::string only;
  int instances = 4;
  std::uint64_t seed = 1;
  std::string certificates;  // directory for exact certificates (lae_exact_checks.hpp)
  bool certify = false;
  std::string require;
};

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

// --only: an exact claim ID ("LAE-1" is LAE-1 alone, not LAE-10..19), or a
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

void run_verify(const VerifyOptions& o) {
  const PrecisionScope precision(o.output.digits);
  parse_format(o.output.format);
  if (o.instances < 1 || o.instances > 1000) throw std::invalid_argument("--instances must be between 1 and 1000");
  const auto claims = selected_claims(o.only);
  if (claims.empty())
    throw std::invalid_argument("no claim matches --only '" + o.only + "' (give a claim ID such as LAE-1, or a family: LAE, SC, SA)");
  if (!o.output.output.empty() && o.output.output != "-") check_writable(o.output.output);  // before minutes of checks
  if (!o.require.empty() && o.require != "proved") throw std::invalid_argument("unknown --require '" + o.require + "' (proved)");
  const bool certify = o.certify || !o.require.empty();
  checks::Context ctx{o.output.digits, o.instances, o.seed, certify};
  std::map<std::string, int> levels;
  int below_proved = 0;
  Json rows = Json::array();
  int passed = 0, failed = 0, skipped = 0;
  for (size_t i = 0; i < claims.size(); ++i) {
    const auto& c = *claims[i];
    std::cerr << "[" << i + 1 << "/" << claims.size() << "] " << c.id << " ... " << std::flush;
    const auto start = std::chrono::steady_clock::now();
    checks::Outcome r;
    std::string error;
    try {
      const PrecisionScope claim_precision(o.output.digits);  // a claim that changes precision or throws cannot leak it
      c.check(ctx, r);
    } catch (const std::exception& ex) {
      error = ex.what();
    }
    const bool pass = error.empty() && r.passed();
    const std::string verdict = r.skipped() ? "SKIP" : (pass ? "PASS" : "FAIL");
    (verdict == "PASS" ? passed : verdict == "SKIP" ? skipped : failed)++;
    std::cerr << verdict << " (" << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
              << " s)\n";
    Json row;
    row["id"] = c.id;
    row["tag"] = c.tag;
    row["verdict"] = verdict;
    row["instances"] = r.instances();
    row["comparisons"] = r.comparisons();
    row["worst_margin_decades"] = margin_text(r);
    row["statement"] = c.statement;
    if (certify) {
      const std::string level = r.skipped() ? "skipped" : !pass ? "failed" : checks::evidence_name(r.level());
      ++levels[level];
      row["evidence"] = level;
      row["route"] = !r.route().empty() ? r.route()
                     : r.level() == checks::Evidence::pass_statistical
                         ? "Monte-Carlo estimates against the exact values within a multiple of their standard error (4 SE for SA claims)"
                         : "two routes compared within a tolerance";
      below_proved += pass && level.rfind("proved", 0) != 0 && r.level() != checks::Evidence::pass_statistical;
    }
    if (r.skipped()) row["note"] = r.skip_reason();
    if (!error.empty()) row["note"] = "error: " + error;
    if (!r.failures().empty())
      row["note"] = "failed: " + r.failures().front() + (r.failures().size() > 1 ? " (+" + std::to_string(r.failures().size() - 1) + " more)" : "");
    else if (verdict == "PASS" && margin_text(r) != "exact")
      row["note"] = "worst: " + r.worst_what();
    rows.push_back(row);
  }
  if (!o.certificates.empty()) {
    const int written = checks::write_exact_certificates(o.certificates, o.seed);
    std::cerr << "wrote " << written << " exact certificates to " << o.certificates
              << " (replay: python3 proofs-checks/replay/replay.py " << o.certificates << ")\n";
  }
  Json doc;
  doc["command"] = "verify";
  doc["summary"] = {{"claims", static_cast<int>(claims.size())}, {"passed", passed}, {"failed", failed}, {"skipped", skipped}};
  if (certify)
    for (const char* level : {"proved-exact", "proved-ball", "pass-tolerance", "pass-statistical", "failed", "skipped"}) {
      std::string key = level;
      std::replace(key.begin(), key.end(), '-', '_');
      doc["summary"][key] = levels[level];
    }
  doc["margin"] = "decades: log10(tolerance/error) for agreements, log10(value/bound) for inequalities; "
                  "tolerance 10^-(working digits - 10), zero band 10^-digits * max|eigenvalue|";
  doc["claims"] = rows;
  doc["meta"] = metadata("mpfr", o.output.digits, o.seed);
  emit(parse_format(o.output.format) == Format::table ? verify_table_view(doc) : doc, o.output);
  std::cerr << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
  if (certify) std::cerr << "evidence: " << levels["proved-exact"] << " proved-exact, " << levels["proved-ball"] << " proved-ball, "
                         << levels["pass-tolerance"] << " pass-tolerance, " << levels["pass-statistical"] << " pass-statistical\n";
  if (failed > 0 || (o.require == "proved" && below_proved > 0)) throw ClaimsFailed{};
}
}  // namespace

void add_verify(CLI::App& app) {
  auto opts = std::make_shared<VerifyOptions>();
  auto* cmd = app.add_subcommand("verify", "run the proof-checks of every spec claim and print a claims report");
  opts->output.format = "table";
  opts->output.add_to(*cmd);
  cmd->add_option("--only", opts->only, "one claim by its ID (e.g. LAE-17) or one family (LAE, SC, SA)");
  cmd->add_option("--instances", opts->instances, "random instances per claim (default 4)");
  cmd->add_option("--seed", opts->seed, "seed of the instance generator")->check(seed_validator());
  cmd->add_option("--certificates", opts->certificates, "write replayable proved-exact LAE certificates into this directory");
  cmd->add_flag("--certify", opts->certify, "also run the proved (exact / ball) routes; report each claim's level of evidence");
  cmd->add_option("--require", opts->require, "proved: exit 1 when a deterministic claim is below proved-* (implies --certify)");
  cmd->callback([opts] { run_verify(*opts); });
}

}  // namespace ael::cli
