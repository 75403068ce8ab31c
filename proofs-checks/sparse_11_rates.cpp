// SC-11, SC-12, SC-13: the exact expected gradient against the Lemma D2 bound
// and its decay in h on the R-HAD family (docs/sparse.md §8.0, P1), in multiprecision.
#include "claim.hpp"
#include "sparse/expected.hpp"
#include "sparse/small_instances.hpp"
#include "sparse_certified.hpp"

#include <cmath>
#include <map>

namespace {
using ael::mp_real;
using ael::Vec;
using namespace ael::sparse;

struct Point {
  double norm0 = 0, norm_n = 0;
  bool within0 = false, within_n = false, certified = false, bound_valid = false;
};

std::string delta_for(int n, double nu) { return nu > 0 ? ael::to_decimal(std::pow(2.0 * n, -nu), 17) : "0"; }

// ‖E∇‖ for rows 0 and n of R-HAD (ν = 0) or R-HAD-δ; cached across claims.
const Point& rhad(int n, int k, const char* frac, double nu, std::uint64_t seed) {
  static std::map<std::string, Point> cache;
  const std::string key = std::to_string(n) + "/" + std::to_string(k) + "/" + frac + "/" + std::to_string(nu) + "/" +
                          std::to_string(seed) + "/" + std::to_string(ael::printed_digits());
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  const auto I = build_instance<mp_real>(had_spec(n, k, delta_for(n, nu), frac, seed));
  Point p;
  const auto g0 = expected_gradient(I.P, 0), gn = expected_gradient(I.P, n);
  const mp_real bound2 = I.d2.expected * I.d2.expected;
  p.norm0 = ael::to_double(mp_real(sqrt(g0.norm_sq)));
  p.norm_n = ael::to_double(mp_real(sqrt(gn.norm_sq)));
  p.within0 = g0.norm_sq <= bound2;
  p.within_n = gn.norm_sq <= bound2;
  p.certified = I.recovery_certified;
  p.bound_valid = I.d2_valid;
  return cache[key] = p;
}

double slope(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t t = 0; t < x.size(); ++t) sx += x[t], sy += y[t], sxx += x[t] * x[t], sxy += x[t] * y[t];
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

const int kGrid[] = {64, 128, 256, 512};
}  // namespace

AEL_CLAIM("SC-11", "[derived]", "||E grad_{W_i} L|| <= pi1 F1 F2 (Lemma D2) on every R-HAD and R-HAD-delta configuration, rows 0 and n") {
  // R-HAD: k ∈ {2, 4}. R-HAD-δ (ν = 3/4): k = 2 only, because at k = 4 the D1 window
  // is empty at n = 64 (lo = 0.635 > hi = 0.449), so that configuration is not a P1 one.
  for (double nu : {0.0, 0.75})
    for (int k : {2, 4})
      if (nu == 0 || k == 2)
      for (const char* frac : {"0.01", "0.5"})
        for (int n : kGrid) {
          const auto& p = rhad(n, k, frac, nu, ctx.seed);
          const std::string tag = "n=" + std::to_string(n) + " k=" + std::to_string(k) + " t=" + frac + " nu=" + ael::to_decimal(nu, 3);
          out.require("Lemma D2 applies, " + tag, p.certified && p.bound_valid);
          out.require("row 0 within bound, " + tag, p.within0);
          out.require("row n within bound, " + tag, p.within_n);
          // --certify: at n = 64 (HAD rational) the bound is decided exactly in Q(Gamma); n = 256 is rational
          // too but takes minutes in Q; at n = 128, 512 the entries 1/sqrt(n) are irrational. Those stay MPFR.
          if (ctx.certify && n == 64) {
            namespace sc = ael::checks::sparse_checks;
            const auto I = build_instance<rational>(had_spec(n, k, delta_for(n, nu), frac, ctx.seed));
            sc::exact(ctx, out, "Lemma D2 applies (exact), " + tag, I.recovery_certified && I.d2_valid, sc::kWindowRoute);
            for (int row : {0, n})
              sc::exact(ctx, out, "row " + std::to_string(row) + " within pi1 F1 F2 (exact), " + tag,
                        sc::within_lemma_d2(expected_gradient(I.P, row).norm_sq, k, I.P.values.b, I.c, I.delta, I.eps, I.P.incl().pi1),
                        sc::kLemmaD2Route);
          }
          out.count_instance();
        }
  if (ctx.certify)
    out.not_proved("n = 128, 512 are not powers of 4: HAD entries 1/sqrt(n) are irrational and the sparse expected gradient "
                   "has no ball route yet, so those rows are MPFR comparisons (n = 64 proved exactly; n = 256 is rational "
                   "too, but its exact route takes minutes)");
}

AEL_CLAIM("SC-12", "[paper, qualitative] + [derived rate]", "R-HAD ||E grad_{W_0}|| decreases in h; log-log slopes negative; fixed-k slope within 0.15 of -3/2 (edge) and -1 (midpoint)") {
  if (ctx.certify)
    out.not_proved("the slopes are least-squares fits of MPFR values (measured by design), and the decrease runs through "
                   "n = 128, 512 where HAD is irrational (no ball route for the sparse expected gradient yet)");
  std::vector<double> logh;
  for (int n : kGrid) logh.push_back(std::log(2.0 * n));
  for (double nu : {0.0, 0.75})
    for (const char* frac : {"0.01", "0.5"}) {
      std::vector<double> logg;
      for (int n : kGrid) logg.push_back(std::log(rhad(n, 2, frac, nu, ctx.seed).norm0));
      const std::string tag = std::string("t=") + frac + " nu=" + ael::to_decimal(nu, 3);
      for (size_t t = 0; t + 1 < logg.size(); ++t) out.require("strictly decreasing at step " + std::to_string(t) + ", " + tag, logg[t + 1] < logg[t]);
      const double s = slope(logh, logg);
      out.require("negative slope (" + ael::to_decimal(s, 4) + "), " + tag, s < 0);
      if (nu == 0) {
        const double predicted = std::string(frac) == "0.01" ? -1.5 : -1.0;
        out.close("slope " + ael::to_decimal(s, 4) + " vs predicted " + ael::to_decimal(predicted, 3) + ", " + tag,
                  mp_real(std::abs(s - predicted)), mp_real(0.15));
      }
      out.count_instance();
    }
}

AEL_CLAIM("SC-13", "[paper, qualitative]", "The maximum of ||E grad_{W_0}|| over sampled W in the delta-ball (random and adversarial) decreases with h") {
  if (ctx.certify)
    out.not_proved("the maximum over the delta-ball is estimated from 3 seeded draws and one adversarial W (a sample, not "
                   "an enclosure of the maximum), in MPFR at n = 128, 512 where HAD is irrational");
  const double nu = 0.75;
  double previous = 1e300;
  for (int n : kGrid) {
    double worst = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) worst = std::max(worst, rhad(n, 2, "0.01", nu, ctx.seed * 100 + seed).norm0);
    // Adversarial: every row pushed towards +A*_j for the first j of largest |A*_i'A*_j|.
    // On HAD every nonzero off-diagonal overlap is +-1/sqrt(n); the first maximiser is
    // the Hadamard column n (overlap +1/sqrt(n)) for identity rows and e_0 (overlap
    // H_{0,j}/sqrt(n) = +1/sqrt(n)) for Hadamard rows, so no O(h^2 n) Gram matrix is needed.
    auto I = build_instance<mp_real>(had_spec(n, 2, delta_for(n, nu), "0.01", ctx.seed));
    const mp_real delta = ScalarOps<mp_real>::parse(delta_for(n, nu));
    for (int i = 0; i < I.P.h(); ++i) {
      const int best = i < n ? n : 0;
      out.require("first maximiser has overlap +1/sqrt(n), row " + std::to_string(i) + " n=" + std::to_string(n),
                  i % 97 != 0 || abs(I.P.A.col(i).dot(I.P.A.col(best)) - mp_real(1) / sqrt(mp_real(n))) < ael::checks::route_tolerance<mp_real>());
      I.P.W.row(i) = (I.P.A.col(i) + delta * I.P.A.col(best)).transpose();
    }
    // The pushed rows are at distance exactly δ: the instance's D1 window still applies.
    out.require("adversarial W certified, n=" + std::to_string(n), I.recovery_certified);
    worst = std::max(worst, ael::to_double(mp_real(sqrt(expected_gradient(I.P, 0).norm_sq))));
    out.require("max over the ball decreases at h=" + std::to_string(2 * n), worst < previous);
    previous = worst;
    out.count_instance();
  }
}
