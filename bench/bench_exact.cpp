// bench_exact: the exact (rational) route of the LAE at P(I,C) on seeded Cayley
// instances, side by side with the MPFR route on the same instance:
//   exact   — assembled rational Hessian, exact LDL', eigen-coordinate block check;
//   mpfr    — the same Hessian assembled in MPFR at 30 digits and diagonalised.
// Sizes 2np = 96 (n = 12, p = 4) and 200 (n = 25, p = 4); --quick runs 2np = 24.
// Only ratios are meant to be compared across machines; nothing is asserted.
#include "core/linalg.hpp"
#include "lae/exact.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  std::vector<std::pair<int, int>> shapes = quick ? std::vector<std::pair<int, int>>{{6, 2}}
                                                  : std::vector<std::pair<int, int>>{{12, 4}, {25, 4}};
  namespace lae = ael::lae;
  std::printf("%-6s %-4s %-3s %-8s | %9s %9s %9s %9s | %9s %9s | %7s %s\n", "loss", "n", "p", "2np", "hessian", "ldl",
              "blocks", "exact", "mpfr", "ratio", "maxbits", "verdict");
  for (const auto& [n, p] : shapes) {
    auto t = Clock::now();
    const auto inst = lae::cayley_instance(n, 1);
    const double t_instance = since(t);
    lae::Index I(p);
    for (int k = 0; k < p; ++k) I[k] = (k + 1) % p;  // a rotated tuple: a saddle of both kinds of blocks
    ael::ExactVec c(p);
    for (int k = 0; k < p; ++k) c(k) = ael::rational(k % 2 ? -3 : 2, 2 + k);
    for (const auto kind : {lae::LossKind::ordered, lae::LossKind::mse}) {
      std::fprintf(stderr, "exact route n = %d p = %d (%s) ...\n", n, p, lae::loss_name(kind));
      t = Clock::now();
      const auto r = lae::exact_critical_point(inst, I, c, kind);
      const double t_exact = since(t);
      ael::set_working_digits(30);
      t = Clock::now();
      const auto w = lae::loss_weights<ael::mp_real>(kind, p);
      ael::Mat<ael::mp_real> A(n, p), B(p, n), S(n, n);
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) S(i, j) = ael::to_mp(inst.Sigma(i, j));
      for (int i = 0; i < n; ++i)
        for (int k = 0; k < p; ++k) A(i, k) = ael::to_mp(r.x.A(i, k)), B(k, i) = ael::to_mp(r.x.B(k, i));
      const lae::Moments<ael::mp_real> m{S, S, S.trace(), true};
      const auto mu = ael::symmetric_eigenvalues<ael::mp_real>(lae::hessian_elementwise(m, A, B, w));
      const double t_mpfr = since(t);
      std::printf("%-6s %-4d %-3d %-8d | %9.3f %9.3f %9.3f %9.3f | %9.3f %9.1f | %7ld %s (instance %.3f s)\n",
                  lae::loss_name(kind), n, p, 2 * n * p, r.seconds_hessian, r.seconds_ldl, r.seconds_blocks, t_exact,
                  t_mpfr, t_exact / t_mpfr, r.max_bits_D, r.proved() ? "proved-exact" : "FAIL", t_instance);
      (void)mu;
    }
  }
  return 0;
}
