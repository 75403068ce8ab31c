// SC-6, SC-8, SC-14, SC-15, SC-19: the exact expected gradient (docs/sparse.md §5).
// Routes: the explicit O(hn) formula (§5.3) against the conditional gradient
// averaged over enumerated supports (§5.1), against the TRUE network averaged
// over every (S, x), all in exact rationals; and across precisions.
#include "claim.hpp"
#include "core/precision.hpp"
#include "sparse/enumerate.hpp"
#include "sparse/small_instances.hpp"
#include "sparse_certified.hpp"

#include <optional>

namespace {
using ael::Mat;
using ael::mp_real;
using ael::Vec;
using ael::sparse::rational;
using R = rational;

}  // namespace

AEL_CLAIM("SC-6", "[derived]", "G_i(S) equals the exact average of the true per-sample gradient over x_S in {a,b}^k") {
  using namespace ael::sparse;
  namespace sc = ael::checks::sparse_checks;
  const auto require = sc::exact_recorder(ctx, out, "exact: G_i(S) of §5.1 in Q against the true per-sample gradient averaged over {a,b}^k in Q");
  for (const char* delta : {"0", "0.01"}) {
    const auto I = build_instance<R>(had_spec(16, 2, delta, "0.5", ctx.seed));
    require("recovery certified", I.recovery_certified);
    for (const auto& [S, i] : std::vector<std::pair<std::vector<int>, int>>{{{0, 5}, 0}, {{3, 20}, 20}, {{7, 16}, 7}}) {
      Vec<R> average = Vec<R>::Zero(I.P.n());
      for_each_values<R>(I.P.values, 2, [&](const std::vector<R>& x, const R& p) {
        average += p * row_gradient(I.P.W, I.P.eps, observation(I.P.A, S, x), i);
      });
      require(std::string("G_i(S) exact, delta=") + delta + " i=" + std::to_string(i), conditional_gradient(I.P, i, S) == average);
    }
    out.count_instance();
  }
}

AEL_CLAIM("SC-8", "[derived]", "Explicit formula (§5.3) = pi1 E[G_i(S) | i in S] = brute-force E of the true network's gradient") {
  using namespace ael::sparse;
  namespace sc = ael::checks::sparse_checks;
  const auto require = sc::exact_recorder(ctx, out, sc::kClosedFormRoute);
  // (1) Surrogate identity on HAD n = 4 (h = 8): k ∈ {2, 4, 5} exercises ρ3 and λ.
  for (const char* delta : {"0.01", "0.3"})
    for (int k : {2, 4, 5}) {
      auto spec = had_spec(4, k, delta, "", ctx.seed);
      spec.eps = "0.3";
      const auto I = build_instance<R>(spec);
      for (int i : {0, 5})
        require("closed form = support enumeration, k=" + std::to_string(k) + " delta=" + delta + " row " + std::to_string(i),
                    expected_gradient(I.P, i).value == expected_gradient_by_supports(I.P, i));
      out.count_instance();
    }
  // (2) True network, overcomplete HAD n = 16 (k = 2 is the largest with a window).
  const auto I = build_instance<R>(had_spec(16, 2, "0.01", "0.5", ctx.seed));
  require("HAD n=16 recovery certified", I.recovery_certified);
  for (int i : {0, 17}) {
    const auto e = enumerate_true_network(I.P, i);
    require("HAD n=16 closed form = true network, row " + std::to_string(i), expected_gradient(I.P, i).value == e.mean_gradient);
  }
  out.count_instance();
  // (3) True network with k = 4, 5 and δ ∈ {0.01, 0.3} on a rational orthogonal dictionary.
  for (const auto& [k, delta] : std::vector<std::pair<int, R>>{{4, R(1) / R(100)}, {5, R(1) / R(100)}, {2, R(3) / R(10)}}) {
    auto P = orthogonal_problem<R>(7, k, delta, R(0), ctx.seed + static_cast<std::uint64_t>(k));
    const auto cert = per_row_certificate<R>(P.A, P.W, k, P.values.a, P.values.b, false);
    const auto w = window_per_row<R>(cert, P.values.b, k, 7);
    const std::string tag = "orthogonal n=7 k=" + std::to_string(k) + " delta=" + delta.str();
    require("certificate (b) window non-empty, " + tag, w.nonempty());
    if (!w.nonempty()) continue;
    P.eps.setConstant(w.at_fraction(R(1) / R(2)));
    for (int i : {0, 3}) {
      const auto e = enumerate_true_network(P, i);
      require("no recovery failure, " + tag, e.recovery_failures == 0);
      require("closed form = true network, " + tag + " row " + std::to_string(i), expected_gradient(P, i).value == e.mean_gradient);
    }
    out.count_instance();
  }
}

AEL_CLAIM("SC-14", "[derived]", "At W = A*' the exact expected gradient is not zero: ||E grad||^2 > 0 in rational arithmetic") {
  using namespace ael::sparse;
  namespace sc = ael::checks::sparse_checks;
  const auto require = sc::exact_recorder(ctx, out, "exact: ||E grad||^2 of the §5.3 closed form, a rational, compared with 0 in Q");
  for (int n : {16, 64})
    for (const char* frac : {"0.01", "0.5"}) {
      const auto I = build_instance<R>(had_spec(n, 2, "0", frac, ctx.seed));
      for (int i : {0, n}) require("n=" + std::to_string(n) + " t=" + frac + " row " + std::to_string(i), expected_gradient(I.P, i).norm_sq > 0);
      out.count_instance();
    }
}

AEL_CLAIM("SC-15", "[derived]", "Swap symmetry on HAD: W_{n+j} = Q W_j and equal thresholds give E grad_{n+j} = Q E grad_j exactly") {
  using namespace ael::sparse;
  namespace sc = ael::checks::sparse_checks;
  const auto require = sc::exact_recorder(ctx, out, "exact: rows j and n+j of the §5.3 closed form in Q, compared entry by entry");
  for (const char* delta : {"0", "0.01"}) {
    auto I = build_instance<R>(had_spec(16, 2, delta, "0.5", ctx.seed));
    const int n = I.P.n();
    const Mat<R> Q = I.P.A.rightCols(n);  // H/√n, symmetric, Q A_j = A_{n+j}
    // Impose the hypothesis on a perturbed W: rows n+j are Q W_j (still at distance δ).
    for (int j = 0; j < n; ++j) I.P.W.row(n + j) = (Q * I.P.W.row(j).transpose()).transpose();
    for (int j : {0, 3, 9}) {
      const auto gj = expected_gradient(I.P, j), gnj = expected_gradient(I.P, n + j);
      require(std::string("delta=") + delta + " j=" + std::to_string(j), gnj.value == Q * gj.value);
      require(std::string("equal norms, delta=") + delta + " j=" + std::to_string(j), gnj.norm_sq == gj.norm_sq);
    }
    out.count_instance();
  }
}

AEL_CLAIM("SC-19", "[derived]", "Precision stability: §5.3 at D and 2D digits agree to D digits; the exact rational result matches both") {
  using namespace ael::sparse;
  const int D = ctx.digits;
  auto spec = had_spec(16, 2, "0.01", "0.5", ctx.seed);
  auto at_digits = [&](int digits) {
    const ael::PrecisionScope precision(digits);
    const auto I = build_instance<mp_real>(spec);
    const auto g = expected_gradient(I.P, 0).value;
    std::vector<std::string> text;
    for (Eigen::Index t = 0; t < g.size(); ++t) text.push_back(ael::to_decimal(g(t), ael::working_digits()));
    return text;
  };
  const auto low = at_digits(D), high = at_digits(2 * D);
  const auto exact = expected_gradient(build_instance<R>(spec).P, 0).value;  // parsed exactly, digits irrelevant
  const ael::PrecisionScope high_precision(2 * D);
  mp_real worst_low(0), worst_exact(0), scale(0);
  for (size_t t = 0; t < high.size(); ++t) {
    const mp_real h(high[t]), l(low[t]), x = ScalarOps<R>::to_mp(exact(static_cast<Eigen::Index>(t)));
    worst_low = std::max(worst_low, mp_real(abs(h - l)));
    worst_exact = std::max(worst_exact, mp_real(abs(h - x)));
    scale = std::max(scale, mp_real(abs(x)));
  }
  const mp_real tol_low = scale * ael::checks::route_tolerance<mp_real>() * pow(mp_real(10), 2 * D - D);
  // --certify: the printed decimals are rationals; |printed - exact| <= 10^-d max|exact| is
  // decided in Q for d = D and 2D (docs/sparse.md "Certified SC routes", SC-19); the MPFR comparisons below
  // (which imply nothing about the exact value) become cross-checks.
  std::optional<ael::checks::CrossCheck> cross;
  if (ctx.certify) {
    R exact_scale(0);
    for (Eigen::Index t = 0; t < exact.size(); ++t) exact_scale = std::max(exact_scale, R(abs(exact(t))));
    for (const auto& [printed, d] : {std::make_pair(&low, D), std::make_pair(&high, 2 * D)}) {
      R worst(0), unit(1);  // unit = 10^-d
      for (int e = 0; e < d; ++e) unit /= 10;
      for (size_t t = 0; t < printed->size(); ++t)
        worst = std::max(worst, R(abs(ael::parse_exact_decimal((*printed)[t]) - exact(static_cast<Eigen::Index>(t)))));
      ael::checks::sparse_checks::exact(ctx, out, std::to_string(d) + "-digit output within 10^-" + std::to_string(d) + " max|g| of the exact g",
                                        worst <= exact_scale * unit,
                                        "exact: printed decimals and the §5.3 closed form in Q compared in Q");
    }
    cross.emplace(out);
  }
  out.close("D vs 2D digits", worst_low, tol_low);
  out.close("rational vs 2D digits", worst_exact, scale * ael::checks::route_tolerance<mp_real>());
  out.count_instance();
}
