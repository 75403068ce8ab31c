// SA-23: the per-mask gradient of docs/sign.md §5.3 against an independent route —
// central differences of the per-mask risk built from the §2.3 moments
// (mask_moments + risk), and of the exact 2^d mask-enumerated risk.
#include "sign/bg_train.hpp"
#include "sign/certified_encoder.hpp"
#include "sign/encoder.hpp"
#include "sign_certified.hpp"
#include "sign_instances.hpp"

#include <algorithm>
#include <optional>

using namespace ael;
using namespace ael::sign;
using namespace ael::checks;
using namespace ael::checks::sign_checks;

namespace {
// Central differences: truncation ~ h² f'''/6, rounding ~ ε/h; h = ε^(1/3), tolerance 10^4 h².
T fd_step() { using std::cbrt; return cbrt(working_epsilon<T>()); }
T fd_tolerance() { const T h = fd_step(); return T(1e4) * h * h; }

T mask_risk(const Mat<T>& A, const Mat<T>& B, const std::vector<bool>& m, const T& p, Sign0 s) {
  return risk<T>(A, mask_moments<T>(B, m, p, s));
}
// Rows with ν_i > 0 under the mask: some active entry is nonzero (B is exact).
std::vector<long> live_rows(const Mat<double>& B, const std::vector<bool>& mask) {
  std::vector<long> live;
  for (long i = 0; i < B.rows(); ++i)
    for (long k = 0; k < B.cols(); ++k)
      if (mask[static_cast<size_t>(k)] && B(i, k) != 0) {
        live.push_back(i);
        break;
      }
  return live;
}

// d/dt R_m(A, B + tV) at t = 0, exactly, by the ball jets of risk_derivative_B_ball (docs/sign.md,
// "verify --certify: SA claims", SA-23). Only the live rows' active entries move R_m: with L the live
// rows, R_m = const − (2/(d√p)) tr(A_L M̄_L) + (1/d) tr(A_L K_L A_Lᵀ) (M̄, K the arcsin moments of the
// masked rows). The jet of 1 − (2/d) tr(αA_L M̄) + (1/d) tr(αA_L K αA_Lᵀ) is f(α) = −2αa + α²b, so
// f(1), f(2) give a and b, and the derivative is −2a/√p + b. Non-finite when a correlation meets ±1.
ael::Ball mask_risk_jet(const Mat<double>& A, const Mat<double>& B, const Mat<double>& V, const std::vector<bool>& mask,
                        const arb_t root_p, long prec) {
  const std::vector<long> live = live_rows(B, mask);
  ael::Ball out;
  // One active coordinate k: M̄_ik = sign(B_ik), K_ij = sign(B_ik B_jk) on the live rows, locally constant
  // (V moves only nonzero entries of live rows), so the derivative is exactly 0; arcsin has no jet at ρ = ±1.
  if (live.empty() || std::count(mask.begin(), mask.end(), true) == 1) return out;
  const long L = static_cast<long>(live.size()), d = B.cols();
  Mat<double> BL = Mat<double>::Zero(L, d), VL = Mat<double>::Zero(L, d), AL(A.rows(), L);
  for (long r = 0; r < L; ++r) {
    for (long k = 0; k < d; ++k)
      if (mask[static_cast<size_t>(k)]) BL(r, k) = B(live[r], k), VL(r, k) = V(live[r], k);
    AL.col(r) = A.col(live[r]);
  }
  const BallMatrix Bb = exact_balls(BL), Vb = exact_balls(VL);
  const ael::Ball f1 = risk_derivative_B_ball(exact_balls(AL), Bb, Vb, prec);
  const ael::Ball f2 = risk_derivative_B_ball(exact_balls(Mat<double>(2 * AL)), Bb, Vb, prec);
  ael::Ball a, b;
  arb_mul_2exp_si(b.get(), f1.get(), 1);
  arb_sub(b.get(), f2.get(), b.get(), prec);
  arb_mul_2exp_si(b.get(), b.get(), -1);  // b = (f2 − 2 f1)/2
  arb_sub(a.get(), b.get(), f1.get(), prec);
  arb_mul_2exp_si(a.get(), a.get(), -1);  // a = (b − f1)/2
  arb_mul_2exp_si(a.get(), a.get(), 1);
  arb_div(a.get(), a.get(), root_p, prec);
  arb_sub(out.get(), b.get(), a.get(), prec);
  return out;
}

// max over entries of |x_e − y_e| as a ball; x_e balls, y_e MPFR values (exact dyadics).
void worst_gap(ael::Ball& worst, const ael::Ball& x, const T& y, long prec) {
  ael::Ball t(y);
  arb_sub(t.get(), x.get(), t.get(), prec);
  arb_abs(t.get(), t.get());
  arb_max(worst.get(), worst.get(), t.get(), prec);
}

// The ball route of SA-23 on one instance: every statement decided on the exact A, B, k/5.
void sa23_ball_route(Outcome& out, const Context& ctx, const Mat<double>& A, const Mat<double>& B, const std::vector<bool>& mask,
                     int p_fifths, Sign0 s, const MaskGradient<T>& g, const Mat<T>& avg, const std::string& tag) {
  const long prec = ball_prec(ctx), n = B.rows(), d = B.cols();
  ael::Ball p, root;
  ball_ratio(p.get(), p_fifths, 5, prec);
  arb_sqrt(root.get(), p.get(), prec);
  const BallMoments m = mask_moments_ball(exact_balls(B), mask, p.get(), s, prec);
  const BallMatrix Ab = exact_balls(A);
  ael::Ball t = risk_ball(Ab, m, prec), u(g.risk);
  arb_sub(t.get(), t.get(), u.get(), prec);
  proved_agree(out, "R_m kernel and the ball R_m (mask moments, sign0 table), " + tag, t.get(), ctx.digits, prec);
  // dR_m/dA: R_m is quadratic in A, so (R_m(A+E) − R_m(A−E))/2 is the exact derivative along E.
  ael::Ball worst_a, worst_b, radial;
  for (long k = 0; k < d; ++k)
    for (long i = 0; i < n; ++i) {
      BallMatrix up = Ab, down = Ab;  // A ± E in balls (exact: a double plus 1 would round)
      arb_add_ui(up.at(k, i), up.at(k, i), 1, ARF_PREC_EXACT);
      arb_sub_ui(down.at(k, i), down.at(k, i), 1, ARF_PREC_EXACT);
      t = risk_ball(up, m, prec);
      u = risk_ball(down, m, prec);
      arb_sub(t.get(), t.get(), u.get(), prec);
      arb_mul_2exp_si(t.get(), t.get(), -1);
      worst_gap(worst_a, t, g.dA(k, i), prec);
    }
  proved_agree(out, "dR_m/dA (5.3) and (R_m(A+E) - R_m(A-E))/2 over all entries, max gap, " + tag, worst_a.get(), ctx.digits, prec);
  bool finite = true;
  for (long i = 0; i < n; ++i) {
    Mat<double> V = Mat<double>::Zero(n, d);
    V.row(i) = B.row(i);
    t = mask_risk_jet(A, B, V, mask, root.get(), prec);
    arb_abs(t.get(), t.get());
    arb_add(radial.get(), radial.get(), t.get(), prec);
    bool silent = true;
    for (long k = 0; k < d; ++k) silent = silent && !(mask[static_cast<size_t>(k)] && B(i, k) != 0);
    for (long k = 0; k < d; ++k) {
      if (silent && mask[static_cast<size_t>(k)]) continue;  // a jump, not a derivative
      V.setZero();
      V(i, k) = 1;
      t = mask_risk_jet(A, B, V, mask, root.get(), prec);
      finite = finite && t.finite();
      worst_gap(worst_b, t, g.dB(i, k), prec);
    }
  }
  if (!finite) out.not_proved("a correlation ball meets +-1 (no jet), " + tag);
  proved_agree(out, "dR_m/dB (5.3) and the jet derivatives of R_m over the differentiable entries, max gap, " + tag, worst_b.get(),
               ctx.digits, prec);
  proved_agree(out, "radial derivative sum_i |d/dt R_m(b_i + t b_i)| and 0, " + tag, radial.get(), ctx.digits, prec);
  // Enumerated risk: linear in the moments with weights summing to 1, so its derivative is Σ_m w_m d/dt R_m.
  ael::Ball q, w, worst_avg;
  arb_sub_ui(q.get(), p.get(), 1, prec);
  arb_neg(q.get(), q.get());
  std::vector<bool> each(static_cast<size_t>(d));
  for (long i = 0; i < n; ++i)
    for (long k = 0; k < d; ++k) {
      if (B(i, k) == 0) continue;  // leaving 0 switches ν > 0 on some masks
      Mat<double> V = Mat<double>::Zero(n, d);
      V(i, k) = 1;
      ael::Ball sum;
      for (unsigned bits = 0; bits < (1u << d); ++bits) {
        unsigned long ones = 0;
        for (long c = 0; c < d; ++c) ones += (each[static_cast<size_t>(c)] = (bits >> c) & 1u);
        arb_pow_ui(w.get(), p.get(), ones, prec);
        arb_pow_ui(u.get(), q.get(), static_cast<unsigned long>(d) - ones, prec);
        arb_mul(w.get(), w.get(), u.get(), prec);
        t = mask_risk_jet(A, B, V, each, root.get(), prec);
        arb_addmul(sum.get(), w.get(), t.get(), prec);
      }
      finite = finite && sum.finite();
      worst_gap(worst_avg, sum, avg(i, k), prec);
    }
  proved_agree(out, "2^d mask average of (5.3) and the derivative of the enumerated risk (jets), max gap, " + tag,
               worst_avg.get(), ctx.digits, prec);
}
}  // namespace

AEL_CLAIM("SA-23", "[derived]", "Per-mask gradient (5.3) = finite differences of R_m; radial part zero; 2^d mask average = gradient of the enumerated risk") {
  const Sign0 conventions[] = {Sign0::zero, Sign0::plus, Sign0::random};
  const T h = fd_step(), tol = fd_tolerance(), eps_tol = route_tolerance<T>();
  // --certify: every statement decided in balls on the exact instance (sa23_ball_route); the central
  // differences below are cross-checks.
  std::optional<CrossCheck> cross;
  if (ctx.certify) cross.emplace(out);
  for (int inst = 0; inst < ctx.instances; ++inst) {
    Rng rng(ctx.seed * 1000 + 23 + inst);
    const int d = 4 + inst % 3, n = 2 + inst % 3;
    Mat<double> Bd = gaussian_matrix(rng, n, d);  // unnormalized: the formula must accept it
    Bd(n - 1, 0) = Bd(n - 1, 1) = 0;              // a sparse row: ν = 0 on some masks
    const Mat<double> Ad = gaussian_matrix(rng, d, n, 0.5);
    const Mat<T> B = cast<T>(Bd), A = cast<T>(Ad);
    const T p = T(1 + inst % 4) / T(5);
    const Sign0 s = conventions[inst % 3];
    std::vector<bool> mask(d);
    for (int k = 0; k < d; ++k) mask[k] = rng.uniform() < 0.5;
    mask[0] = true, mask[1] = false;
    if (inst % 2) {  // only coordinates 0, 1 active: the sparse row has ν = 0 (sign0 table)
      for (int k = 1; k < d; ++k) mask[k] = k == 1;
    }
    const std::string tag = std::string(sign0_name(s)) + " n=" + std::to_string(n) + " d=" + std::to_string(d);
    const MaskGradient<T> g = mask_gradient<T>(A, B, mask, p, s);
    const std::vector<bool> mask_used = mask;
    out.close("R_m kernel vs mask_moments route, " + tag, T(g.risk - mask_risk(A, B, mask, p, s)), eps_tol);
    T worst_b = 0, worst_a = 0, worst_radial = 0;
    using std::abs, std::max;
    for (int i = 0; i < n; ++i) {
      worst_radial = max(worst_radial, T(abs(g.dB.row(i).dot(B.row(i)))));
      bool silent = true;  // ν_i = 0: R_m jumps when an active entry leaves 0; only inactive entries are differentiable
      for (int k = 0; k < d; ++k) silent = silent && !(mask[k] && B(i, k) != T(0));
      for (int k = 0; k < d; ++k) {
        if (silent && mask[k]) continue;
        Mat<T> up = B, down = B;
        up(i, k) += h, down(i, k) -= h;
        worst_b = max(worst_b, T(abs((mask_risk(A, up, mask, p, s) - mask_risk(A, down, mask, p, s)) / (2 * h) - g.dB(i, k))));
      }
    }
    for (int k = 0; k < d; ++k)
      for (int i = 0; i < n; ++i) {
        Mat<T> up = A, down = A;
        up(k, i) += h, down(k, i) -= h;
        worst_a = max(worst_a, T(abs((mask_risk(up, B, mask, p, s) - mask_risk(down, B, mask, p, s)) / (2 * h) - g.dA(k, i))));
      }
    out.close("dR_m/dB vs central differences, " + tag, worst_b, tol);
    out.close("dR_m/dA vs central differences, " + tag, worst_a, tol);
    out.close("radial component b_i . dR_m/db_i = 0, " + tag, worst_radial, eps_tol);
    // Mask average: Σ_m w_m ∇_B R_m over all 2^d masks vs differences of the enumerated risk.
    Mat<T> avg = Mat<T>::Zero(n, d);
    for (unsigned bits = 0; bits < (1u << d); ++bits) {
      int ones = 0;
      for (int k = 0; k < d; ++k) ones += (mask[k] = (bits >> k) & 1u);
      using std::pow;
      avg += T(pow(p, ones) * pow(T(1 - p), d - ones)) * mask_gradient<T>(A, B, mask, p, s).dB;
    }
    T worst_avg = 0;
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < d; ++k) {
        if (B(i, k) == T(0)) continue;  // leaving 0 switches ν > 0 on some masks: a jump, not a derivative
        Mat<T> up = B, down = B;
        up(i, k) += h, down(i, k) -= h;
        const T fd = (risk<T>(A, enumerated_bg_moments<T>(up, p, s)) - risk<T>(A, enumerated_bg_moments<T>(down, p, s))) / (2 * h);
        worst_avg = max(worst_avg, T(abs(fd - avg(i, k))));
      }
    out.close("2^d mask average vs differences of the enumerated risk, " + tag, worst_avg, tol);
    if (ctx.certify) sa23_ball_route(out, ctx, Ad, Bd, mask_used, 1 + inst % 4, s, g, avg, tag);
    out.count_instance();
  }
}
