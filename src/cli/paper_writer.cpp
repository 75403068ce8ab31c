#include "cli/paper_writer.hpp"

#include "cli/paper_process.hpp"
#include "core/latex.hpp"
#include "core/meta.hpp"
#include "core/sha256.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ael::cli {

namespace {
// Shell-quoted word (only when needed), so a recorded command can be pasted.
std::string shell_word(const std::string& w) {
  if (!w.empty() && w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/:=+") ==
                        std::string::npos)
    return w;
  std::string q = "'";
  for (char c : w) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// First line of gnuplot's stderr that names the problem (gnuplot prints the
// offending line, a caret line, then `"script" line N: message`).
std::string gnuplot_error_line(const std::string& err) {
  std::istringstream in(err);
  std::string line, first;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t^") == std::string::npos) continue;
    if (first.empty()) first = line;
    if (line.find("\" line ") != std::string::npos || line.find("rror") != std::string::npos) return line;
  }
  return first.empty() ? "(no message)" : first;
}

// Distinct values of meta.KEY over the sources: one value, an array, or null.
Json meta_values(const std::vector<const SubRun*>& sources, const std::string& key) {
  Json values = Json::array();
  for (const SubRun* s : sources) {
    if (!s->doc.contains("meta") || !s->doc["meta"].contains(key)) continue;
    const Json& v = s->doc["meta"][key];
    if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
  }
  if (values.empty()) return nullptr;
  return values.size() == 1 ? values[0] : values;
}
}  // namespace

std::string cell_text(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::vector<std::string> decimal_grid(int from, int to, int step, int denominator) {
  std::vector<std::string> out;
  int places = 0;
  for (int d = denominator; d > 1; d /= 10) ++places;  // denominator is a power of ten
  for (int k = from; k <= to; k += step) {
    std::string s = std::to_string(k / denominator);
    std::string frac = std::to_string(k % denominator);
    frac = std::string(places - frac.size(), '0') + frac;
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    out.push_back(frac.empty() ? s : s + "." + frac);
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string s;
  for (size_t i = 0; i < items.size(); ++i) s += (i ? separator : "") + items[i];
  return s;
}

PaperWriter::PaperWriter(const PaperOptions& options) : o_(options), self_(self_executable()) {}

const SubRun& PaperWriter::run(const std::vector<std::string>& args, bool threaded) { return *run_impl(args, threaded, nullptr); }

const SubRun* PaperWriter::try_run(const std::vector<std::string>& args, std::string& error) { return run_impl(args, false, &error); }

const SubRun* PaperWriter::run_impl(const std::vector<std::string>& args, bool threaded, std::string* error) {
  auto r = std::make_unique<SubRun>();
  std::vector<std::string> argv{self_};
  r->command = "aelandscape";
  for (const auto& a : args) argv.push_back(a), r->command += " " + shell_word(a);
  argv.push_back("--format"), argv.push_back("json");
  r->command += " --format json";
  if (threaded) argv.push_back("--threads"), argv.push_back(std::to_string(o_.threads));
  std::cerr << "paper: " << r->command << "\n";
  const ProcessResult p = run_process(argv, o_.out, false);
  if (p.exit_code != 0 && !(p.exit_code == 1 && !p.out.empty())) {  // verify exits 1 after its report when a claim fails
    std::string last = p.err;
    while (!last.empty() && last.back() == '\n') last.pop_back();
    last = last.substr(last.find_last_of('\n') == std::string::npos ? 0 : last.find_last_of('\n') + 1);
    const std::string prefix = "aelandscape: error: ";
    if (last.rfind(prefix, 0) == 0) last = last.substr(prefix.size());
    if (error && p.exit_code == 2) {
      *error = last;
      return nullptr;
    }
    throw std::runtime_error("'" + r->command + "' failed (exit " + std::to_string(p.exit_code) + "): " + last);
  }
  try {
    r->doc = Json::parse(p.out);
  } catch (const std::exception&) {
    throw std::runtime_error("'" + r->command + "' did not print JSON");
  }
  runs_.push_back(std::move(r));
  return runs_.back().get();
}

void PaperWriter::write_file(const std::string& rel, const std::string& text) {
  std::ofstream f(path(rel), std::ios::binary);
  if (!(f << text) || !f.flush()) throw std::runtime_error("cannot write " + path(rel));
}

void PaperWriter::add(const std::string& rel, const std::string& kind, const std::vector<const SubRun*>& sources, long rows,
                      const Json& evidence) {
  artifacts_.push_back(Artifact{rel, kind, sources, rows, evidence});
}

void PaperWriter::csv(const std::string& name, const std::vector<std::string>& header, const Rows& rows,
                      const std::vector<const SubRun*>& sources) {
  auto line = [](const std::vector<std::string>& cells) {
    std::string s;
    for (size_t j = 0; j < cells.size(); ++j) {
      std::string c = cells[j];
      if (c.find_first_of(",\"\n") != std::string::npos) {  // RFC 4180 quoting (statements); numbers never need it
        std::string q = "\"";
        for (char ch : c) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        c = q + "\"";
      }
      s += (j ? "," : "") + c;
    }
    return s + "\n";
  };
  std::string text = line(header);
  for (const auto& r : rows) {
    if (r.size() != header.size()) throw std::logic_error("CSV row width differs from the header in " + name);
    text += line(r);
  }
  const std::string rel = "data/" + name + ".csv";
  write_file(rel, text);
  add(rel, "csv", sources, static_cast<long>(rows.size()));
}

void PaperWriter::table(const std::string& name, const std::string& caption, const std::vector<std::string>& header,
                        const Rows& rows, const std::vector<const SubRun*>& sources) {
  std::ostringstream t;
  t << "% generated by aelandscape paper; needs \\usepackage{booktabs,siunitx,graphicx}\n"
    << "\\begin{table}[htbp]\n\\centering\n\\small\n\\caption{" << caption << "}\n\\label{tab:" << name << "}\n"
    << "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n";
  booktabs_tabular(t, header, rows);
  t << "}\n\\end{table}\n";
  raw_table(name, t.str(), sources);
}

void PaperWriter::raw_table(const std::string& name, const std::string& latex, const std::vector<const SubRun*>& sources,
                            const Json& evidence) {
  const std::string rel = "tables/" + name + ".tex";
  write_file(rel, latex);
  add(rel, "table", sources, -1, evidence);
  main_ += "\\input{" + rel + "}\n";
}

void PaperWriter::figure(const std::string& name, const std::string& caption, const std::string& body,
                         const std::string& size_in, const std::vector<const SubRun*>& sources) {
  // size_in: "W,H" in inches for the PDF; the SVG and PNG keep the aspect ratio.
  const double w = std::stod(size_in.substr(0, size_in.find(','))), h = std::stod(size_in.substr(size_in.find(',') + 1));
  std::ostringstream gp;
  gp << "# " << name << ".gp: generated by aelandscape paper; edit and rerun `gnuplot " << name << ".gp` in this folder.\n"
     << "# Data: ../data/*.csv (header row; columns are referenced by name). Restyle below; docs/paper.md.\n"
     << "set datafile separator comma\n"
     << "set encoding utf8\n"
     << "do for [fmt in \"pdf svg png\"] {\n"
     << "  if (fmt eq \"pdf\") { set terminal pdfcairo enhanced size " << w << "in," << h << "in font \"Helvetica,9\" }\n"
     << "  if (fmt eq \"svg\") { set terminal svg enhanced size " << int(w * 120) << "," << int(h * 120)
     << " font \"Helvetica,11\" background \"white\" }\n"
     << "  if (fmt eq \"png\") { set terminal pngcairo enhanced size " << int(w * 180) << "," << int(h * 180)
     << " font \"Helvetica,14\" }\n"
     << "  set output \"" << name << ".\".fmt\n"
     << body << "  unset output\n}\n";
  const std::string rel = "figures/" + name + ".gp";
  write_file(rel, gp.str());
  add(rel, "gnuplot-script", sources);
  figures_.push_back(name);
  if (!o_.no_figures)
    for (const char* ext : {"pdf", "svg", "png"}) add("figures/" + name + "." + ext, std::string("figure-") + ext, sources);
  main_ += "\\begin{figure}[htbp]\n\\centering\n";
  if (o_.no_figures)
    main_ += "\\fbox{figure not rendered (--no-figures): run gnuplot on figures/" + latex_escape(name) + ".gp}\n";
  else
    main_ += std::string("\\includegraphics") + (w > 6 ? "[width=\\linewidth]" : "") + "{figures/" + name + ".pdf}\n";  // natural size when it fits
  main_ += "\\caption{" + caption + "}\n\\label{fig:" + name + "}\n\\end{figure}\n";
}

void PaperWriter::section(const std::string& title, const std::string& text) {
  // \clearpage first: each paper's floats stay with its section.
  main_ += std::string(main_.empty() && !after_sections_ ? "" : "\n\\clearpage") + "\n\\section{" + title + "}\n" + text + "\n\n";
}

std::string PaperWriter::export_state() const {
  Json state;
  Json runs = Json::array();
  for (const auto& r : runs_) runs.push_back({{"command", r->command}, {"doc", r->doc}});
  Json artifacts = Json::array();
  for (const auto& a : artifacts_) {
    Json sources = Json::array();
    for (const SubRun* s : a.sources)
      for (size_t i = 0; i < runs_.size(); ++i)
        if (runs_[i].get() == s) sources.push_back(i);
    artifacts.push_back({{"path", a.path}, {"kind", a.kind}, {"sources", sources}, {"rows", a.rows}, {"evidence", a.evidence}});
  }
  state["runs"] = runs;
  state["artifacts"] = artifacts;
  state["figures"] = figures_;
  state["main"] = main_;
  return state.dump();
}

void PaperWriter::import_state(const std::string& text) {
  const Json state = Json::parse(text);
  const size_t offset = runs_.size();
  for (const auto& r : state["runs"]) {
    auto run = std::make_unique<SubRun>();
    run->command = r["command"].get<std::string>();
    run->doc = r["doc"];
    runs_.push_back(std::move(run));
  }
  for (const auto& a : state["artifacts"]) {
    std::vector<const SubRun*> sources;
    for (const auto& i : a["sources"]) sources.push_back(runs_[offset + i.get<size_t>()].get());
    artifacts_.push_back(Artifact{a["path"].get<std::string>(), a["kind"].get<std::string>(), sources, a["rows"].get<long>(), a["evidence"]});
  }
  for (const auto& f : state["figures"]) figures_.push_back(f.get<std::string>());
  main_ += state["main"].get<std::string>();
}

void PaperWriter::note(const std::string& text) { main_ += "\n" + latex_escape(text) + "\n\n"; }

void PaperWriter::render_figures() {
  if (o_.no_figures) return;
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  // cairo stamps PDFs with the time unless SOURCE_DATE_EPOCH is set: fix it for reproducible bytes.
  const std::vector<std::string> env{std::string("SOURCE_DATE_EPOCH=") + (epoch ? epoch : "0")};
  for (size_t i = 0; i < figures_.size(); ++i) {
    std::cerr << "paper: gnuplot " << figures_[i] << ".gp [" << i + 1 << "/" << figures_.size() << "]\n";
    const ProcessResult p = run_process({"gnuplot", figures_[i] + ".gp"}, path("figures"), false, env);
    if (p.exit_code == -1) throw std::runtime_error("gnuplot not found (" + p.err + "); install gnuplot-nox or pass --no-figures");
    if (p.exit_code != 0)
      throw std::runtime_error("gnuplot failed on figures/" + figures_[i] + ".gp: " + gnuplot_error_line(p.err) +
                               " (data kept in " + path("data") + ")");
  }
}

void PaperWriter::write_main() {
  std::string doc =
      "% main.tex: generated by aelandscape paper; compile with `latexmk -pdf main.tex`.\n"
      "\\documentclass[11pt]{article}\n\\usepackage[utf8]{inputenc}\n"
      "\\usepackage[margin=2.2cm]{geometry}\n\\usepackage{amsmath,amssymb}\n"
      "\\usepackage{booktabs}\n\\usepackage{siunitx}\n\\usepackage{graphicx}\n\\usepackage{longtable}\n"
      "\\usepackage{array}\n\\usepackage[hidelinks]{hyperref}\n\\sisetup{group-digits=none}\n\\setlength\\LTcapwidth{\\linewidth}\n"
      "\\title{aelandscape: regenerated tables and figures (" + latex_escape(o_.paper) + (o_.quick ? ", quick sizes" : "") +
      ")}\n\\author{aelandscape " + latex_escape(version_string()) + "}\n\\date{}\n\\begin{document}\n\\maketitle\n"
      "Every number below was computed by \\texttt{aelandscape} when this document was generated; "
      "\\texttt{manifest.json} lists, for each table, data file and figure, the command lines that "
      "reproduce its data and the file's SHA-256.\n";
  doc += main_ + "\n\\end{document}\n";
  write_file("main.tex", doc);
  add("main.tex", "latex-document", {});
}

void PaperWriter::write_manifest() {
  RunInfo info;
  const Json meta = run_metadata(info);
  Json m;
  m["program"] = "aelandscape";
  m["version"] = meta["version"];
  m["commit"] = meta["commit"];
  m["paper"] = o_.paper;
  m["paper_command"] = "aelandscape paper " + o_.paper + (o_.quick ? " --quick" : "") + (o_.no_figures ? " --no-figures" : "") +
                       " --out DIR";
  m["threads"] = "not recorded: threaded sub-commands give the same bytes for any --threads";
  m["paths"] = "relative to this file's directory";
  Json list = Json::array();
  for (const auto& a : artifacts_) {
    Json j;
    j["path"] = a.path;
    j["kind"] = a.kind;
    j["sha256"] = sha256_file_hex(path(a.path));
    if (a.rows >= 0) j["rows"] = a.rows;
    Json commands = Json::array();
    for (const SubRun* s : a.sources) commands.push_back(s->command);
    j["commands"] = commands;
    j["seed"] = meta_values(a.sources, "seed");
    j["digits"] = meta_values(a.sources, "digits");
    j["evidence"] = a.evidence.is_null() ? combined_evidence(a.sources) : a.evidence;
    j["version"] = meta["version"];
    j["commit"] = meta["commit"];
    list.push_back(j);
  }
  m["artifacts"] = list;
  const std::string tmp = path(".manifest.json.tmp"), final_path = path("manifest.json");
  {
    std::ofstream f(tmp, std::ios::binary);
    if (!(f << m.dump(2) << "\n") || !f.flush()) {
      std::remove(tmp.c_str());
      throw std::runtime_error("cannot write " + tmp);
    }
  }
  if (std::rename(tmp.c_str(), final_path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw std::runtime_error("cannot rename " + tmp + " to " + final_path);
  }
}

}  // namespace ael::cli
