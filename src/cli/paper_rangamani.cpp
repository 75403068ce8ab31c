// `aelandscape paper rangamani2018`: sparse coding with a tied ReLU
// autoencoder (docs/sparse.md): the exact expected gradient near the
// dictionary against h with the certified bound, the recovery window against
// k, and a table of exact expected-gradient norms.
#include "cli/paper_writer.hpp"

namespace ael::cli {

namespace {
std::string yes_no(const Json& j, const std::string& key) { return j.contains(key) && j[key].get<bool>() ? "yes" : "no"; }
}  // namespace

void paper_rangamani2018(PaperWriter& w) {
  const bool quick = w.options().quick;
  w.section("Rangamani et al.\\ (2018): sparse coding with a tied ReLU autoencoder",
            "Exact expected gradient $\\|\\mathbb{E}\\nabla_{W_i} L\\|$ at $W = A^{*\\mathsf{T}}$ (rational or MPFR arithmetic) "
            "and the certified bound of Lemma D2 (docs/sparse.md); values $0.95, 1.05$, threshold at 1\\% of the recovery window.");

  // 1. ||E grad|| against h, two dictionary families, with the certified bound.
  // Identity-Hadamard: one sweep (coherence 1/sqrt(n), the D1 window is nonempty for every h here).
  // Gaussian: one sweep per h, because the D1 window [k b c, a - (k-1) b c) (delta = 0) is nonempty
  // only when the coherence c < a / ((2k-1) b) = 0.95/3.15 = 0.3016 (k = 2); a seeded Gaussian
  // dictionary's coherence falls like sqrt(log h / h) and stays above that up to h = 256 (seed 1:
  // c = 0.34 at h = 256, 0.27 at 512). Where the window is empty sweep-h refuses, rightly: no
  // threshold recovers every support, E of the gradient is not the closed form, and Lemma D2 does
  // not apply (docs/sparse.md §2 and §6). Such h are listed in main.tex, not plotted.
  const int h_max = quick ? 128 : 1024;
  std::string panels;
  int n_panels = 0;
  std::vector<const SubRun*> sweep_sources;
  for (const std::string dict : {"identity-hadamard", "gaussian"}) {
    const bool gaussian = dict == "gaussian";
    std::vector<std::pair<int, int>> ranges;  // [h_min, h_max] per sub-command
    if (gaussian)
      for (int h = 32; h <= h_max; h *= 2) ranges.push_back({h, h});
    else
      ranges.push_back({32, h_max});
    Rows rows;
    std::vector<const SubRun*> sources;
    std::vector<std::string> refused;  // the h (or range) of each refused run
    std::string first_error;
    for (const auto& [lo, hi] : ranges) {
      std::string error;
      const SubRun* s = w.try_run({"sparse", "sweep-h", "--dictionary", dict, "--h-min", std::to_string(lo), "--h-max", std::to_string(hi),
                                   "--k", "2", "--seed", "1"},
                                  error);
      if (!s) {
        refused.push_back(lo == hi ? std::to_string(lo) : std::to_string(lo) + "-" + std::to_string(hi));
        if (first_error.empty()) first_error = error;
        continue;
      }
      for (const auto& r : s->doc["table"])
        rows.push_back({field(r, "h"), field(r, "n"), field(r, "k"), field(r, "grad_norm_row0"), field(r, "grad_norm_row_n"),
                        field(r, "certified_bound"), field(r, "window_lo"), field(r, "window_hi"), field(r, "eps"),
                        yes_no(r, "recovery_certified"), field(r, "recovery_evidence"), yes_no(r, "bound_valid")});
      sources.push_back(s);
    }
    if (!refused.empty())
      w.note("sparse sweep-h --dictionary " + dict + " (k = 2, seed 1) refuses h = " + join(refused, ", ") +
             ": the D1 recovery window is empty when the coherence c of the dictionary is at least a/((2k-1)b) = 0.3016, so no "
             "threshold recovers every support and Lemma D2 does not apply (docs/sparse.md). The first refusal reads: " + first_error);
    if (sources.empty()) continue;
    const std::string name = "rangamani_sweep_h_" + std::string(gaussian ? "gaussian" : "identity_hadamard");
    w.csv(name, {"h", "n", "k", "grad_norm_row0", "grad_norm_row_n", "certified_bound", "window_lo", "window_hi", "eps",
                 "recovery_certified", "recovery_evidence", "bound_valid"}, rows, sources);
    panels += "  set title \"" + std::string(gaussian ? "Gaussian dictionary (seed 1)" : "identity-Hadamard dictionary") + "\"\n"
              "  plot \"../data/" + name + ".csv\" using \"h\":\"grad_norm_row0\" with linespoints pt 7 title \"||E∇|| row 0\", \\\n"
              "       \"\" using \"h\":\"grad_norm_row_n\" with linespoints pt 5 title \"||E∇|| row n\", \\\n"
              "       \"\" using \"h\":\"certified_bound\" with linespoints dashtype 2 pt 6 title \"certified bound\"\n";
    sweep_sources.insert(sweep_sources.end(), sources.begin(), sources.end());
    ++n_panels;
  }
  const std::string body = "  set multiplot layout 1," + std::to_string(n_panels) + "\n  set grid\n  set logscale xy\n  set format y \"10^{%L}\"\n"
                           "  set xlabel \"h\"\n  set ylabel \"norm\"\n  set key bottom left font \",8\"\n" + panels + "  unset multiplot\n";
  if (n_panels > 0)
    w.figure("rangamani_sweep_h",
             "Norm of the exact expected gradient at $W = A^{*\\mathsf{T}}$ for rows $0$ and $n$ ($n = h/2$, $k = 2$) against $h$, "
             "log--log, with the certified bound of Lemma D2, per dictionary family. The Gaussian panel starts at the first $h$ "
             "whose D1 recovery window is nonempty (coherence below $0.3016$; see the text).",
             body, n_panels > 1 ? "7,3.2" : "5,3.2", sweep_sources);

  // 2. Recovery window and exact norms against k (identity-Hadamard, n = 64 or 16).
  const std::string n = quick ? "16" : "64";
  const int k_max = quick ? 3 : 8;
  Rows window_rows, norm_rows;
  std::vector<const SubRun*> k_sources;
  std::string stopped;  // why the k loop ended early (the sub-command's refusal, e.g. an empty window)
  for (int k = 1; k <= k_max && stopped.empty(); ++k) {
    std::string error;
    const SubRun* s = w.try_run({"sparse", "expected-gradient", "--dictionary", "identity-hadamard", "--n", n, "--k", std::to_string(k),
                                 "--values", "0.95,1.05", "--eps-frac", "0.01", "--row", "0", "--digits", "16"},
                                error);
    if (!s) {
      stopped = "k = " + std::to_string(k) + ": " + error;
      break;
    }
    const Json& win = s->doc["window"];
    window_rows.push_back({std::to_string(k), field(win, "lo"), field(win, "hi"), field(s->doc["instance"], "eps")});
    norm_rows.push_back({std::to_string(k), field(s->doc, "arithmetic"), field(s->doc, "expected_gradient_norm"),
                         field(s->doc["certified_bound"], "value"), yes_no(s->doc, "recovery_certified"),
                         field(s->doc["evidence"], "recovery_certified")});
    k_sources.push_back(s);
  }
  if (!stopped.empty()) w.note("The recovery-window sweep stops at " + stopped + ".");
  w.csv("rangamani_window_k", {"k", "window_lo", "window_hi", "eps"}, window_rows, k_sources);
  w.figure("rangamani_window_k",
           "Support-recovery window $(\\mathrm{lo}, \\mathrm{hi})$ of the threshold against the sparsity $k$ "
           "(identity--Hadamard, $n = " + n + "$, $h = 2n$); a threshold inside the window recovers every support.",
           "  set grid\n  set xlabel \"k\"\n  set ylabel \"threshold\"\n  set key top right\n"
           "  plot \"../data/rangamani_window_k.csv\" using \"k\":\"window_lo\":\"window_hi\" with filledcurves fc rgb \"#c6dbef\" title \"window\", \\\n"
           "       \"\" using \"k\":\"window_lo\" with linespoints pt 7 lc rgb \"#08519c\" title \"lo\", \\\n"
           "       \"\" using \"k\":\"window_hi\" with linespoints pt 5 lc rgb \"#08519c\" title \"hi\", \\\n"
           "       \"\" using \"k\":\"eps\" with points pt 2 lc rgb \"black\" title \"chosen threshold\"\n",
           "5,3.2", k_sources);
  w.csv("rangamani_expected_gradient_norms", {"k", "arithmetic", "expected_gradient_norm", "certified_bound", "recovery_certified",
                                                  "recovery_evidence"},
        norm_rows, k_sources);
  w.table("rangamani_expected_gradient_norms",
          "Exact expected-gradient norm $\\|\\mathbb{E}\\nabla_{W_0} L\\|$ at $W = A^{*\\mathsf{T}}$ (identity--Hadamard, $n = " + n +
              "$), the arithmetic it was computed in, the certified bound and whether recovery is certified at the chosen threshold, with the level of evidence "
              "of that decision (proved-exact in rational arithmetic, proved-ball when decided by Arb balls around the exact instance).",
          {"k", "arithmetic", "‖E∇‖", "certified bound", "recovery certified", "evidence"}, norm_rows, k_sources);
}

}  // namespace ael::cli
