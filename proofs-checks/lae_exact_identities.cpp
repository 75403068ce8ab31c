// Exact routes of LAE-1 … LAE-9 (docs/certification.md "Exact identities (LAE-1…9)").
#include "lae_exact_identities.hpp"

#include "core/rng.hpp"
#include "lae/exact.hpp"
#include "lae/model.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace ael::checks {

void IdentityVerdict::decide(bool ok, const std::string& what) {
  ++decisions;
  if (!ok && holds) first_failure = what;
  holds = holds && ok;
}

namespace {

using lae::LossKind;
constexpr LossKind kLosses[] = {LossKind::mse, LossKind::ordered};

// The shapes cycled through by the MPFR checks (proofs-checks/lae_instances.hpp).
std::pair<int, int> shape(int i) {
  static const std::pair<int, int> shapes[] = {{3, 2}, {4, 2}, {4, 3}, {5, 3}, {3, 1}, {5, 2}, {3, 3}, {6, 3}};
  return shapes[i % 8];
}

// Entries k/4 with k uniform in [−8, 8]: small denominators keep the numbers short.
ExactMat random_exact(int rows, int cols, Rng& rng) {
  ExactMat M(rows, cols);
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i) M(i, j) = rational(static_cast<long>(rng.below(17)) - 8, 4);
  return M;
}

// Signed scales ±[1/2, 2] with denominator 4 (never zero).
ExactVec random_scales_exact(int p, Rng& rng) {
  ExactVec c(p);
  for (int k = 0; k < p; ++k) c(k) = rational(2 + static_cast<long>(rng.below(7)), 4) * (rng.below(2) ? 1 : -1);
  return c;
}

template <class M1, class M2> bool same(const M1& a, const M2& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index j = 0; j < a.cols(); ++j)
    for (Eigen::Index i = 0; i < a.rows(); ++i)
      if (a(i, j) != b(i, j)) return false;
  return true;
}

rational dot(const ExactVec& a, const ExactVec& b) { return a.cwiseProduct(b).sum(); }

// Rational data X, Y (samples as columns, m = n + 3), their moments, and
// rational weights A, B; B2 is B with the one-sided fault applied.
struct ExactData {
  int n = 0, p = 0;
  ExactMat X, Y;
  lae::Moments<rational> m;
  ExactMat A, B, B2;
  std::string tag;
};

ExactData exact_data(Rng& rng, int n, int p, bool autoencoder, const OneSidedFault& fault) {
  ExactData d;
  d.n = n;
  d.p = p;
  d.X = random_exact(n, n + 3, rng);
  d.Y = autoencoder ? d.X : random_exact(n, n + 3, rng);
  const ExactMat Xr = d.X.transpose(), Yr = d.Y.transpose();
  d.m = lae::moments_from_rows<rational>(Xr, autoencoder ? nullptr : &Yr);
  d.A = random_exact(n, p, rng);
  d.B = random_exact(p, n, rng);
  d.B2 = d.B;
  d.B2(0, 0) += fault.delta;
  d.tag = "n=" + std::to_string(n) + " p=" + std::to_string(p) + (autoencoder ? " LAE" : " general-Y");
  return d;
}

// Claim `claim`'s generator for instance i.
Rng stream(std::uint64_t seed, int claim, int i) {
  return Rng(seed * 131 + 1000 * static_cast<std::uint64_t>(claim) + static_cast<std::uint64_t>(i));
}
// Which instances have Y = X (alternating as in the MPFR checks of the same claim).
enum class Targets { lae_on_even, lae_on_odd, lae_always };
// Runs body(d, rng) on the claim's `instances` seeded instances (shapes cycled, p ≥ min_p);
// rng continues the instance's stream for the body's own draws.
template <class Body>
void each_instance(std::uint64_t seed, int claim, int instances, Targets targets, const OneSidedFault& fault, Body body,
                   int min_p = 1) {
  for (int i = 0; i < instances; ++i) {
    Rng rng = stream(seed, claim, i);
    const bool autoencoder = targets == Targets::lae_always || (i % 2 == 1) == (targets == Targets::lae_on_odd);
    const ExactData d = exact_data(rng, shape(i).first, std::max(shape(i).second, min_p), autoencoder, fault);
    body(d, rng);
  }
}

std::string tagged(LossKind kind, const ExactData& d, const std::string& what) {
  return std::string(lae::loss_name(kind)) + " " + d.tag + ": " + what;
}

// Richardson combination [4D(h) − D(2h)]/3 of the central difference
// D(s) = (f(s) − f(−s))/(2s): exact for polynomials f of degree ≤ 4.
template <class V> V richardson_first(const std::function<V(const rational&)>& f, const rational& h) {
  auto D = [&](const rational& s) { return V((f(s) - f(-s)) / (2 * s)); };
  return V((4 * D(h) - D(2 * h)) / 3);
}
// [4S(h) − S(2h)]/3 of the second difference S(s) = (f(s) − 2f(0) + f(−s))/s²: exact f″(0)
// for polynomials of degree ≤ 5.
rational richardson_second(const std::function<rational(const rational&)>& f, const rational& h) {
  const rational f0 = f(0);
  auto S = [&](const rational& s) { return rational((f(s) - 2 * f0 + f(-s)) / (s * s)); };
  return (4 * S(h) - S(2 * h)) / 3;
}

using Weights = lae::LossWeights<rational>;
// body(kind, weights, truth) for both losses, truth = Σ_i ‖Y − A I_{i;p} B X‖² at the unperturbed (A, B).
template <class Body> void each_loss(const ExactData& d, Body body) {
  for (const auto kind : kLosses)
    body(kind, lae::loss_weights<rational>(kind, d.p), lae::loss_by_definition<rational>(d.X, d.Y, d.A, d.B, kind));
}

const rational kStep(1, 3);  // any nonzero rational step gives the same exact result

// LAE-1: covariance form, data form and the sum of truncated terms.
void lae1(IdentityVerdict& v, std::uint64_t seed, int instances, const OneSidedFault& fault) {
  each_instance(seed, 1, instances, Targets::lae_on_odd, fault, [&](const ExactData& d, Rng&) {
    each_loss(d, [&](LossKind kind, const Weights& w, const rational& truth) {
      v.decide(lae::loss(d.m, d.A, d.B2, w) == truth, tagged(kind, d, "covariance form != sum of truncated terms"));
      v.decide(lae::data_form<rational>(d.X, d.Y, d.A, d.B2, w).value == truth,
               tagged(kind, d, "data form != sum of truncated terms"));
    });
  });
}

// LAE-2: the truncation identities, from explicit truncation matrices vs the weights S_p, T_p, D_k.
void lae2(IdentityVerdict& v, std::uint64_t seed, int instances, const OneSidedFault& fault) {
  for (int p = 1; p <= std::max(4, instances); ++p) {
    Rng rng = stream(seed, 2, p);
    const ExactMat M = random_exact(p, p, rng);
    ExactMat M2 = M;
    M2(0, 0) += fault.delta;
    const auto w = lae::loss_weights<rational>(LossKind::ordered, p);
    auto trunc = [p](int i) {  // I_{i;p}, 1-based i
      ExactMat I = ExactMat::Zero(p, p);
      for (int k = 0; k < i; ++k) I(k, k) = 1;
      return I;
    };
    ExactMat sandwich = ExactMat::Zero(p, p), sum = ExactMat::Zero(p, p), kron_sum = ExactMat::Zero(p * p, p * p);
    for (int i = 1; i <= p; ++i) {
      const ExactMat Ii = trunc(i);
      sandwich += Ii * M * Ii;
      sum += Ii;
      for (int a = 0; a < p; ++a)
        for (int b = 0; b < p; ++b) kron_sum.block(a * p, b * p, p, p) += Ii(a, b) * Ii;
    }
    const std::string tag = "p=" + std::to_string(p) + ": ";
    v.decide(same(sandwich, ExactMat(M2.cwiseProduct(w.S))), tag + "sum_i I_i M I_i != M o S_p");
    v.decide(same(sum, ExactMat(w.w.asDiagonal())), tag + "sum_i I_i != T_p");
    for (int k = 0; k < p; ++k) {
      ExactMat suffix = ExactMat::Zero(p, p);
      for (int i = k + 1; i <= p; ++i) suffix += trunc(i);
      v.decide(same(suffix, w.D(k)), tag + "sum_{i>=k} I_i != D_k, k=" + std::to_string(k + 1));
    }
    ExactMat vecS = ExactMat::Zero(p * p, p * p);
    for (int j = 0; j < p * p; ++j) vecS(j, j) = w.S(j % p, j / p);
    v.decide(same(kron_sum, vecS), tag + "sum_i I_i (x) I_i != Diag(vec S_p)");
  }
}

// LAE-3: analytic gradients vs exact Richardson differences of the loss.
void lae3(IdentityVerdict& v, std::uint64_t seed, int instances, const OneSidedFault& fault) {
  each_instance(seed, 3, instances, Targets::lae_on_even, fault, [&](const ExactData& d, Rng& rng) {
    const int n = d.n, p = d.p;
    const ExactVec mixed = lae::pack<rational>(random_exact(n, p, rng), random_exact(p, n, rng));
    const ExactVec theta = lae::pack(d.A, d.B);
    for (const auto kind : kLosses) {
      const auto w = lae::loss_weights<rational>(kind, p);
      auto along = [&](const ExactVec& dir) {
        return std::function<rational(const rational&)>([&, dir](const rational& t) {
          ExactMat a, b;
          lae::unpack<rational>(ExactVec(theta + t * dir), n, p, a, b);
          return lae::loss(d.m, a, b, w);
        });
      };
      const auto g = lae::gradient(d.m, d.A, d.B2, w);
      const ExactVec analytic = lae::pack(g.dA, g.dB);
      ExactVec fd(theta.size());
      for (Eigen::Index j = 0; j < theta.size(); ++j)
        fd(j) = richardson_first<rational>(along(ExactVec::Unit(theta.size(), j)), kStep);
      v.decide(same(fd, analytic), tagged(kind, d, "Richardson differences != analytic gradient"));
      v.decide(richardson_first<rational>(along(mixed), kStep) == dot(analytic, mixed),
               tagged(kind, d, "Richardson directional derivative != <gradient, d>"));
      const auto gm = lae::gradient(d.m, d.A, d.B, w);
      const auto gu = lae::gradient_per_unit(d.m, d.A, d.B2, w);
      v.decide(same(gu.dA, gm.dA) && same(gu.dB, gm.dB), tagged(kind, d, "per-unit gradient != matrix form"));
    }
  });
}

// LAE-4: Kronecker vs elementwise vs bilinear form vs Richardson differences of the
// gradient; compact quadratic form vs d'Hd vs exact second differences of the loss.
void lae4(IdentityVerdict& v, std::uint64_t seed, int instances, const OneSidedFault& fault) {
  each_instance(seed, 4, instances, Targets::lae_on_odd, fault, [&](const ExactData& d, Rng& rng) {
    const int n = d.n, p = d.p;
    const ExactMat a = random_exact(n, p, rng), b = random_exact(p, n, rng);
    const ExactVec dir = lae::pack(a, b), theta2 = lae::pack(d.A, d.B2);
    for (const auto kind : kLosses) {
      const auto w = lae::loss_weights<rational>(kind, p);
      const ExactMat Hk = lae::hessian_kronecker(d.m, d.A, d.B, w);
      v.decide(same(Hk, lae::hessian_elementwise(d.m, d.A, d.B2, w)), tagged(kind, d, "Kronecker != elementwise Hessian"));
      v.decide(same(Hk, lae::hessian_from_form(d.m, d.A, d.B2, kind)), tagged(kind, d, "Kronecker != bilinear-form Hessian"));
      ExactMat Hr(Hk.rows(), Hk.cols());
      for (Eigen::Index j = 0; j < theta2.size(); ++j) {
        const ExactVec e = ExactVec::Unit(theta2.size(), j);
        Hr.col(j) = richardson_first<ExactVec>(
            [&](const rational& t) {
              ExactMat a2, b2;
              lae::unpack<rational>(ExactVec(theta2 + t * e), n, p, a2, b2);
              const auto g = lae::gradient(d.m, a2, b2, w);
              return lae::pack(g.dA, g.dB);
            },
            kStep);
      }
      v.decide(same(Hk, Hr), tagged(kind, d, "Kronecker != Richardson differences of the gradient"));
      const rational quad = dot(dir, ExactVec(Hk * dir));
      v.decide(lae::hessian_quadratic_compact(d.m, d.A, d.B2, w, a, b) == quad,
               tagged(kind, d, "compact quadratic form != d'Hd"));
      const rational second = richardson_second(
          [&](const rational& t) {
            ExactMat a2, b2;
            lae::unpack<rational>(ExactVec(theta2 + t * dir), n, p, a2, b2);
            return lae::loss(d.m, a2, b2, w);
          },
          kStep);
      v.decide(second == quad, tagged(kind, d, "second differences of the loss != d'Hd"));
    }
  });
}

// LAE-5: data form, backward sweep / MSE reference vs definition loss and covariance gradient.
void lae5(IdentityVerdict& v, std::uint64_t seed, int instances, const OneSidedFault& fault) {
  each_instance(seed, 5, instances, Targets::lae_on_even, fault, [&](const ExactData& d, Rng&) {
    each_loss(d, [&](LossKind kind, const Weights& w, const rational& truth) {
      const auto g = lae::gradient(d.m, d.A, d.B, w);
      auto compare = [&](const std::string& name, const lae::ValueAndGradient<rational>& r) {
        v.decide(r.value == truth, tagged(kind, d, name + " loss != definition"));
        v.decide(same(r.grad.dA, g.dA) && same(r.grad.dB, g.dB), tagged(kind, d, name + " gradient != covariance form"));
      };
      compare("data form", lae::data_form<rational>(d.X, d.Y, d.A, d.B2, w));
      if (kind == LossKind::ordered)
        compare("backward sweep", lae::ordered_backward_sweep<rational>(d.X, d.Y, d.A, d.B2));
      else
        compare("MSE reference", lae::mse_reference<rational>(d.X, d.Y, d.A, d.B2));
    });
  });
}

// LAE-6: ordered loss (definition) vs p × Bao et al.'s closed form vs p × the expected
// nested-dropout loss as an exact finite sum over the uniform truncation prior.
void lae6(IdentityVerdict& v, std::uint64_t seed, int instances, const OneSidedFault& fault) {
  each_instance(seed, 6, instances, Targets::lae_always, fault, [&](const ExactData& d, Rng&) {
    const int p = d.p;
    const ExactMat &X = d.X, &A = d.A, &B2 = d.B2;
    ExactVec pi(p);
    ExactMat Mnd(p, p);
    for (int k = 0; k < p; ++k) pi(k) = rational(p - k, p);
    for (int j = 0; j < p; ++j)
      for (int k = 0; k < p; ++k) Mnd(j, k) = pi(std::max(j, k));
    const ExactMat XXt = X * X.transpose();
    const rational bao = X.squaredNorm() - 2 * ExactMat(B2 * XXt * A * ExactMat(pi.asDiagonal())).trace() +
                         ExactMat(B2 * XXt * B2.transpose() * ExactMat((A.transpose() * A).cwiseProduct(Mnd))).trace();
    rational expected = 0;  // Σ_b P(b)·‖X − A diag(mask_b) B X‖², P(b) = 1/p, mask_b keeps units 1…b
    for (int cut = 1; cut <= p; ++cut) {
      ExactVec mask = ExactVec::Zero(p);
      for (int k = 0; k < cut; ++k) mask(k) = 1;
      expected += rational(1, p) * ExactMat(X - A * ExactMat(mask.asDiagonal()) * B2 * X).squaredNorm();
    }
    const rational ordered = lae::loss_by_definition<rational>(X, X, A, d.B, LossKind::ordered);
    v.decide(p * bao == ordered, d.tag + ": p x Bao closed form != ordered loss");
    v.decide(p * expected == ordered, d.tag + ": p x expected nested-dropout loss != ordered loss");
  });
}

// LAE-7: reduction to the diagonal LAE on rational instances with an exact
// eigendecomposition Σ = UΛUᵀ (U from a Cayley transform).
void lae7(IdentityVerdict& v, std::uint64_t seed, int instances, const OneSidedFault& fault) {
  for (int i = 0; i < instances; ++i) {
    Rng rng = stream(seed, 7, i);
    const int n = shape(i).first, p = shape(i).second;
    const bool autoencoder = i % 2 == 1;
    const auto ci = lae::cayley_instance(n, seed + static_cast<std::uint64_t>(i));
    const ExactMat& U = ci.Q;
    ExactVec lambda = ci.lambda;
    lae::Moments<rational> m;
    m.autoencoder = autoencoder;
    if (autoencoder) {
      m.Sxx = m.Syx = ci.Sigma;
      m.trSyy = ci.Sigma.trace();
    } else {
      // Σ_xx = FFᵀ, Σ_yx = U D V Fᵀ with V orthogonal: Σ_yxΣ_xx⁻¹Σ_xy = U D² Uᵀ, so Λ = D².
      const ExactMat V = lae::cayley_instance(n, seed + 7919 + static_cast<std::uint64_t>(i)).Q;
      ExactMat F = random_exact(n, n, rng).triangularView<Eigen::StrictlyLower>();
      ExactVec dd(n);
      for (int s = 0; s < n; ++s) F(s, s) = rational(2 + static_cast<long>(rng.below(3)), 2), dd(s) = rational(2 * (n - s) + 1, 2);
      lambda = dd.cwiseProduct(dd);
      m.Sxx = F * F.transpose();
      m.Syx = U * ExactMat(dd.asDiagonal()) * V * F.transpose();
      m.trSyy = lambda.sum() + rational(7, 3);  // any value: it enters both sides as a constant
    }
    const ExactMat Lam(lambda.asDiagonal()), LamInv(lambda.cwiseInverse().asDiagonal());
    const std::string tag = "n=" + std::to_string(n) + " p=" + std::to_string(p) + (autoencoder ? " LAE" : " general-Y");
    v.decide(same(ExactMat(U.transpose() * U), ExactMat::Identity(n, n)) &&
                 same(ExactMat(m.Syx * solve_exact(m.Sxx, ExactMat(m.Syx.transpose()))), ExactMat(U * Lam * U.transpose())),
             tag + ": instance is not U'U = I, Syx Sxx^-1 Sxy = U Lambda U'");
    const ExactMat A = random_exact(n, p, rng), B = random_exact(p, n, rng);
    ExactMat B2 = B;
    B2(0, 0) += fault.delta;
    lae::Moments<rational> diag{Lam, Lam, lambda.sum(), true};
    const ExactMat Abar = U.transpose() * A, Bbar = B2 * m.Syx.transpose() * U * LamInv;
    // 𝒥 = blkdiag(I_p ⊗ Uᵀ, Λ⁻¹UᵀΣ_yx ⊗ I_p) (docs/lae-math.md §5).
    const int np = n * p;
    const ExactMat Wb = LamInv * U.transpose() * m.Syx;
    ExactMat J = ExactMat::Zero(2 * np, 2 * np);
    for (int k = 0; k < p; ++k) J.block(k * n, k * n, n, n) = U.transpose();
    for (int a = 0; a < n; ++a)
      for (int b = 0; b < n; ++b)
        for (int k = 0; k < p; ++k) J(np + a * p + k, np + b * p + k) = Wb(a, b);
    for (const auto kind : kLosses) {
      const auto w = lae::loss_weights<rational>(kind, p);
      const std::string kt = std::string(lae::loss_name(kind)) + " " + tag;
      v.decide(lae::loss(m, A, B, w) == lae::loss(diag, Abar, Bbar, w) + w.terms * (m.trSyy - lambda.sum()),
               kt + ": L != L^Lambda(U'A, B Sxy U Lambda^-1) + terms (tr Syy - tr Sigma)");
      const ExactMat H = lae::hessian_elementwise(m, A, B, w);
      const ExactMat Hdiag = lae::hessian_elementwise(diag, Abar, Bbar, w);
      v.decide(same(ExactMat(J.transpose() * Hdiag * J), H), kt + ": H != J' H^Lambda J");
      if (!autoencoder) {
        const ExactMat Jinv = solve_exact(J, ExactMat::Identity(2 * np, 2 * np));
        v.decide(same(ExactMat(Jinv.transpose() * H * Jinv), Hdiag), kt + ": J^-T H J^-1 != H^Lambda");
      }
    }
  }
}

// LAE-8: invariance under rational invertible G (MSE) and nonzero diagonal D (ordered);
// a non-diagonal G changes the ordered loss (an exact inequality).
void lae8(IdentityVerdict& v, std::uint64_t seed, int instances, const OneSidedFault& fault) {
  each_instance(seed, 8, instances, Targets::lae_on_even, fault, [&](const ExactData& d, Rng& rng) {
    const int p = d.p;
    ExactMat G, Ginv;
    for (;;) {  // G = I + R/2 with R of entries k/4; redraw in the (rare) singular case
      G = ExactMat::Identity(p, p) + random_exact(p, p, rng) / 2;
      try {
        Ginv = solve_exact(G, ExactMat::Identity(p, p));
        break;
      } catch (const std::domain_error&) {
      }
    }
    const ExactVec c = random_scales_exact(p, rng);
    const ExactMat D(c.asDiagonal()), Dinv(c.cwiseInverse().asDiagonal());
    const auto mse = lae::loss_weights<rational>(LossKind::mse, p), ord = lae::loss_weights<rational>(LossKind::ordered, p);
    const rational Lm = lae::loss(d.m, d.A, d.B, mse), Lo = lae::loss(d.m, d.A, d.B, ord);
    v.decide(lae::loss(d.m, ExactMat(d.A * G), ExactMat(Ginv * d.B2), mse) == Lm, d.tag + ": MSE(AG, G^-1 B) != MSE(A, B)");
    v.decide(lae::loss(d.m, ExactMat(d.A * D), ExactMat(Dinv * d.B2), ord) == Lo,
             d.tag + ": ordered(AD, D^-1 B) != ordered(A, B)");
    v.decide(lae::loss(d.m, ExactMat(d.A * G), ExactMat(Ginv * d.B), ord) != Lo,
             d.tag + ": ordered(AG, G^-1 B) = ordered(A, B) for a non-diagonal G");
  }, 2);
}

// LAE-9: Noether identities and the exact GD drift of AᵀA − BBᵀ.
void lae9(IdentityVerdict& v, std::uint64_t seed, int instances, const OneSidedFault& fault) {
  const rational eta(1, 1000);
  each_instance(seed, 9, instances, Targets::lae_on_odd, fault, [&](const ExactData& d, Rng&) {
    const int p = d.p;
    const ExactMat &A = d.A, &B = d.B, &B2 = d.B2;
    for (const auto kind : kLosses) {
      const auto w = lae::loss_weights<rational>(kind, p);
      const auto g = lae::gradient(d.m, A, B, w), g2 = lae::gradient(d.m, A, B2, w);
      ExactMat lhs = A.transpose() * g.dA, rhs = g2.dB * B2.transpose();
      const ExactMat Ap = A - eta * g.dA, Bp = B - eta * g.dB;
      ExactMat drift = Ap.transpose() * Ap - Bp * Bp.transpose() - (A.transpose() * A - B * B.transpose());
      ExactMat predicted = eta * eta * (g2.dA.transpose() * g2.dA - g2.dB * g2.dB.transpose());
      if (kind == LossKind::ordered) {  // only the diagonal is conserved
        lhs = ExactMat(lhs.diagonal().asDiagonal());
        rhs = ExactMat(rhs.diagonal().asDiagonal());
        drift = ExactMat(drift.diagonal().asDiagonal());
        predicted = ExactMat(predicted.diagonal().asDiagonal());
      }
      v.decide(same(lhs, rhs), tagged(kind, d, "A' grad_A != grad_B B'"));
      v.decide(same(drift, predicted), tagged(kind, d, "GD drift of A'A - BB' != eta^2 (gA'gA - gB gB')"));
    }
  });
}

struct Route {
  const char* claim;
  void (*run)(IdentityVerdict&, std::uint64_t, int, const OneSidedFault&);
  const char* route;
};
const Route kRoutes[] = {
    {"LAE-1", lae1, "exact: covariance form = data form = sum of truncated terms in Q (rational X, Y, A, B; both losses)"},
    {"LAE-2", lae2, "exact: truncation sums from explicit I_i equal M o S_p, T_p, D_k, Diag(vec S_p) in Q (rational M)"},
    {"LAE-3", lae3,
     "exact: analytic gradients = Richardson differences of the loss in Q (every coordinate, a mixed direction); "
     "per-unit = matrix form"},
    {"LAE-4", lae4,
     "exact: Kronecker = elementwise = bilinear-form Hessian = Richardson differences of the gradient; compact form = "
     "d'Hd = second differences of the loss, in Q"},
    {"LAE-5", lae5, "exact: data form, backward sweep, MSE reference = definition loss and covariance gradient in Q"},
    {"LAE-6", lae6, "exact: ordered loss = p x Bao closed form = p x expected nested-dropout loss (finite sum) in Q"},
    {"LAE-7", lae7,
     "exact: loss offset and H = J' H^Lambda J (and J^-T H J^-1 = H^Lambda) in Q on rational Sigma = U Lambda U' "
     "(Cayley U)"},
    {"LAE-8", lae8,
     "exact: MSE(AG, G^-1 B) = MSE, ordered(AD, D^-1 B) = ordered, ordered(AG, G^-1 B) != ordered in Q (rational G, D)"},
    {"LAE-9", lae9, "exact: Noether identities and the GD drift eta^2 (gA'gA - gB gB') as matrix equalities in Q"},
};

}  // namespace

IdentityVerdict exact_identity_verdict(const std::string& claim, std::uint64_t seed, int instances,
                                       const OneSidedFault& fault) {
  for (const auto& r : kRoutes) {
    if (claim != r.claim) continue;
    IdentityVerdict v;
    v.claim = claim;
    v.route = r.route;
    r.run(v, seed, instances, fault);
    return v;
  }
  throw std::invalid_argument("no exact identity route for claim " + claim);
}

void decide_identities_exactly(const Context& ctx, Outcome& out, const std::string& claim) {
  const IdentityVerdict v = exact_identity_verdict(claim, ctx.seed, ctx.instances);
  const std::string what = v.holds ? std::to_string(v.decisions) + " exact decisions held" : "failed: " + v.first_failure;
  out.proved(what, v.holds, Evidence::proved_exact, v.route);
}

}  // namespace ael::checks
