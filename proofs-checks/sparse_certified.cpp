#include "sparse_certified.hpp"

#include "core/atomic_write.hpp"
#include "core/exact_json.hpp"
#include "core/report.hpp"
#include "sparse/enumerate.hpp"
#include "sparse/recovery.hpp"
#include "sparse/small_instances.hpp"

#include <filesystem>
#include <sstream>
#include <stdexcept>

namespace ael::checks::sparse_checks {

bool within_lemma_d2(const rational& norm_sq, int k, const rational& b, const rational& c, const rational& delta,
                     const rational& eps_hi, const rational& f) {
  if (b < 0 || c < 0 || delta < 0 || eps_hi < 0 || f < 0) throw std::invalid_argument("within_lemma_d2: negative input");
  // docs/sparse.md §2: η̄ = bδ + (k−1)b(c+δ), F1 = (b+η̄) + (1+δ)bΓ, F2 = Γ(η̄+ε_hi) + kδ(b+η̄).
  const rational eta = b * delta + rational(k - 1) * b * (c + delta);
  const rational G = rational(k) * (rational(1) + rational(k - 1) * c);  // Γ²
  const rational alpha = b + eta, beta = (rational(1) + delta) * b, gamma = eta + eps_hi, e = rational(k) * delta * (b + eta);
  // F1 F2 = (α + βΓ)(γΓ + e) = (αe + βγΓ²) + (αγ + βe)Γ.
  const rational u = f * (alpha * e + beta * gamma * G), v = f * (alpha * gamma + beta * e);
  const rational lhs = norm_sq - u * u - v * v * G;  // N − u² − v²Γ² ≤ 2uvΓ ?
  if (lhs <= 0) return true;
  return lhs * lhs <= rational(4) * u * u * v * v * G;
}

}  // namespace ael::checks::sparse_checks

namespace ael::checks::sparse_checks {

namespace {
using ael::sparse::Problem;

// The instance of a sparse certificate as fractions (docs/certification.md §11).
Json instance_json(const Problem<rational>& P, const std::string& source) {
  using namespace ael::sparse;
  if (P.support != SupportLaw::uniform || P.values.kind != "finite") throw std::logic_error("sparse certificate: needs uniform k-subsets and a finite law");
  Json inst;
  inst["source"] = source;
  inst["n"] = P.n();
  inst["h"] = P.h();
  inst["k"] = P.k;
  inst["support"] = "uniform-k-subsets";
  inst["A"] = fractions(P.A);
  inst["W"] = fractions(P.W);
  inst["eps"] = fractions(P.eps);
  for (const char* key : {"atoms", "probs"}) {
    const auto& list = std::string(key) == "atoms" ? P.values.atoms : P.values.probs;
    inst[key] = fractions(ExactVec(Eigen::Map<const ExactVec>(list.data(), static_cast<Eigen::Index>(list.size()))));
  }
  return inst;
}

// E[grad_{W_i} L] by the §5.3 closed form, which must equal the enumeration of the true
// network (the SC-8 identity, decided here in Q before anything is written).
Vec<rational> checked_expected_gradient(const Problem<rational>& P, int i) {
  using namespace ael::sparse;
  const Vec<rational> g = expected_gradient(P, i).value;
  if (g != enumerate_true_network(P, i).mean_gradient) throw std::logic_error("sparse certificate: closed form != enumeration, row " + std::to_string(i));
  return g;
}

const char* const kNetworkStatement = "E[grad_{W_i} L] of the tied ReLU autoencoder, L = 1/2 ||W' relu(W y - eps) - y||^2, y = A x, "
                                      "S uniform over k-subsets, x_S i.i.d. from the finite law";

void write_json(const std::filesystem::path& path, const Json& cert) {
  std::ostringstream text;
  render(cert, Format::json, text);
  write_file_atomically(path.string(), text.str());
}

// SC-8: per row the closed form, which equals the enumeration of the true network.
void write_sc8(const std::filesystem::path& path, const Problem<rational>& P, const std::vector<int>& rows, const std::string& source) {
  Json cert;
  cert["claim"] = "SC-8";
  cert["evidence"] = "proved-exact";
  cert["statement"] = std::string(kNetworkStatement) + ", equals expected_gradient (docs/sparse.md §5.3)";
  cert["instance"] = instance_json(P, source);
  Json grads = Json::array();
  for (int i : rows) grads.push_back({{"row", i}, {"expected_gradient", fractions(checked_expected_gradient(P, i))}});
  cert["rows"] = grads;
  write_json(path, cert);
}

// SC-14: at W = A*' (checked here), per row E grad and its squared norm, which is > 0.
void write_sc14(const std::filesystem::path& path, const Problem<rational>& P, const std::vector<int>& rows, const std::string& source) {
  if (P.W != P.A.transpose()) throw std::logic_error("SC-14 certificate: W is not A'");
  Json cert;
  cert["claim"] = "SC-14";
  cert["evidence"] = "proved-exact";
  cert["statement"] = std::string("at W = A' (the generating dictionary), ") + kNetworkStatement +
                      ", has squared norm norm_sq > 0 in each listed row (docs/sparse.md §5)";
  cert["instance"] = instance_json(P, source);
  Json grads = Json::array();
  for (int i : rows) {
    const Vec<rational> g = checked_expected_gradient(P, i);
    const rational norm_sq = g.squaredNorm();
    if (!(norm_sq > 0)) throw std::logic_error("SC-14 certificate: E grad is zero in row " + std::to_string(i));
    grads.push_back({{"row", i}, {"expected_gradient", fractions(g)}, {"norm_sq", norm_sq.str()}});
  }
  cert["rows"] = grads;
  write_json(path, cert);
}

// SC-15: A = [I, Q], W_{n+j} = Q W_j and eps_{n+j} = eps_j for every j (checked here); per
// listed pair (j, n+j) both rows' E grad, with E grad_{n+j} = Q E grad_j.
void write_sc15(const std::filesystem::path& path, const Problem<rational>& P, const std::vector<int>& js, const std::string& source) {
  const int n = P.n();
  const Mat<rational> Q = P.A.rightCols(n);
  for (int j = 0; j < n; ++j)
    if (P.W.row(n + j).transpose() != Q * P.W.row(j).transpose() || P.eps(n + j) != P.eps(j))
      throw std::logic_error("SC-15 certificate: the swap hypothesis fails at j = " + std::to_string(j));
  Json cert;
  cert["claim"] = "SC-15";
  cert["evidence"] = "proved-exact";
  cert["statement"] = std::string("A = [I, Q] with Q symmetric orthogonal, W_{n+j} = Q W_j and eps_{n+j} = eps_j for every j: ") +
                      kNetworkStatement + ", satisfies E grad_{n+j} = Q E grad_j in each listed pair (docs/sparse.md §5)";
  cert["instance"] = instance_json(P, source);
  Json grads = Json::array(), pairs = Json::array();
  for (int j : js) {
    const Vec<rational> gj = checked_expected_gradient(P, j), gnj = checked_expected_gradient(P, n + j);
    if (gnj != Q * gj) throw std::logic_error("SC-15 certificate: E grad_{n+j} != Q E grad_j at j = " + std::to_string(j));
    grads.push_back({{"row", j}, {"expected_gradient", fractions(gj)}});
    grads.push_back({{"row", n + j}, {"expected_gradient", fractions(gnj)}});
    pairs.push_back({j, n + j});
  }
  cert["rows"] = grads;
  cert["pairs"] = pairs;
  write_json(path, cert);
}
}  // namespace

int write_sparse_certificates(const std::string& dir, std::uint64_t seed) {
  using namespace ael::sparse;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) throw std::invalid_argument("cannot create certificate directory " + dir);
  const std::filesystem::path out(dir);
  // (1) Rational orthogonal dictionary n = h = 7, k = 2, rows at distance 3/10, eps at the middle
  //     of the per-row window (b) (as in SC-8), every row.
  auto P = orthogonal_problem<rational>(7, 2, rational(3, 10), rational(0), seed + 2);
  const auto w = window_per_row<rational>(per_row_certificate<rational>(P.A, P.W, 2, P.values.a, P.values.b, false), P.values.b, 2, 7);
  if (!w.nonempty()) throw std::logic_error("sparse certificate: empty window (b)");
  P.eps.setConstant(w.at_fraction(rational(1, 2)));
  write_sc8(out / "SC-8_orthogonal_n7_k2.json", P, {0, 1, 2, 3, 4, 5, 6},
            "orthogonal n=7 k=2 delta=3/10 seed=" + std::to_string(seed + 2) + ", eps at 1/2 of window (b)");
  // (2) HAD n = 16 (h = 32), k = 2, delta = 0.01, eps at 1/2 of the D1 window, rows 0 and 17.
  auto I = build_instance<rational>(had_spec(16, 2, "0.01", "0.5", seed));
  const std::string had = "identity-hadamard n=16 k=2 delta=0.01 seed=" + std::to_string(seed) + ", eps at 1/2 of the D1 window";
  write_sc8(out / "SC-8_had_n16_k2.json", I.P, {0, 17}, had);
  // (3) SC-14: HAD n = 16, k = 2 at W = A*' (delta = 0), eps at 1/2 of the D1 window, rows 0 and n.
  const auto I0 = build_instance<rational>(had_spec(16, 2, "0", "0.5", seed));
  write_sc14(out / "SC-14_had_n16_k2.json", I0.P, {0, 16},
             "identity-hadamard n=16 k=2 delta=0 (W = A') seed=" + std::to_string(seed) + ", eps at 1/2 of the D1 window");
  // (4) SC-15: the instance of (2) with rows n+j replaced by Q W_j (as in the claim), pairs j = 0, 3, 9.
  const int n = I.P.n();
  const Mat<rational> Q = I.P.A.rightCols(n);
  for (int j = 0; j < n; ++j) I.P.W.row(n + j) = (Q * I.P.W.row(j).transpose()).transpose();
  write_sc15(out / "SC-15_had_n16_k2.json", I.P, {0, 3, 9}, had + ", rows n+j set to Q W_j");
  return 4;
}

}  // namespace ael::checks::sparse_checks
