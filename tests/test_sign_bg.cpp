// BG data (docs/sign.md §5.3): the per-mask gradient against finite differences of
// the independent per-mask risk route (mask_moments + risk), the mask average
// against exact enumeration, p = 1 against the Gaussian population gradient,
// and the mask-averaged SGD trainer's determinism.
#include <doctest/doctest.h>

#include "core/random_matrix.hpp"
#include "core/rng.hpp"
#include "sign/bg_train.hpp"
#include "sign/encoder.hpp"
#include "sign/gradient.hpp"

#include <cmath>

using ael::Mat;
using ael::mp_real;
using namespace ael::sign;
using std::abs;

namespace {
// Central difference step and tolerance: truncation ~ h², rounding ~ ε/h.
template <class T> T fd_step() { using std::cbrt; return cbrt(ael::working_epsilon<T>()); }
template <class T> T fd_tol() { using std::cbrt, std::pow; return T(1e4) * pow(cbrt(ael::working_epsilon<T>()), 2); }

template <class T> T mask_risk(const Mat<T>& A, const Mat<T>& B, const std::vector<bool>& m, const T& p, Sign0 s) {
  return risk<T>(A, mask_moments<T>(B, m, p, s));
}
}  // namespace

TEST_SUITE("sign") {

TEST_CASE_TEMPLATE("per-mask gradient = finite differences of the mask_moments risk; radial part zero (every sign0)", T, double, mp_real) {
  ael::Rng rng(31);
  const int n = 4, d = 6;
  Mat<T> B = ael::gaussian_matrix(rng, n, d).cast<T>();  // unnormalized rows
  B(3, 0) = B(3, 1) = B(3, 2) = 0;       // row 3 lives on coordinates 3..5
  const Mat<T> A = ael::gaussian_matrix(rng, d, n, 0.5).cast<T>();
  const std::vector<bool> mask = {true, false, true, false, false, true}, dead = {true, true, true, false, false, false};
  const T p = T(3) / T(10), h = fd_step<T>();
  for (Sign0 s : {Sign0::zero, Sign0::plus, Sign0::random})
    for (const auto& m : {mask, dead}) {
      const MaskGradient<T> g = mask_gradient<T>(A, B, m, p, s);
      CHECK(ael::to_double(abs(g.risk - mask_risk<T>(A, B, m, p, s))) <= 1e3 * ael::to_double(ael::working_epsilon<T>()));
      for (int i = 0; i < n; ++i) {
        CHECK(ael::to_double(abs(g.dB.row(i).dot(B.row(i)))) <= 1e3 * ael::to_double(ael::working_epsilon<T>()));
        bool silent = true;  // ν_i = 0: R_m jumps when an active entry leaves 0, so only inactive entries are differentiable
        for (int k = 0; k < d; ++k) silent = silent && !(m[k] && B(i, k) != T(0));
        for (int k = 0; k < d; ++k) {
          if (silent && m[k]) continue;
          Mat<T> up = B, down = B;
          up(i, k) += h, down(i, k) -= h;
          const T fd = (mask_risk<T>(A, up, m, p, s) - mask_risk<T>(A, down, m, p, s)) / (2 * h);
          CHECK(ael::to_double(abs(fd - g.dB(i, k))) <= ael::to_double(fd_tol<T>()));
        }
      }
      for (int k = 0; k < d; ++k)
        for (int i = 0; i < n; ++i) {
          Mat<T> up = A, down = A;
          up(k, i) += h, down(k, i) -= h;
          const T fd = (mask_risk<T>(up, B, m, p, s) - mask_risk<T>(down, B, m, p, s)) / (2 * h);
          CHECK(ael::to_double(abs(fd - g.dA(k, i))) <= ael::to_double(fd_tol<T>()));
        }
      if (&m == &dead) CHECK(g.dB.row(3).norm() == T(0));  // ν_3 = 0 on this mask
    }
}

TEST_CASE("mask average over all 2^d masks = finite differences of the enumerated risk (d = 5)") {
  using T = mp_real;
  ael::Rng rng(32);
  const int n = 3, d = 5;
  const Mat<T> B = normalize_rows<T>(ael::gaussian_matrix(rng, n, d).cast<T>()), A = ael::gaussian_matrix(rng, d, n, 0.5).cast<T>();
  const T p = T(2) / T(5), h = fd_step<T>();
  Mat<T> avg = Mat<T>::Zero(n, d);
  std::vector<bool> m(d);
  for (unsigned bits = 0; bits < (1u << d); ++bits) {
    int ones = 0;
    for (int k = 0; k < d; ++k) ones += (m[k] = (bits >> k) & 1u);
    using std::pow;
    avg += T(pow(p, ones) * pow(T(1 - p), d - ones)) * mask_gradient<T>(A, B, m, p, Sign0::plus).dB;
  }
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < d; ++k) {
      Mat<T> up = B, down = B;
      up(i, k) += h, down(i, k) -= h;
      const T fd = (risk<T>(A, enumerated_bg_moments<T>(up, p, Sign0::plus)) - risk<T>(A, enumerated_bg_moments<T>(down, p, Sign0::plus))) / (2 * h);
      CHECK(ael::to_double(abs(fd - avg(i, k))) <= ael::to_double(fd_tol<T>()));
    }
}

TEST_CASE_TEMPLATE("p = 1: the per-mask gradient is the Gaussian population gradient of docs/sign.md §5.2", T, double, mp_real) {
  ael::Rng rng(33);
  const Mat<T> B = normalize_rows<T>(ael::gaussian_matrix(rng, 4, 7).cast<T>()), A = ael::gaussian_matrix(rng, 7, 4, 0.5).cast<T>();
  const MaskGradient<T> g = mask_gradient<T>(A, B, std::vector<bool>(7, true), T(1), Sign0::plus);
  const PopulationGradient<T> ref = gaussian_population_gradient<T>(A, B);
  const double tol = 1e4 * ael::to_double(ael::working_epsilon<T>());
  CHECK(ael::to_double(abs(g.risk - ref.risk)) <= tol);
  CHECK(ael::to_double((g.dA - ref.dA).norm()) <= tol);
  CHECK(ael::to_double((g.dB - ref.dB_tangent).norm()) <= tol);  // Euclidean part differs only radially
}

TEST_CASE("train_bg: same bytes for 1 and 3 threads; another seed gives another B; loss decreases (exact enumeration)") {
  BgTrainOptions o;
  o.d = 10, o.n = 5, o.p = 0.5, o.steps = 150, o.masks = 20, o.seed = 7;
  const BgTrainResult one = train_bg(o);
  o.threads = 3;
  const BgTrainResult three = train_bg(o);
  CHECK((one.B - three.B).norm() == 0.0);
  CHECK((one.A - three.A).norm() == 0.0);
  o.seed = 8;
  CHECK((train_bg(o).B - one.B).norm() > 0.1);
  Mat<double> A0, B0;
  TrainOptions init;
  init.d = 10, init.n = 5, init.seed = 7;
  initial_point(init, A0, B0);
  const double before = risk<double>(A0, enumerated_bg_moments<double>(B0, 0.5, Sign0::plus));
  const double after = risk<double>(one.A, enumerated_bg_moments<double>(one.B, 0.5, Sign0::plus));
  CHECK(after < before);
  CHECK_THROWS_AS(train_bg([] { BgTrainOptions b; b.p = 0; return b; }()), std::invalid_argument);
}

}  // TEST_SUITE
