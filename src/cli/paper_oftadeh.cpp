// `aelandscape paper oftadeh2020`: linear autoencoders (docs/lae-math.md):
// the critical points of a small instance for both losses, digits p = 8
// trained with the ordered loss and MSE, Hessian spectra at the minimum and
// at the swapped-units saddle, and the smallest positive Hessian eigenvalue
// against the eigen-gap.
#include "cli/paper_writer.hpp"

#include <fstream>

namespace ael::cli {

namespace {

std::string inertia_text(const Json& in) {
  return "(" + cell_text(in["negative"]) + ", " + cell_text(in["zero"]) + ", " + cell_text(in["positive"]) + ")";
}

// First strictly positive entry of an ascending list of decimal strings.
std::string smallest_positive(const Json& ascending) {
  for (const auto& v : ascending) {
    const std::string s = cell_text(v);
    if (s.empty() || s[0] == '-') continue;
    if (s.find_first_of("123456789") < s.find_first_of("eE")) return s;  // a nonzero mantissa digit
  }
  return "";
}
}  // namespace

void paper_oftadeh2020(PaperWriter& w) {
  const bool quick = w.options().quick;
  w.section("Oftadeh et al.\\ (2020): linear autoencoders",
            "MSE and the ordered loss $\\sum_i \\|Y - A I_{i;p} B X\\|_F^2$ (docs/lae-math.md). Closed forms in MPFR, "
            "printed to 16 digits; training in double precision.");

  // 1. Every critical point of a small instance, both losses.
  const SubRun& land = w.run({"lae", "landscape", "--n", "4", "--p", "2", "--loss", "both", "--cross-check", "--digits", "16"});
  Rows cp;
  for (const std::string loss : {"mse", "ordered"})
    for (const auto& r : land.doc[loss]["critical_points"])
      cp.push_back({loss, field(r, "index"), field(r, "loss"), inertia_text(r["inertia"]), field(r, "classification"), field(r, "discrepancy")});
  const std::vector<std::string> cp_header{"loss", "index I", "loss value", "inertia (-, 0, +)", "classification",
                                           "closed vs numeric spectrum"};
  w.csv("oftadeh_critical_points", {"loss", "index", "loss_value", "inertia", "classification", "spectrum_discrepancy"}, cp, {&land});
  w.table("oftadeh_critical_points",
          "Full-rank critical points $P(I, I_p)$ of both losses on synthetic data with $n = 4$, $p = 2$ and covariance "
          "eigenvalues $4, 3, 2, 1$: loss, closed-form inertia (negative, zero, positive), classification, and the relative "
          "discrepancy between the closed-form spectrum and the numerically diagonalised Hessian.",
          cp_header, cp, {&land});

  // 2. Training on digits (quick: synthetic data) with the ordered loss and MSE from one seed.
  std::vector<std::string> train{"lae", "train", "--p", quick ? "4" : "8", "--loss", "both", "--seed", "1",
                                 "--log", "data/oftadeh_train_trace.csv", "--log-every", quick ? "20" : "100"};
  if (quick)
    train.insert(train.end(), {"--n", "10", "--m", "400", "--spectrum", "geometric:0.7", "--iters", "3000"});
  else
    train.insert(train.end(), {"--data", "digits", "--center", "--drop-constant"});
  const SubRun& tr = w.run(train);
  {  // the trace CSV was written by the sub-command itself
    std::ifstream f(w.options().out + "/data/oftadeh_train_trace.csv");
    long lines = 0;
    for (std::string line; std::getline(f, line);) ++lines;
    w.register_file("data/oftadeh_train_trace.csv", "csv", {&tr}, lines - 1);
  }
  Rows cosines;
  const Json& cos_o = tr.doc["ordered"]["abs_cos_columns_vs_eigenvectors"];
  const Json& cos_m = tr.doc["mse"]["abs_cos_columns_vs_eigenvectors"];
  for (size_t k = 0; k < cos_o.size(); ++k) cosines.push_back({std::to_string(k + 1), cell_text(cos_o[k]), cell_text(cos_m[k])});
  w.csv("oftadeh_train_cosines", {"column", "abs_cos_ordered", "abs_cos_mse"}, cosines, {&tr});
  Rows summary;
  for (const std::string loss : {"ordered", "mse"}) {
    const Json& s = tr.doc[loss];
    summary.push_back({loss, field(s, "iterations"), field(s, "final_loss"), field(s, "optimal_loss"), field(s, "relative_gap"),
                       field(s, "subspace_distance")});
  }
  w.csv("oftadeh_train_summary", {"loss", "iterations", "final_loss", "optimal_loss", "relative_gap", "subspace_distance"}, summary, {&tr});
  const std::string data_name = quick ? "synthetic data ($n = 10$, $m = 400$, geometric spectrum)" : "the digits data ($p = 8$)";
  w.table("oftadeh_train_cosines",
          "$|\\cos(a_k, u_k)|$ between decoder column $k$ and eigenvector $k$ of $\\Sigma$ after training on " + data_name +
              " from one seeded initialisation: the ordered loss recovers the ordered eigenvectors, MSE only the subspace.",
          {"k", "ordered loss", "MSE"}, cosines, {&tr});
  w.table("oftadeh_train_summary",
          "Training summary: iterations, final loss, the optimal loss $L^*$ (tail sums of eigenvalues), relative gap and the "
          "distance between span($A$) and the principal subspace.",
          {"loss", "iterations", "final loss", "L*", "relative gap", "subspace distance"}, summary, {&tr});
  std::string lstar_o = field(tr.doc["ordered"], "optimal_loss"), lstar_m = field(tr.doc["mse"], "optimal_loss");
  w.figure("oftadeh_training",
           "Training on " + data_name + ": smallest $|\\cos(a_k, u_k)|$ over the columns (left) and relative loss gap "
           "$(L - L^*)/L^*$ on a log axis (right), ordered loss and MSE from the same initialisation.",
           "  Lstar_ordered = " + lstar_o + "\n  Lstar_mse = " + lstar_m +
               "  # optimal losses from data/oftadeh_train_summary.csv\n"
               "  set multiplot layout 1,2\n  set grid\n  set xlabel \"iteration\"\n"
               "  set ylabel \"min_k |cos(a_k, u_k)|\"\n  set yrange [0:1.05]\n  set key bottom right\n"
               "  plot \"../data/oftadeh_train_trace.csv\" using \"iteration\":(strcol(\"loss_kind\") eq \"ordered\" ? column(\"min_abs_cos\") : NaN) "
               "with lines lw 2 title \"ordered\", \\\n"
               "       \"\" using \"iteration\":(strcol(\"loss_kind\") eq \"mse\" ? column(\"min_abs_cos\") : NaN) with lines lw 2 title \"MSE\"\n"
               "  set yrange [*:*]\n  set logscale y\n  set format y \"10^{%L}\"\n  set ylabel \"(L - L*)/L*\"\n  set key top right\n"
               "  plot \"../data/oftadeh_train_trace.csv\" using \"iteration\":(strcol(\"loss_kind\") eq \"ordered\" ? "
               "(column(\"loss\") - Lstar_ordered)/Lstar_ordered : NaN) with lines lw 2 title \"ordered\", \\\n"
               "       \"\" using \"iteration\":(strcol(\"loss_kind\") eq \"mse\" ? (column(\"loss\") - Lstar_mse)/Lstar_mse : NaN) "
               "with lines lw 2 title \"MSE\"\n  unset logscale y\n  set format y\n  unset multiplot\n",
           "7,3", {&tr});

  // 3. Hessian spectra at the minimum and at the swapped-units saddle (ordered loss).
  const SubRun& smin = w.run({"lae", "spectrum", "--p", "2", "--loss", "ordered", "--index", "1,2", "--digits", "16", "--certify"});
  const SubRun& ssad = w.run({"lae", "spectrum", "--p", "2", "--loss", "ordered", "--index", "2,1", "--digits", "16", "--certify"});
  Rows spec;
  for (size_t k = 0; k < smin.doc["eigenvalues"].size(); ++k)
    spec.push_back({std::to_string(k + 1), cell_text(smin.doc["eigenvalues"][k]), cell_text(ssad.doc["eigenvalues"][k])});
  w.csv("oftadeh_hessian_spectra", {"k", "minimum_1_2", "saddle_2_1"}, spec, {&smin, &ssad});
  w.figure("oftadeh_hessian_spectra",
           "Hessian eigenvalues (ascending) of the ordered loss at the global minimum $I = (1,2)$ and at the swapped-units saddle "
           "$I = (2,1)$, $n = 6$, eigenvalues of $\\Sigma$ $6, 5, \\dots, 1$ (closed form); the saddle has one negative direction.",
           "  set grid\n  set xlabel \"eigenvalue number (ascending)\"\n  set ylabel \"Hessian eigenvalue\"\n  set key top left\n"
           "  plot \"../data/oftadeh_hessian_spectra.csv\" using \"k\":\"minimum_1_2\" with points pt 7 ps 0.7 title \"minimum I = (1,2)\", \\\n"
           "       \"\" using \"k\":\"saddle_2_1\" with points pt 6 ps 1 title \"saddle I = (2,1)\", 0 with lines lc rgb \"gray50\" notitle\n",
           "5,3.2", {&smin, &ssad});

  // 4. Smallest positive Hessian eigenvalue at the minimum against the gap lambda_1 - lambda_2.
  const std::vector<std::string> gaps =  // 1 or 0.xxx, so that 2 + g is "3" or "2.xxx"
      quick ? std::vector<std::string>{"1", "0.1", "0.01", "0.001"}
            : std::vector<std::string>{"1", "0.5", "0.2", "0.1", "0.05", "0.02", "0.01", "0.005", "0.002", "0.001", "0.0001"};
  Rows gap_rows;
  std::vector<const SubRun*> gap_sources;
  for (const auto& g : gaps) {
    const SubRun& s = w.run({"lae", "spectrum", "--n", "4", "--spectrum", (g == "1" ? std::string("3") : "2" + g.substr(1)) + ",2,1,0.5", "--p", "2", "--loss", "ordered",
                             "--index", "1,2", "--digits", "16", "--certify"});
    gap_rows.push_back({g, smallest_positive(s.doc["eigenvalues"])});
    gap_sources.push_back(&s);
  }
  w.csv("oftadeh_eigengap", {"gap", "smallest_positive_eigenvalue"}, gap_rows, gap_sources);
  w.figure("oftadeh_eigengap",
           "Smallest positive Hessian eigenvalue of the ordered loss at its minimum against the gap $\\lambda_1 - \\lambda_2$ "
           "($n = 4$, $p = 2$, $\\Sigma$ eigenvalues $2 + g, 2, 1, 0.5$): it vanishes linearly as the gap closes.",
           "  set grid\n  set logscale xy\n  set format x \"10^{%L}\"\n  set format y \"10^{%L}\"\n"
           "  set xlabel \"eigen-gap g = λ_1 - λ_2\"\n  set ylabel \"smallest positive eigenvalue\"\n  set key top left\n"
           "  plot \"../data/oftadeh_eigengap.csv\" using \"gap\":\"smallest_positive_eigenvalue\" with linespoints pt 7 title \"closed form\"\n",
           "5,3.2", gap_sources);
}

}  // namespace ael::cli
