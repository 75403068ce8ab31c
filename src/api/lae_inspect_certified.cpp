// lae inspect --certify: what is proved about given weights (docs/certification.md §9).
#include "api/lae_certify.hpp"

#include "core/errors.hpp"
#include "lae/certify_inspect.hpp"
#include "lae/classify.hpp"
#include "lae/critical.hpp"

#include <iostream>
#include <stdexcept>

namespace ael::api {

namespace {
std::string interval(const Ball& x, int digits) {
  const BallText t = to_text(x, digits);
  return t.mid + " +- " + t.rad;
}

// The nearest critical point of the document (docs/cli.md, lae inspect) as exact data.
bool target_from(const Json& near, int p, lae::LossKind kind, lae::InspectTarget& t) {
  if (near.value("distance", Json()).is_null()) return false;  // inspect identified no point
  const Json& idx = near["index"];
  const Json& sc = near["scales"];
  std::vector<bool> dead(static_cast<size_t>(p), false);
  for (const auto& k : near["dead_units"]) dead[static_cast<size_t>(k.get<int>() - 1)] = true;
  for (int k = 0; k < p; ++k)
    if (!dead[static_cast<size_t>(k)]) t.live_units.push_back(k);
  const long r = static_cast<long>(t.live_units.size());
  t.C = BallMatrix(r, r);
  if (kind == lae::LossKind::ordered) {
    for (long q = 0; q < r; ++q) {
      const auto k = static_cast<size_t>(t.live_units[static_cast<size_t>(q)]);
      t.I.push_back(idx[k].get<int>() - 1);
      t.C.set(q, q, Ball::decimal(sc[k].get<std::string>()));
    }
  } else {
    for (const auto& i : idx) t.I.push_back(i.get<int>() - 1);
    for (long a = 0; a < r; ++a)
      for (long b = 0; b < r; ++b) t.C.set(a, b, Ball::decimal(sc[static_cast<size_t>(a)][static_cast<size_t>(b)].get<std::string>()));
  }
  return true;
}

std::string tuple_text(const lae::Index& I) {
  std::string s = "(";
  for (size_t k = 0; k < I.size(); ++k) s += (k ? "," : "") + std::to_string(I[k] + 1);
  return s + ")";
}

// The certified keys of one loss; returns whether every part is proved.
bool certify_loss(Json& j, const CertifiedInspectInputs& in, lae::LossKind kind, int digits) {
  const int p = static_cast<int>(in.A.cols());
  lae::InspectTarget t;
  const bool have_target = target_from(j["nearest_critical_point"], p, kind, t);
  const lae::CertifiedInspection c =
      have_target ? lae::certify_inspection(in.exact, in.Sxx, in.lambda, in.V, in.A, in.B, kind, t)
                  : lae::certify_inspection(in.exact, in.Sxx, in.lambda, in.V, in.A, in.B, kind, lae::InspectTarget{{}, {}, BallMatrix(0, 0)});
  const char* exact_route = "covariance form (docs/lae-math.md 2-3) in exact rational arithmetic at the exact weights and moments";
  Json loss = ball_json(c.loss_ball, digits);
  loss["evidence"] = "proved-exact";
  loss["route"] = exact_route;
  j["loss_ball"] = loss;
  Json grad = ball_json(c.gradient_norm_ball, digits);
  grad["evidence"] = "proved-exact";
  grad["route"] = std::string(exact_route) + "; ||grad L||_F^2 exact, its square root enclosed";
  j["gradient_norm_ball"] = grad;
  const bool critical = c.gradient_norm_sq == 0;
  j["criticality"] = {{"result", critical ? "critical" : "not critical"},
                      {"evidence", "proved-exact"},
                      {"reason", critical ? "grad L = 0 exactly" : "||grad L||_F^2 > 0 exactly"}};
  std::string statement = critical ? "the given point is critical (grad L = 0 exactly)"
                                   : "the given point is not critical (||grad L||_F = " + interval(c.gradient_norm_ball, 3) + " > 0)";
  std::vector<std::string> missing;
  if (have_target && c.distance_proved) {
    Json d = ball_json(c.distance, digits);
    d["evidence"] = "proved-ball";
    d["route"] = "eigenvectors of Sigma enclosed by the residual bound (docs/certification.md 4), exact C, Frobenius distance in balls";
    j["distance_ball"] = d;
    statement += "; it lies at distance " + interval(c.distance, 6) + " from the critical point P(I,C), I = " +
                 tuple_text(t.I) + (t.live_units.size() < static_cast<size_t>(p) ? " (dead units zero)" : "") +
                 ", C = nearest_critical_point.scales";
  } else {
    const std::string why = have_target ? c.distance_reason : "lae inspect identified no nearest critical point";
    if (have_target) statement += "; the nearest critical point is P(I,C), I = " + tuple_text(t.I) + ", C = nearest_critical_point.scales (distance not proved)";
    j["distance_ball"] = {{"evidence", "not proved"}, {"reason", why}};
    missing.push_back("distance: " + why);
  }
  if (have_target && c.inertia_proved) {
    if (j.contains("inertia")) {
      const Json& old = j["inertia"];
      if (old["negative"] != c.inertia.negative || old["zero"] != c.inertia.zero || old["positive"] != c.inertia.positive)
        throw std::logic_error("lae inspect --certify: the proved inertia contradicts the closed-form count (a bug; please report)");
    }
    j["inertia"] = {{"negative", c.inertia.negative}, {"zero", c.inertia.zero}, {"positive", c.inertia.positive},
                    {"evidence", "proved-ball"}, {"route", c.inertia_route}};
    const auto cls = lae::classify(c.inertia, lae::attains_optimum(t.I, kind));
    const std::string name = c.inertia.negative > 0 ? "a saddle of index " + std::to_string(c.inertia.negative)
                                                     : std::string("a ") + lae::classification_name(cls);
    j["proved_classification"] = c.inertia.negative > 0 ? "saddle of index " + std::to_string(c.inertia.negative)
                                                         : lae::classification_name(cls);
    statement += "; the Hessian of L at P(I,C) has the proved inertia (" + std::to_string(c.inertia.negative) + ", " +
                 std::to_string(c.inertia.zero) + ", " + std::to_string(c.inertia.positive) + "): " + name;
  } else {
    const std::string why = have_target ? c.inertia_reason : "lae inspect identified no nearest critical point";
    if (j.contains("inertia")) {
      j["inertia"]["evidence"] = "pass-tolerance";
      j["inertia"]["reason"] = why;
    } else {
      j["inertia"] = {{"evidence", "not proved"}, {"reason", why}};
    }
    missing.push_back("inertia: " + why);
  }
  j["verdict_evidence"] = "pass-tolerance (relative gradient norm against tol; the proved results are 'statement' and the *_ball keys)";
  j["statement"] = statement;
  if (missing.empty()) {
    j["evidence"] = "proved-ball";
    j["certified"] = true;
    return true;
  }
  j["evidence"] = "pass-tolerance";
  std::string reason;
  for (const auto& m : missing) reason += (reason.empty() ? "" : "; ") + m;
  j["evidence_reason"] = "not proved: " + reason;
  return false;
}
}  // namespace

CertifiedInspectInputs certified_inspect_inputs(const lae::ExactSamples& X, bool center, bool drop_constant, Mat<rational> A,
                                                Mat<rational> B) {
  const std::vector<int> drop = drop_constant ? X.constant_columns() : std::vector<int>();
  CertifiedInspectInputs in;
  in.exact = lae::exact_rational_moments(X, center, drop);
  in.Sxx = lae::exact_moments(X, center, drop).Sxx;
  try {
    lae::CertifiedEigen e = lae::certified_eigen(in.Sxx);
    in.lambda = std::move(e.lambda);
    in.V = std::move(e.V);
  } catch (const lae::CertificationError& e) {
    throw ParameterError("digits", std::string(e.what()) + "; raise @digits");
  }
  in.A = std::move(A);
  in.B = std::move(B);
  return in;
}

void add_certified_inspection(Json& doc, const CertifiedInspectInputs& in, int digits) {
  if (in.A.rows() >= 100)  // O(n²p) rational operations per loss: seconds at n = 120, minutes at n = 784
    std::cerr << "certified inspection: exact loss and gradient in rational arithmetic (n = " << in.A.rows() << ", p = " << in.A.cols()
              << ") ...\n";
  if (in.exact.Sxx.rows() != in.A.rows())
    throw ParameterError("digits", "the exactly constant columns differ from those constant at working precision; raise @digits");
  bool all = true;
  for (auto kind : {lae::LossKind::ordered, lae::LossKind::mse}) {
    const char* key = lae::loss_name(kind);
    if (doc.contains(key)) all &= certify_loss(doc[key], in, kind, digits);
  }
  const Json main = doc[doc["verdict_loss"].get<std::string>()];  // a copy: adding keys moves members
  for (const char* key : {"statement", "loss_ball", "gradient_norm_ball", "criticality", "distance_ball", "inertia", "proved_classification"})
    if (main.contains(key)) doc[key] = main[key];
  doc["evidence"] = all ? "proved-ball" : "pass-tolerance";
  if (all) doc["certified"] = true;
  else doc["evidence_reason"] = "some parts are not proved: see each loss's evidence_reason";
}

}  // namespace ael::api
