// `aelandscape paper koegler2024`: 1-bit autoencoders (docs/sign.md): the
// sparsity phase transition with GD results, p* per nonzero law and sign(0)
// convention, state evolution and the Bayes denoiser against p.
#include "cli/paper_writer.hpp"

#include <sstream>

namespace ael::cli {

namespace {

// One panel of the phase-transition figure (closed forms, GD points, p*).
std::string phase_panel(const std::string& law, const std::string& title, const std::string& p_star) {
  std::ostringstream s;
  s << "  set title \"" << title << "\"\n";
  if (!p_star.empty())
    s << "  set arrow 1 from " << p_star << ", graph 0 to " << p_star << ", graph 1 nohead dashtype 3 lc rgb \"gray40\"\n"
      << "  set label 1 \"p* = " << p_star.substr(0, 6) << "\" at " << p_star << ", graph 0.95 offset 0.5,0 left\n";
  else
    s << "  unset arrow 1\n  unset label 1\n";
  s << "  plot \"../data/koegler_phase_" << law << ".csv\" using \"p\":\"L_rot\" with lines lw 2 lc rgb \"#1f77b4\" title \"L_{rot} = R_{Gauss}\", \\\n"
    << "       \"\" using \"p\":\"L_id_exact_d\" with lines lw 2 lc rgb \"#d62728\" title \"L_{id}, d = \".d_" << law << ", \\\n"
    << "       \"\" using \"p\":\"L_id_d_infinity\" with lines dashtype 2 lc rgb \"#d62728\" title \"L_{id}, d → ∞\", \\\n"
    << "       \"\" using \"p\":\"L_near_identity_heuristic\" with lines dashtype 4 lc rgb \"#2ca02c\" title \"near-identity (heuristic)\", \\\n"
    << "       \"../data/koegler_phase_gd_" << law << ".csv\" using \"p\":\"risk_monte_carlo\":(2*column(\"risk_monte_carlo_se\")) "
    << "with yerrorbars pt 7 ps 0.6 lc rgb \"black\" title \"GD (± 2 SE)\"\n";
  return s.str();
}
}  // namespace

void paper_koegler2024(PaperWriter& w) {
  const bool quick = w.options().quick;
  w.section("Koegler et al.\\ (2024): 1-bit autoencoders",
            "Risks of the sign autoencoder at rate $r = 1/2$ (docs/sign.md). Closed forms are computed in MPFR and printed "
            "to 16 digits; gradient-descent (GD) risks are Monte-Carlo estimates with their standard error (SE).");
  const std::string d = quick ? "16" : "32";
  const auto fine = decimal_grid(5, 100, 5, 100);
  const auto coarse = quick ? std::vector<std::string>{"0.2", "0.8"} : decimal_grid(1, 9, 1, 10);
  std::string body = "  set multiplot layout 1,2\n  set xlabel \"sparsity p\"\n  set ylabel \"risk\"\n  set xrange [0:1]\n"
                     "  set key top right font \",9\"\n  set grid\n";
  std::vector<const SubRun*> figure_sources;
  for (const std::string law : {"rademacher", "gaussian"}) {
    const SubRun& closed = w.run({"sign", "phase-transition", "--nonzero", law, "--sign0", "plus", "--d", d, "--p-grid", join(fine), "--digits", "16", "--certify"});
    Rows rows;
    for (const auto& r : closed.doc["table"])
      rows.push_back({field(r, "p"), field(r, "L_rot"), field(r, "L_id_exact_d"), field(r, "L_id_d_infinity"), field(r, "L_near_identity_heuristic"),
                      field(r, "predicted_winner_d_infinity")});
    w.csv("koegler_phase_" + law, {"p", "L_rot", "L_id_exact_d", "L_id_d_infinity", "L_near_identity_heuristic", "predicted_winner_d_infinity"},
          rows, {&closed});
    std::vector<std::string> gd_args{"sign", "phase-transition", "--nonzero", law, "--sign0", "plus", "--d", d, "--p-grid", join(coarse),
                                     "--digits", "16", "--gd", "--seed", "1"};
    if (quick) gd_args.insert(gd_args.end(), {"--steps", "400", "--test-samples", "4000", "--moment-samples", "4000", "--masks", "8"});
    const SubRun& gd = w.run(gd_args, true);
    Rows gd_rows;
    for (const auto& r : gd.doc["table"]) {
      const Json& g = r["gd"];
      gd_rows.push_back({field(r, "p"), field(g, "risk_monte_carlo"), field(g, "risk_monte_carlo_se"), field(g, "verdict"), field(g, "mean_row_peak"),
                         field(g, "mean_ipr"), field(r, "predicted_winner_d_infinity")});
    }
    w.csv("koegler_phase_gd_" + law, {"p", "risk_monte_carlo", "risk_monte_carlo_se", "verdict", "mean_row_peak", "mean_ipr", "predicted_winner_d_infinity"},
          gd_rows, {&gd});
    const std::string p_star = closed.doc["transition"].get<bool>() ? cell_text(closed.doc["p_star"]) : "";
    body = "  d_" + law + " = \"" + d + "\"\n" + body;
    body += phase_panel(law, law == "rademacher" ? "Rademacher nonzeros" : "Gaussian nonzeros (no transition: p* = 1)", p_star);
    figure_sources.push_back(&closed);
    figure_sources.push_back(&gd);
  }
  body += "  unset multiplot\n";
  w.figure("koegler_phase_transition",
           "Sparsity phase transition of the 1-bit autoencoder at $r = 1/2$, $d = " + d + "$: risk of a Haar rotation "
           "($L_{\\mathrm{rot}} = R_{\\mathrm{Gauss}}$, $d\\to\\infty$), of the identity encoder (exact at $d$ and $d\\to\\infty$), the "
           "near-identity heuristic, and gradient descent ($\\pm 2$ SE) with its shape verdict in the data file; the dotted line marks $p^*$. "
           "Left: Rademacher nonzeros, right: Gaussian nonzeros.",
           body, "7,3.2", figure_sources);

  // p* per nonzero law and sign(0) convention: the closed form and an independent bisection.
  Rows pstar;
  std::vector<const SubRun*> pstar_sources;
  for (const std::string law : {"gaussian", "rademacher", "uniform", "laplace"})
    for (const std::string s0 : {"plus", "random", "zero"}) {
      const SubRun& r = w.run({"sign", "phase-transition", "--nonzero", law, "--sign0", s0, "--d", "2", "--p-grid", "1", "--digits", "16", "--certify"});
      const Json& doc = r.doc;
      const bool dep = !doc["p_star"].is_null();
      pstar.push_back({law, s0, field(doc, "mu_z_squared"), dep ? field(doc, "p_star") : "", dep ? field(doc, "p_star_bisection") : "",
                       dep ? (doc["transition"].get<bool>() ? "yes" : "no (p* >= 1)")
                           : (doc["identity_always_better"].get<bool>() ? "identity better for all p" : "rotation better for all p")});
      pstar_sources.push_back(&r);
    }
  const std::vector<std::string> pstar_header{"nonzero law", "sign(0)", "μ²(z)", "p* (formula)", "p* (bisection)", "transition in (0,1)"};
  w.csv("koegler_p_star", {"nonzero", "sign0", "mu_z_squared", "p_star_formula", "p_star_bisection", "transition"}, pstar, pstar_sources);
  w.table("koegler_p_star",
          "Critical sparsity $p^*$ per nonzero law and sign(0) convention ($d\\to\\infty$): the closed form and an independent "
          "bisection of $L_{\\mathrm{id}}(p) - R_{\\mathrm{Gauss}}$. With sign(0) = zero the identity risk does not depend on $p$.",
          pstar_header, pstar, pstar_sources);

  // State evolution (MSE per layer) and the Bayes denoiser against p.
  const int layers = quick ? 3 : 6;
  const auto se_grid = quick ? decimal_grid(1, 9, 2, 10) : decimal_grid(5, 100, 5, 100);
  Rows se_rows, den_rows;
  std::vector<const SubRun*> se_sources, den_sources;
  std::vector<std::string> se_header{"p"};
  for (int t = 1; t <= layers; ++t) se_header.push_back("mse_layer_" + std::to_string(t));
  se_header.insert(se_header.end(), {"fixed_point", "r_gauss"});
  for (const auto& p : se_grid) {
    const SubRun& se = w.run({"sign", "state-evolution", "--rate", "0.5", "--p", p, "--layers", std::to_string(layers), "--digits", "16"});
    std::vector<std::string> row{field(se.doc, "p")};
    for (const auto& l : se.doc["mse_by_layer"]) row.push_back(field(l, "mse"));
    row.push_back(field(se.doc, "fixed_point"));
    row.push_back(field(se.doc, "r_gauss"));
    se_rows.push_back(row);
    se_sources.push_back(&se);
    const SubRun& den = w.run({"sign", "denoiser-risk", "--rate", "0.5", "--p", p, "--digits", "16", "--certify"});
    den_rows.push_back({field(den.doc, "p"), field(den.doc, "risk"), field(den.doc, "r_gauss")});
    den_sources.push_back(&den);
  }
  w.csv("koegler_state_evolution", se_header, se_rows, se_sources);
  std::string se_body = "  set xlabel \"sparsity p\"\n  set ylabel \"MSE\"\n  set key outside right font \",8\"\n  set grid\n  plot ";
  for (int t = 1; t <= layers; ++t)
    se_body += std::string(t > 1 ? ", \\\n       " : "") + "\"../data/koegler_state_evolution.csv\" using \"p\":\"mse_layer_" + std::to_string(t) +
               "\" with linespoints pt 7 ps 0.4 title \"layer " + std::to_string(t) + "\"";
  se_body += ", \\\n       \"\" using \"p\":\"fixed_point\" with lines lw 2 lc rgb \"black\" title \"fixed point\""
             ", \\\n       \"\" using \"p\":\"r_gauss\" with lines dashtype 2 lc rgb \"gray40\" title \"R_{Gauss}\"\n";
  w.figure("koegler_state_evolution",
           "State evolution of the unrolled GVAMP decoder at $r = 1/2$: MSE after each layer and at the fixed point, against $p$ "
           "(layer 1 is the Bayes denoiser); $R_{\\mathrm{Gauss}}$ for reference.",
           se_body, "5.5,3.2", se_sources);
  w.csv("koegler_denoiser", {"p", "R_den", "r_gauss"}, den_rows, den_sources);
  w.figure("koegler_denoiser",
           "Risk of the Bayes denoiser $R_{\\mathrm{den}}$ at $r = 1/2$ against $p$ (tanh-sinh quadrature), and $R_{\\mathrm{Gauss}}$.",
           "  set xlabel \"sparsity p\"\n  set ylabel \"MSE\"\n  set key bottom right\n  set grid\n"
           "  plot \"../data/koegler_denoiser.csv\" using \"p\":\"R_den\" with linespoints pt 7 ps 0.5 title \"R_{den}\", \\\n"
           "       \"\" using \"p\":\"r_gauss\" with lines dashtype 2 title \"R_{Gauss}\"\n",
           "5,3.2", den_sources);
}

}  // namespace ael::cli
