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

// One certificate: the instance, and per row the closed form, which must equal the
// enumeration of the true network (decided here in Q before anything is written).
void write_one(const std::filesystem::path& path, const Problem<rational>& P, const std::vector<int>& rows, const std::string& source) {
  using namespace ael::sparse;
  if (P.support != SupportLaw::uniform || P.values.kind != "finite") throw std::logic_error("sparse certificate: needs uniform k-subsets and a finite law");
  Json cert;
  cert["claim"] = "SC-8";
  cert["evidence"] = "proved-exact";
  cert["statement"] = "E[grad_{W_i} L] of the tied ReLU autoencoder, L = 1/2 ||W' relu(W y - eps) - y||^2, y = A x, "
                      "S uniform over k-subsets, x_S i.i.d. from the finite law, equals expected_gradient (docs/sparse.md §5.3)";
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
  cert["instance"] = inst;
  Json grads = Json::array();
  for (int i : rows) {
    const Vec<rational> g = expected_gradient(P, i).value;
    if (g != enumerate_true_network(P, i).mean_gradient) throw std::logic_error("sparse certificate: closed form != enumeration, row " + std::to_string(i));
    grads.push_back({{"row", i}, {"expected_gradient", fractions(g)}});
  }
  cert["rows"] = grads;
  std::ostringstream text;
  render(cert, Format::json, text);
  write_file_atomically(path.string(), text.str());
}
}  // namespace

int write_sparse_certificates(const std::string& dir, std::uint64_t seed) {
  using namespace ael::sparse;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) throw std::invalid_argument("cannot create certificate directory " + dir);
  // (1) Rational orthogonal dictionary n = h = 7, k = 2, rows at distance 3/10, eps at the middle
  //     of the per-row window (b) (as in SC-8), every row.
  auto P = orthogonal_problem<rational>(7, 2, rational(3, 10), rational(0), seed + 2);
  const auto w = window_per_row<rational>(per_row_certificate<rational>(P.A, P.W, 2, P.values.a, P.values.b, false), P.values.b, 2, 7);
  if (!w.nonempty()) throw std::logic_error("sparse certificate: empty window (b)");
  P.eps.setConstant(w.at_fraction(rational(1, 2)));
  write_one(std::filesystem::path(dir) / "SC-8_orthogonal_n7_k2.json", P, {0, 1, 2, 3, 4, 5, 6},
            "orthogonal n=7 k=2 delta=3/10 seed=" + std::to_string(seed + 2) + ", eps at 1/2 of window (b)");
  // (2) HAD n = 16 (h = 32), k = 2, delta = 0.01, eps at 1/2 of the D1 window, rows 0 and 17.
  const auto I = build_instance<rational>(had_spec(16, 2, "0.01", "0.5", seed));
  write_one(std::filesystem::path(dir) / "SC-8_had_n16_k2.json", I.P, {0, 17},
            "identity-hadamard n=16 k=2 delta=0.01 seed=" + std::to_string(seed) + ", eps at 1/2 of the D1 window");
  return 2;
}

}  // namespace ael::checks::sparse_checks
