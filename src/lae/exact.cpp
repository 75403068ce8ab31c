#include "lae/exact.hpp"

#include "core/exact_json.hpp"
#include "core/rng.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace ael::lae {

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string pos(Eigen::Index i, Eigen::Index j) { return "(" + std::to_string(i + 1) + ", " + std::to_string(j + 1) + ")"; }

bool all_zero(const ExactMat& M) {
  for (Eigen::Index j = 0; j < M.cols(); ++j)
    for (Eigen::Index i = 0; i < M.rows(); ++i)
      if (M(i, j) != 0) return false;
  return true;
}

}  // namespace

std::vector<rational> characteristic_polynomial(const ExactMat& M) {
  const Eigen::Index N = M.rows();
  std::vector<rational> c(N + 1);
  c[N] = 1;
  ExactMat Mk = ExactMat::Zero(N, N);
  for (Eigen::Index k = 1; k <= N; ++k) {
    Mk = M * Mk;
    Mk.diagonal().array() += c[N - k + 1];
    c[N - k] = -ExactMat(M * Mk).trace() / rational(k);
  }
  return c;
}

namespace {

// θ̄ = 𝒥θ with 𝒥 = blkdiag(I_p ⊗ Qᵀ, Qᵀ ⊗ I_p): Ā = QᵀA, B̄ = BQ (docs/lae-math.md §2.3).
ExactMat apply_eigen_change(const ExactMat& Q, int p, const ExactMat& M) {
  const int n = static_cast<int>(Q.rows()), np = n * p;
  const ExactMat Qt = Q.transpose();
  ExactMat R(M.rows(), M.cols());
  for (int k = 0; k < p; ++k) R.middleRows(k * n, n) = Qt * M.middleRows(k * n, n);
  ExactMat G(n, M.cols());
  for (int k = 0; k < p; ++k) {
    for (int t = 0; t < n; ++t) G.row(t) = M.row(np + k + t * p);
    const ExactMat QG = Qt * G;
    for (int s = 0; s < n; ++s) R.row(np + k + s * p) = QG.row(s);
  }
  return R;
}
}  // namespace

ExactMat eigen_coordinate_hessian(const ExactMat& Q, int p, const ExactMat& H) {
  return apply_eigen_change(Q, p, ExactMat(apply_eigen_change(Q, p, H).transpose()));
}

RationalInstance cayley_instance(int n, std::uint64_t seed) {
  if (n < 1) throw std::invalid_argument("n = " + std::to_string(n) + " must be at least 1");
  Rng rng(seed * 0x9E3779B97F4A7C15ULL + 17);
  // Entries of S on the first two off-diagonals: ±1, ±2, ±1/2, ±3/2 (second: also 0).
  const rational choices[] = {rational(1), rational(2), rational(1, 2), rational(3, 2)};
  ExactMat S = ExactMat::Zero(n, n);
  for (int i = 0; i + 1 < n; ++i) {
    S(i, i + 1) = choices[rng.below(4)] * (rng.below(2) ? 1 : -1);
    if (i + 2 < n) S(i, i + 2) = rng.below(3) == 0 ? rational(0) : choices[rng.below(4)] * (rng.below(2) ? 1 : -1);
  }
  S -= ExactMat(S.transpose());
  const ExactMat I = ExactMat::Identity(n, n);
  // Q = (I − S)(I + S)⁻¹ = (I + S)⁻¹(I − S): the factors commute. I + S is
  // invertible because S has purely imaginary eigenvalues.
  RationalInstance inst;
  inst.Q = solve_exact(I + S, I - S);
  inst.skew = S;
  if (ExactMat(inst.Q.transpose() * inst.Q) != I) throw std::logic_error("Cayley transform is not orthogonal");
  inst.lambda.resize(n);
  for (int s = 0; s < n; ++s) {
    const long den = 2 + static_cast<long>(rng.below(6));
    inst.lambda(s) = rational(n - s) + rational(static_cast<long>(rng.below(den)), den);
  }
  inst.Sigma = inst.Q * inst.lambda.asDiagonal() * inst.Q.transpose();
  inst.source = "rational instance: Cayley transform, n " + std::to_string(n) + ", seed " + std::to_string(seed);
  return inst;
}

RationalInstance instance_from_eigenvectors(const ExactMat& S, const ExactMat& Q, const std::string& s_name,
                                            const std::string& q_name) {
  const auto shape = [](const ExactMat& M) { return std::to_string(M.rows()) + "x" + std::to_string(M.cols()); };
  if (S.rows() != S.cols()) throw std::invalid_argument(s_name + " is " + shape(S) + ", not square");
  if (Q.rows() != S.rows() || Q.cols() != S.cols())
    throw std::invalid_argument(q_name + " is " + shape(Q) + " but " + s_name + " is " + shape(S));
  const int n = static_cast<int>(S.rows());
  const ExactMat QtQ = Q.transpose() * Q;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i)
      if (QtQ(i, j) != (i == j ? 1 : 0))
        throw std::invalid_argument(q_name + " is not exactly orthogonal: (Q'Q)" + pos(i, j) + " = " + rational_text(QtQ(i, j)));
  const ExactMat M = Q.transpose() * S * Q;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i)
      if (i != j && M(i, j) != 0)
        throw std::invalid_argument("Q'SQ is not exactly diagonal (" + q_name + ", " + s_name + "): entry " + pos(i, j) +
                                    " = " + rational_text(M(i, j)));
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return M(a, a) > M(b, b); });
  for (int s = 0; s + 1 < n; ++s)
    if (M(order[s], order[s]) == M(order[s + 1], order[s + 1]))
      throw std::invalid_argument("eigenvalues of " + s_name + " are not distinct: columns " + std::to_string(order[s] + 1) +
                                  " and " + std::to_string(order[s + 1] + 1) + " of " + q_name + " both give " +
                                  rational_text(M(order[s], order[s])));
  if (n > 0 && M(order[n - 1], order[n - 1]) <= 0)
    throw std::invalid_argument(s_name + " is not positive definite: column " + std::to_string(order[n - 1] + 1) + " of " +
                                q_name + " has eigenvalue " + rational_text(M(order[n - 1], order[n - 1])));
  RationalInstance inst;
  inst.Sigma = S;
  inst.Q.resize(n, n);
  inst.lambda.resize(n);
  for (int s = 0; s < n; ++s) {
    inst.Q.col(s) = Q.col(order[s]);
    inst.lambda(s) = M(order[s], order[s]);
  }
  inst.source = "exact covariance with claimed eigenvectors";
  return inst;
}

bool ExactResult::blocks_equal() const {
  if (!off_block_zero || blocks.empty()) return false;
  for (const auto& b : blocks)
    if (!b.equal || !b.trace_det_equal || !b.polynomial_equal) return false;
  return true;
}

bool ExactResult::inertia_matches() const {
  return inertia.negative == formula.negative && inertia.zero == formula.zero && inertia.positive == formula.positive &&
         inertia.zero == expected_kernel;
}

bool ExactResult::proved() const { return failures().empty(); }

std::vector<std::string> ExactResult::failures() const {
  std::vector<std::string> f;
  if (!gradient_zero) f.push_back("the gradient at P(I,C) is not exactly zero");
  if (loss != closed_form_loss)
    f.push_back("loss " + rational_text(loss) + " differs from the closed form " + rational_text(closed_form_loss));
  if (!inertia_matches())
    f.push_back("inertia (" + std::to_string(inertia.negative) + ", " + std::to_string(inertia.zero) + ", " +
                std::to_string(inertia.positive) + ") of the LDL' factorization differs from the formula (" +
                std::to_string(formula.negative) + ", " + std::to_string(formula.zero) + ", " +
                std::to_string(formula.positive) + ")");
  if (!off_block_zero) f.push_back("the eigen-coordinate Hessian has a nonzero entry between different variable groups");
  for (const auto& b : blocks)
    if (!b.equal || !b.trace_det_equal || !b.polynomial_equal) {
      std::string units;
      for (int u : b.units) units += (units.empty() ? "" : ",") + std::to_string(u + 1);
      f.push_back(b.group + " block (" + units + ")" + (b.eigen_index >= 0 ? " s = " + std::to_string(b.eigen_index + 1) : "") +
                  " differs from its closed form");
    }
  return f;
}

ExactResult exact_critical_point(const RationalInstance& inst, const Index& I, const ExactVec& c, LossKind kind) {
  const int n = inst.n(), p = static_cast<int>(I.size()), np = n * p;
  if (p < 1 || p > n) throw std::invalid_argument("p = " + std::to_string(p) + " must satisfy 1 <= p <= n = " + std::to_string(n));
  if (c.size() != p) throw std::invalid_argument("scales: " + std::to_string(c.size()) + " values, expected p = " + std::to_string(p));
  std::vector<bool> used(n, false);
  for (int i : I) {
    if (i < 0 || i >= n || used[i]) throw std::invalid_argument("index tuple " + format_index(I) + " is not a tuple of distinct indices in 1..n");
    used[i] = true;
  }
  for (int k = 0; k < p; ++k)
    if (c(k) == 0) throw std::invalid_argument("scale " + std::to_string(k + 1) + " is zero (C must be invertible)");

  ExactResult r;
  r.kind = kind;
  r.I = I;
  r.c = c;
  const Moments<rational> m{inst.Sigma, inst.Sigma, inst.Sigma.trace(), true};
  const EigenData<rational> e{inst.lambda, inst.Q, ExactMat::Identity(n, n), true};
  ExactMat QI(n, p);
  for (int k = 0; k < p; ++k) QI.col(k) = inst.Q.col(I[k]);
  r.x.A = QI * c.asDiagonal();                                  // A = U_I C
  r.x.B = ExactVec(c.cwiseInverse()).asDiagonal() * QI.transpose();  // B = C⁻¹ U_Iᵀ
  const auto w = loss_weights<rational>(kind, p);

  const Gradient<rational> g = gradient(m, r.x.A, r.x.B, w);
  r.gradient_zero = all_zero(g.dA) && all_zero(g.dB);
  r.loss = loss(m, r.x.A, r.x.B, w);
  r.closed_form_loss = critical_loss(m, e, I, p, kind);

  auto t = Clock::now();
  r.H = hessian_elementwise(m, r.x.A, r.x.B, w);
  r.seconds_hessian = since(t);
  t = Clock::now();
  r.ldl = ldl_exact(r.H);
  r.seconds_ldl = since(t);
  r.inertia = ael::inertia(r.ldl);
  for (Eigen::Index j = 0; j < r.ldl.D.cols(); ++j)
    for (Eigen::Index i = 0; i < r.ldl.D.rows(); ++i) r.max_bits_D = std::max(r.max_bits_D, bit_size(r.ldl.D(i, j)));
  r.formula = inertia_formula(I, n, kind);
  r.expected_kernel = kind == LossKind::ordered ? p : p * p;

  // Eigen-coordinate Hessian H̄ = 𝒥 H 𝒥ᵀ against the closed-form blocks.
  t = Clock::now();
  const ExactMat Hbar = eigen_coordinate_hessian(inst.Q, p, r.H);
  const auto a_at = [&](int s, int k) { return s + k * n; };
  const auto b_at = [&](int k, int s) { return np + k + s * p; };
  const auto lam = [&](int k) { return inst.lambda(I[k]); };
  std::vector<int> group(2 * np, -1);
  const auto add = [&](const std::string& name, std::vector<int> units, int s, std::vector<int> vars, ExactMat block,
                       rational trace, rational det) {
    for (int v : vars) group[v] = static_cast<int>(r.blocks.size());
    ExactBlock b{name, std::move(units), s, std::move(vars), std::move(block), std::move(trace), std::move(det)};
    r.blocks.push_back(std::move(b));
  };
  const auto mat2 = [](const rational& f, const rational& a, const rational& b, const rational& d) {
    ExactMat M(2, 2);
    M << f * a, f * b, f * b, f * d;
    return M;
  };
  for (int k = 0; k < p; ++k) {
    const rational ck = c(k), ck2 = c(k) * c(k);
    const rational wk = w.w(k);
    if (kind == LossKind::mse) {
      for (int l = 0; l < p; ++l) {  // inside (k,l): 2λ_{i_l}[[c_l⁻², c_k/c_l], [c_k/c_l, c_k²]]
        const rational cl = c(l);
        add("inside", {k, l}, -1, {a_at(I[k], l), b_at(k, I[l])}, mat2(2 * lam(l), 1 / (cl * cl), ck / cl, ck2),
            2 * lam(l) * (ck2 + 1 / (cl * cl)), rational(0));
      }
    } else {
      add("diagonal inside", {k}, -1, {a_at(I[k], k), b_at(k, I[k])}, mat2(2 * wk * lam(k), 1 / ck2, rational(1), ck2),
          2 * wk * lam(k) * (ck2 + 1 / ck2), rational(0));
      for (int l = k + 1; l < p; ++l) {
        const rational cl = c(l), wl = w.w(l), d = l - k, lk = lam(k), ll = lam(l);
        ExactMat Q(4, 4);
        Q << wl * ll / (cl * cl), wl * ll * ck / cl, 0, 0,                       //
            wl * ll * ck / cl, wk * ll * ck2, -d * ll, 0,                         //
            0, -d * ll, wk * lk / ck2, wl * lk * cl / ck,                         //
            0, 0, wl * lk * cl / ck, wl * lk * cl * cl;
        add("paired inside", {k, l}, -1, {a_at(I[k], l), b_at(k, I[l]), a_at(I[l], k), b_at(l, I[k])}, ExactMat(2 * Q),
            2 * (wl * ll / (cl * cl) + wk * ll * ck2 + wk * lk / ck2 + wl * lk * cl * cl),
            16 * wl * wl * d * d * lk * ll * ll * (lk - ll));
      }
    }
    for (int s = 0; s < n; ++s) {  // outside (s,k): w_k·2[[λ_{i_k}c_k⁻², −λ_s], [−λ_s, λ_s c_k²]]
      if (used[s]) continue;
      const rational ls = inst.lambda(s);
      add("outside", {k}, s, {a_at(s, k), b_at(k, s)}, mat2(2 * wk, lam(k) / ck2, -ls, ls * ck2),
          2 * wk * (ls * ck2 + lam(k) / ck2), 4 * wk * wk * ls * (lam(k) - ls));
    }
  }
  r.off_block_zero = true;
  for (int j = 0; j < 2 * np; ++j)
    for (int i = 0; i < 2 * np; ++i)
      if ((group[i] < 0 || group[i] != group[j]) && Hbar(i, j) != 0) r.off_block_zero = false;
  for (auto& b : r.blocks) {
    const int sz = static_cast<int>(b.variables.size());
    ExactMat got(sz, sz);
    for (int i = 0; i < sz; ++i)
      for (int j = 0; j < sz; ++j) got(i, j) = Hbar(b.variables[i], b.variables[j]);
    b.equal = got == b.closed_form;
    const auto poly = characteristic_polynomial(got);
    // det(tI − M): c_{N−1} = −tr M, c_0 = (−1)^N det M.
    b.trace_det_equal = -poly[sz - 1] == b.trace && (sz % 2 == 0 ? poly[0] : rational(-poly[0])) == b.det;
    b.polynomial_equal = poly == characteristic_polynomial(b.closed_form);
  }
  r.seconds_blocks = since(t);
  return r;
}

namespace {
Json counts(int neg, int zero, int pos) { return {{"negative", neg}, {"zero", zero}, {"positive", pos}}; }
}  // namespace

Json exact_certificate(const RationalInstance& inst, const ExactResult& r, const std::string& claim) {
  const int n = inst.n(), p = static_cast<int>(r.I.size());
  Json doc;
  doc["certificate"] = "aelandscape exact LAE certificate, version 1";
  doc["claim"] = claim;
  doc["evidence"] = r.proved() ? "proved-exact" : "fail";
  doc["statement"] = "At P(I,C) of the LAE with Sigma = Q diag(lambda) Q' (Y = X): gradient 0, loss = closed form, "
                     "P H P' = L D L' with the stated inertia, eigen-coordinate Hessian equal to the closed-form blocks";
  Json in;
  in["n"] = n;
  in["p"] = p;
  in["loss"] = loss_name(r.kind);
  Json idx = Json::array();
  for (int i : r.I) idx.push_back(i + 1);
  in["index"] = idx;
  in["scales"] = fractions(r.c);
  in["lambda"] = fractions(inst.lambda);
  in["eigenvectors"] = fractions(inst.Q);
  in["source"] = inst.source;
  doc["instance"] = in;
  doc["loss"] = rational_text(r.loss);
  doc["gradient"] = r.gradient_zero ? "zero" : "nonzero";
  doc["inertia"] = counts(r.inertia.negative, r.inertia.zero, r.inertia.positive);
  doc["kernel_dimension"] = r.inertia.zero;
  Json f;
  f["convention"] = "row i of P H P' is row P[i] of H (0-based); L unit lower triangular, rows below the diagonal; "
                    "D as its pivot blocks in order";
  f["P"] = r.ldl.perm;
  Json L = Json::array();
  for (int i = 0; i < r.ldl.dimension(); ++i) {
    Json row = Json::array();
    for (int j = 0; j < i; ++j) row.push_back(rational_text(r.ldl.L(i, j)));
    L.push_back(row);
  }
  f["L"] = L;
  Json D = Json::array();
  int k = 0;
  for (int size : r.ldl.pivots) {
    D.push_back(fractions(ExactMat(r.ldl.D.block(k, k, size, size))));
    k += size;
  }
  f["D"] = D;
  doc["factorization"] = f;
  Json blocks = Json::array();
  for (const auto& b : r.blocks) {
    Json jb;
    jb["group"] = b.group;
    Json units = Json::array();
    for (int u : b.units) units.push_back(u + 1);
    jb["units"] = units;
    if (b.eigen_index >= 0) jb["s"] = b.eigen_index + 1;
    jb["variables"] = b.variables;
    jb["block"] = fractions(b.closed_form);
    jb["trace"] = rational_text(b.trace);
    jb["det"] = rational_text(b.det);
    blocks.push_back(jb);
  }
  doc["blocks"] = {{"coordinates", "theta_bar = [vec(Q'A); vec(BQ)], variables 0-based"}, {"list", blocks}};
  // The negative-curvature directions of docs/lae-math.md §10 at this point (docs/certification.md §8.4):
  // unused larger eigenvectors (s ∉ I, s < i_k) and unit swaps (k < l), with θ_Δᵀ H θ_Δ from the assembled H.
  Json dirs = Json::array();
  const auto value = [&](const ExactMat& a, const ExactMat& b) {
    const ExactVec theta = pack(a, b);
    return rational(theta.dot(r.H * theta));
  };
  const auto unit = [&](int s, int k, const rational& scale, ExactMat& a, ExactMat& b) {
    a.col(k) += scale * inst.Q.col(s);
    b.row(k) += ExactMat(inst.Q.col(s).transpose()) / scale;
  };
  for (int k = 0; k < p; ++k)
    for (int s = 0; s < r.I[k]; ++s) {
      if (std::find(r.I.begin(), r.I.end(), s) != r.I.end()) continue;
      ExactMat a = ExactMat::Zero(n, p), b = ExactMat::Zero(p, n);
      unit(s, k, r.c(k), a, b);
      dirs.push_back({{"kind", "unused"}, {"unit", k + 1}, {"s", s + 1}, {"value", rational_text(value(a, b))}});
    }
  for (int k = 0; k < p; ++k)
    for (int l = k + 1; l < p; ++l) {
      ExactMat a = ExactMat::Zero(n, p), b = ExactMat::Zero(p, n);
      unit(r.I[l], k, r.c(k), a, b);
      unit(r.I[k], l, -r.c(l), a, b);
      dirs.push_back({{"kind", "swap"}, {"units", {k + 1, l + 1}}, {"value", rational_text(value(a, b))}});
    }
  doc["directions"] = {{"convention", "d = (a, b), theta_d = [vec a; vec b]; unused: a = c_k u_s e_k', b = e_k u_s'/c_k; "
                                      "swap: a = c_k u_{i_l} e_k' - c_l u_{i_k} e_l', b = e_k u_{i_l}'/c_k - e_l u_{i_k}'/c_l; "
                                      "value = theta_d' H theta_d"},
                       {"list", dirs}};
  return doc;
}

ExactResult write_exact_certificate(const std::string& path, const RationalInstance& inst, const Index& I, const ExactVec& c,
                                    LossKind kind, const std::string& claim) {
  ExactResult r = exact_critical_point(inst, I, c, kind);
  std::ostringstream text;
  render(exact_certificate(inst, r, claim), Format::json, text);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::invalid_argument("cannot write certificate " + path);
  out << text.str();
  if (!out.flush()) throw std::invalid_argument("write to certificate " + path + " failed");
  return r;
}

}  // namespace ael::lae
