// aelandscape lae landscape: the whole critical set at unit scales.
#include "cli/commands.hpp"
#include "cli/refuse_certify.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cli/lae_common.hpp"
#include "cli/runner.hpp"
#include "core/linalg.hpp"
#include "lae/classify.hpp"
#include "lae/critical.hpp"
#include "lae/diagnostics.hpp"

#include <iostream>
#include <limits>
#include <numeric>

namespace ael::cli {

namespace {
using T = mp_real;

struct LandscapeOptions {
  DataOptions data;
  OutputOptions output;
  int p = 2;
  std::string loss = "both";
  bool cross_check = false;
  long max_points = 200000;
};

Json inertia_json(const lae::Inertia& in) { return {{"negative", in.negative}, {"zero", in.zero}, {"positive", in.positive}}; }

Json full_rank(const LandscapeOptions& o, const LaeData<T>& data, const lae::EigenData<T>& e, lae::LossKind kind) {
  const int n = data.moments.n(), p = o.p;
  const bool ordered = kind == lae::LossKind::ordered;
  const long total = lae::count_tuples(n, p, ordered);
  std::vector<std::pair<T, Json>> rows;
  const Vec<T> ones = Vec<T>::Ones(p);
  long done = 0;
  lae::enumerate_tuples(n, p, ordered, [&](const lae::Index& I) {
    const T L = lae::critical_loss(data.moments, e, I, p, kind);
    const auto in = lae::inertia_formula(I, n, kind);
    Json row;
    row["index"] = lae::format_index(I);
    row["loss"] = to_decimal(L, o.output.digits);
    row["inertia"] = inertia_json(in);
    row["classification"] = lae::classification_name(lae::classify(in, lae::attains_optimum(I, kind)));
    if (o.cross_check) {
      const Vec<T> closed = lae::closed_form_spectrum<T>(e.lambda, I, ones, kind);
      const Vec<T> numeric = lae::numeric_spectrum(data.moments, e, lae::critical_point(e, I, Mat<T>(Mat<T>::Identity(p, p))), kind);
      row["closed_form_inertia_agrees"] = lae::inertia_of<T>(closed, T(0)) == in;
      row["numeric_inertia_agrees"] = lae::inertia_of<T>(numeric, zero_threshold<T>()) == in;
      row["discrepancy"] = to_decimal(lae::relative_discrepancy(closed, numeric), 3);
    }
    rows.emplace_back(L, row);
    if (++done % 1000 == 0) std::cerr << "\r" << lae::loss_name(kind) << ": " << done << "/" << total << std::flush;
  });
  if (done >= 1000) std::cerr << "\n";
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Json out = Json::array();
  for (auto& r : rows) out.push_back(std::move(r.second));
  return out;
}

// Rank-deficient families (docs/lae-math.md §6): live units carry distinct indices,
// dead units are zero. MSE: live units 1..r (the family depends on the set S only).
Json rank_deficient(const LandscapeOptions& o, const LaeData<T>& data, const lae::EigenData<T>& e, lae::LossKind kind) {
  const int n = data.moments.n(), p = o.p;
  const bool ordered = kind == lae::LossKind::ordered;
  const auto w = lae::loss_weights<T>(kind, p);
  Json out = Json::array();
  for (int r = 0; r < p; ++r) {
    std::vector<std::vector<int>> unit_sets;
    if (ordered)
      lae::enumerate_tuples(p, r, false, [&](const lae::Index& K) { unit_sets.push_back(K); });
    else
      unit_sets.push_back([&] { std::vector<int> K(r); std::iota(K.begin(), K.end(), 0); return K; }());
    for (const auto& K : unit_sets)
      lae::enumerate_tuples(n, r, ordered, [&](const lae::Index& J) {
        lae::Point<T> x{Mat<T>::Zero(n, p), Mat<T>::Zero(p, n)};
        T explained = 0;
        for (int q = 0; q < r; ++q) {
          x.A.col(K[q]) = e.U.col(J[q]);
          x.B.row(K[q]) = e.U.col(J[q]).transpose() * e.Mhat;
          explained += w.w(K[q]) * e.lambda(J[q]);
        }
        // Closed-form inertia (docs/lae-math.md §10.1); --cross-check diagonalises the assembled Hessian.
        const auto in = lae::inertia_at_critical(K, J, n, p, kind);
        Json row;
        row["rank"] = r;
        std::string units;
        for (int k : K) units += (units.empty() ? "" : ",") + std::to_string(k + 1);
        row["live_units"] = "(" + units + ")";
        row["index"] = lae::format_index(J);
        row["loss"] = to_decimal(T(T(w.terms) * data.moments.trSyy - explained), o.output.digits);
        row["inertia"] = inertia_json(in);
        if (o.cross_check) {
          const Vec<T> mu = symmetric_eigenvalues<T>(lae::hessian_elementwise(data.moments, x.A, x.B, w));
          const auto banded = lae::banded_inertia<T>(mu, T(0));
          row["numeric_inertia"] = inertia_json(banded.inertia);
          row["numeric_inertia_agrees"] = banded.inertia == in;
        }
        row["gradient_norm"] = to_decimal(lae::gradient(data.moments, x.A, x.B, w).norm(), 3);
        row["classification"] = lae::classification_name(lae::classify(in, false));
        out.push_back(row);
      });
  }
  return out;
}

Json landscape_document(const LandscapeOptions& o) {
  const LaeData<T> data = load_lae_data<T>(o.data);
  const int n = data.moments.n();
  if (o.p < 1 || o.p > n) throw std::invalid_argument("p = " + std::to_string(o.p) + " must satisfy 1 <= p <= n = " + std::to_string(n));
  // Refuse before any work: the number of rows, counted exactly (it can exceed 64 bits).
  for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
    if (o.loss != "both" && o.loss != lae::loss_name(kind)) continue;
    const bool ordered = kind == lae::LossKind::ordered;
    const long total = lae::count_tuples(n, o.p, ordered);
    if (total < 0 || total > o.max_points)
      throw std::invalid_argument(lae::count_tuples_decimal(n, o.p, ordered) + " " + lae::loss_name(kind) +
                                  " critical tuples exceed --max-points " + std::to_string(o.max_points));
    long families = 0;  // rank-deficient rows: sum over r < p of C(p, r)·n!/(n−r)! (ordered) or C(n, r) (MSE)
    for (int r = 0; r < o.p && families >= 0; ++r) {
      const long sets = ordered ? lae::count_tuples(o.p, r, false) : 1, tuples = lae::count_tuples(n, r, ordered);
      if (sets < 0 || tuples < 0 || (tuples > 0 && sets > std::numeric_limits<long>::max() / tuples)) families = -1;
      else if (families > std::numeric_limits<long>::max() - sets * tuples) families = -1;
      else families += sets * tuples;
    }
    if (families < 0 || families > o.max_points)
      throw std::invalid_argument(std::string("the ") + lae::loss_name(kind) + " rank-deficient families (" +
                                  (families < 0 ? std::string("more than 2^63") : std::to_string(families)) +
                                  ") exceed --max-points " + std::to_string(o.max_points));
  }
  if (data.moments.n() >= 100) std::cerr << "eigendecomposition of Sigma (n = " << n << ") ...\n";
  const auto e = lae::eigen_data(data.moments);
  Json doc;
  doc["command"] = "lae landscape";
  doc["data"] = data.description;
  doc["p"] = o.p;
  doc["scales"] = "unit (C = I); the loss and inertia do not depend on C";
  Json eig = Json::array();
  for (Eigen::Index s = 0; s < e.lambda.size(); ++s) eig.push_back(to_decimal(e.lambda(s), o.output.digits));
  doc["sigma_eigenvalues"] = eig;
  for (auto kind : {lae::LossKind::mse, lae::LossKind::ordered}) {
    if (o.loss != "both" && o.loss != lae::loss_name(kind)) continue;
    Json section;
    section["critical_points"] = full_rank(o, data, e, kind);
    section["rank_deficient"] = rank_deficient(o, data, e, kind);
    section["counts"] = {{"full_rank", section["critical_points"].size()}, {"rank_deficient_families", section["rank_deficient"].size()}};
    doc[lae::loss_name(kind)] = section;
  }
  return doc;
}
}  // namespace

void add_lae_landscape(CLI::App& lae) {
  Command<LandscapeOptions> c{"landscape", "every critical point: loss, inertia, classification", Arithmetic::mpfr,
                              [](CLI::App& cmd, LandscapeOptions& o) {
                                o.data.add_to(cmd);
                                cmd.add_option("--p", o.p, "number of hidden units (at most n)")->check(integer_in(1, kMaxDimension))->capture_default_str();
                                cmd.add_option("--loss", o.loss, "loss(es) to enumerate")
                                    ->check(CLI::IsMember({"mse", "ordered", "both"}))
                                    ->capture_default_str();
                                cmd.add_flag("--cross-check", o.cross_check, "also diagonalise each assembled Hessian and report the discrepancy");
                                cmd.add_option("--max-points", o.max_points,
                                               "refuse to enumerate more full-rank tuples (or rank-deficient families) than this")
                                    ->check(integer_in(1, std::numeric_limits<long>::max()))
                                    ->capture_default_str();
                                refuse_certify(cmd, "lae landscape --certify: the enumeration's closed forms are MPFR values; the "
                                                    "nearest certified command proves one critical point: `lae spectrum --certify`");
                              },
                              landscape_document,
                              [](const LandscapeOptions& o) { return std::optional<std::uint64_t>(o.data.seed); }};
  c.finite_hint = "raise --digits";
  add_command(lae, c);
}

}  // namespace ael::cli
