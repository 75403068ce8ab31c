#include "api/lae.hpp"

#include "core/errors.hpp"
#include "core/linalg.hpp"
#include "lae/classify.hpp"
#include "lae/diagnostics.hpp"
#include "lae/optimal_loss.hpp"

#include <cmath>

namespace ael::api {

LossChoice parse_loss_choice(const std::string& name) {
  if (name == "ordered") return LossChoice::ordered;
  if (name == "mse") return LossChoice::mse;
  if (name == "both") return LossChoice::both;
  throw ParameterError("loss", "unknown @loss '" + name + "' (mse, ordered, both)");
}

namespace {
template <class T> std::string dec(const T& x, int digits) { return to_decimal(x, digits); }

Json inertia_json(const lae::Inertia& in) { return {{"negative", in.negative}, {"zero", in.zero}, {"positive", in.positive}}; }

// Non-finite values never reach the JSON (they would print as "nan"/"inf").
template <class T> void require_finite(const T& x, const char* what) {
  if (!is_finite(x))
    throw ParameterError("multiprecision", std::string(what) + " is not finite in double precision (overflow); rerun with @multiprecision");
}

// m‖x̄‖² / ‖X‖_F² for samples as rows: the share of the second moment carried by the column means.
template <class T> double mean_fraction(const Mat<T>& X) {
  T total = X.squaredNorm(), means = 0;
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const T mean = X.col(j).mean();
    means += mean * mean;
  }
  return total > 0 ? to_double(T(means * T(X.rows()) / total)) : 0.0;
}

Json one_based(const std::vector<int>& units) {
  Json a = Json::array();
  for (int k : units) a.push_back(k + 1);
  return a;
}

template <class T>
Json inspect_loss(const InspectOptions& o, const LaeData<T>& data, const lae::EigenData<T>& e, const Mat<T>& A, const Mat<T>& B,
                  lae::LossKind kind, int digits) {
  const int n = data.moments.n(), p = static_cast<int>(A.cols());
  const auto w = lae::loss_weights<T>(kind, p);
  const bool ordered = kind == lae::LossKind::ordered;
  // Criticality is decided at the balanced representative of the rescaling orbit (docs/lae-math.md §7.11).
  const lae::Point<T> bal = lae::balanced<T>(A, B);
  const T scale = w.w(0) * data.moments.Syx.norm();
  const T rel = lae::gradient(data.moments, bal.A, bal.B, w).norm() / scale;
  const T rel_given = lae::gradient(data.moments, A, B, w).norm() / scale;
  const T L = lae::loss(data.moments, A, B, w), Lstar = lae::optimal_loss<T>(e.lambda, data.moments.trSyy, data.moments.autoencoder, kind, p);
  require_finite(L, "the loss");
  require_finite(rel_given, "the gradient norm");
  const auto near = lae::nearest_critical<T>(e, A, B, kind);
  Json j;
  j["loss_kind"] = lae::loss_name(kind);
  j["loss"] = dec(L, digits);
  j["optimal_loss"] = dec(Lstar, digits);
  j["loss_gap"] = dec(T(L - Lstar), 6);
  j["relative_loss_gap"] = Lstar > 0 ? Json(dec(T((L - Lstar) / Lstar), 6)) : Json(nullptr);
  j["relative_gradient_norm"] = dec(rel, 6);
  j["relative_gradient_norm_given_scaling"] = dec(rel_given, 6);
  j["criticality_criterion"] = "relative gradient norm at the balanced representative (||a_k|| = ||b_k||), invariant under rescaling of units";
  j["critical_tolerance"] = dec(T(o.tol), 3);
  Json nearest;
  Json idx = Json::array(), scales = Json::array();
  if (ordered) {
    for (int k = 0; k < p; ++k) {
      const bool dead = near.I[k] < 0;
      idx.push_back(dead ? Json(nullptr) : Json(near.I[k] + 1));
      scales.push_back(dead ? Json(nullptr) : Json(dec(T(near.C(k, k)), digits)));
    }
  } else {
    for (int i : near.I) idx.push_back(i + 1);
    for (Eigen::Index r = 0; r < near.C.rows(); ++r) {
      Json row = Json::array();
      for (Eigen::Index c = 0; c < near.C.cols(); ++c) row.push_back(dec(T(near.C(r, c)), digits));
      scales.push_back(row);
    }
  }
  nearest["index"] = idx;
  nearest["scales"] = scales;
  nearest["dead_units"] = one_based(near.dead_units);
  nearest["distance"] = near.has_point ? Json(dec(near.distance, 6)) : Json(nullptr);
  nearest["full_rank"] = near.full_rank;
  j["nearest_critical_point"] = nearest;
  const bool critical = rel <= T(o.tol);
  lae::Inertia closed;
  bool have_closed = false;
  if (!critical) {
    j["verdict"] = "not critical";
    std::string detail = "relative gradient norm " + dec(rel, 3) + " > tolerance " + dec(T(o.tol), 3);
    if (!o.centered && data.X_rows.size() > 0 && mean_fraction<T>(data.X_rows) > 0.05)
      detail += "; the data are not centred (the column means carry " + dec(T(100 * mean_fraction<T>(data.X_rows)), 2) +
                "% of the second moment): if the weights were trained on centred data, add " + o.spell("center");
    j["detail"] = detail;
  } else if (!near.has_point) {
    j["verdict"] = "critical (the nearest critical point could not be identified)";
  } else {
    lae::Index J;
    if (ordered)
      for (int k : near.live_units) J.push_back(near.I[k]);
    else
      J = near.I;
    closed = lae::inertia_at_critical(near.live_units, J, n, p, kind);
    have_closed = true;
    j["inertia"] = inertia_json(closed);
    j["inertia_evidence"] = near.full_rank ? "closed form at the nearest critical point (docs/lae-math.md section 8)"
                                           : "closed form at the nearest critical point with dead units (docs/lae-math.md section 10.1)";
    j["verdict"] = lae::classification_name(lae::classify(closed, near.full_rank && lae::attains_optimum(near.I, kind)));
    if (closed.negative > 0) {
      j["saddle_index"] = closed.negative;
      j["saddle_index_evidence"] = "closed-form";
    }
    if (!near.full_rank) {
      j["detail"] = "rank-deficient (dead units): a strict saddle";
      j["saddle_index_lower_bound"] = n - static_cast<int>(near.live_units.size());  // LAE-26
    }
  }
  if (kind == lae::LossKind::mse) {
    bool principal = near.full_rank;
    for (int i : near.I) principal &= i < p;
    j["principal_subspace"] = principal;
    j["subspace_distance"] = near.full_rank ? Json(dec(lae::subspace_distance<T>(A, e.U), 6)) : Json(nullptr);
  } else {
    Json cos = Json::array();
    const Vec<T> c = lae::column_cosines<T>(A, e.U);
    for (int k = 0; k < p; ++k) cos.push_back(near.I[k] < 0 ? Json(nullptr) : Json(dec(T(c(k)), 12)));
    j["abs_cos_columns_vs_eigenvectors"] = cos;
    if (!near.full_rank) j["abs_cos_null_reason"] = "dead unit (zero column or row): no direction";
  }
  if (o.numeric) {
    // Numeric inertia at the balanced representative (same inertia as at the given weights, exactly):
    // zero band = rounding + ||H(theta) - H(theta*)||_F when a nearest critical point theta* exists (Weyl).
    const Mat<T> H = lae::hessian_elementwise(data.moments, bal.A, bal.B, w);
    const Vec<T> mu = symmetric_eigenvalues<T>(H);
    T perturbation = 0;
    if (critical && near.has_point) {
      const auto near_bal = lae::nearest_critical<T>(e, bal.A, bal.B, kind);
      if (near_bal.has_point) perturbation = (H - lae::hessian_elementwise(data.moments, near_bal.point.A, near_bal.point.B, w)).norm();
    }
    const auto band = lae::banded_inertia<T>(mu, perturbation);
    j["numeric_inertia"] = inertia_json(band.inertia);
    Json zb;
    zb["band"] = dec(band.band, 3);
    zb["rounding"] = dec(band.rounding, 3);
    zb["distance_term"] = dec(band.perturbation, 3);
    zb["max_abs_eigenvalue"] = dec(band.max_abs, 6);
    zb["gap_ratio"] = band.has_gap ? Json(dec(band.gap, 3)) : Json(nullptr);
    zb["clear_gap"] = band.clear_gap;
    zb["rule"] = "|mu| <= band counts as zero; band = 4 N eps max|mu| + ||H - H*||_F (docs/lae-math.md section 7.11)";
    j["numeric_zero_band"] = zb;
    if (have_closed) {
      const auto& nu = band.inertia;
      const bool agree = nu == closed;
      const bool consistent = nu.negative <= closed.negative && nu.positive <= closed.positive;
      j["inertia_check"] = agree ? "numeric and closed-form inertias agree"
                           : consistent ? "inconclusive: the zero band holds nonzero eigenvalues (weights too far from the critical point)"
                                        : "DISAGREE";
      if (!consistent) {
        j["warning"] = "numeric inertia (" + std::to_string(nu.negative) + ", " + std::to_string(nu.zero) + ", " +
                       std::to_string(nu.positive) + ") contradicts the closed form at the nearest critical point (" +
                       std::to_string(closed.negative) + ", " + std::to_string(closed.zero) + ", " + std::to_string(closed.positive) +
                       "): the nearest critical point is not the right one; no exact saddle index";
        j.erase("saddle_index");
        j.erase("saddle_index_evidence");
      } else if (agree && closed.negative > 0) {
        j["saddle_index_evidence"] = band.clear_gap ? "closed-form, confirmed numerically with spectral gap" : "closed-form, confirmed numerically";
      }
    } else if (critical && band.clear_gap && band.inertia.negative > 0) {
      j["saddle_index"] = band.inertia.negative;
      j["saddle_index_evidence"] = "numeric with spectral gap";
    }
  }
  return j;
}

}  // namespace

template <class T>
Json inspect_document(const LaeData<T>& data, const Mat<T>& A, const Mat<T>& B, const InspectOptions& o, int digits) {
  if (!(o.tol > 0) || !std::isfinite(o.tol)) throw ParameterError("tol", "@tol must be a finite positive number");
  const int n = data.moments.n();
  const auto p = A.cols();
  if (A.rows() != n)
    throw ParameterError("decoder", "@decoder is " + std::to_string(A.rows()) + "x" + std::to_string(A.cols()) + ", expected n x p with n = " + std::to_string(n));
  if (B.rows() != p || B.cols() != n)
    throw ParameterError("encoder", "@encoder is " + std::to_string(B.rows()) + "x" + std::to_string(B.cols()) + ", expected p x n = " +
                                        std::to_string(p) + "x" + std::to_string(n));
  if (p > n) throw ParameterError("decoder", "p = " + std::to_string(p) + " > n = " + std::to_string(n));
  const auto e = lae::eigen_data<T>(data.moments);
  Json doc;
  doc["command"] = "lae inspect";
  doc["data"] = data.description;
  doc["p"] = static_cast<int>(p);
  doc["scalar"] = scalar_name<T>();
  const bool mse_only = o.loss == LossChoice::mse;
  for (auto kind : {lae::LossKind::ordered, lae::LossKind::mse})
    if (o.loss == LossChoice::both || mse_only == (kind == lae::LossKind::mse))
      doc[lae::loss_name(kind)] = inspect_loss<T>(o, data, e, A, B, kind, digits);
  // Top-level verdict keys: the single loss asked for, or the ordered loss with loss = both.
  const Json main = doc[mse_only ? "mse" : "ordered"];  // a copy: adding keys to doc moves its members
  for (const char* key : {"verdict", "saddle_index", "saddle_index_evidence", "relative_gradient_norm", "nearest_critical_point"})
    if (main.contains(key)) doc[key] = main[key];
  doc["verdict_loss"] = mse_only ? "mse" : "ordered";
  if (o.loss == LossChoice::both) {
    doc["verdicts"] = {{"ordered", doc["ordered"]["verdict"]}, {"mse", doc["mse"]["verdict"]}};
    doc["verdict_note"] = "top-level verdict keys are the ordered loss's; both verdicts are under 'verdicts'";
  }
  doc["eigenvector_convention"] = lae::kEigenvectorSignConvention;
  return doc;
}

template Json inspect_document<double>(const LaeData<double>&, const Mat<double>&, const Mat<double>&, const InspectOptions&, int);
template Json inspect_document<mp_real>(const LaeData<mp_real>&, const Mat<mp_real>&, const Mat<mp_real>&, const InspectOptions&, int);

}  // namespace ael::api
