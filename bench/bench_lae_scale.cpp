// bench_lae_scale: the 784-dimensional spectrum path of issue #15, side by side
// with the previous multiprecision route, in one run (docs/benchmarks.md).
//
//   1. Fashion-MNIST (60 000 × 784, 8-bit): read, exact centred Σ, refined
//      eigendecomposition at 50 printed digits (70 working), the closed-form
//      ordered spectrum at p = 64, loss and gradient at the critical point;
//   2. n = 200 (the 200 central pixels): refined solver vs Householder + QL on
//      the same Σ, their max relative eigenvalue difference, and QL
//      extrapolated to n = 784 by n³; MPFR moments (previous route) on 2 000
//      rows extrapolated to 60 000 × 784 by m·n²;
//   3. a 64×784 by 784×784 MPFR product: Eigen, the MPFR loop, the fixed-point
//      product, with their max relative difference.
//
// Only ratios are meant to be compared; nothing is asserted. Progress on stderr.
//   bench_lae_scale [--quick]     --quick: n = 100 and no n = 784 part

#include "core/eigen_refine.hpp"
#include "core/exact_moments.hpp"
#include "core/fixed_point.hpp"
#include "core/io.hpp"
#include "core/linalg.hpp"
#include "core/scalar.hpp"
#include "lae/eigen_solver.hpp"
#include "lae/model.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>

namespace {
using ael::Mat;
using ael::mp_real;
using ael::Vec;
using Clock = std::chrono::steady_clock;
const char* kFashion = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";

double timed(const std::function<void()>& f) {
  const auto t0 = Clock::now();
  f();
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

Mat<mp_real> centred_sigma(const Mat<double>& X) {
  Mat<mp_real> S;
  mp_real tr;
  ael::ExactGramOptions o;
  o.center = true;
  if (!ael::exact_gram(X, o, S, tr)) std::fprintf(stderr, "exact route refused the data\n");
  return S;
}

double max_rel(const Vec<mp_real>& a, const Vec<mp_real>& b) {
  return ael::to_double(mp_real((a - b).cwiseAbs().maxCoeff() / b.cwiseAbs().maxCoeff()));
}
}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  ael::set_working_digits(50);
  if (!std::filesystem::exists(kFashion)) {
    std::printf("Fashion-MNIST not installed (Debian package dataset-fashion-mnist): nothing to measure\n");
    return 0;
  }
  std::printf("aelandscape bench_lae_scale: 50 printed digits (70 working), times in seconds\n");
  Mat<double> X;
  const double t_read = timed([&] { X = ael::read_matrix<double>(kFashion); });
  std::fprintf(stderr, "read %.2f s\n", t_read);

  // 2. side by side at small n.
  const int ns = quick ? 100 : 200;
  const Mat<double> Xs = X.middleCols((784 - ns) / 2, ns);
  const Mat<mp_real> Ss = centred_sigma(Xs);
  Vec<mp_real> v_ref, v_ql;
  Mat<mp_real> U_ref, U_ql;
  ael::RefinementReport rep;
  const double t_ref_s = timed([&] { ael::refined_symmetric_eigen(Ss, v_ref, U_ref, rep); });
  std::fprintf(stderr, "n=%d refined %.2f s (%s)\n", ns, t_ref_s, rep.summary().c_str());
  const double t_ql_s = timed([&] { ael::symmetric_eigen<mp_real>(Ss, v_ql, U_ql); });
  std::fprintf(stderr, "n=%d QL %.2f s\n", ns, t_ql_s);
  const int mm = 2000;
  const Mat<mp_real> Xm = Xs.topRows(mm).cast<mp_real>();
  const double t_mom = timed([&] { Mat<mp_real> G = Xm.transpose() * Xm; });
  const double t_mom_784 = t_mom * (60000.0 / mm) * (784.0 / ns) * (784.0 / ns);
  std::printf("\n2. side by side at n = %d (central pixels, exact centred Sigma)\n", ns);
  std::printf("   Householder + QL (previous)    %8.2f\n", t_ql_s);
  std::printf("   dsyevd + refinement (new)      %8.2f   %s\n", t_ref_s, rep.summary().c_str());
  std::printf("   ratio QL / refined             %8.1fx  max |lambda diff| / lambda_max = %.2e\n", t_ql_s / t_ref_s,
              max_rel(v_ref, v_ql));
  std::printf("   QL extrapolated to n = 784     %8.1f   (x (784/%d)^3)\n", t_ql_s * std::pow(784.0 / ns, 3), ns);
  std::printf("   MPFR moments, %d x %d          %8.2f   -> 60000 x 784 extrapolated %.0f s (x m n^2)\n", mm, ns, t_mom,
              t_mom_784);

  // 3. one product of the spectrum command at n = 784, p = 64.
  {
    const int n = quick ? 200 : 784, p = 64;
    Mat<mp_real> B(p, n), S(n, n);
    for (Eigen::Index t = 0; t < B.size(); ++t) B.data()[t] = mp_real(static_cast<double>(t % 97) - 48) / 7;
    for (Eigen::Index t = 0; t < S.size(); ++t) S.data()[t] = mp_real(static_cast<double>(t % 89) - 44) / 3;
    Mat<mp_real> P1, P2, P3;
    const double te = timed([&] { P1 = B * S; });
    const double tl = timed([&] { P2 = ael::product(B, S); });
    const double tf = timed([&] { P3 = ael::fixed_point_product(B, S); });
    const double d = ael::to_double(mp_real((P3 - P1).cwiseAbs().maxCoeff() / P1.cwiseAbs().maxCoeff()));
    std::printf("\n3. MPFR product %d x %d by %d x %d\n", p, n, n, n);
    std::printf("   Eigen %.2f   MPFR loop %.2f   fixed point %.3f   Eigen/fixed %.0fx  loop/fixed %.0fx  rel.diff %.2e\n", te,
                tl, tf, te / tf, tl / tf, d);
  }
  if (quick) return 0;

  // 1. the whole 784-dimensional path.
  Mat<mp_real> S;
  const double t_sigma = timed([&] { S = centred_sigma(X); });
  std::fprintf(stderr, "exact Sigma %.2f s\n", t_sigma);
  ael::lae::Moments<mp_real> m;
  m.Sxx = S;
  m.Syx = S;
  m.trSyy = S.trace();
  ael::lae::EigenData<mp_real> e;
  ael::lae::DataEigenSolver info;
  const double t_eig = timed([&] { e = ael::lae::eigen_data(m, -1, &info); });
  std::fprintf(stderr, "eigen_data %.2f s (%s)\n", t_eig, info.solver.c_str());
  const int p = 64;
  ael::lae::Index I(p);
  for (int k = 0; k < p; ++k) I[k] = k;
  Vec<mp_real> spectrum;
  const double t_cf = timed([&] {
    spectrum = ael::lae::closed_form_spectrum<mp_real>(e.lambda, I, Vec<mp_real>::Ones(p), ael::lae::LossKind::ordered);
  });
  const auto w = ael::lae::loss_weights<mp_real>(ael::lae::LossKind::ordered, p);
  mp_real gnorm;
  const double t_lg = timed([&] {
    const auto x = ael::lae::critical_point(e, I, Mat<mp_real>(Mat<mp_real>::Identity(p, p)));
    ael::lae::loss(m, x.A, x.B, w);
    gnorm = ael::lae::gradient(m, x.A, x.B, w).norm();
  });
  std::printf("\n1. Fashion-MNIST 60000 x 784, centred, p = 64, ordered loss\n");
  std::printf("   read IDX (gzip)                %8.2f\n", t_read);
  std::printf("   exact centred Sigma            %8.2f\n", t_sigma);
  std::printf("   eigen_data (refined)           %8.2f   %s\n", t_eig, info.solver.c_str());
  std::printf("   closed-form spectrum (100352)  %8.2f\n", t_cf);
  std::printf("   critical point, loss, gradient %8.2f   gradient norm %s\n", t_lg, ael::to_decimal(gnorm, 3).c_str());
  std::printf("   total                          %8.2f   (previous route, extrapolated: moments %.0f + QL %.0f)\n",
              t_read + t_sigma + t_eig + t_cf + t_lg, t_mom_784, t_ql_s * std::pow(784.0 / ns, 3));
  return 0;
}
