// SC-2 (inclusion probabilities and moment identities, docs/sparse.md §1.3) and SC-7
// (the ρ_m rule, docs/sparse.md §5.2), by exhaustive enumeration in exact rationals.
#include "claim.hpp"
#include "core/rng.hpp"
#include "sparse_certified.hpp"
#include "sparse/enumerate.hpp"

#include <functional>

namespace {
using ael::Mat;
using ael::Vec;
using ael::sparse::rational;
using R = rational;

ael::sparse::Problem<R> bare_problem(int h, int k, ael::sparse::SupportLaw law, const R& q) {
  ael::sparse::Problem<R> P;
  P.A = Mat<R>::Zero(1, h);  // only the support law matters for inclusion probabilities
  P.k = k;
  P.support = law;
  P.q = q;
  return P;
}

bool contains_all(const std::vector<int>& S, int from, int to) {  // {from..to-1} ⊆ S
  for (int j = from; j < to; ++j)
    if (std::find(S.begin(), S.end(), j) == S.end()) return false;
  return true;
}

// Set partitions of {0..r-1} as block labels (restricted growth strings).
void partitions(int r, std::vector<int>& label, int next, int blocks, const std::function<void(const std::vector<int>&, int)>& f) {
  if (next == r) return f(label, blocks);
  for (int b = 0; b <= blocks; ++b) {
    label[static_cast<size_t>(next)] = b;
    partitions(r, label, next + 1, std::max(blocks, b + 1), f);
  }
}

// E[Π_t R_{F_t}] by the spec's general rule: Σ_σ c_σ T_σ, c_σ = Σ_{τ≤σ} μ(τ,σ) ρ_{|τ|}.
Mat<R> partition_rule(const std::vector<std::vector<Mat<R>>>& F, const std::vector<R>& rho) {
  const int r = static_cast<int>(F.size()), m = static_cast<int>(F[0].size());
  Mat<R> total = Mat<R>::Zero(F[0][0].rows(), F[0][0].cols());
  std::vector<int> sigma(static_cast<size_t>(r)), tau(static_cast<size_t>(r));
  partitions(r, sigma, 0, 0, [&](const std::vector<int>& s, int s_blocks) {
    R c(0);
    partitions(r, tau, 0, 0, [&](const std::vector<int>& t, int t_blocks) {
      for (int a = 0; a < r; ++a)
        for (int b = 0; b < r; ++b)
          if (t[a] == t[b] && s[a] != s[b]) return;  // τ must refine σ
      R mu(1);
      for (int B = 0; B < s_blocks; ++B) {
        std::vector<int> inside;
        for (int a = 0; a < r; ++a)
          if (s[a] == B && std::find(inside.begin(), inside.end(), t[a]) == inside.end()) inside.push_back(t[a]);
        const int nB = static_cast<int>(inside.size());
        R f(1);
        for (int x = 2; x < nB; ++x) f *= R(x);
        mu *= (nB % 2 == 1 ? R(1) : R(-1)) * f;
      }
      c += mu * rho[static_cast<size_t>(t_blocks)];
    });
    // T_σ: one index per block of σ, ordered product.
    std::vector<int> idx(static_cast<size_t>(s_blocks), 0);
    for (;;) {
      Mat<R> prod = F[0][static_cast<size_t>(idx[static_cast<size_t>(s[0])])];
      for (int t = 1; t < r; ++t) prod = prod * F[static_cast<size_t>(t)][static_cast<size_t>(idx[static_cast<size_t>(s[t])])];
      total += c * prod;
      int p = 0;
      while (p < s_blocks && ++idx[static_cast<size_t>(p)] == m) idx[static_cast<size_t>(p++)] = 0;
      if (p == s_blocks) break;
    }
  });
  return total;
}
}  // namespace

AEL_CLAIM("SC-2", "[derived]", "Inclusion probabilities pi_m, rho_m and the moment identities of §1.3, by enumeration") {
  using namespace ael::sparse;
  // Fully deterministic: exhaustive enumeration in Q, so every statement is proved-exact.
  const auto require = ael::checks::sparse_checks::exact_recorder(ctx, out, ael::checks::sparse_checks::kEnumerationRoute);
  for (auto law : {SupportLaw::uniform, SupportLaw::bernoulli}) {
    for (int h : {7, 10, 12}) {
      const int k = 3;
      const auto P = bare_problem(h, k, law, R(1) / R(3));
      const auto inc = P.incl();
      R pi1(0), pi2(0), in0(0), rho[4] = {R(0), R(0), R(0), R(0)};
      for_each_support<R>(P, [&](const std::vector<int>& S, const R& p) {
        pi1 += contains_all(S, 0, 1) ? p : R(0);
        pi2 += contains_all(S, 0, 2) ? p : R(0);
        if (!contains_all(S, 0, 1)) return;
        in0 += p;
        for (int m = 1; m <= 3; ++m) rho[m] += contains_all(S, 1, 1 + m) ? p : R(0);
      });
      const std::string tag = std::string(support_law_name(law)) + " h=" + std::to_string(h);
      require("pi1 " + tag, pi1 == inc.pi1);
      require("pi2 " + tag, pi2 == inc.pi2);
      require("rho1 " + tag, rho[1] / in0 == inc.rho1);
      require("rho2 " + tag, rho[2] / in0 == inc.rho2);
      require("rho3 " + tag, rho[3] / in0 == inc.rho3);
      out.count_instance();
    }
  }
  // Code moments and conditional moments of y, with a three-atom law.
  auto P = bare_problem(8, 2, SupportLaw::uniform, R(0));
  P.A = identity_hadamard<R>(4);
  P.values = finite_law<R>({R(1) / R(2), R(1), R(2)}, {R(1) / R(4), R(1) / R(2), R(1) / R(4)});
  R Ex0(0), Ex0sq(0), Ex0x1(0);
  for_each_support<R>(P, [&](const std::vector<int>& S, const R& pS) {
    for_each_values<R>(P.values, static_cast<int>(S.size()), [&](const std::vector<R>& x, const R& px) {
      R x0(0), x1(0);
      for (size_t t = 0; t < S.size(); ++t) x0 += S[t] == 0 ? x[t] : R(0), x1 += S[t] == 1 ? x[t] : R(0);
      Ex0 += pS * px * x0, Ex0sq += pS * px * x0 * x0, Ex0x1 += pS * px * x0 * x1;
    });
  });
  const auto inc = P.incl();
  require("E[x_j] = m1 pi1", Ex0 == P.values.m1 * inc.pi1);
  require("E[x_j^2] = m2 pi1", Ex0sq == P.values.m2 * inc.pi1);
  require("E[x_j x_l] = m1^2 pi2", Ex0x1 == P.values.m1 * P.values.m1 * inc.pi2);
  for (const std::vector<int>& S : {std::vector<int>{0, 5}, std::vector<int>{1, 2, 6}}) {
    Vec<R> Ey = Vec<R>::Zero(4), aS = Vec<R>::Zero(4);
    Mat<R> Eyy = Mat<R>::Zero(4, 4), DS = Mat<R>::Zero(4, 4);
    for_each_values<R>(P.values, static_cast<int>(S.size()), [&](const std::vector<R>& x, const R& px) {
      const Vec<R> y = observation(P.A, S, x);
      Ey += px * y, Eyy += px * y * y.transpose();
    });
    for (int j : S) aS += P.A.col(j), DS += P.A.col(j) * P.A.col(j).transpose();
    require("E[y|S] = m1 a_S", Ey == P.values.m1 * aS);
    require("E[yy'|S] = v D_S + m1^2 a_S a_S'", Eyy == P.values.variance() * DS + P.values.m1 * P.values.m1 * aS * aS.transpose());
  }
  out.count_instance();
}

AEL_CLAIM("SC-7", "[derived]", "The rho_m rule (r = 1, 2, 3 displays and the general partition rule at r = 4) = brute force over supports") {
  using namespace ael::sparse;
  const auto require = ael::checks::sparse_checks::exact_recorder(ctx, out, ael::checks::sparse_checks::kEnumerationRoute);
  for (auto law : {SupportLaw::uniform, SupportLaw::bernoulli}) {
    const int h = 7, k = 3, i = 0, m = h - 1;
    const auto P = bare_problem(h, k, law, R(2) / R(5));
    const auto inc = P.incl();
    ael::Rng rng(ctx.seed * 71 + (law == SupportLaw::uniform ? 1 : 2));
    // Four families of random non-commuting 2×2 rational matrices indexed by j ∈ O.
    std::vector<std::vector<Mat<R>>> F(4, std::vector<Mat<R>>(static_cast<size_t>(m)));
    for (auto& fam : F)
      for (auto& M : fam) {
        M.resize(2, 2);
        for (int e = 0; e < 4; ++e) M(e / 2, e % 2) = R(static_cast<int>(rng.below(7)) - 3) / R(1 + static_cast<int>(rng.below(3)));
      }
    // Brute force: E[Π_t R_{F_t} | i ∈ S].
    std::vector<Mat<R>> brute(5, Mat<R>::Zero(2, 2));
    R pi(0);
    for_each_support<R>(P, [&](const std::vector<int>& S, const R& p) {
      if (std::find(S.begin(), S.end(), i) == S.end()) return;
      pi += p;
      std::vector<Mat<R>> Rs(4, Mat<R>::Zero(2, 2));
      for (int j : S)
        if (j != i)
          for (int t = 0; t < 4; ++t) Rs[static_cast<size_t>(t)] += F[static_cast<size_t>(t)][static_cast<size_t>(j - 1)];
      Mat<R> prod = Mat<R>::Identity(2, 2);
      for (int r = 1; r <= 4; ++r) prod = prod * Rs[static_cast<size_t>(r - 1)], brute[static_cast<size_t>(r)] += p * prod;
    });
    for (auto& b : brute) b /= pi;
    auto sum = [&](int t) { Mat<R> s = Mat<R>::Zero(2, 2); for (const auto& M : F[static_cast<size_t>(t)]) s += M; return s; };
    const Mat<R> U = sum(0), V = sum(1), Z = sum(2);
    Mat<R> FG = Mat<R>::Zero(2, 2), FGH = Mat<R>::Zero(2, 2), FGZ = Mat<R>::Zero(2, 2), FVH = Mat<R>::Zero(2, 2), GH = Mat<R>::Zero(2, 2);
    for (int j = 0; j < m; ++j) {
      const auto &f = F[0][static_cast<size_t>(j)], &g = F[1][static_cast<size_t>(j)], &hh = F[2][static_cast<size_t>(j)];
      FG += f * g, FGH += f * g * hh, FGZ += f * g * Z, FVH += f * V * hh, GH += g * hh;
    }
    const R lam = inc.rho1 - R(3) * inc.rho2 + R(2) * inc.rho3;
    const std::string tag = support_law_name(law);
    require("r=1 " + tag, brute[1] == inc.rho1 * U);
    require("r=2 " + tag, brute[2] == inc.rho2 * U * V + (inc.rho1 - inc.rho2) * FG);
    require("r=3 " + tag, brute[3] == inc.rho3 * U * V * Z + (inc.rho2 - inc.rho3) * (FGZ + FVH + U * GH) + lam * FGH);
    // ρ_4 by the same falling-factorial law (or q^4), needed by the r = 4 rule.
    const R rho4 = law == SupportLaw::uniform ? inc.rho3 * R(k - 4 > 0 ? k - 4 : 0) / R(h - 4) : P.q * P.q * P.q * P.q;
    const std::vector<R> rho = {R(1), inc.rho1, inc.rho2, inc.rho3, rho4};
    require("general rule r=3 " + tag, brute[3] == partition_rule({F[0], F[1], F[2]}, rho));
    require("general rule r=4 " + tag, brute[4] == partition_rule(F, rho));
    out.count_instance();
  }
}
