#include "lae_exact_critical.hpp"

#include "lae/exact.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>

namespace ael::checks {

namespace {

using lae::Index;
using lae::LossKind;
using lae::Point;

ExactMat identity(int k) { return ExactMat::Identity(k, k); }

bool all_zero(const ExactMat& M) {
  for (Eigen::Index j = 0; j < M.cols(); ++j)
    for (Eigen::Index i = 0; i < M.rows(); ++i)
      if (M(i, j) != 0) return false;
  return true;
}

// Small rationals: ±(1/2, 1, 3/2, 2); `zero_too` adds 0 with probability 1/3.
rational small(Rng& rng, bool zero_too = false) {
  if (zero_too && rng.below(3) == 0) return rational(0);
  return rational(1 + static_cast<long>(rng.below(4)), 2) * (rng.below(2) ? 1 : -1);
}
// Scales ±[1/2, 2] in steps of 1/4 (the moderate range of docs/lae-math.md §11).
ExactVec scales(int p, Rng& rng) {
  ExactVec c(p);
  for (int k = 0; k < p; ++k) c(k) = rational(2 + static_cast<long>(rng.below(7)), 4) * (rng.below(2) ? 1 : -1);
  return c;
}
ExactMat small_matrix(int rows, int cols, Rng& rng, bool zero_too = false) {
  ExactMat M(rows, cols);
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i) M(i, j) = small(rng, zero_too);
  return M;
}
// A rational C ∈ GL(p) that is not diagonal (p ≥ 2): diag(c) plus quarter-size
// off-diagonal entries, at least one nonzero; redrawn until invertible.
ExactMat generic_c(int p, Rng& rng) {
  for (;;) {
    ExactMat C = ExactMat(scales(p, rng).asDiagonal());
    bool off = false;
    for (int j = 0; j < p; ++j)
      for (int i = 0; i < p; ++i)
        if (i != j) C(i, j) = small(rng, true) / 2, off = off || C(i, j) != 0;
    if (p >= 2 && !off) continue;
    try {
      solve_exact(C, identity(p));
      return C;
    } catch (const std::domain_error&) {
    }
  }
}

ExactMat columns(const ExactMat& U, const Index& S) {
  ExactMat out(U.rows(), static_cast<Eigen::Index>(S.size()));
  for (size_t q = 0; q < S.size(); ++q) out.col(static_cast<Eigen::Index>(q)) = U.col(S[q]);
  return out;
}

Index random_tuple(int n, int r, Rng& rng) {
  const auto perm = rng.permutation(n);
  return Index(perm.begin(), perm.begin() + r);
}

std::vector<Index> tuples(int n, int p) {
  std::vector<Index> out;
  lae::enumerate_tuples(n, p, true, [&](const Index& I) { out.push_back(I); });
  return out;
}

bool contains(const Index& I, int s) { return std::find(I.begin(), I.end(), s) != I.end(); }

// (scale·u_s e_kᵀ, scale⁻¹·e_k u_sᵀ M̂): the direction of docs/lae-math.md §10.
std::pair<ExactMat, ExactMat> unit_direction(const RationalData& d, int p, int s, int k, const rational& scale) {
  const int n = d.n();
  ExactMat a = ExactMat::Zero(n, p), b = ExactMat::Zero(p, n);
  a.col(k) = scale * d.e.U.col(s);
  b.row(k) = ExactMat(d.e.U.col(s).transpose() * d.e.Mhat) / scale;
  return {a, b};
}

rational loss_from_samples(const RationalData& d, const Point<rational>& x, LossKind kind) {
  return lae::loss_by_definition(d.X, d.Y, x.A, x.B, kind);
}

// Φ (r×p) with ΦΦᵀ invertible and Ψ = Φ⁺ + (I − Φ⁺Φ)Z, so ΦΨ = I_r (docs/lae-math.md §6).
struct PhiPsi {
  ExactMat Phi, Psi, projector;  // projector onto ker Φ
};
PhiPsi phi_psi(int r, int p, Rng& rng) {
  PhiPsi f{ExactMat::Zero(r, p), ExactMat::Zero(p, r), identity(p)};
  if (r == 0) return f;
  for (;;) {
    f.Phi = small_matrix(r, p, rng, true);
    try {
      const ExactMat pinv = f.Phi.transpose() * solve_exact(ExactMat(f.Phi * f.Phi.transpose()), identity(r));
      f.projector = identity(p) - pinv * f.Phi;
      f.Psi = pinv + f.projector * small_matrix(p, r, rng, true);
      return f;
    } catch (const std::domain_error&) {
    }
  }
}

// Ordered-loss directions at the dead units of a rank-deficient point (docs/lae-math.md §10):
// for dead unit k and index s unused by the live units, Δ = (α u_s e_kᵀ, β e_k u_sᵀ M̂) with the
// values −4 w_k λ_s (a_k = b_k = 0), −2 w_k λ_s²/(b_kᵀΣ_xx b_k) (a_k = 0) or −2 w_k λ_s/‖a_k‖² (b_k = 0).
std::vector<ExactDirection> dead_unit_directions(const RationalData& d, const ExactRankDeficient& pt, int p) {
  std::vector<ExactDirection> out;
  std::vector<int> used;
  for (const auto& lj : pt.live) used.push_back(lj.second);
  for (int k = 0; k < p; ++k) {
    if (std::any_of(pt.live.begin(), pt.live.end(), [k](const auto& lj) { return lj.first == k; })) continue;
    const ExactVec ak = pt.x.A.col(k), bk = pt.x.B.row(k).transpose();
    const rational bSb = bk.dot(d.m.Sxx * bk), aa = ak.squaredNorm(), wk = p - k;
    for (int s = 0; s < d.n(); ++s) {
      if (std::find(used.begin(), used.end(), s) != used.end()) continue;
      const rational ls = d.e.lambda(s);
      rational alpha = 1, beta = 1, expected = -4 * wk * ls;
      if (aa == 0 && bSb > 0) alpha = ls / bSb, expected = -2 * wk * ls * ls / bSb;
      if (bSb == 0 && aa > 0) beta = 1 / aa, expected = -2 * wk * ls / aa;
      ExactDirection dir{ExactMat::Zero(d.n(), p), ExactMat::Zero(p, d.n()), expected,
                         "dead unit " + std::to_string(k + 1) + ", s = " + std::to_string(s + 1)};
      dir.a.col(k) = alpha * d.e.U.col(s);
      dir.b.row(k) = beta * ExactMat(d.e.U.col(s).transpose() * d.e.Mhat);
      out.push_back(std::move(dir));
    }
  }
  return out;
}

// One sweep context: instance i of the claim's sweep.
struct Sweep {
  int n, p;
  RationalData d;
  Rng rng;
  std::string tag;
};

void sweep(std::uint64_t seed, int instances, std::uint64_t salt, bool general_y, const std::function<void(Sweep&)>& body) {
  static const std::pair<int, int> shapes[] = {{3, 2}, {4, 2}, {3, 3}, {4, 3}, {5, 2}, {3, 1}};
  for (int i = 0; i < instances; ++i) {
    const int n = shapes[i % 6].first, p = shapes[i % 6].second;
    const bool autoencoder = !general_y || i % 2 == 0;
    Sweep s{n, p, rational_data(n, seed + static_cast<std::uint64_t>(i), autoencoder), Rng(seed * salt + static_cast<std::uint64_t>(i)), ""};
    s.tag = "n=" + std::to_string(n) + " p=" + std::to_string(p) + (autoencoder ? " LAE" : " general-Y");
    body(s);
  }
}

std::string at(const Index& I, const Sweep& s) { return lae::format_index(I) + ", " + s.tag; }

// Decides one direction's value by the assembled Hessian and by the bilinear form
// (docs/lae-math.md §4: two kernels), against the closed form, and its sign.
void decide_direction(ExactTally& t, const RationalData& d, const Point<rational>& x, LossKind kind, const ExactMat& H,
                      const ExactMat& a, const ExactMat& b, const rational& expected, bool negative, const std::string& what) {
  const rational assembled = quadratic_form(H, a, b);
  t.add(assembled == expected, what + ": d'Hd = closed form (" + rational_text(assembled) + " vs " + rational_text(expected) + ")");
  t.add(lae::hessian_form(d.m, x.A, x.B, kind, a, b, a, b) == assembled, what + ": bilinear form = assembled Hessian");
  if (negative) t.add(assembled < 0, what + ": d'Hd < 0");
}

ExactVerdict lae11(std::uint64_t seed, int instances) {
  ExactTally t{{"LAE-11", true, 0,
                "exact: MSE gradient = 0 and loss from the samples = tr Syy - sum lambda_I at P(I,C), C rational non-diagonal in GL(p), every I", ""}};
  sweep(seed, instances, 67, true, [&](Sweep& s) {
    for (const auto& I : tuples(s.n, s.p)) {
      const auto x = exact_point(s.d, I, generic_c(s.p, s.rng));
      t.add(gradient_is_zero(s.d.m, x, LossKind::mse), "MSE gradient at " + at(I, s));
      t.add(loss_from_samples(s.d, x, LossKind::mse) == lae::critical_loss(s.d.m, s.d.e, I, s.p, LossKind::mse), "MSE loss at " + at(I, s));
    }
  });
  return t.v;
}

ExactVerdict lae12(std::uint64_t seed, int instances) {
  ExactTally t{{"LAE-12", true, 0,
                "exact: Phi Psi = I_r, MSE gradient = 0 and loss from the samples = tr Syy - sum lambda_S at (U_S Phi, Psi U_S' Mhat), r = 0..p", ""}};
  sweep(seed, instances, 71, true, [&](Sweep& s) {
    for (int r = 0; r <= s.p; ++r) {
      const Index S = random_tuple(s.n, r, s.rng);
      const PhiPsi f = phi_psi(r, s.p, s.rng);
      const std::string tag = "r=" + std::to_string(r) + ", " + s.tag;
      t.add(ExactMat(f.Phi * f.Psi) == identity(r), "Phi Psi = I_r, " + tag);
      const ExactMat US = columns(s.d.e.U, S);
      const Point<rational> x{US * f.Phi, f.Psi * US.transpose() * s.d.e.Mhat};
      rational explained = 0;
      for (int q : S) explained += s.d.e.lambda(q);
      t.add(gradient_is_zero(s.d.m, x, LossKind::mse), "MSE gradient, " + tag);
      t.add(loss_from_samples(s.d, x, LossKind::mse) == s.d.m.trSyy - explained, "MSE loss, " + tag);
    }
  });
  return t.v;
}

ExactVerdict lae13(std::uint64_t seed, int instances) {
  ExactTally t{{"LAE-13", true, 0,
                "exact: ordered gradient = 0 and loss from the samples = closed form at P(I, diagonal C) and P(I, Pi D); at a "
                "non-diagonal C the MSE gradient = 0 and the ordered gradient has a nonzero entry", ""}};
  sweep(seed, instances, 73, true, [&](Sweep& s) {
    for (const auto& I : tuples(s.n, s.p)) {
      const ExactVec c = scales(s.p, s.rng);
      auto x = exact_point(s.d, I, ExactMat(c.asDiagonal()));
      t.add(gradient_is_zero(s.d.m, x, LossKind::ordered), "ordered gradient, diagonal C, " + at(I, s));
      t.add(loss_from_samples(s.d, x, LossKind::ordered) == lae::critical_loss(s.d.m, s.d.e, I, s.p, LossKind::ordered),
            "ordered loss, " + at(I, s));
      const auto perm = s.rng.permutation(s.p);
      ExactMat PiD = ExactMat::Zero(s.p, s.p);
      for (int k = 0; k < s.p; ++k) PiD(perm[k], k) = c(k);
      t.add(gradient_is_zero(s.d.m, exact_point(s.d, I, PiD), LossKind::ordered), "ordered gradient, C = Pi D, " + at(I, s));
      if (s.p < 2) continue;
      x = exact_point(s.d, I, generic_c(s.p, s.rng));
      t.add(gradient_is_zero(s.d.m, x, LossKind::mse), "MSE gradient, non-diagonal C, " + at(I, s));
      t.add(!gradient_is_zero(s.d.m, x, LossKind::ordered), "ordered gradient nonzero, non-diagonal C, " + at(I, s));
    }
  });
  return t.v;
}

ExactVerdict lae14(std::uint64_t seed, int instances) {
  ExactTally t{{"LAE-14", true, 0,
                "exact: ordered and MSE gradients = 0 and ordered loss from the samples = p tr Syy - sum_live w_k lambda_jk at the "
                "rank-deficient points of lae-math 6 (i)-(iii), r = 0..p-1", ""}};
  sweep(seed, instances, 79, true, [&](Sweep& s) {
    for (int r = 0; r < s.p; ++r)
      for (int rep = 0; rep < 3; ++rep) {
        const auto pt = exact_rank_deficient(s.d, s.p, r, s.rng);
        rational explained = 0;
        for (const auto& [k, j] : pt.live) explained += rational(s.p - k) * s.d.e.lambda(j);
        const std::string tag = "r=" + std::to_string(r) + ", " + s.tag;
        t.add(gradient_is_zero(s.d.m, pt.x, LossKind::ordered), "ordered gradient, " + tag);
        t.add(gradient_is_zero(s.d.m, pt.x, LossKind::mse), "MSE gradient, " + tag);
        t.add(loss_from_samples(s.d, pt.x, LossKind::ordered) == rational(s.p) * s.d.m.trSyy - explained, "ordered loss, " + tag);
      }
  });
  return t.v;
}

// (U_S Φ, Ψ U_Sᵀ M̂) with ΦΨ = I_r: in reduced coordinates Ā = UᵀA, B̄ = BΣ_xyUΛ⁻¹
// (docs/lae-math.md §5) the rows of Ā and columns of B̄ outside S vanish and
// Ā_S B̄_S = ΦΨ = I. Decided from A and B alone.
bool in_mse_family(const RationalData& d, const Point<rational>& x) {
  const int n = d.n();
  const ExactMat Abar = d.e.U.transpose() * x.A;
  const ExactMat Bbar = x.B * d.m.Syx.transpose() * d.e.U * ExactVec(d.e.lambda.cwiseInverse()).asDiagonal();
  Index S;
  for (int s = 0; s < n; ++s)
    if (!all_zero(Abar.row(s)) || !all_zero(Bbar.col(s))) S.push_back(s);
  const int r = static_cast<int>(S.size());
  ExactMat Phi(r, x.A.cols()), Psi(x.A.cols(), r);
  for (int q = 0; q < r; ++q) Phi.row(q) = Abar.row(S[q]), Psi.col(q) = Bbar.col(S[q]);
  return ExactMat(Phi * Psi) == identity(r);
}

ExactVerdict lae15(std::uint64_t seed, int instances) {
  ExactTally t{{"LAE-15", true, 0,
                "exact, on the ordered-critical points of lae-math 6 (full rank and rank-deficient): ordered gradient = 0, MSE "
                "gradient = 0, and membership in the MSE family of lae-math 6 (Phi Psi = I_r in reduced coordinates); that lae-math 6 lists "
                "every ordered-critical point is not decided", ""}};
  sweep(seed, instances, 83, true, [&](Sweep& s) {
    std::vector<Point<rational>> points;
    for (const auto& I : tuples(s.n, s.p)) points.push_back(exact_point(s.d, I, ExactMat(scales(s.p, s.rng).asDiagonal())));
    for (int r = 0; r < s.p; ++r) points.push_back(exact_rank_deficient(s.d, s.p, r, s.rng).x);
    for (const auto& x : points) {
      t.add(gradient_is_zero(s.d.m, x, LossKind::ordered), "ordered-critical, " + s.tag);
      t.add(gradient_is_zero(s.d.m, x, LossKind::mse), "hence MSE-critical (gradient), " + s.tag);
      t.add(in_mse_family(s.d, x), "in the MSE critical family of lae-math 6, " + s.tag);
    }
  });
  return t.v;
}

ExactVerdict lae16(std::uint64_t seed, int instances) {
  ExactTally t{{"LAE-16", true, 0,
                "exact: loss from the samples at P((1..p),D) = closed-form L*; Sigma a_k = lambda_k a_k, |a_k|^2 = d_k^2, A'A "
                "diagonal, B = A+ (LAE); loss from the samples at every other P(I,C) > L*", ""}};
  sweep(seed, instances, 89, true, [&](Sweep& s) {
    Index top(s.p);
    for (int k = 0; k < s.p; ++k) top[k] = k;
    const ExactVec dd = scales(s.p, s.rng);
    const auto x = exact_point(s.d, top, ExactMat(dd.asDiagonal()));
    const rational Lstar = lae::critical_loss(s.d.m, s.d.e, top, s.p, LossKind::ordered);
    const rational Ltop = loss_from_samples(s.d, x, LossKind::ordered);
    t.add(Ltop == Lstar, "L from the samples at P((1..p),D) = L*, " + s.tag);
    const ExactMat Sigma = s.d.e.Mhat * s.d.m.Syx.transpose();
    for (int k = 0; k < s.p; ++k) {
      t.add(ExactVec(Sigma * x.A.col(k)) == ExactVec(s.d.e.lambda(k) * x.A.col(k)), "Sigma a_k = lambda_k a_k, " + s.tag);
      t.add(x.A.col(k).squaredNorm() == dd(k) * dd(k), "|a_k|^2 = d_k^2, " + s.tag);
    }
    const ExactMat AtA = x.A.transpose() * x.A;
    t.add(all_zero(AtA - ExactMat(AtA.diagonal().asDiagonal())), "A'A diagonal, " + s.tag);
    if (s.d.m.autoencoder) t.add(x.B == solve_exact(AtA, x.A.transpose()), "B = A+, " + s.tag);
    for (const auto& I : tuples(s.n, s.p)) {
      if (I == top) continue;
      const auto xI = exact_point(s.d, I, ExactMat(scales(s.p, s.rng).asDiagonal()));
      t.add(loss_from_samples(s.d, xI, LossKind::ordered) > Ltop, "L(I) > L* from the samples at " + at(I, s));
    }
  });
  return t.v;
}

ExactMat kron(const ExactMat& P, const ExactMat& Q) {
  ExactMat K(P.rows() * Q.rows(), P.cols() * Q.cols());
  for (Eigen::Index i = 0; i < P.rows(); ++i)
    for (Eigen::Index j = 0; j < P.cols(); ++j) K.block(i * Q.rows(), j * Q.cols(), Q.rows(), Q.cols()) = P(i, j) * Q;
  return K;
}

ExactVerdict lae18(std::uint64_t seed, int instances) {
  ExactTally t{{"LAE-18", true, 0,
                "exact: eigen-coordinate MSE Hessian at P(I,C), C rational non-diagonal, is block diagonal with the inside block "
                "2K'K and the outside blocks of lae-math 7.3 entry by entry; char. poly of the inside block = t^(p^2) char. poly of "
                "2(Lambda_I (x) CC' + (CC')^-1 Lambda_I (x) I), similar to the stated matrix", ""}};
  sweep(seed, instances, 101, false, [&](Sweep& s) {
    const int n = s.n, p = s.p, np = n * p;
    for (int rep = 0; rep < 3; ++rep) {
      const Index I = random_tuple(n, p, s.rng);
      const ExactMat C = generic_c(p, s.rng);
      const std::string tag = at(I, s);
      const auto x = exact_point(s.d, I, C);
      const ExactMat Hbar = lae::eigen_coordinate_hessian(s.d.e.U, p, exact_hessian(s.d.m, x, LossKind::mse));
      const ExactMat Ci = solve_exact(C, identity(p));
      ExactMat LI = ExactMat::Zero(p, p);
      for (int k = 0; k < p; ++k) LI(k, k) = s.d.e.lambda(I[k]);
      // Variable groups (docs/lae-math.md §7.3): inside (vec a_I, vec b_I), outside (α_s, β_s) per s ∉ I.
      std::vector<std::vector<int>> groups(1);
      for (int l = 0; l < p; ++l)
        for (int k = 0; k < p; ++k) groups[0].push_back(I[k] + l * n);  // (a_I)_{kl} = ā_{i_k, l}
      for (int l = 0; l < p; ++l)
        for (int k = 0; k < p; ++k) groups[0].push_back(np + k + I[l] * p);  // (b_I)_{kl} = b̄_{k, i_l}
      std::vector<ExactMat> closed;
      // 2𝒦ᵀ𝒦 with 𝒦 = [Λ^{1/2}C^{−ᵀ} ⊗ I, Λ^{1/2} ⊗ C]: every product of two Λ^{1/2} is Λ_I, rational.
      ExactMat inside(2 * p * p, 2 * p * p);
      inside << kron(Ci * LI * Ci.transpose(), identity(p)), kron(Ci * LI, C),  //
          kron(LI * Ci.transpose(), C.transpose()), kron(LI, C.transpose() * C);
      closed.push_back(2 * inside);
      for (int sidx = 0; sidx < n; ++sidx) {
        if (contains(I, sidx)) continue;
        std::vector<int> g;
        for (int k = 0; k < p; ++k) g.push_back(sidx + k * n);
        for (int k = 0; k < p; ++k) g.push_back(np + k + sidx * p);
        groups.push_back(g);
        const rational ls = s.d.e.lambda(sidx);
        ExactMat out(2 * p, 2 * p);
        out << 2 * Ci * LI * Ci.transpose(), -2 * ls * identity(p), -2 * ls * identity(p), 2 * ls * C.transpose() * C;
        closed.push_back(out);
      }
      std::vector<int> group_of(2 * np, -1);
      for (size_t g = 0; g < groups.size(); ++g)
        for (int v : groups[g]) group_of[v] = static_cast<int>(g);
      bool between = true;
      for (int j = 0; j < 2 * np; ++j)
        for (int i = 0; i < 2 * np; ++i)
          if ((group_of[i] < 0 || group_of[i] != group_of[j]) && Hbar(i, j) != 0) between = false;
      t.add(between, "zero between the groups of lae-math 7.3 at " + tag);
      ExactMat got0;
      for (size_t g = 0; g < groups.size(); ++g) {
        const int sz = static_cast<int>(groups[g].size());
        ExactMat got(sz, sz);
        for (int i = 0; i < sz; ++i)
          for (int j = 0; j < sz; ++j) got(i, j) = Hbar(groups[g][i], groups[g][j]);
        t.add(got == closed[g], (g == 0 ? "inside block = 2K'K at " : "outside block = lae-math 7.3 at ") + tag);
        if (g == 0) got0 = got;
      }
      // Spectrum: χ(inside) = t^{p²}·χ(2M′), M′ = Λ_I ⊗ CCᵀ + (CCᵀ)⁻¹Λ_I ⊗ I = (Λ^{−1/2} ⊗ I) M (Λ^{1/2} ⊗ I).
      const ExactMat CCt = C * C.transpose();
      const ExactMat Mp = kron(LI, CCt) + kron(solve_exact(CCt, LI), identity(p));
      std::vector<rational> expected(static_cast<size_t>(p * p), rational(0));
      for (const auto& coeff : lae::characteristic_polynomial(ExactMat(2 * Mp))) expected.push_back(coeff);
      t.add(lae::characteristic_polynomial(got0) == expected, "inside spectrum = p^2 zeros + eig(2M) at " + tag);
    }
  });
  return t.v;
}

ExactVerdict lae24(std::uint64_t seed, int instances) {
  ExactTally t{{"LAE-24", true, 0,
                "exact: d'Hd with the assembled Hessian (and the bilinear form) equals 2w_k(lambda_ik - lambda_s) / 2(lambda_ik - "
                "lambda_s) < 0 for the unused directions, 2(l-k)(lambda_ik - lambda_il) / 0 for the swaps, every I", ""}};
  sweep(seed, instances, 131, true, [&](Sweep& s) {
    const auto& lam = s.d.e.lambda;
    for (const auto& I : tuples(s.n, s.p)) {
      const ExactVec c = scales(s.p, s.rng);
      const auto x = exact_point(s.d, I, ExactMat(c.asDiagonal()));
      const ExactMat Ho = exact_hessian(s.d.m, x, LossKind::ordered), Hm = exact_hessian(s.d.m, x, LossKind::mse);
      for (int k = 0; k < s.p; ++k)
        for (int sidx = 0; sidx < I[k]; ++sidx) {
          if (contains(I, sidx)) continue;
          const auto [a, b] = unit_direction(s.d, s.p, sidx, k, c(k));
          const rational gap = lam(I[k]) - lam(sidx);
          decide_direction(t, s.d, x, LossKind::ordered, Ho, a, b, 2 * rational(s.p - k) * gap, true, "unused, ordered, " + at(I, s));
          decide_direction(t, s.d, x, LossKind::mse, Hm, a, b, 2 * gap, true, "unused, MSE, " + at(I, s));
        }
      for (int k = 0; k < s.p; ++k)
        for (int l = k + 1; l < s.p; ++l) {
          const auto [ak, bk] = unit_direction(s.d, s.p, I[l], k, c(k));
          const auto [al, bl] = unit_direction(s.d, s.p, I[k], l, c(l));
          const ExactMat a = ak - al, b = bk - bl;
          decide_direction(t, s.d, x, LossKind::ordered, Ho, a, b, 2 * rational(l - k) * (lam(I[k]) - lam(I[l])), I[k] > I[l],
                           "swap, ordered, " + at(I, s));
          decide_direction(t, s.d, x, LossKind::mse, Hm, a, b, rational(0), false, "swap, MSE, " + at(I, s));
        }
    }
  });
  return t.v;
}

ExactVerdict lae25(std::uint64_t seed, int instances) {
  ExactTally t{{"LAE-25", true, 0,
                "exact: gradient = 0 at (0,0); the assembled Hessian equals blkdiag_k [[0, -2w_k Syx], [-2w_k Syx', 0]] entry by "
                "entry (eigenvalues +-2w_k sigma_t by Jordan-Wielandt); inertia (np, 0, np) by exact LDL'", ""}};
  sweep(seed, instances, 139, true, [&](Sweep& s) {
    const int n = s.n, p = s.p, np = n * p;
    const Point<rational> x{ExactMat::Zero(n, p), ExactMat::Zero(p, n)};
    for (auto kind : {LossKind::mse, LossKind::ordered}) {
      const std::string tag = std::string(lae::loss_name(kind)) + ", " + s.tag;
      t.add(gradient_is_zero(s.d.m, x, kind), "gradient at the origin, " + tag);
      const ExactMat H = exact_hessian(s.d.m, x, kind);
      ExactMat expected = ExactMat::Zero(2 * np, 2 * np);
      for (int k = 0; k < p; ++k) {
        const rational wk = kind == LossKind::ordered ? rational(p - k) : rational(1);
        for (int a = 0; a < n; ++a)
          for (int b = 0; b < n; ++b)
            expected(a + k * n, np + k + b * p) = expected(np + k + b * p, a + k * n) = -2 * wk * s.d.m.Syx(a, b);
      }
      t.add(H == expected, "Hessian at the origin = blkdiag of [[0, -2w Syx], [., 0]], " + tag);
      t.add(ael::inertia(ldl_exact(H)) == SignCounts{np, 0, np}, "inertia (np, 0, np) by exact LDL', " + tag);
    }
  });
  return t.v;
}

ExactVerdict lae26(std::uint64_t seed, int instances) {
  ExactTally t{{"LAE-26", true, 0,
                "exact: #neg >= n - r by exact LDL' (both losses) at the rank-deficient points; the dead-unit (ordered) and rank-r family "
                "(MSE) directions have d'Hd = the lae-math 10 value < 0, assembled Hessian and bilinear form", ""}};
  sweep(seed, instances, 137, true, [&](Sweep& s) {
    const int n = s.n, p = s.p;
    for (int r = 0; r < p; ++r) {
      const auto pt = exact_rank_deficient(s.d, p, r, s.rng);
      const std::string tag = "r=" + std::to_string(r) + ", " + s.tag;
      for (auto kind : {LossKind::mse, LossKind::ordered})
        t.add(exact_inertia(s.d.m, pt.x, kind).negative >= n - r, std::string(lae::loss_name(kind)) + " #neg >= n - r, " + tag);
      const ExactMat H = exact_hessian(s.d.m, pt.x, LossKind::ordered);
      for (const auto& dir : dead_unit_directions(s.d, pt, p))
        decide_direction(t, s.d, pt.x, LossKind::ordered, H, dir.a, dir.b, dir.expected, true, dir.what + ", " + tag);
    }
    // MSE family of docs/lae-math.md §6 with general Φ, Ψ: H_MSE[Δ,Δ] = −4 (gᵀh) λ_s with gᵀh > 0.
    for (int r = 0; r < p; ++r) {
      const Index S = random_tuple(n, r, s.rng);
      const PhiPsi f = phi_psi(r, p, s.rng);
      const ExactMat US = columns(s.d.e.U, S);
      const Point<rational> x{US * f.Phi, f.Psi * US.transpose() * s.d.e.Mhat};
      ExactMat PsiPsiPlus = ExactMat::Zero(p, p);
      if (r > 0) PsiPsiPlus = f.Psi * solve_exact(ExactMat(f.Psi.transpose() * f.Psi), f.Psi.transpose());
      const ExactVec h = f.projector * small_matrix(p, 1, s.rng);
      const ExactVec g = (identity(p) - PsiPsiPlus) * h;
      const ExactMat H = exact_hessian(s.d.m, x, LossKind::mse);
      const std::string tag = "MSE family r=" + std::to_string(r) + ", " + s.tag;
      t.add(g.dot(h) > 0, "g'h > 0, " + tag);
      for (int sidx = 0; sidx < n; ++sidx) {
        if (contains(S, sidx)) continue;
        const ExactMat a = s.d.e.U.col(sidx) * g.transpose(), b = h * ExactMat(s.d.e.U.col(sidx).transpose() * s.d.e.Mhat);
        decide_direction(t, s.d, x, LossKind::mse, H, a, b, -4 * g.dot(h) * s.d.e.lambda(sidx), true, tag);
      }
    }
  });
  return t.v;
}

ExactVerdict lae27(std::uint64_t seed, int instances) {
  ExactTally t{{"LAE-27", true, 0,
                "exact, on the critical points of lae-math 6: ordered inertia by exact LDL' has #neg = 0 at I = (1..p) and #neg >= 1 "
                "elsewhere, with an explicit direction d'Hd < 0 (swap, unused eigenvector or dead unit) at every saddle; that lae-math 6 "
                "lists every critical point is not decided", ""}};
  sweep(seed, instances, 149, true, [&](Sweep& s) {
    for (const auto& I : tuples(s.n, s.p)) {
      const ExactVec c = scales(s.p, s.rng);
      const auto x = exact_point(s.d, I, ExactMat(c.asDiagonal()));
      const ExactMat H = exact_hessian(s.d.m, x, LossKind::ordered);
      const int neg = ael::inertia(ldl_exact(H)).negative;
      ExactDirection dir;
      if (!negative_direction(s.d, I, c, dir)) {
        t.add(neg == 0, "global minimum has #neg = 0 at " + at(I, s));
        continue;
      }
      t.add(neg >= 1, "strict saddle (#neg >= 1 by LDL') at " + at(I, s));
      decide_direction(t, s.d, x, LossKind::ordered, H, dir.a, dir.b, dir.expected, true, dir.what + " at " + at(I, s));
    }
    for (int r = 0; r < s.p; ++r) {
      const auto pt = exact_rank_deficient(s.d, s.p, r, s.rng);
      const std::string tag = "rank " + std::to_string(r) + ", " + s.tag;
      const ExactMat H = exact_hessian(s.d.m, pt.x, LossKind::ordered);
      t.add(ael::inertia(ldl_exact(H)).negative >= 1, "strict saddle (#neg >= 1 by LDL') at " + tag);
      const auto dirs = dead_unit_directions(s.d, pt, s.p);
      t.add(!dirs.empty(), "a dead-unit direction exists at " + tag);
      if (!dirs.empty())
        decide_direction(t, s.d, pt.x, LossKind::ordered, H, dirs.front().a, dirs.front().b, dirs.front().expected, true,
                         dirs.front().what + " at " + tag);
    }
  });
  return t.v;
}

}  // namespace

RationalData rational_data(int n, std::uint64_t seed, bool autoencoder) {
  const int m = n + 3;
  Rng rng(seed * 0x2545F4914F6CDD1DULL + 5);
  RationalData d;
  const ExactMat U = lae::cayley_instance(n, seed).Q;
  const ExactMat Z = lae::cayley_instance(m, seed + 7777).Q;  // m×m orthogonal
  const ExactMat Zt = Z.leftCols(n).transpose();               // n×m, Zt Ztᵀ = I
  const ExactMat Zr = Z.rightCols(3).transpose();              // 3×m, Zr Ztᵀ = 0
  ExactVec q(n);                                               // distinct, decreasing, positive
  for (int s = 0; s < n; ++s) {
    const long den = 2 + static_cast<long>(rng.below(5));
    q(s) = rational(n - s) + rational(static_cast<long>(rng.below(den)), den);
  }
  const ExactVec lambda = q.cwiseProduct(q);
  ExactMat Mhat = identity(n);
  if (autoencoder) {
    d.X = U * q.asDiagonal() * Zt;  // XXᵀ = U diag(q²) Uᵀ
    d.Y = d.X;
  } else {
    ExactMat F = ExactMat::Zero(n, n);  // lower triangular, invertible
    for (int i = 0; i < n; ++i) {
      F(i, i) = rational(1 + static_cast<long>(rng.below(4)), 2);
      for (int j = 0; j < i; ++j) F(i, j) = small(rng, true);
    }
    const ExactMat O = lae::cayley_instance(n, seed + 3333).Q;
    d.X = F * Zt;  // Σ_xx = F Fᵀ
    // M̂ = U diag(q) O F⁻¹, so M̂ Σ_xx M̂ᵀ = U diag(q²) Uᵀ.
    Mhat = ExactMat(solve_exact(ExactMat(F.transpose()), ExactMat((U * q.asDiagonal() * O).transpose())).transpose());
    d.Y = Mhat * d.X + small_matrix(n, 3, rng, true) * Zr;  // residual orthogonal to X
  }
  const ExactMat Xr = d.X.transpose(), Yr = d.Y.transpose();
  d.m = autoencoder ? lae::moments_from_rows<rational>(Xr) : lae::moments_from_rows<rational>(Xr, &Yr);
  d.e.lambda = lambda;
  d.e.U = U;
  d.e.autoencoder = autoencoder;
  d.e.Mhat = autoencoder ? identity(n) : ExactMat(solve_exact(ExactMat(d.m.Sxx.transpose()), ExactMat(d.m.Syx.transpose())).transpose());
  const ExactMat Sigma = d.e.Mhat * d.m.Syx.transpose();
  if (ExactMat(U.transpose() * U) != identity(n) || d.e.Mhat != Mhat || ExactMat(Sigma * U) != ExactMat(U * lambda.asDiagonal()))
    throw std::logic_error("rational data set: the construction does not give Sigma = U Lambda U'");
  d.source = std::string("rational data, n ") + std::to_string(n) + ", m " + std::to_string(m) + (autoencoder ? ", Y = X" : ", general Y") +
             ", seed " + std::to_string(seed);
  return d;
}

Point<rational> exact_point(const RationalData& d, const Index& I, const ExactMat& C) {
  const ExactMat UI = columns(d.e.U, I);
  return {UI * C, solve_exact(C, identity(static_cast<int>(C.rows()))) * UI.transpose() * d.e.Mhat};
}

bool gradient_is_zero(const lae::Moments<rational>& m, const Point<rational>& x, LossKind kind) {
  const auto g = lae::gradient(m, x.A, x.B, lae::loss_weights<rational>(kind, static_cast<int>(x.A.cols())));
  return all_zero(g.dA) && all_zero(g.dB);
}

ExactMat exact_hessian(const lae::Moments<rational>& m, const Point<rational>& x, LossKind kind) {
  return lae::hessian_elementwise(m, x.A, x.B, lae::loss_weights<rational>(kind, static_cast<int>(x.A.cols())));
}

SignCounts exact_inertia(const lae::Moments<rational>& m, const Point<rational>& x, LossKind kind) {
  return ael::inertia(ldl_exact(exact_hessian(m, x, kind)));
}

rational quadratic_form(const ExactMat& H, const ExactMat& a, const ExactMat& b) {
  const ExactVec theta = lae::pack(a, b);
  return theta.dot(H * theta);
}

ExactRankDeficient exact_rank_deficient(const RationalData& d, int p, int r, Rng& rng) {
  return rank_deficient_point<rational>(d.e.U, d.e.Mhat, p, r, rng, [](Rng& g) { return scales(1, g)(0); },
                                        [](Rng& g) { return small(g); });
}

bool negative_direction(const RationalData& d, const Index& I, const ExactVec& c, ExactDirection& out) {
  const int p = static_cast<int>(I.size());
  const auto& lam = d.e.lambda;
  for (int k = 0; k < p; ++k)
    for (int l = k + 1; l < p; ++l)
      if (I[k] > I[l]) {
        const auto [ak, bk] = unit_direction(d, p, I[l], k, c(k));
        const auto [al, bl] = unit_direction(d, p, I[k], l, c(l));
        out = {ak - al, bk - bl, 2 * rational(l - k) * (lam(I[k]) - lam(I[l])),
               "swap of units " + std::to_string(k + 1) + ", " + std::to_string(l + 1)};
        return true;
      }
  for (int k = 0; k < p; ++k)
    for (int s = 0; s < I[k]; ++s)
      if (!contains(I, s)) {
        const auto [a, b] = unit_direction(d, p, s, k, c(k));
        out = {a, b, 2 * rational(p - k) * (lam(I[k]) - lam(s)), "unused eigenvector " + std::to_string(s + 1) + " at unit " + std::to_string(k + 1)};
        return true;
      }
  return false;
}

ExactVerdict exact_critical_verdict(const std::string& claim, std::uint64_t seed, int instances) {
  static const std::map<std::string, ExactVerdict (*)(std::uint64_t, int)> routes = {
      {"LAE-11", lae11}, {"LAE-12", lae12}, {"LAE-13", lae13}, {"LAE-14", lae14}, {"LAE-15", lae15}, {"LAE-16", lae16},
      {"LAE-18", lae18}, {"LAE-24", lae24}, {"LAE-25", lae25}, {"LAE-26", lae26}, {"LAE-27", lae27}};
  const auto it = routes.find(claim);
  if (it == routes.end()) throw std::invalid_argument("no exact critical-point route for claim " + claim);
  ExactVerdict v = it->second(seed, instances);
  if (v.instances == 0) v.proved = false, v.detail = "no exact decision was made";  // never a vacuous proof
  if (v.detail.empty()) v.detail = std::to_string(instances) + " rational data sets; " + std::to_string(v.instances) + " exact decisions";
  return v;
}

void decide_critical_exactly(const Context& ctx, Outcome& out, const std::string& claim) {
  const ExactVerdict v = exact_critical_verdict(claim, ctx.seed, ctx.instances);
  out.proved(v.proved ? v.route + " (" + v.detail + ")" : v.detail, v.proved, Evidence::proved_exact, v.route);
}

}  // namespace ael::checks
