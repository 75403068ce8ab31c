// aelandscape lae inspect: score another implementation's weights against the exact landscape.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/lae_common.hpp"
#include "core/precision.hpp"
#include "core/io.hpp"
#include "core/linalg.hpp"
#include "lae/classify.hpp"
#include "lae/diagnostics.hpp"

namespace ael::cli {

namespace {
struct InspectOptions {
  DataOptions data;
  OutputOptions output;
  std::string decoder, encoder, loss = "both";
  double tol = 1e-5;
  bool numeric = false;
  bool multiprecision = false;
};

template <class T> std::string dec(const T& x, int digits) { return to_decimal(x, digits); }

Json inertia_json(const lae::Inertia& in) { return {{"negative", in.negative}, {"zero", in.zero}, {"positive", in.positive}}; }

template <class T>
Json inspect_loss(const InspectOptions& o, const LaeData<T>& data, const lae::EigenData<T>& e, const Mat<T>& A, const Mat<T>& B,
                  lae::LossKind kind, int digits) {
  using std::sqrt;
  const int n = data.moments.n(), p = static_cast<int>(A.cols());
  const auto w = lae::loss_weights<T>(kind, p);
  const T rel = lae::gradient(data.moments, A, B, w).norm() / (w.w(0) * data.moments.Syx.norm());
  const auto near = lae::nearest_critical<T>(e, A, B, kind);
  Json j;
  j["loss_kind"] = lae::loss_name(kind);
  j["loss"] = dec(lae::loss(data.moments, A, B, w), digits);
  j["relative_gradient_norm"] = dec(rel, 6);
  j["critical_tolerance"] = dec(T(o.tol), 3);
  Json nearest;
  Json idx = Json::array(), scales = Json::array();
  for (int i : near.I) idx.push_back(i + 1);
  nearest["index"] = idx;
  for (int k = 0; k < p; ++k) {
    if (kind == lae::LossKind::ordered) {
      scales.push_back(dec(T(near.C(k, k)), digits));
    } else {
      Json row = Json::array();
      for (int l = 0; l < p; ++l) row.push_back(dec(T(near.C(k, l)), digits));
      scales.push_back(row);
    }
  }
  nearest["scales"] = scales;
  nearest["distance"] = near.full_rank ? Json(dec(near.distance, 6)) : Json(nullptr);
  nearest["full_rank"] = near.full_rank;
  j["nearest_critical_point"] = nearest;
  const bool critical = rel <= T(o.tol);
  if (!critical) {
    j["verdict"] = "not critical";
    j["detail"] = "relative gradient norm " + dec(rel, 3) + " > tolerance " + dec(T(o.tol), 3);
  } else if (near.full_rank) {
    const auto in = lae::inertia_formula(near.I, n, kind);
    j["inertia"] = inertia_json(in);
    j["verdict"] = lae::classification_name(lae::classify(in, lae::attains_optimum(near.I, kind)));
    if (in.negative > 0) j["saddle_index"] = in.negative;
  } else {
    j["verdict"] = "saddle";
    j["detail"] = "rank-deficient (dead units): a strict saddle with at least n - r negative directions (LAE-26)";
    j["saddle_index_lower_bound"] = n - (p - static_cast<int>(near.dead_units.size()));
  }
  if (kind == lae::LossKind::mse) {
    bool principal = true;
    for (int i : near.I) principal &= i < p;
    j["principal_subspace"] = principal;
    j["subspace_distance"] = dec(lae::subspace_distance<T>(A, e.U), 6);
  } else {
    Json cos = Json::array();
    const Vec<T> c = lae::column_cosines<T>(A, e.U);
    for (int k = 0; k < p; ++k) cos.push_back(dec(T(c(k)), 12));
    j["abs_cos_columns_vs_eigenvectors"] = cos;
  }
  if (o.numeric) {
    // Numeric inertia of the Hessian at the given weights (not at the nearest critical point).
    const Vec<T> mu = symmetric_eigenvalues<T>(lae::hessian_elementwise(data.moments, A, B, w));
    const T threshold = std::max(T(zero_threshold<T>()), T(sqrt(T(o.tol))));
    j["numeric_inertia"] = inertia_json(lae::inertia_of<T>(mu, threshold));
    j["numeric_zero_threshold"] = dec(threshold, 3) + " * max|eigenvalue|";
  }
  return j;
}

template <class T> void run(const InspectOptions& o, int digits) {
  const LaeData<T> data = load_lae_data<T>(o.data);
  const int n = data.moments.n();
  const Mat<T> A = read_matrix<T>(o.decoder), B = read_matrix<T>(o.encoder);
  const auto p = A.cols();
  if (A.rows() != n) throw std::invalid_argument("decoder is " + std::to_string(A.rows()) + "x" + std::to_string(A.cols()) + ", expected n x p with n = " + std::to_string(n));
  if (B.rows() != p || B.cols() != n)
    throw std::invalid_argument("encoder is " + std::to_string(B.rows()) + "x" + std::to_string(B.cols()) + ", expected p x n = " +
                                std::to_string(p) + "x" + std::to_string(n));
  if (p > n) throw std::invalid_argument("p = " + std::to_string(p) + " > n = " + std::to_string(n));
  const auto e = lae::eigen_data<T>(data.moments);
  Json doc;
  doc["command"] = "lae inspect";
  doc["data"] = data.description;
  doc["p"] = static_cast<int>(p);
  doc["scalar"] = scalar_name<T>();
  for (auto kind : {lae::LossKind::ordered, lae::LossKind::mse})
    if (o.loss == "both" || o.loss == lae::loss_name(kind)) doc[lae::loss_name(kind)] = inspect_loss<T>(o, data, e, A, B, kind, digits);
  // Top-level verdict keys: the single loss asked for, or the ordered loss with --loss both.
  const Json main = doc[o.loss == "mse" ? "mse" : "ordered"];  // a copy: adding keys to doc moves its members
  for (const char* key : {"verdict", "saddle_index", "relative_gradient_norm", "nearest_critical_point"})
    if (main.contains(key)) doc[key] = main[key];
  doc["verdict_loss"] = o.loss == "mse" ? "mse" : "ordered";
  doc["meta"] = metadata(scalar_name<T>(), digits);
  emit(doc, o.output);
}
}  // namespace

void add_lae_inspect(CLI::App& lae) {
  auto o = std::make_shared<InspectOptions>();
  auto* cmd = lae.add_subcommand("inspect", "verdict on given weights: global minimum, saddle of index k, or not critical");
  o->data.add_to(*cmd);
  o->output.add_to(*cmd);
  cmd->add_option("--decoder", o->decoder, "A (n x p): .csv or .npy (float32/64, C or Fortran order)")->required();
  cmd->add_option("--encoder", o->encoder, "B (p x n): .csv or .npy")->required();
  cmd->add_option("--loss", o->loss, "ordered | mse | both (top-level verdict: ordered)");
  cmd->add_option("--tol", o->tol, "relative gradient norm below which the weights count as critical");
  cmd->add_flag("--numeric", o->numeric, "also diagonalise the Hessian at the given weights");
  cmd->add_flag("--multiprecision", o->multiprecision, "compute in MPFR at --digits (default: double)");
  cmd->callback([o] {
    parse_format(o->output.format);
    if (o->loss != "mse" && o->loss != "ordered" && o->loss != "both") throw std::invalid_argument("unknown --loss '" + o->loss + "' (mse, ordered, both)");
    if (!(o->tol > 0)) throw std::invalid_argument("--tol must be positive");
    if (o->multiprecision) {
      const PrecisionScope precision(o->output.digits);
      run<mp_real>(*o, o->output.digits);
    } else {
      run<double>(*o, 17);
    }
  });
}

}  // namespace ael::cli
