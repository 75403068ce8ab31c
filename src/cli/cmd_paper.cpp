// aelandscape paper: regenerate a seed paper's tables (booktabs), data (CSV)
// and figures (gnuplot) into one directory with main.tex and a manifest of
// SHA-256 digests and reproducing command lines (docs/paper.md).
#include "cli/commands.hpp"
#include "cli/paper_process.hpp"
#include "cli/paper_writer.hpp"
#include "core/distribute.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>

namespace ael::cli {

namespace {
namespace fs = std::filesystem;

const std::vector<std::string> kPapers = {"oftadeh2020", "rangamani2018", "koegler2024", "all"};

// Refuses a bad --out before anything is written; creates DIR/{data,tables,figures}.
void prepare_out(const PaperOptions& o) {
  std::error_code ec;
  const fs::path out(o.out);
  if (fs::exists(out, ec)) {
    if (!fs::is_directory(out, ec)) throw std::invalid_argument("--out " + o.out + " exists and is not a directory");
    if (!fs::is_empty(out, ec) && !o.force)
      throw std::invalid_argument("--out " + o.out + " is not empty (pass --force to write into it)");
  }
  fs::create_directories(out, ec);
  if (ec) throw std::invalid_argument("--out " + o.out + ": cannot create the directory (" + ec.message() + ")");
  for (const char* sub : {"data", "tables", "figures"}) {
    fs::create_directories(out / sub, ec);
    if (ec) throw std::invalid_argument("--out " + o.out + " is not writable (" + ec.message() + ")");
  }
  const fs::path probe = out / ".aelandscape-write-test";
  {
    std::ofstream f(probe);
    if (!(f << "x") || !f.flush()) throw std::invalid_argument("--out " + o.out + " is not writable");
  }
  fs::remove(probe, ec);
  // A stale manifest from an earlier run must not survive a failed rerun.
  fs::remove(out / "manifest.json", ec);
}

void run_paper(const PaperOptions& o) {
  if (std::find(kPapers.begin(), kPapers.end(), o.paper) == kPapers.end())
    throw std::invalid_argument("unknown paper '" + o.paper + "' (oftadeh2020, rangamani2018, koegler2024, all)");
  if (o.threads < 1 || o.threads > 1024) throw std::invalid_argument("--threads must be between 1 and 1024");
  if (!o.no_figures) {
    const ProcessResult g = run_process({"gnuplot", "--version"}, "", false);
    if (g.exit_code != 0)
      throw std::invalid_argument("gnuplot not found on PATH (install gnuplot-nox), or pass --no-figures");
  }
  prepare_out(o);
  PaperWriter w(o);
  const bool all = o.paper == "all";
  if (all || o.paper == "koegler2024") paper_koegler2024(w);
  if (all || o.paper == "oftadeh2020") paper_oftadeh2020(w);
  if (all || o.paper == "rangamani2018") paper_rangamani2018(w);
  if (all) paper_verify_appendix(w);
  w.render_figures();
  w.write_main();
  w.write_manifest();
  std::cerr << "paper: wrote " << o.out << "/main.tex and " << o.out << "/manifest.json\n";
}
}  // namespace

void add_paper(CLI::App& app) {
  auto o = std::make_shared<PaperOptions>();
  auto* c = app.add_subcommand("paper", "regenerate a seed paper's tables, CSV data and gnuplot figures (docs/paper.md)");
  c->add_option("paper", o->paper, "oftadeh2020 | rangamani2018 | koegler2024 | all")->required();
  c->add_option("--out", o->out, "output directory (must be empty unless --force)")->required();
  c->add_flag("--quick", o->quick, "small sizes (CI: under a minute)");
  c->add_option("--threads", o->threads, "threads for the sub-commands that take them (same bytes for any value)");
  c->add_flag("--force", o->force, "write into a non-empty --out (files are overwritten)");
  c->add_flag("--no-figures", o->no_figures, "write the gnuplot scripts but do not run gnuplot");
  c->callback([o] {
    // `paper` does not distribute its sub-runs: under mpirun rank 0 does all of it (docs/mpi.md).
    if (process_rank() > 0) std::exit(0);
    run_paper(*o);
  });
}

}  // namespace ael::cli
