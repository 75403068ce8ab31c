// aelandscape verify: run every proof-check and print the claims report.
#include "claim.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/verify_table.hpp"
#include "core/precision.hpp"

#include <chrono>
#include <iostream>

namespace ael::cli {

namespace {
struct VerifyOptions {
  OutputOptions output;
  std::string only;
  int instances = 4;
  std::uint64_t seed = 1;
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

void run_verify(const VerifyOptions& o) {
  const PrecisionScope precision(o.output.digits);
  parse_format(o.output.format);
  if (o.instances < 1 || o.instances > 1000) throw std::invalid_argument("--instances must be between 1 and 1000");
  const auto claims = checks::sorted_claims(o.only);
  if (claims.empty()) throw std::invalid_argument("no claim matches --only '" + o.only + "'");
  checks::Context ctx{o.output.digits, o.instances, o.seed};
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
    if (r.skipped()) row["note"] = r.skip_reason();
    if (!error.empty()) row["note"] = "error: " + error;
    if (!r.failures().empty())
      row["note"] = "failed: " + r.failures().front() + (r.failures().size() > 1 ? " (+" + std::to_string(r.failures().size() - 1) + " more)" : "");
    else if (verdict == "PASS" && margin_text(r) != "exact")
      row["note"] = "worst: " + r.worst_what();
    rows.push_back(row);
  }
  Json doc;
  doc["command"] = "verify";
  doc["summary"] = {{"claims", static_cast<int>(claims.size())}, {"passed", passed}, {"failed", failed}, {"skipped", skipped}};
  doc["margin"] = "decades: log10(tolerance/error) for agreements, log10(value/bound) for inequalities; "
                  "tolerance 10^-(working digits - 10), zero band 10^-digits * max|eigenvalue|";
  doc["claims"] = rows;
  doc["meta"] = metadata("mpfr", o.output.digits, o.seed);
  emit(parse_format(o.output.format) == Format::table ? verify_table_view(doc) : doc, o.output);
  std::cerr << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
  if (failed > 0) throw ClaimsFailed{};
}
}  // namespace

void add_verify(CLI::App& app) {
  auto opts = std::make_shared<VerifyOptions>();
  auto* cmd = app.add_subcommand("verify", "run the proof-checks of every spec claim and print a claims report");
  opts->output.format = "table";
  opts->output.add_to(*cmd);
  cmd->add_option("--only", opts->only, "only claims whose ID starts with this prefix, e.g. LAE or LAE-17");
  cmd->add_option("--instances", opts->instances, "random instances per claim (default 4)");
  cmd->add_option("--seed", opts->seed, "seed of the instance generator");
  cmd->callback([opts] { run_verify(*opts); });
}

}  // namespace ael::cli
