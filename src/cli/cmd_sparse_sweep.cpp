// aelandscape sparse sweep-h: ‖E∇_{W_i}L‖ (exact closed form) and the Lemma D2
// bound over h = 2^a … 2^b (n = h/2), with the least-squares log–log slope
// next to the exponent the Lemma D2 rate predicts (docs/sparse.md §2 "Lemma D2", P1, SC-12).
// --certify adds the norms and the slope in balls (docs/sparse.md "Certified outputs", sweep-h).
#include "cli/cmd_sparse_common.hpp"
#include "cli/sweep_options.hpp"
#include "core/ball_io.hpp"
#include "core/least_squares.hpp"
#include "core/resources.hpp"
#include "cli/runner.hpp"
#include "sparse/expected_ball.hpp"

#include <cmath>
#include <iostream>
#include <limits>

namespace ael::cli {

namespace {
using sparse::rational;

struct SweepOptions {
  sparse::InstanceSpec spec;
  OutputOptions output;
  int h_min = 128, h_max = 4096;
  int k = 2;
  double p = 0, nu = 0;  // p > 0: k = ceil(h^p); nu > 0: delta = h^-nu
  std::string arithmetic = "mpfr";
  std::string checkpoint;
  bool certify = false;   // the norms, their comparison with Lemma D2 and the slope in balls
  SweepCheckpoint sweep;  // what --checkpoint binds to (checkpoint_for)
};

// Lemma D2 exponent of the threshold regime (docs/sparse.md §2 "Lemma D2"): fixed k means p → 0;
// HAD has ξ → 1/2; the regime is "lower edge" for eps-frac ≤ 0.1.
double predicted_exponent(const SweepOptions& o, double xi, bool lower_edge) {
  const double nu = o.nu > 0 ? o.nu : 1e300;
  return lower_edge ? 3 * o.p - 1 - std::min(xi, nu) : 2 * o.p - 1;
}

sparse::InstanceSpec spec_for(const SweepOptions& o, int h) {
  sparse::InstanceSpec s = o.spec;
  s.n = h / 2;
  s.h = h;
  s.k = o.p > 0 ? static_cast<int>(std::ceil(std::pow(h, o.p) - 1e-9)) : o.k;
  if (o.nu > 0) s.delta = to_decimal(std::pow(h, -o.nu), 17);  // the declared δ, printed in the table
  return s;
}

// --certify (docs/sparse.md "Certified outputs", sweep-h): the §5.3 closed form in balls
// around the exact instance (sparse/expected_ball.hpp) for rows 0 and n: the norm balls
// and ‖E∇‖ ≤ π1 F1 F2 decided by them (a string "undecided" when the balls do not
// decide it or the bound's own evidence is an estimate). The balls are of the closed
// form: where recovery is not proved it is the recovered-support surrogate, as the
// row's recovery_evidence says.
template <class T> void put_ball_norms(Json& r, const sparse::InstanceSpec& s, const sparse::Instance<T>& I, int digits) {
  if (!I.eps_ball) {
    r["norm_note"] = "the threshold could not be enclosed: the norms are not enclosed";
    return;
  }
  const sparse::BallModel M = sparse::enclose_model(s, *I.eps_ball);
  const std::pair<const char*, int> rows[] = {{"row0", 0}, {"row_n", I.P.n()}};
  Json within;
  for (const auto& [name, row] : rows) {
    const Ball sq = sparse::expected_gradient(M.P, row).norm_sq;
    Ball norm;  // √max(·, 0) of the ball: contains the exact norm, whose square is ≥ 0
    arb_sqrtpos(norm.get(), sq.get(), ball_bits());
    if (!norm.finite()) throw std::runtime_error("sweep-h --certify: the norm ball of row " + std::to_string(row) + " is not finite");
    r[std::string("grad_norm_") + name + "_ball"] = ball_json(norm, digits);
    const sparse::Verdict v = sparse::ball_within_lemma_d2(sq, M);
    const bool decided = v != sparse::Verdict::undecided && I.bound_evidence != sparse::Evidence::estimate;
    within[std::string("within_bound_") + name] = decided ? Json(v == sparse::Verdict::holds) : Json("undecided");
  }
  for (const auto& [key, value] : within.items()) r[key] = value;
}

template <class T> Json row_for(const SweepOptions& o, int h, int digits, double& norm0) {
  const auto s = spec_for(o, h);
  std::cerr << "sparse sweep-h: h = " << h << " (n = " << h / 2 << ", k = " << s.k << ")\n";
  const auto I = sparse::build_instance<T>(s);
  const auto g0 = sparse::expected_gradient(I.P, 0), gn = sparse::expected_gradient(I.P, I.P.n());
  norm0 = to_double(sparse::ScalarOps<T>::to_mp(sparse::sqrt_of(g0.norm_sq)));
  Json r;
  r["h"] = h;
  r["n"] = h / 2;
  r["k"] = s.k;
  r["delta"] = sparse::decimal(I.delta, 6);
  r["eps"] = sparse::decimal(I.eps, 10);
  r["window_lo"] = sparse::decimal(I.chosen.lo, 10);
  r["window_hi"] = sparse::decimal(I.chosen.hi, 10);
  r["recovery_certified"] = I.recovery_certified;
  r["recovery_evidence"] = sparse::evidence_name(I.evidence);
  r["grad_norm_row0"] = sqrt_decimal(g0.norm_sq, 11);
  r["grad_norm_row_n"] = sqrt_decimal(gn.norm_sq, 11);
  if (o.certify) put_ball_norms(r, s, I, digits);
  r["norm_evidence"] = r.contains("grad_norm_row0_ball") ? "proved-ball" : "estimate";
  r["certified_bound"] = sparse::decimal(I.d2.expected, 11);
  r["bound_valid"] = I.d2_valid;
  r["bound_evidence"] = sparse::evidence_name(I.bound_evidence);
  r["cancellation_ratio"] = to_decimal(std::min(g0.cancellation_ratio, gn.cancellation_ratio), 3);
  return r;
}

// The slope of log ‖E∇_{W_0}‖ on log h in balls, from the printed rows: each norm is
// rebuilt as mid ± rad of its grad_norm_row0_ball (which covers the exact norm by
// construction of ball_json), logs by arb_log, the least squares in balls. Absent
// when a row has no ball or a ball does not exclude 0.
std::optional<Ball> ball_slope(const Json& table) {
  std::vector<Ball> logs_h, logs_g;
  for (const Json& row : table) {
    if (!row.contains("grad_norm_row0_ball")) return std::nullopt;
    const Json& b = row["grad_norm_row0_ball"];
    Ball g = Ball::decimal(b["mid"].get<std::string>());
    arb_add_error(g.get(), Ball::decimal(b["rad"].get<std::string>()).get());
    if (!g.certainly_positive()) return std::nullopt;
    Ball lh, lg;
    arb_log(lh.get(), Ball(row["h"].get<int>()).get(), ball_bits());
    arb_log(lg.get(), g.get(), ball_bits());
    logs_h.push_back(lh);
    logs_g.push_back(lg);
  }
  const Ball s = least_squares_slope(logs_h, logs_g);
  if (!s.finite()) return std::nullopt;
  return s;
}

template <class T> Json run_typed(const SweepOptions& o) {
  // One work item per h (docs/mpi.md): spread over MPI ranks, kept in
  // --checkpoint, merged in the order of h. Items run one at a time in a
  // process: the working precision of mp_real is set on this thread.
  std::vector<int> hs;
  for (long h = o.h_min; h <= o.h_max; h *= 2) hs.push_back(static_cast<int>(h));  // long: h_max may be 2^30
  SweepSettings sweep;
  sweep.checkpoint = o.sweep;
  const std::vector<std::string> rows = run_items(static_cast<long>(hs.size()), [&](long k, int) {
    double norm0 = 0;
    const Json row = row_for<T>(o, hs[static_cast<size_t>(k)], o.output.digits, norm0);
    return ItemWriter().put(row.dump()).put(norm0).str();
  }, sweep);
  Json table = Json::array();
  std::vector<double> logs_h, logs_g, logs_b;
  for (size_t k = 0; k < hs.size(); ++k) {
    ItemReader in(rows[k]);
    table.push_back(Json::parse(in.get_string()));
    const double norm0 = in.get_double();
    logs_h.push_back(std::log(static_cast<double>(hs[k])));
    logs_g.push_back(std::log(norm0));
    logs_b.push_back(std::log(std::stod(table.back()["certified_bound"].get<std::string>())));
  }
  const double t = std::stod(o.spec.eps_frac);
  const bool lower_edge = t <= 0.1;
  Json doc;
  doc["command"] = "sparse sweep-h";
  doc["family"] = sparse::dictionary_word(o.spec.dictionary) + std::string(o.nu > 0 ? " with delta = h^-nu" : " with W = A*'");
  doc["arithmetic"] = o.arithmetic;
  doc["threshold"] = "constant eps at lo + " + o.spec.eps_frac + " (hi - lo) of the " + sparse::window_word(o.spec.window) + " window";
  doc["table"] = table;
  Json fit;
  const bool fitted = logs_h.size() > 1;  // a slope needs two values of h
  fit["slope_grad_norm_row0"] = fitted ? Json(to_decimal(least_squares_slope(logs_h, logs_g), 4)) : Json(nullptr);
  const std::optional<Ball> certified = o.certify && fitted ? ball_slope(table) : std::nullopt;
  if (o.certify) fit["slope_grad_norm_row0_ball"] = certified ? ball_json(*certified, o.output.digits) : Json(nullptr);
  fit["slope_evidence"] = certified ? "proved-ball" : "estimate";  // of slope_grad_norm_row0 (the bound's slope is an estimate)
  fit["slope_certified_bound"] = fitted ? Json(to_decimal(least_squares_slope(logs_h, logs_b), 4)) : Json(nullptr);
  if (!fitted) fit["slope_note"] = "one value of h: no slope (give --h-max > --h-min)";
  fit["regime"] = lower_edge ? "lower edge (eps-frac <= 0.1)" : "thresholds of order 1";
  fit["predicted_exponent"] = to_decimal(predicted_exponent(o, 0.5, lower_edge), 4);
  fit["prediction"] = lower_edge ? "3p - 1 - min(xi, nu) with xi -> 1/2 (HAD), p = 0 for fixed k (docs/sparse.md, Lemma D2)"
                                 : "2p - 1, p = 0 for fixed k (docs/sparse.md, Lemma D2)";
  doc["fit"] = fit;
  refuse_non_finite(doc, o.arithmetic == "double" ? "double arithmetic overflowed; use --arithmetic mpfr" : "report this input");
  return doc;
}

// A lower bound of the memory at the largest h: the n x h dictionary and the
// h x n weights, h^2 scalars (MPFR: the struct plus its limbs).
void check_sweep_memory(const SweepOptions& o) {
  const double h = o.h_max;
  const double limbs = 8.0 * std::ceil(working_digits() * 3.3219280948873623 / 64);
  const double scalar = o.arithmetic == "double" ? sizeof(double) : sizeof(mp_real) + limbs;
  check_memory(h * h * scalar, "sweep-h at h = " + std::to_string(o.h_max) + " (the dictionary and the weights, h^2 numbers)");
}

Json sweep_document(const SweepOptions& given) {
  SweepOptions o = given;
  if (o.spec.eps_frac.empty()) o.spec.eps_frac = "0.01";
  if (o.h_min < 4 || o.h_max < o.h_min || (o.h_min & (o.h_min - 1)) || (o.h_max & (o.h_max - 1)))
    throw std::invalid_argument("--h-min and --h-max must be powers of 2 with 4 <= h-min <= h-max");
  // The ball route needs the exact support law (enclose_model): uniform supports. sweep-h has
  // no --support option today, so this guards a future one.
  if (o.certify && o.spec.support != sparse::SupportLaw::uniform) throw std::invalid_argument("--certify needs uniform supports");
  check_sweep_memory(o);
  return o.arithmetic == "double" ? run_typed<double>(o) : run_typed<mp_real>(o);
}
}  // namespace

void add_sparse_sweep_h(CLI::App& group) {
  Command<SweepOptions> c{
      "sweep-h", "||E grad|| and the Lemma D2 bound versus h, with the fitted log-log slope", Arithmetic::mpfr,
      [](CLI::App& cmd, SweepOptions& o) {
        add_choice(cmd, "--dictionary", o.spec.dictionary, sparse::parse_dictionary, sparse::dictionary_word,
                   {"identity-hadamard", "gaussian"}, "identity-hadamard | gaussian (n = h/2)");
        cmd.add_option("--seed", o.spec.seed, "seed (gaussian dictionary, directions of delta)")->check(seed_validator());
        cmd.add_option("--h-min", o.h_min, "smallest h (power of 2)");
        cmd.add_option("--h-max", o.h_max, "largest h (power of 2)");
        cmd.add_option("--k", o.k, "fixed support size (ignored when --p is given)")
            ->check(integer_in(1, std::numeric_limits<int>::max()))
            ->capture_default_str();
        cmd.add_option("--p", o.p, "k = ceil(h^p) (0: the fixed --k)")->check(number_in({"0", "1", false, true}))->capture_default_str();
        cmd.add_option("--nu", o.nu, "rows at distance delta = h^-nu from A* (0: delta = 0)")
            ->check(number_in({"0", "", false, false}))
            ->capture_default_str();
        cmd.add_option("--values", o.spec.values, "finite value law atoms (default 0.95,1.05)");
        cmd.add_option("--probs", o.spec.probs, "their probabilities");
        cmd.add_option("--eps-frac", o.spec.eps_frac, "threshold position in the window (default 0.01)");
        add_choice(cmd, "--window", o.spec.window, sparse::parse_window, sparse::window_word, {"d1", "uniform", "per-row"},
                   "d1 | uniform | per-row");
        cmd.add_option("--arithmetic", o.arithmetic, "the arithmetic of the closed forms")
            ->check(CLI::IsMember({"mpfr", "double"}))
            ->capture_default_str();
        add_checkpoint_option(cmd, o.checkpoint);
        // No recovery gate here: each row reports its own recovery_evidence, and one
        // unproved h would otherwise abort the whole sweep without saying which.
        cmd.add_flag("--certify", o.certify,
                     "also the norms of rows 0 and n and the fitted slope in balls around the exact instance (proved-ball)");
      },
      sweep_document,
      [](const SweepOptions& o) { return std::optional<std::uint64_t>(o.spec.seed); }};
  c.choose_arithmetic = [](const SweepOptions& o) { return o.arithmetic == "double" ? Arithmetic::double_precision : Arithmetic::mpfr; };
  c.bind = bind_checkpoint<SweepOptions>("sparse sweep-h");
  add_command(group, c);
}

}  // namespace ael::cli
