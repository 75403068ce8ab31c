// `aelandscape paper`: the output directory and its manifest (docs/paper.md).
// A PaperWriter runs aelandscape sub-commands (the exact command lines it
// records), writes CSVs, booktabs tables and gnuplot scripts, renders the
// figures, and writes main.tex and, last and atomically, manifest.json.
#pragma once

#include "core/report.hpp"

#include <memory>
#include <string>
#include <vector>

namespace ael::cli {

struct PaperOptions {
  std::string paper;        // oftadeh2020 | rangamani2018 | koegler2024 | all
  std::string out;          // output directory
  bool quick = false;       // small sizes (CI, < 1 min)
  bool force = false;       // allow a non-empty --out
  bool no_figures = false;  // skip gnuplot
  int threads = 1;          // passed to threaded sub-commands; results do not depend on it
};

using Rows = std::vector<std::vector<std::string>>;

// One sub-command run: its recorded command line and its JSON output.
struct SubRun {
  std::string command;  // "aelandscape sign phase-transition ... --format json" (without --threads)
  Json doc;
};

class PaperWriter {
 public:
  explicit PaperWriter(const PaperOptions& options);
  const PaperOptions& options() const { return o_; }

  // Runs `aelandscape ARGS --format json` in the output directory (so relative
  // paths in ARGS, e.g. --log data/x.csv, land there) and parses its output. threaded:
  // the command takes --threads (added to the run, not to the record, since
  // the bytes do not depend on it).
  const SubRun& run(const std::vector<std::string>& args, bool threaded = false);
  // As run, but a sub-command that refuses its input (exit 2) gives nullptr and
  // its error line in `error` instead of stopping the paper.
  const SubRun* try_run(const std::vector<std::string>& args, std::string& error);

  // data/NAME.csv with a header row; cells are written as given (decimal strings).
  void csv(const std::string& name, const std::vector<std::string>& header, const Rows& rows,
           const std::vector<const SubRun*>& sources);
  // A file written by a sub-command (e.g. a --log trace), recorded in the manifest.
  void register_file(const std::string& rel, const std::string& kind, const std::vector<const SubRun*>& sources, long rows = -1) {
    add(rel, kind, sources, rows);
  }
  // tables/NAME.tex: a table float (caption, label tab:NAME) around a booktabs tabular.
  void table(const std::string& name, const std::string& caption, const std::vector<std::string>& header, const Rows& rows,
             const std::vector<const SubRun*>& sources);
  // tables/NAME.tex from LaTeX written by the caller (already escaped).
  // evidence: recorded in the manifest (e.g. the verdict counts of a claims report).
  void raw_table(const std::string& name, const std::string& latex, const std::vector<const SubRun*>& sources,
                 const Json& evidence = nullptr);
  // figures/NAME.gp: `body` draws the figure from ../data/*.csv (cwd figures/);
  // the script loops over the pdf, svg and png terminals.
  void figure(const std::string& name, const std::string& caption, const std::string& body, const std::string& size_in,
              const std::vector<const SubRun*>& sources);
  // A section heading and a paragraph in main.tex (text is LaTeX).
  void section(const std::string& title, const std::string& text);
  void appendix() { main_ += "\\appendix\n"; }
  // A paragraph of plain text in main.tex (escaped here).
  void note(const std::string& text);

  // gnuplot on every script; throws with gnuplot's first error line.
  void render_figures();
  void write_main();
  void write_manifest();  // last, atomically (temp + rename)

  // Under MPI (docs/mpi.md, "paper"): the sections of a paper run as work items, each in a
  // writer of its own. export_state gives what a section added (its sub-runs with their JSON,
  // artifacts, figures, main.tex text) as text; import_state appends it to this writer, so that
  // merging the sections in order gives the state of one writer that ran them all.
  std::string export_state() const;
  void import_state(const std::string& state);
  // This writer continues after earlier sections (main.tex text is not the first).
  void continue_after_sections() { after_sections_ = true; }

 private:
  struct Artifact {
    std::string path, kind;
    std::vector<const SubRun*> sources;
    long rows = -1;
    Json evidence;
  };
  std::string path(const std::string& rel) const { return o_.out + "/" + rel; }
  void write_file(const std::string& rel, const std::string& text);
  void add(const std::string& rel, const std::string& kind, const std::vector<const SubRun*>& sources, long rows = -1,
           const Json& evidence = nullptr);

  const SubRun* run_impl(const std::vector<std::string>& args, bool threaded, std::string* error);
  PaperOptions o_;
  std::string self_;
  std::vector<std::unique_ptr<SubRun>> runs_;
  std::vector<Artifact> artifacts_;
  std::vector<std::string> figures_;
  std::string main_;
  bool after_sections_ = false;
};

// Exact decimal strings k/denominator for k = from, from + step, ..., to (e.g. 5..100 step 5 over 100:
// "0.05", "0.1", ..., "1").
std::vector<std::string> decimal_grid(int from, int to, int step, int denominator);
std::string join(const std::vector<std::string>& items, const std::string& separator = ",");

// Decimal string of a JSON value (strings as printed, numbers via dump, null as empty).
std::string cell_text(const Json& v);
// cell_text of j[key], empty when the key is absent.
inline std::string field(const Json& j, const std::string& key) { return j.contains(key) ? cell_text(j[key]) : ""; }

// The manifest's `evidence` of one sub-command's numbers and of an artifact built
// from several (paper_evidence.cpp, docs/paper.md "Evidence").
Json evidence_of(const SubRun& run);
Json combined_evidence(const std::vector<const SubRun*>& sources);

// The contents per paper (paper_*.cpp).
void paper_koegler2024(PaperWriter& w);
void paper_oftadeh2020(PaperWriter& w);
void paper_rangamani2018(PaperWriter& w);
void paper_verify_appendix(PaperWriter& w);

}  // namespace ael::cli
