#include "cli/certify_output.hpp"

#include "core/csv_cells.hpp"
#include "core/linalg.hpp"
#include "lae/synthetic.hpp"

#include <sstream>

namespace ael::cli {

void require_certifiable(const DataOptions& data, const std::string& scale_matrix, const std::string& point) {
  auto refuse = [](const std::string& what) {
    throw std::invalid_argument("--certify has no certified route for " + what);
  };
  if (!data.targets.empty()) refuse("--targets (general Y); certified results cover Y = X");
  if (!scale_matrix.empty()) refuse("--scale-matrix (general C); use --scales");
  if (point != "critical") refuse("--point " + point);
}

CertifiedData certify_data(const DataOptions& o, int expected_n) {
  ReadOptions ro;
  ro.skip_header = o.skip_header;
  long rows = 0, cols = 0;
  std::vector<std::string> cells;
  // CSV cells are re-read as text and parsed exactly; every other source is
  // already exact in MPFR (integers, IDX bytes, .npy doubles, the synthetic samples).
  const lae::ExactSamples X = [&] {
    if (o.data.empty()) return lae::ExactSamples(lae::synthetic_samples<mp_real>(o.n, o.m, o.seed, o.spectrum));
    if (read_csv_cells(o.data, ro, rows, cols, cells)) return lae::ExactSamples(rows, cols, cells);
    return lae::ExactSamples(load_dataset<mp_real>(o.data, ro));
  }();
  std::vector<int> drop;
  if (o.drop_constant) drop = X.constant_columns();
  lae::ExactMoments m = lae::exact_moments(X, o.center, drop);
  const long n = m.Sxx.rows();
  if (n != expected_n)
    throw std::invalid_argument("--drop-constant: " + std::to_string(X.cols() - n) + " columns are exactly constant but " +
                                std::to_string(X.cols() - expected_n) + " are constant at working precision; raise --digits");
  Mat<mp_real> mid(n, n);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < n; ++j) mid(i, j) = m.Sxx.entry(i, j).mid();
  Vec<mp_real> values;
  Mat<mp_real> vectors;
  symmetric_eigen<mp_real>(mid, values, vectors);
  CertifiedData out;
  try {
    out.lambda = lae::certified_eigenvalues(m.Sxx, values, vectors);
  } catch (const lae::CertificationError& e) {
    throw std::invalid_argument(std::string(e.what()) + "; raise --digits");
  }
  out.trSyy = m.trSyy;
  out.Sxx = m.Sxx;
  out.V = vectors.rowwise().reverse();
  return out;
}

namespace {
std::vector<Ball> parse_scale_balls(const std::string& text, int p) {
  std::vector<Ball> c;
  if (text.empty()) return std::vector<Ball>(static_cast<size_t>(p), Ball(1));
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    const size_t b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
    c.push_back(Ball::decimal(b == std::string::npos ? item : item.substr(b, e - b + 1)));
  }
  return c;  // count and nonzero already validated by the command
}
}  // namespace

void add_certified_spectrum(Json& doc, const CertifiedData& data, const lae::Index& I, const std::string& scales,
                            lae::LossKind kind, int digits) {
  const int p = static_cast<int>(I.size());
  Json lambda = Json::array();
  for (const Ball& l : data.lambda) lambda.push_back(ball_json(l, digits));
  doc["data_eigenvalue_balls"] = lambda;
  doc["certified_route"] = "closed forms (docs/lae-math.md 7.2, 7.4) in Arb ball arithmetic at " +
                           std::to_string(ball_bits()) + " bits; Sigma exact, its eigenvalues enclosed by docs/certification.md 2";
  lae::CertifiedSpectrum cs;
  try {
    cs = lae::certified_closed_form(data.lambda, data.trSyy, I, parse_scale_balls(scales, p), kind);
  } catch (const lae::CertificationError& e) {
    doc["evidence"] = "pass-tolerance";
    doc["evidence_reason"] = e.what();
    return;
  }
  Json balls = Json::array();
  for (const Ball& b : cs.eigenvalues) balls.push_back(ball_json(b, digits));
  doc["eigenvalue_balls"] = balls;
  doc["loss_ball"] = ball_json(cs.loss, digits);
  doc["structural_zeros"] = {
      {"count", cs.structural_zeros},
      {"theorem", kind == lae::LossKind::mse ? "null space = tangent of the GL(p) orbit {(AG, -GB)} (docs/lae-math.md 8)"
                                             : "null space = diagonal rescalings {(A Delta, -Delta B)} (docs/lae-math.md 8)"}};
  // Second, independent route: the assembled Hessian in balls (small 2np only).
  const int n = static_cast<int>(data.lambda.size());
  bool agree = true;
  if (2 * n * p <= kAssembledMaxDim) {
    Json a;
    try {
      const BallMatrix UI = lae::certified_eigenvectors(data.Sxx, data.lambda, data.V, I);
      const std::vector<Ball> c = parse_scale_balls(scales, p);
      BallMatrix C(p, p);
      for (int k = 0; k < p; ++k) C.set(k, k, c[static_cast<size_t>(k)]);
      const lae::AssembledInertia r = lae::certified_assembled_inertia(lae::ball_moments(data.Sxx, nullptr), UI, C, kind);
      a["evidence"] = r.proved ? "proved-ball" : "not decided";
      if (r.proved) {
        a["inertia"] = {{"negative", r.inertia.negative}, {"zero", r.inertia.zero}, {"positive", r.inertia.positive}};
        agree = !cs.proved || r.inertia == cs.inertia;
        a["agrees_with_closed_form"] = agree;
      } else {
        a["reason"] = r.reason;
      }
    } catch (const lae::CertificationError& e) {
      a["evidence"] = "not decided";
      a["reason"] = e.what();
    }
    a["route"] = "ball Hessian at the enclosed critical point, symmetry tangents removed, ball LDL' (docs/certification.md 4)";
    doc["assembled_route"] = a;
  }
  if (!agree) throw std::logic_error("the closed-form and assembled ball routes prove different inertias (a bug; please report)");
  if (cs.proved) {
    doc["evidence"] = "proved-ball";
    doc["inertia"] = {{"negative", cs.inertia.negative}, {"zero", cs.inertia.zero}, {"positive", cs.inertia.positive}};
    if (cs.inertia.negative > 0) doc["classification"] = "saddle", doc["saddle_index"] = cs.inertia.negative;
  } else {
    doc["evidence"] = "pass-tolerance";
    doc["evidence_reason"] = cs.reason;
  }
}

}  // namespace ael::cli
