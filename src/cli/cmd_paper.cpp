// aelandscape paper: regenerate a seed paper's tables (booktabs), data (CSV)
// and figures (gnuplot) into one directory with main.tex and a manifest of
// SHA-256 digests and reproducing command lines (docs/paper.md).
#include "cli/commands.hpp"
#include "cli/paper_process.hpp"
#include "cli/paper_writer.hpp"
#include "core/distribute.hpp"

#include <algorithm>
#include <iterator>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include <stdlib.h>

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

using Section = void (*)(PaperWriter&);

// The sections of the requested paper, in the order of main.tex.
std::vector<Section> sections_of(const std::string& paper) {
  const bool all = paper == "all";
  std::vector<Section> sections;
  if (all || paper == "koegler2024") sections.push_back(paper_koegler2024);
  if (all || paper == "oftadeh2020") sections.push_back(paper_oftadeh2020);
  if (all || paper == "rangamani2018") sections.push_back(paper_rangamani2018);
  if (all) sections.push_back(paper_verify_appendix);
  return sections;
}

// Every regular file under dir, as (path relative to dir, bytes), in path order.
std::vector<std::pair<std::string, std::string>> files_under(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream f(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    files.emplace_back(fs::relative(entry.path(), dir).string(), std::move(bytes));
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Section k as a work item (docs/mpi.md, "paper"): run in a private scratch directory
// (so ranks need no shared file system), its writer state and every file it wrote as the result.
std::string section_item(const PaperOptions& o, Section section, long k) {
  std::string scratch = (fs::temp_directory_path() / "aelandscape-paper-XXXXXX").string();
  if (!mkdtemp(scratch.data())) throw std::runtime_error("paper: cannot create a scratch directory in " + fs::temp_directory_path().string());
  struct Remove {
    std::string dir;
    ~Remove() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } remove{scratch};
  for (const char* sub : {"data", "tables", "figures"}) fs::create_directories(fs::path(scratch) / sub);
  PaperOptions local = o;
  local.out = scratch;
  PaperWriter w(local);
  if (k > 0) w.continue_after_sections();
  section(w);
  ItemWriter result;
  result.put(w.export_state());
  const auto files = files_under(scratch);
  result.put(static_cast<long>(files.size()));
  for (const auto& [rel, bytes] : files) result.put(rel).put(bytes);
  return result.str();
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  if (!(f << bytes) || !f.flush()) throw std::runtime_error("cannot write " + path.string());
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
  const std::vector<Section> sections = sections_of(o.paper);
  PaperWriter w(o);
  if (!launched_by_mpi()) {
    prepare_out(o);
    for (Section section : sections) section(w);
  } else {
    // Under an MPI launcher the sections are work items spread over the ranks; rank 0 merges
    // them in section order, so the output is byte-identical for any number of ranks
    // (docs/mpi.md, "paper"). Rank 0 prepares --out before any rank starts (run_items
    // begins with a broadcast from rank 0); ranks > 0 end inside run_items.
    run_on_root([&] { prepare_out(o); });
    SweepSettings settings;
    settings.progress = [](long done, long total) { std::cerr << "paper: " << done << " of " << total << " sections done\n"; };
    const std::vector<std::string> results = run_items(
        static_cast<long>(sections.size()), [&](long k, int) { return section_item(o, sections[static_cast<size_t>(k)], k); },
        settings);
    for (const std::string& result : results) {
      ItemReader in(result);
      w.import_state(in.get_string());
      const long count = in.get_long();
      for (long i = 0; i < count; ++i) {
        const std::string rel = in.get_string();
        const fs::path target = fs::path(o.out) / rel;
        fs::create_directories(target.parent_path());
        write_bytes(target, in.get_string());
      }
    }
  }
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
    // Under mpirun the paper's sections are spread over the ranks (docs/mpi.md, "paper").
    run_paper(*o);
  });
}

}  // namespace ael::cli
