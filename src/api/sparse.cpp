#include "api/sparse.hpp"

#include "core/errors.hpp"
#include "core/integer_text.hpp"
#include "core/io.hpp"
#include "core/ball_io.hpp"
#include "sparse/expected.hpp"
#include "sparse/expected_ball.hpp"

#include <algorithm>
#include <optional>
#include <iostream>
#include <sstream>

namespace ael::api {

using sparse::rational;

SparseArithmetic parse_sparse_arithmetic(const std::string& name) {
  if (name == "auto") return SparseArithmetic::automatic;
  if (name == "rational") return SparseArithmetic::rational;
  if (name == "mpfr") return SparseArithmetic::mpfr;
  if (name == "double") return SparseArithmetic::double_precision;
  throw ParameterError("arithmetic", "unknown @arithmetic '" + name + "' (auto, double, mpfr, rational)");
}

SparseArithmetic resolve_sparse_arithmetic(SparseArithmetic requested, const sparse::InstanceSpec& spec) {
  const bool exact = sparse::exact_arithmetic_possible(spec);
  if (requested == SparseArithmetic::automatic) return exact ? SparseArithmetic::rational : SparseArithmetic::mpfr;
  if (requested == SparseArithmetic::rational && !exact)
    throw ParameterError("arithmetic", "@arithmetic rational needs rational inputs: identity-hadamard with n a power of 4 "
                                       "or a @dictionary_file without @normalise");
  return requested;
}

const char* sparse_arithmetic_name(SparseArithmetic a) {
  switch (a) {
    case SparseArithmetic::rational: return "rational";
    case SparseArithmetic::mpfr: return "mpfr";
    case SparseArithmetic::double_precision: return "double";
    case SparseArithmetic::automatic: break;
  }
  return "auto";
}

std::vector<int> parse_rows(const std::string& text, int h) {
  std::vector<int> rows;
  if (text == "all") {
    for (int i = 0; i < h; ++i) rows.push_back(i);
    return rows;
  }
  if (!text.empty() && text.back() == ',') throw ParameterError("row", "@row '" + text + "' ends in a comma");
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    const std::optional<long> value = parse_integer(item);
    if (!value || *value < 0 || *value >= h)
      throw ParameterError("row", "@row '" + item + "' must be an integer in [0, h) = [0, " + std::to_string(h) + ")");
    const int r = static_cast<int>(*value);
    if (std::find(rows.begin(), rows.end(), r) != rows.end())
      throw ParameterError("row", "@row lists row " + std::to_string(r) + " twice");
    rows.push_back(r);
  }
  if (rows.empty()) throw ParameterError("row", "@row is empty");
  return rows;
}

namespace {
template <class T> Json bound_json(const sparse::Instance<T>& I, int digits) {
  Json b;
  b["value"] = sparse::decimal(I.d2.expected, digits);
  b["valid"] = I.d2_valid;
  b["assumption"] = I.d2_valid ? "D1 window holds for every threshold (Lemma D2 applies)"
                               : "Lemma D2 does NOT apply: the D1 window does not certify eps (or Bernoulli supports)";
  b["per_sample"] = sparse::decimal(I.d2.per_sample, digits);
  b["F1"] = sparse::decimal(I.d2.F1, digits);
  b["F2"] = sparse::decimal(I.d2.F2, digits);
  b["Gamma"] = sparse::decimal(I.d2.Gamma, digits);
  b["eta_bar"] = sparse::decimal(I.d2.eta_bar, digits);
  b["rounding"] = sparse::ScalarOps<T>::exact ? "exact, Gamma by a rational upper bound of the square root" : "rounded upward";
  b["evidence"] = sparse::evidence_name(I.bound_evidence);
  return b;
}

// --certify with floats: the exact instance in balls (sparse/expected_ball.hpp), so that
// the norms and their comparison with Lemma D2 are decided by balls (docs/sparse.md
// "Certified outputs"). Absent for rationals (already exact), without --certify, or when
// the threshold could not be enclosed.
template <class T> std::optional<sparse::BallModel> ball_model(const ExpectedGradientOptions& o, const sparse::Instance<T>& I) {
  if constexpr (sparse::ScalarOps<T>::exact) {
    return std::nullopt;
  } else {
    if (!o.spec.certify || !I.eps_ball || I.P.support != sparse::SupportLaw::uniform) return std::nullopt;
    std::cerr << "sparse expected-gradient: enclosing the exact instance in balls\n";
    return sparse::enclose_model(o.spec, *I.eps_ball);
  }
}

template <class T> Json row_json(const sparse::Instance<T>& I, int row, int digits, const Spelling& spell, const sparse::BallModel* balls,
                                 bool& within_proved) {
  const auto g = sparse::expected_gradient(I.P, row);
  Json r;
  r["row"] = row;
  r["expected_gradient"] = sparse::decimal_vector(g.value, digits);
  r["expected_gradient_norm"] = sqrt_decimal(g.norm_sq, digits);
  r["expected_gradient_norm_sq"] = sparse::exact_text(g.norm_sq, digits);
  r["cancellation_ratio"] = to_decimal(g.cancellation_ratio, 3);
  if (g.cancellation_ratio < 1e-8 && !sparse::ScalarOps<T>::exact)
    r["warning"] = "heavy cancellation: use more " + spell("digits") + " or " + spell("arithmetic") + " rational";
  // Exact comparison of squares for rationals (the bound is an upper bound).
  r["within_certified_bound"] = g.norm_sq <= I.d2.expected * I.d2.expected;
  within_proved = sparse::ScalarOps<T>::exact;
  if (balls) {
    const Ball sq = sparse::expected_gradient(balls->P, row).norm_sq;
    r["expected_gradient_norm_sq_ball"] = ball_json(sq, digits);
    if (sq.certainly_positive()) r["expected_gradient_norm_ball"] = ball_json(sqrt(sq), digits);
    // The ball decides ‖E∇‖² against the exact (π1F1F2)², which lies below the printed
    // bound when the bound's evidence is proved; undecided keeps the estimate.
    const sparse::Verdict v = sparse::ball_within_lemma_d2(sq, *balls);
    if (v != sparse::Verdict::undecided && I.bound_evidence != sparse::Evidence::estimate) {
      r["within_certified_bound"] = v == sparse::Verdict::holds;
      within_proved = true;
    }
  }
  return r;
}

// Returns whether every row's comparison with the bound was decided (exactly or by balls).
template <class T> bool rows_json(Json& doc, const sparse::Instance<T>& I, const std::string& row_text, int digits, const Spelling& spell,
                                  const std::optional<sparse::BallModel>& balls) {
  const auto rows = parse_rows(row_text, I.P.h());
  Json all = Json::array();
  bool all_proved = true;
  for (int r : rows) {
    std::cerr << "sparse expected-gradient: row " << r << "\n";
    bool proved = false;
    all.push_back(row_json(I, r, digits, spell, balls ? &*balls : nullptr, proved));
    all_proved = all_proved && proved;
  }
  doc["row"] = rows.front();
  doc["expected_gradient"] = all.front()["expected_gradient"];
  doc["expected_gradient_norm"] = all.front()["expected_gradient_norm"];
  doc["expected_gradient_norm_sq"] = all.front()["expected_gradient_norm_sq"];
  for (const char* key : {"expected_gradient_norm_ball", "expected_gradient_norm_sq_ball"})
    if (all.front().contains(key)) doc[key] = all.front()[key];
  if (rows.size() > 1) {
    for (auto& r : all) r.erase("expected_gradient");  // one table row per W_i: the norms
    doc["rows"] = all;
  } else {
    doc["cancellation_ratio"] = all.front()["cancellation_ratio"];
    doc["within_certified_bound"] = all.front()["within_certified_bound"];
  }
  return all_proved;
}

// --all-rows: every row at once; the matrix goes to --out (rationals and
// mp_real rounded to `digits` in CSV, to double in .npy), the norms to JSON.
// --all-rows --certify with floats: every row's ‖E∇‖² enclosed (h single-row ball
// evaluations, O(h²n) ball work), so the maximum and its comparison with Lemma D2 are
// decided by balls. Above this work (multiply-adds, ≈ 25 s on one core) the all-rows
// decision stays an estimate and the document says why.
constexpr double kAllRowsBallWork = 3e7;

// Returns whether max_norm_within_certified_bound was decided by balls.
template <class T> bool all_rows_balls(Json& doc, const sparse::Instance<T>& I, const sparse::BallModel& balls, int digits) {
  const double h = I.P.h(), work = h * h * I.P.n();
  if (work > kAllRowsBallWork) {
    doc["all_rows_ball_note"] = "not enclosed: h^2 n = " + to_decimal(work, 3) + " ball multiply-adds is above the budget " +
                                to_decimal(kAllRowsBallWork, 3) + "; the all-rows comparison is an estimate";
    return false;
  }
  Ball max_sq(0);
  bool all_hold = true, any_fails = false;
  for (int i = 0; i < I.P.h(); ++i) {
    if (i % 64 == 0) std::cerr << "sparse expected-gradient: balls, row " << i << " of " << I.P.h() << "\n";
    const Ball sq = sparse::expected_gradient(balls.P, i).norm_sq;
    max_sq = max_of(max_sq, sq);
    const sparse::Verdict v = sparse::ball_within_lemma_d2(sq, balls);
    all_hold = all_hold && v == sparse::Verdict::holds;
    any_fails = any_fails || v == sparse::Verdict::fails;
  }
  doc["max_norm_sq_ball"] = ball_json(max_sq, digits);
  if (max_sq.certainly_positive()) doc["max_norm_ball"] = ball_json(sqrt(max_sq), digits);
  if ((!all_hold && !any_fails) || I.bound_evidence == sparse::Evidence::estimate) return false;
  doc["max_norm_within_certified_bound"] = all_hold;
  return true;
}

template <class T> void all_rows_json(Json& doc, const sparse::Instance<T>& I, const std::string& out, int digits) {
  std::cerr << "sparse expected-gradient: all " << I.P.h() << " rows\n";
  const Mat<T> G = sparse::expected_gradient_all_rows(I.P);
  Json norms = Json::array();
  Eigen::Index best = 0;
  const Vec<T> sq = G.rowwise().squaredNorm();
  for (Eigen::Index i = 0; i < sq.size(); ++i) {
    norms.push_back(sqrt_decimal(sq(i), digits));
    if (sq(i) > sq(best)) best = i;
  }
  doc["all_rows"] = true;
  doc["expected_gradient_norms"] = norms;
  doc["max_norm_row"] = best;
  doc["max_norm"] = sqrt_decimal(sq(best), digits);
  doc["max_norm_within_certified_bound"] = sq(best) <= I.d2.expected * I.d2.expected;
  if (out.empty()) return;
  const Mat<mp_real> M = G.unaryExpr([](const T& x) { return sparse::ScalarOps<T>::to_mp(x); });
  if (out.size() > 4 && out.substr(out.size() - 4) == ".npy") write_npy<mp_real>(out, M);
  else write_csv<mp_real>(out, M, digits);
  doc["file"] = out;
}

template <class T> Json typed_document(const ExpectedGradientOptions& o, const std::string& scalar, int digits) {
  const auto I = sparse::build_instance<T>(o.spec);
  Json doc;
  doc["command"] = "sparse expected-gradient";
  doc["arithmetic"] = scalar;
  doc["instance"] = I.describe(digits);
  bool within_proved = sparse::ScalarOps<T>::exact;
  if (o.all_rows) {
    all_rows_json(doc, I, o.out, digits);
    if (const auto balls = ball_model(o, I)) within_proved = all_rows_balls(doc, I, *balls, digits);
  } else {
    within_proved = rows_json(doc, I, o.rows, digits, o.spell, ball_model(o, I));
  }
  doc["window"] = doc["instance"]["window"];
  doc["recovery_certified"] = I.recovery_certified;
  doc["certified_by"] = I.certified_by;
  if (!I.evidence_note.empty()) doc["recovery_note"] = I.evidence_note;
  doc["certified_bound"] = bound_json(I, digits);
  // The level of each decision (docs/sparse.md "Certified outputs"): the norms are
  // exact in rational arithmetic; with floats the comparison with the bound is decided
  // by balls under --certify (every listed row decided), an estimate otherwise.
  const char* within_level = sparse::ScalarOps<T>::exact ? "proved-exact" : within_proved ? "proved-ball" : "estimate";
  doc["evidence"] = Json{{"recovery_certified", sparse::evidence_name(I.evidence)},
                         {"certified_bound", sparse::evidence_name(I.bound_evidence)},
                         {"within_certified_bound", within_level}};
  doc["validity"] = I.recovery_certified
                        ? "exact E of the true network's gradient (support recovered for every sample)"
                        : "recovered-support surrogate: equals the true network's E only where recovery holds";
  return doc;
}
}  // namespace

Json expected_gradient_document(const ExpectedGradientOptions& o, int digits) {
  auto ends_with = [&](const char* tail) { return o.out.size() > 4 && o.out.substr(o.out.size() - 4) == tail; };
  if (!o.out.empty() && !o.all_rows) throw ParameterError("out", "@out needs @all_rows");
  if (!o.out.empty() && !ends_with(".npy") && !ends_with(".csv")) throw ParameterError("out", "@out must end in .csv or .npy");
  const SparseArithmetic a = resolve_sparse_arithmetic(o.arithmetic, o.spec);
  const std::string scalar = sparse_arithmetic_name(a);
  if (a == SparseArithmetic::rational) return typed_document<rational>(o, scalar, digits);
  if (a == SparseArithmetic::mpfr) return typed_document<mp_real>(o, scalar, digits);
  return typed_document<double>(o, scalar, digits);
}

}  // namespace ael::api
