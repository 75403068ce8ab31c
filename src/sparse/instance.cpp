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

template <class T> ValueLaw<T> make_value_law(const InstanceSpec& s) {
  ValueLaw<T> law;
  if (s.value_law == "finite") {
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
  } else if (s.value_law == "uniform" || s.value_law == "moments") {
    if (s.interval.empty()) throw ParameterError("value_law", "@value_law " + s.value_law + " needs @interval a,b");
    const auto [a, b] = parse_pair<T>(s.interval, "interval");
    if (!(a <= b)) throw ParameterError("interval", "@interval a,b needs a <= b");
    if (s.value_law == "uniform") {
      law = uniform_law<T>(a, b);
    } else {
      if (s.moments.empty()) throw ParameterError("value_law", "@value_law moments needs @moments m1,m2");
      const auto [m1, m2] = parse_pair<T>(s.moments, "moments");
      if (!(a <= m1 && m1 <= b && m1 * m1 <= m2 && m2 <= b * b))
        throw ParameterError("moments", "@moments m1,m2 are not the moments of a law on [a,b] (need a<=m1<=b, m1^2<=m2<=b^2)");
      law = moments_law<T>(a, b, m1, m2);
    }
  } else {
    throw ParameterError("value_law", "unknown @value_law '" + s.value_law + "' (finite, uniform, moments)");
  }
  if (!(law.a > 0))
    throw std::invalid_argument("code values must be > 0 (a bare ReLU layer cannot recover a non-positive value; docs/sparse.md §1)");
  return law;
}

template <class T> Mat<T> make_dictionary(const InstanceSpec& s, bool& c_analytic) {
  c_analytic = false;
  Mat<T> A;
  if (!s.dictionary_file.empty()) {
    A = read_matrix_as<T>(s.dictionary_file);
  } else if (s.dictionary == "identity-hadamard") {
    if (!is_power_of(s.n, 2)) throw std::invalid_argument("identity-hadamard needs n a power of 2 (got n = " + to_string(s.n) + ")");
    c_analytic = true;
    return identity_hadamard<T>(s.n);
  } else if (s.dictionary == "gaussian") {
    if (s.n < 1 || s.h <= s.n) throw ParameterError("n", "gaussian dictionary needs @n >= 1 and @h > n");
    A = gaussian_dictionary<T>(s.n, s.h, s.seed);  // normalised by construction
    return A;
  } else {
    throw ParameterError("dictionary", "unknown @dictionary '" + s.dictionary + "' (identity-hadamard, gaussian)");
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
  if (s.window == "d1") I.chosen = I.d1;
  else if (s.window == "uniform" || s.window == "per-row") {
    const auto& w = s.window == "uniform" ? I.uniform : I.per_row;
    if (!w) throw ParameterError("window", "@window " + s.window + " needs an O(h^2 n) certificate that is too costly here; use @window d1");
    I.chosen = *w;
  } else {
    throw ParameterError("window", "unknown @window '" + s.window + "' (d1, uniform, per-row)");
  }
  if (s.eps.empty() == s.eps_frac.empty()) throw ParameterError("eps", "give exactly one of @eps and @eps_frac");
  if (!s.eps_frac.empty()) {
    if (!I.chosen.nonempty())
      throw ParameterError("eps_frac", "the " + s.window + " recovery window is empty (lo = " + decimal(I.chosen.lo, 6) + " >= hi = " +
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

template <class T> void certify(const InstanceSpec& s, Instance<T>& I) {
  const bool uniform_law = I.P.support == SupportLaw::uniform;
  const bool d1_ok = I.d1.nonempty() && I.d1.certifies(I.eps);
  if (!uniform_law) I.certifier = Certifier::none_bernoulli;
  else if (d1_ok) I.certifier = Certifier::d1_window;
  else if (I.uniform && I.uniform->certifies(I.eps)) I.certifier = Certifier::certificate_a;
  else if (I.cert && per_row_certifies(*I.cert, I.P.eps, I.per_row->margin)) I.certifier = Certifier::certificate_b_per_row;
  else I.certifier = I.cert ? Certifier::none_outside_windows : Certifier::none_outside_d1;
  I.certified_by = certifier_text(I.certifier);
  I.recovery_certified = certifies(I.certifier);
  if (s.certify && !I.recovery_certified)
    throw std::invalid_argument("eps = " + decimal(I.eps, 8) + " is not certified (" + I.certified_by + "); window " + s.window +
                                " = [" + decimal(I.chosen.lo, 8) + ", " + decimal(I.chosen.hi, 8) + ")");
  const auto inc = I.P.incl();
  I.d2 = lemma_d2<T>(I.P.k, I.P.values.a, I.P.values.b, I.c, I.delta, I.eps, inc.pi1);
  I.d2_valid = uniform_law && d1_ok && I.eps >= 0;
}

// HAD coherence 1/√n without the Gram matrix: exact for rationals, an upper bound otherwise.
template <class T> T had_coherence(int n) { return inflate(T(T(1) / sqrt_of(T(n))), 1); }
template <> rational had_coherence<rational>(int n) { return rational(1) / exact_sqrt(rational(n), "sqrt(n)"); }

double log_ratio(double x, double h) { return std::log(x) / std::log(h); }
}  // namespace

bool certifies(Certifier c) {
  return c == Certifier::d1_window || c == Certifier::certificate_a || c == Certifier::certificate_b_per_row;
}

const char* certifier_text(Certifier c) {
  switch (c) {
    case Certifier::d1_window: return "D1 window (Lemma D1)";
    case Certifier::certificate_a: return "certificate (a)";
    case Certifier::certificate_b_per_row: return "certificate (b), per row";
    case Certifier::none_bernoulli: return "none: Bernoulli supports are unbounded, no certificate holds for every S (docs/sparse.md, SC-20)";
    case Certifier::none_outside_windows: return "none: threshold outside every certificate window";
    case Certifier::none_outside_d1: return "none: outside the D1 window ((a), (b) not computed)";
  }
  return "none";
}

bool exact_arithmetic_possible(const InstanceSpec& s) {
  if (s.dictionary_file.empty() && s.dictionary != "identity-hadamard") return false;
  if (s.dictionary_file.empty() && !is_power_of(s.n, 4)) return false;
  return !s.normalise;
}

template <class T> Instance<T> build_instance(const InstanceSpec& s) {
  Instance<T> I;
  auto& P = I.P;
  P.values = make_value_law<T>(s);
  P.A = make_dictionary<T>(s, I.c_analytic);
  const int n = P.n(), h = P.h();
  if (s.k < 1 || s.k >= h) throw std::invalid_argument("k = " + to_string(s.k) + " must satisfy 1 <= k < h = " + to_string(h));
  P.k = s.k;
  if (s.support == "uniform") P.support = SupportLaw::uniform;
  else if (s.support == "bernoulli") P.support = SupportLaw::bernoulli;
  else throw ParameterError("support", "unknown @support '" + s.support + "' (uniform, bernoulli)");
  P.q = s.q.empty() ? T(s.k) / T(h) : parse_named<T>(s.q, "q");
  if (!(P.q > 0 && P.q < 1)) throw ParameterError("q", "@q must lie in (0, 1)");
  P.W = make_weights<T>(s, P.A, I.delta);
  I.c = I.c_analytic ? had_coherence<T>(n) : inflate(coherence(P.A), n);
  add_certificates(I);
  choose_threshold(s, I);
  certify(s, I);
  return I;
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
  win["kind"] = window_kind;
  win["eps_position"] = chosen.nonempty() ? Json(decimal(T(chosen.position(eps)), 8)) : Json(nullptr);
  d["window"] = win;
  Json all;
  all["d1"] = window_json(d1, digits);
  all["uniform_a"] = uniform ? window_json(*uniform, digits) : Json("not computed (O(h^2 n) too costly at this precision)");
  all["per_row_b"] = per_row ? window_json(*per_row, digits) : Json("not computed (O(h^2 n) too costly at this precision)");
  d["windows"] = all;
  d["recovery_certified"] = recovery_certified;
  d["certified_by"] = certified_by;
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
  template Json decimal_vector<T>(const Vec<T>&, int);

AEL_SPARSE_INSTANCE(double)
AEL_SPARSE_INSTANCE(mp_real)
AEL_SPARSE_INSTANCE(rational)

}  // namespace ael::sparse
