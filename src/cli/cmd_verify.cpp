// aelandscape verify: run every proof-check and print the claims report.
#include "api/verify.hpp"
#include "lae_exact_checks.hpp"
#include "sign_certificates.hpp"
#include "sparse_certified.hpp"
#include "cli/cmd_sign_common.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/io.hpp"
#include "cli/verify_table.hpp"
#include "core/precision.hpp"

#include <iostream>

namespace ael::cli {

namespace {
struct VerifyOptions {
  OutputOptions output;
  std::string only;
  int instances = 4;
  std::uint64_t seed = 1;
  std::string certificates;  // directory for replayable certificates (docs/certification.md §7, §11)
  bool certify = false;
  std::string require;
};

void run_verify(const VerifyOptions& o) {
  const PrecisionScope precision(o.output.digits);
  parse_format(o.output.format);
  if (!o.output.output.empty() && o.output.output != "-") check_writable(o.output.output);  // before minutes of checks
  if (!o.require.empty() && o.require != "proved") throw std::invalid_argument("unknown --require '" + o.require + "' (proved)");
  const bool certify = o.certify || !o.require.empty();
  api::VerifyProgress progress;
  progress.started = [](std::size_t i, std::size_t n, const std::string& id) {
    std::cerr << "[" << i + 1 << "/" << n << "] " << id << " ... " << std::flush;
  };
  progress.finished = [](const std::string& verdict, double seconds) { std::cerr << verdict << " (" << seconds << " s)\n"; };
  api::VerifyReport report = api::run_verify({o.only, o.instances, o.seed, certify}, o.output.digits, progress);
  if (!o.certificates.empty()) {
    const int exact = checks::write_exact_certificates(o.certificates, o.seed) +
                      checks::sparse_checks::write_sparse_certificates(o.certificates, o.seed);
    const int ball = checks::sign_checks::write_sign_certificates(o.certificates, o.output.digits);
    std::cerr << "wrote " << exact << " proved-exact and " << ball << " proved-ball certificates to " << o.certificates
              << " (replay: python3 proofs-checks/replay/replay.py " << o.certificates << ")\n";
  }
  Json& doc = report.document;
  doc["meta"] = metadata("mpfr", o.output.digits, o.seed);
  emit(parse_format(o.output.format) == Format::table ? verify_table_view(doc) : doc, o.output);
  std::cerr << report.passed << " passed, " << report.failed << " failed, " << report.skipped << " skipped\n";
  auto& levels = report.levels;
  if (certify) std::cerr << "evidence: " << levels["proved-exact"] << " proved-exact, " << levels["proved-ball"] << " proved-ball, "
                         << levels["pass-tolerance"] << " pass-tolerance, " << levels["pass-statistical"] << " pass-statistical\n";
  if (report.failed > 0 || (o.require == "proved" && report.below_proved > 0)) throw ClaimsFailed{};
}
}  // namespace

void add_verify(CLI::App& app) {
  auto opts = std::make_shared<VerifyOptions>();
  auto* cmd = app.add_subcommand("verify", "run the proof-checks of every claim (LAE-n, SC-n, SA-n) and print a claims report");
  opts->output.format = "table";
  opts->output.add_to(*cmd);
  cmd->add_option("--only", opts->only, "one claim by its ID (e.g. LAE-17) or one family (LAE, SC, SA)");
  cmd->add_option("--instances", opts->instances, "random instances per claim (default 4)");
  cmd->add_option("--seed", opts->seed, "seed of the instance generator")->check(seed_validator());
  cmd->add_option("--certificates", opts->certificates, "write replayable certificates (proved-exact LAE and SC, proved-ball SA-12) into this directory");
  cmd->add_flag("--certify", opts->certify, "also run the proved (exact / ball) routes; report each claim's level of evidence");
  cmd->add_option("--require", opts->require, "proved: exit 1 when a deterministic claim is below proved-* (implies --certify)");
  cmd->callback([opts] { run_verify(*opts); });
}

}  // namespace ael::cli
