#include "sparse/instance.hpp"

#include "core/errors.hpp"
#include "core/io.hpp"
#include "core/linalg.hpp"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ael::sparse {

namespace {
using std::to_string;

std::vector<std::string> split(const std::string& text, char sep = ',') {
  std::vector<std::string> items;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, sep)) items.push_back(item);
  return items;
}

// One number of the parameter `name`; a parse failure names the parameter.
template <class T> T parse_named(const std::string& text, const std::string& name) {
  try {
    return ScalarOps<T>::parse(text);
  } catch (const ParameterError&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw ParameterError(name, "@" + name + ": " + e.what());
  }
}

template <class T> std::vector<T> parse_list(const std::string& text, const std::string& name) {
  std::vector<T> out;
  for (const auto& item : split(text)) out.push_back(parse_named<T>(item, name));
  if (out.empty()) throw ParameterError(name, "@" + name + " is empty");
  return out;
}

template <class T> std::pair<T, T> parse_pair(const std::string& text, const std::string& name) {
  const auto v = parse_list<T>(text, name);
  if (v.size() != 2) throw ParameterError(name, "@" + name + " needs two comma-separated numbers");
  return {v[0], v[1]};
}

bool is_power_of(int n, int base) {
  if (n < 1) return false;
  while (n % base == 0) n /= base;
  return n == 1;
}

// Work above which an O(h²n) certificate is skipped at this precision.
template <class T> double certificate_budget() { return 4e9; }
template <> double certificate_budget<mp_real>() { return 3e8; }
template <> double certificate_budget<rational>() { return 3e7; }

// Upper bound of a rounded non-negative quantity computed from dot products of
// length n (Higham's γ_n), so that D1/D2 stay certified for floats.
template <class T> T inflate(const T& x, int n) { return x + T(n + 8) * ScalarOps<T>::unit_roundoff() * (T(1) + x); }

}  // namespace

template <class T> ValueLaw<T> value_law_of(const InstanceSpec& s) {
  ValueLaw<T> law;
  if (s.value_law == ValueLawKind::finite) {
    auto atoms = parse_list<T>(s.values, "values");
    std::vector<T> probs;
    if (s.probs.empty()) {
      probs.assign(atoms.size(), T(1) / T(static_cast<int>(atoms.size())));
    } else {
      probs = parse_list<T>(s.probs, "probs");
      if (probs.size() != atoms.size()) throw ParameterError("probs", "@probs must have as many entries as @values");
      T total(0);
      for (const auto& p : probs) {
        if (!(p > 0)) throw ParameterError("probs", "@probs entries must be > 0");
        total += p;
      }
      T defect = total - T(1);
      if (defect < 0) defect = -defect;
      if (defect > T(1e-12)) throw ParameterError("probs", "@probs must sum to 1");
      for (auto& p : probs) p /= total;  // exact for rationals (total = 1); removes decimal rounding otherwise
    }
    law = finite_law<T>(atoms, probs);
  } else {
    if (s.interval.empty())
      throw ParameterError("value_law", "@value_law " + std::string(value_law_word(s.value_law)) + " needs @interval a,b");
    const auto [a, b] = parse_pair<T>(s.interval, "interval");
    if (!(a <= b)) throw ParameterError("interval", "@interval a,b needs a <= b");
    if (s.value_law == ValueLawKind::uniform) {
      law = uniform_law<T>(a, b);
    } else {
      if (s.moments.empty()) throw ParameterError("value_law", "@value_law moments needs @moments m1,m2");
      const auto [m1, m2] = parse_pair<T>(s.moments, "moments");
      if (!(a <= m1 && m1 <= b && m1 * m1 <= m2 && m2 <= b * b))
        throw ParameterError("moments", "@moments m1,m2 are not the moments of a law on [a,b] (need a<=m1<=b, m1^2<=m2<=b^2)");
      law = moments_law<T>(a, b, m1, m2);
    }
  }
  if (!(law.a > 0))
    throw std::invalid_argument("code values must be > 0 (a bare ReLU layer cannot recover a non-positive value; docs/sparse.md §1.2)");
  return law;
}

namespace {
template <class T> Mat<T> make_dictionary(const InstanceSpec& s, bool& c_analytic) {
  c_analytic = false;
  Mat<T> A;
  if (!s.dictionary_file.empty()) {
    A = read_matrix_as<T>(s.dictionary_file);
  } else if (s.dictionary == DictionaryKind::identity_hadamard) {
    if (!is_power_of(s.n, 2)) throw std::invalid_argument("identity-hadamard needs n a power of 2 (got n = " + to_string(s.n) + ")");
    c_analytic = true;
    return identity_hadamard<T>(s.n);
  } else {
    if (s.n < 1 || s.h <= s.n) throw ParameterError("n", "gaussian dictionary needs @n >= 1 and @h > n");
    A = gaussian_dictionary<T>(s.n, s.h, s.seed);  // normalised by construction
    return A;
  }
  if (s.normalise) return normalise_columns(A);
  // Exactly unit for rationals; to 1e-12 for decimals printed from a float.
  const T defect = unit_column_defect(A);
  const T tolerance = ScalarOps<T>::exact ? T(0) : T(1e-12);
  if (defect > tolerance)
    throw ParameterError("normalise", "dictionary columns are not unit norm (max |‖A_j‖²−1| = " + decimal(defect, 3) +
                                "); pass @normalise to normalise them");
  return A;
}

template <class T> Mat<T> make_weights(const InstanceSpec& s, const Mat<T>& A, T& delta) {
  if (!s.weights_file.empty()) {
    Mat<T> W = read_matrix_as<T>(s.weights_file);
    if (W.rows() != A.cols() || W.cols() != A.rows())
      throw ParameterError("weights_file", "@weights_file is " + to_string(W.rows()) + "x" + to_string(W.cols()) + ", expected h x n = " +
                                  to_string(A.cols()) + "x" + to_string(A.rows()));
    delta = inflate(sqrt_of(max_row_distance_sq(A, W)), static_cast<int>(A.rows()));
    return W;
  }
  delta = parse_named<T>(s.delta, "delta");
  if (delta < 0) throw ParameterError("delta", "@delta must be >= 0");
  Mat<T> W = perturbed_weights(A, delta, s.seed);
  delta = inflate(delta, static_cast<int>(A.rows()));  // rounded unit directions: exact only for rationals
  return W;
}

template <class T> void add_certificates(Instance<T>& I) {
  const auto& P = I.P;
  const T a = P.values.a, b = P.values.b;
  I.d1 = window_d1<T>(P.k, a, b, I.c, I.delta);
  const double work = static_cast<double>(P.h()) * P.h() * P.n();
  if (work > certificate_budget<T>()) return;
  const Mat<T> G = product(P.W, P.A);  // the O(h²n) part, shared by both certificates
  I.uniform = window_uniform<T>(P.k, a, b, uniform_constants_of_gram(G), P.n());
  I.cert = per_row_certificate_of_gram<T>(G, P.k, a, b, P.support == SupportLaw::bernoulli);
  I.per_row = window_per_row<T>(*I.cert, b, P.k, P.n());
}

template <class T> void choose_threshold(const InstanceSpec& s, Instance<T>& I) {
  I.window_kind = s.window;
  const std::string window = window_word(s.window);
  if (s.window == WindowKind::d1) {
    I.chosen = I.d1;
  } else {
    const auto& w = s.window == WindowKind::uniform ? I.uniform : I.per_row;
    if (!w) throw ParameterError("window", "@window " + window + " needs an O(h^2 n) certificate that is too costly here; use @window d1");
    I.chosen = *w;
  }
  if (s.eps.empty() == s.eps_frac.empty()) throw ParameterError("eps", "give exactly one of @eps and @eps_frac");
  if (!s.eps_frac.empty()) {
    if (!I.chosen.nonempty())
      throw ParameterError("eps_frac", "the " + window + " recovery window is empty (lo = " + decimal(I.chosen.lo, 6) + " >= hi = " +
                                  decimal(I.chosen.hi, 6) +
                                  "): no threshold recovers every support, so the closed form would only be the "
                                  "recovered-support surrogate, not E of the true gradient; give @eps explicitly");
    const T t = parse_named<T>(s.eps_frac, "eps_frac");
    if (t < 0 || !(t < 1)) throw ParameterError("eps_frac", "@eps_frac must lie in [0, 1)");
    I.eps = I.chosen.at_fraction(t);
  } else {
    I.eps = parse_named<T>(s.eps, "eps");
  }
  I.P.eps = Vec<T>::Constant(I.P.h(), I.eps);
}

// Today's rule at the working precision: exact for rationals, with the rounding
// margin for floats (an estimate there; the proof is prove_by_balls).
template <class T> Certifier working_precision_certifier(const Instance<T>& I) {
  if (I.P.support != SupportLaw::uniform) return Certifier::none_bernoulli;
  if (I.d1.nonempty() && I.d1.certifies(I.eps)) return Certifier::d1_window;
  if (I.uniform && I.uniform->certifies(I.eps)) return Certifier::certificate_a;
  if (I.cert && per_row_certifies(*I.cert, I.P.eps, I.per_row->margin)) return Certifier::certificate_b_per_row;
  return I.cert ? Certifier::none_outside_windows : Certifier::none_outside_d1;
}

// Ball work (multiply-adds of the O(h²n) Gram products) above which the ball
// certificates (a), (b) and a non-analytic coherence are not enclosed.
constexpr double ball_budget = 1e9;

const char* window_label(WindowKind w) { return w == WindowKind::d1 ? "D1" : w == WindowKind::uniform ? "(a)" : "(b)"; }

// Floats: the decision of docs/sparse.md "Certified outputs" from balls around
// the exact instance; sets certifier, evidence, d2_valid and bound_evidence.
template <class T> void prove_by_balls(const InstanceSpec& s, Instance<T>& I) {
  I.evidence = Evidence::proved_ball;
  I.bound_evidence = Evidence::proved_ball;
  if (I.P.support != SupportLaw::uniform) {
    I.certifier = Certifier::none_bernoulli;
    I.d2_valid = false;
    return;
  }
  const int k = I.P.k;
  const auto law = value_law_of<rational>(s);
  const BallInstance B = enclose_instance(s, k, ball_of(law.a), ball_of(law.b), ball_budget);
  std::optional<BallWindow> d1, uniform, per_row;
  if (B.c_known && B.delta_known && B.unit_columns) d1 = ball_window_d1(k, B.a, B.b, B.c, B.delta);
  const std::optional<BallWindow>& chosen = s.window == WindowKind::d1 ? d1 : s.window == WindowKind::uniform ? uniform : per_row;
  std::optional<Ball> eps;
  if (!B.eps_from_fraction) eps = B.eps;
  else if (chosen) eps = chosen->lo + B.t * (chosen->hi - chosen->lo);
  // The O(h²n) Gram only when D1 does not already decide, or ε sits in window (a) or (b).
  const bool d1_holds = d1 && (B.eps_from_fraction && &chosen == &d1 ? ball_window_contains_fraction(*d1, B.t) == Verdict::holds
                                                                      : eps && ball_window_contains(*d1, *eps) == Verdict::holds);
  std::optional<BallMatrix> gram;
  if (!d1_holds) gram = cross_gram(B);
  if (gram) uniform = ball_window_uniform(k, B.a, B.b, *gram), per_row = ball_window_per_row(k, B.a, B.b, *gram);
  if (gram && B.eps_from_fraction && &chosen != &d1) eps = chosen->lo + B.t * (chosen->hi - chosen->lo);
  std::string straddles;
  auto verdict = [&](const std::optional<BallWindow>& w, const char* name) {
    if (!w) return Verdict::fails;  // not computed: proves nothing, refutes nothing
    Verdict v = Verdict::undecided;
    if (B.eps_from_fraction && &w == &chosen) v = ball_window_contains_fraction(*w, B.t);
    else if (eps) v = ball_window_contains(*w, *eps);
    else return Verdict::fails;  // ε itself is not enclosed (below): nothing is decided
    if (v == Verdict::undecided) straddles += straddles.empty() ? name : std::string(", ") + name;
    return v;
  };
  const Verdict v1 = verdict(d1, "D1"), va = verdict(uniform, "(a)"), vb = verdict(per_row, "(b)");
  if (v1 == Verdict::holds) I.certifier = Certifier::d1_window;
  else if (va == Verdict::holds) I.certifier = Certifier::certificate_a;
  else if (vb == Verdict::holds) I.certifier = Certifier::certificate_b_per_row;
  else if (!straddles.empty()) I.certifier = Certifier::none_undecided;
  else if ((!d1 && !gram) || !eps) I.certifier = Certifier::none_not_enclosed;
  else I.certifier = gram ? Certifier::none_outside_windows : Certifier::none_outside_d1;
  if (I.certifier == Certifier::none_undecided || I.certifier == Certifier::none_not_enclosed) {
    I.evidence = Evidence::estimate;
    I.evidence_note = I.certifier == Certifier::none_undecided
                          ? "a ball of the exact instance straddles an end of the " + straddles + " window at this precision"
                          : "not enclosed: " + (eps ? B.missing : std::string("the threshold (the ") + window_label(s.window) +
                                                                       " window of the exact instance is not enclosed)");
    I.evidence_note += std::string("; the working-precision windows say: ") + certifier_text(I.estimated);
  }
  // Lemma D2 needs the D1 window proved and ε ≥ 0; the printed bound must then be
  // proved to lie above the exact π1 F1 F2.
  I.eps_ball = eps;
  I.d2_valid = v1 == Verdict::holds && eps && arb_is_nonnegative(eps->get());
  if (I.d2_valid) {
    const Ball exact = ball_lemma_d2(k, B.b, B.c, B.delta, *eps, B.pi1);
    if (!arb_is_nonnegative((Ball(ScalarOps<T>::to_mp(I.d2.expected)) - exact).get())) I.bound_evidence = Evidence::estimate;
  } else if (v1 == Verdict::undecided || !d1) {
    I.bound_evidence = Evidence::estimate;
  }
}

template <class T> void certify(const InstanceSpec& s, Instance<T>& I) {
  I.estimated = working_precision_certifier(I);
  const auto inc = I.P.incl();
  I.d2 = lemma_d2<T>(I.P.k, I.P.values.a, I.P.values.b, I.c, I.delta, I.eps, inc.pi1);
  if constexpr (ScalarOps<T>::exact) {
    // Rationals: the windows are exact (margin 0), so the working-precision rule is the proof.
    I.certifier = I.estimated;
    I.evidence = I.bound_evidence = Evidence::proved_exact;
    I.eps_ball = ball_of(I.eps);
    I.d2_valid = I.P.support == SupportLaw::uniform && I.d1.nonempty() && I.d1.certifies(I.eps) && I.eps >= 0;
  } else {
    prove_by_balls(s, I);
  }
  I.certified_by = certifier_text(I.certifier);
  I.recovery_certified = certifies(I.certifier);
  if (s.certify && !I.recovery_certified)
    throw std::invalid_argument("eps = " + decimal(I.eps, 8) + " is not certified (" + I.certified_by +
                                "); window " + window_word(s.window) + " = [" + decimal(I.chosen.lo, 8) + ", " + decimal(I.chosen.hi, 8) + ")");
}

// HAD coherence 1/√n without the Gram matrix: exact for rationals, an upper bound otherwise.
template <class T> T had_coherence(int n) { return inflate(T(T(1) / sqrt_of(T(n))), 1); }
template <> rational had_coherence<rational>(int n) { return rational(1) / exact_sqrt(rational(n), "sqrt(n)"); }

double log_ratio(double x, double h) { return std::log(x) / std::log(h); }
}  // namespace

const char* dictionary_word(DictionaryKind d) { return d == DictionaryKind::gaussian ? "gaussian" : "identity-hadamard"; }

DictionaryKind parse_dictionary(const std::string& word) {
  if (word == "identity-hadamard") return DictionaryKind::identity_hadamard;
  if (word == "gaussian") return DictionaryKind::gaussian;
  throw ParameterError("dictionary", "unknown @dictionary '" + word + "' (identity-hadamard, gaussian)");
}

const char* support_word(SupportLaw s) { return s == SupportLaw::bernoulli ? "bernoulli" : "uniform"; }

SupportLaw parse_support(const std::string& word) {
  if (word == "uniform") return SupportLaw::uniform;
  if (word == "bernoulli") return SupportLaw::bernoulli;
  throw ParameterError("support", "unknown @support '" + word + "' (uniform, bernoulli)");
}

const char* value_law_word(ValueLawKind v) {
  return v == ValueLawKind::finite ? "finite" : v == ValueLawKind::uniform ? "uniform" : "moments";
}

ValueLawKind parse_value_law(const std::string& word) {
  if (word == "finite") return ValueLawKind::finite;
  if (word == "uniform") return ValueLawKind::uniform;
  if (word == "moments") return ValueLawKind::moments;
  throw ParameterError("value_law", "unknown @value_law '" + word + "' (finite, uniform, moments)");
}

const char* window_word(WindowKind w) { return w == WindowKind::d1 ? "d1" : w == WindowKind::uniform ? "uniform" : "per-row"; }

WindowKind parse_window(const std::string& word) {
  if (word == "d1") return WindowKind::d1;
  if (word == "uniform") return WindowKind::uniform;
  if (word == "per-row") return WindowKind::per_row;
  throw ParameterError("window", "unknown @window '" + word + "' (d1, uniform, per-row)");
}

bool certifies(Certifier c) {
  return c == Certifier::d1_window || c == Certifier::certificate_a || c == Certifier::certificate_b_per_row;
}

const char* certifier_text(Certifier c) {
  switch (c) {
    case Certifier::d1_window: return "D1 window (Lemma D1)";
    case Certifier::certificate_a: return "certificate (a)";
    case Certifier::certificate_b_per_row: return "certificate (b), per row";
    case Certifier::none_bernoulli: return "none: Bernoulli supports are unbounded, no certificate holds for every S (docs/sparse.md §7)";
    case Certifier::none_outside_windows: return "none: threshold outside every certificate window";
    case Certifier::none_outside_d1: return "none: outside the D1 window ((a), (b) not computed)";
    case Certifier::none_undecided: return "none: not proved, a ball straddles a window end at this precision";
    case Certifier::none_not_enclosed: return "none: not proved, the exact instance was not enclosed (estimate only)";
  }
  return "none";
}

bool exact_arithmetic_possible(const InstanceSpec& s) {
  if (s.dictionary_file.empty() && s.dictionary != DictionaryKind::identity_hadamard) return false;
  if (s.dictionary_file.empty() && !is_power_of(s.n, 4)) return false;
  return !s.normalise;
}

template <class T> Instance<T> build_instance(const InstanceSpec& s) {
  Instance<T> I;
  auto& P = I.P;
  P.values = value_law_of<T>(s);
  P.A = make_dictionary<T>(s, I.c_analytic);
  const int n = P.n(), h = P.h();
  if (s.k < 1 || s.k >= h) throw std::invalid_argument("k = " + to_string(s.k) + " must satisfy 1 <= k < h = " + to_string(h));
  P.k = s.k;
  P.support = s.support;
  P.q = s.q.empty() ? T(s.k) / T(h) : parse_named<T>(s.q, "q");
  if (!(P.q > 0 && P.q < 1)) throw ParameterError("q", "@q must lie in (0, 1)");
  P.W = make_weights<T>(s, P.A, I.delta);
  I.c = I.c_analytic ? had_coherence<T>(n) : inflate(coherence(P.A), n);
  add_certificates(I);
  choose_threshold(s, I);
  certify(s, I);
  return I;
}

template <class T> std::optional<PerRowProver> per_row_prover(const InstanceSpec& s, const Instance<T>& I) {
  if (!I.eps_ball) return std::nullopt;
  const auto law = value_law_of<rational>(s);
  bool unit = false;
  return PerRowProver(ball_dictionary(s, unit), I.P.k, ball_of(law.a), ball_of(law.b), *I.eps_ball);
}

template <class T> Json decimal_vector(const Vec<T>& v, int digits) {
  Json a = Json::array();
  for (Eigen::Index t = 0; t < v.size(); ++t) a.push_back(decimal(v(t), digits));
  return a;
}

template <class T> Json window_json(const Window<T>& w, int digits) {
  return Json{{"lo", decimal(w.lo, digits)}, {"hi", decimal(w.hi, digits)}, {"nonempty", w.nonempty()}};
}

template <class T> Json Instance<T>::describe(int digits) const {
  const double hd = P.h(), cd = to_double(ScalarOps<T>::to_mp(c)), dd = to_double(ScalarOps<T>::to_mp(delta));
  Json d;
  d["n"] = P.n();
  d["h"] = P.h();
  d["k"] = P.k;
  d["coherence_c"] = decimal(c, digits);
  // An exponent that is +infinity (c = 0 or delta = 0) is null with a note: JSON never holds "inf".
  d["xi"] = cd > 0 ? Json(decimal(-log_ratio(cd, hd), 6)) : Json(nullptr);
  if (!(cd > 0)) d["xi_note"] = "coherence c = 0: xi = -log_h(c) is +infinity";
  d["p"] = decimal(log_ratio(P.k, hd), 6);
  d["delta"] = decimal(delta, digits);
  d["nu"] = dd > 0 ? Json(decimal(-log_ratio(dd, hd), 6)) : Json(nullptr);
  if (!(dd > 0)) d["nu_note"] = "delta = 0: nu = -log_h(delta) is +infinity";
  d["support_law"] = support_law_name(P.support);
  if (P.support == SupportLaw::bernoulli) d["q"] = decimal(P.q, digits);
  Json v;
  v["law"] = P.values.kind;
  if (P.values.kind == "finite") v["atoms"] = decimal_vector<T>(Eigen::Map<const Vec<T>>(P.values.atoms.data(), static_cast<Eigen::Index>(P.values.atoms.size())), digits);
  v["a"] = decimal(P.values.a, digits);
  v["b"] = decimal(P.values.b, digits);
  v["m1"] = decimal(P.values.m1, digits);
  v["m2"] = decimal(P.values.m2, digits);
  d["values"] = v;
  d["eps"] = decimal(eps, digits);
  Json win = window_json(chosen, digits);
  win["kind"] = window_word(window_kind);
  win["eps_position"] = chosen.nonempty() ? Json(decimal(T(chosen.position(eps)), 8)) : Json(nullptr);
  d["window"] = win;
  Json all;
  all["d1"] = window_json(d1, digits);
  all["uniform_a"] = uniform ? window_json(*uniform, digits) : Json("not computed (O(h^2 n) too costly at this precision)");
  all["per_row_b"] = per_row ? window_json(*per_row, digits) : Json("not computed (O(h^2 n) too costly at this precision)");
  d["windows"] = all;
  d["recovery_certified"] = recovery_certified;
  d["certified_by"] = certified_by;
  d["recovery_evidence"] = evidence_name(evidence);
  if (!evidence_note.empty()) d["recovery_note"] = evidence_note;
  d["loss"] = "L = 1/2 ||yhat - y||^2, yhat = W' ReLU(W y - eps)";
  return d;
}

template <class T> Mat<T> read_matrix_as(const std::string& path) { return read_matrix<T>(path); }

template <> Mat<rational> read_matrix_as<rational>(const std::string& path) {
  const bool npy = path.size() >= 4 && path.compare(path.size() - 4, 4, ".npy") == 0;
  if (npy) return read_matrix<double>(path).cast<rational>();  // doubles are dyadic rationals: exact
  std::ifstream in(path);
  if (!in) throw std::invalid_argument(path + ": cannot open");
  std::vector<std::vector<rational>> rows;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::vector<rational> row;
    for (const auto& cell : split(line)) {
      try {
        row.push_back(ScalarOps<rational>::parse(cell));
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(path + ":" + to_string(number) + ": " + e.what());
      }
    }
    if (!rows.empty() && row.size() != rows.front().size()) throw std::invalid_argument(path + ":" + to_string(number) + ": ragged row");
    rows.push_back(std::move(row));
  }
  if (rows.empty()) throw std::invalid_argument(path + ": no data");
  Mat<rational> M(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.front().size()));
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) M(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
  return M;
}

#define AEL_SPARSE_INSTANCE(T)                                     \
  template struct Instance<T>;                                     \
  template Instance<T> build_instance<T>(const InstanceSpec&);     \
  template Json decimal_vector<T>(const Vec<T>&, int);           \
  template ValueLaw<T> value_law_of<T>(const InstanceSpec&);     \
  template std::optional<PerRowProver> per_row_prover<T>(const InstanceSpec&, const Instance<T>&);

AEL_SPARSE_INSTANCE(double)
AEL_SPARSE_INSTANCE(mp_real)
AEL_SPARSE_INSTANCE(rational)

}  // namespace ael::sparse
