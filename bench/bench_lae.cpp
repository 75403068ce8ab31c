// bench_lae: side-by-side timings of the LAE spectral machinery at 50 digits.
//
//   1. closed-form Hessian spectrum vs the assembled-and-diagonalised Hessian
//      (same precision, same critical point), with their max relative discrepancy;
//   2. the closed-form full spectrum at n = 784, p = 64 given λ, and the O(n³)
//      eigen-decomposition of the data covariance that produces λ;
//   3. Eigen's tridiagonal QL eigensolver vs the cyclic Jacobi reference.
//
// Only ratios are meant to be compared across machines; nothing is asserted.
// Progress goes to stderr, the result table to stdout.
//
//   bench_lae            full sizes (about 20 s on 2 vCPUs; the n = 784 data
//                        eigen-decomposition runs only if predicted < 2 min,
//                        else it is extrapolated by n³ from n = 200)
//   bench_lae --quick    small sizes (smoke run, seconds)
//   bench_lae --part1    part 1 only (closed form vs assembled Hessian), full sizes

#include "core/linalg.hpp"
#include "core/rng.hpp"
#include "core/scalar.hpp"
#include "lae/critical.hpp"
#include "lae/model.hpp"
#include "lae/synthetic.hpp"

#include <sched.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

using ael::Mat;
using ael::mp_real;
using ael::Vec;
using namespace ael::lae;
using Clock = std::chrono::steady_clock;

constexpr int kDigits = 50;
constexpr double kMinSeconds = 0.2;  // minimum wall time per measurement
constexpr std::uint64_t kSeed = 20261125;
constexpr int kPart1Rounds = 3;  // alternating rounds of the two part-1 routes

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct Timing {
  double per_call = 0;  // seconds (wall)
  long reps = 0;
  double total = 0;
  double cpu_per_call = 0;  // seconds of process CPU time
};

double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

// Repeats f until one batch takes at least kMinSeconds; reports the mean of
// that batch. A first call shorter than kMinSeconds is a discarded warm-up.
Timing measure(const std::function<void()>& f) {
  long reps = 1;
  for (;;) {
    const auto t0 = Clock::now();
    const double c0 = process_cpu_seconds();
    for (long r = 0; r < reps; ++r) f();
    const double total = seconds_since(t0);
    if (total >= kMinSeconds) return {total / reps, reps, total, (process_cpu_seconds() - c0) / reps};
    const double grow = total > 0 ? 1.25 * kMinSeconds / total : 10.0;
    reps = std::max(reps * 2, static_cast<long>(std::ceil(reps * grow)));
  }
}

// The better (smaller) of two measurements, wall and CPU time separately.
Timing best_of(const Timing& a, const Timing& b) {
  Timing t = a.per_call <= b.per_call ? a : b;
  t.cpu_per_call = std::min(a.cpu_per_call, b.cpu_per_call);
  return t;
}

std::string fmt_time(double s) {
  char buf[32];
  if (s < 1e-6)
    std::snprintf(buf, sizeof buf, "%.1f ns", s * 1e9);
  else if (s < 1e-3)
    std::snprintf(buf, sizeof buf, "%.2f us", s * 1e6);
  else if (s < 1)
    std::snprintf(buf, sizeof buf, "%.2f ms", s * 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

std::string fmt_sci(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2e", x);
  return buf;
}

std::string fmt_ratio(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, r >= 100 ? "%.0fx" : "%.1fx", r);
  return buf;
}

std::string reps_note(const Timing& t) { return t.reps > 1 ? "(x" + std::to_string(t.reps) + ")" : "(x1)"; }

void progress(const std::string& msg) {
  std::fprintf(stderr, "[bench_lae] %s\n", msg.c_str());
  std::fflush(stderr);
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(" \t", colon + 1));
    }
  return "unknown";
}

int online_cpus() {  // what `nproc` prints: CPUs in this process's affinity mask
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
  return static_cast<int>(std::thread::hardware_concurrency());
}

Index first_units(int p) {
  Index I(p);
  for (int k = 0; k < p; ++k) I[k] = k;
  return I;
}

std::string inertia_text(const Inertia& in) {
  return "(" + std::to_string(in.negative) + "," + std::to_string(in.zero) + "," + std::to_string(in.positive) + ")";
}

const LossKind kKinds[] = {LossKind::ordered, LossKind::mse};

// ---------------------------------------------------------------- part 1
struct Part1Row {
  int n, p;
  LossKind kind;
  Timing closed, numeric, assembly;
  double discrepancy;
  bool inertia_ok;
};

std::vector<Part1Row> part1(int n, int p, int m) {
  progress("part 1: synthetic 'linear' data n=" + std::to_string(n) + " m=" + std::to_string(m) + ", eigen_data, critical point");
  const Mat<mp_real> X = synthetic_samples<mp_real>(n, m, kSeed, "linear");
  const Moments<mp_real> mo = moments_from_rows<mp_real>(X);
  const EigenData<mp_real> e = eigen_data<mp_real>(mo);
  const Index I = first_units(p);
  const Vec<mp_real> c = Vec<mp_real>::Ones(p);
  const Point<mp_real> x = critical_point<mp_real>(e, I, Mat<mp_real>::Identity(p, p));

  std::vector<Part1Row> rows;
  for (LossKind kind : kKinds) {
    Part1Row r{};
    r.n = n;
    r.p = p;
    r.kind = kind;
    Vec<mp_real> closed, numeric;
    // The two routes alternate for kPart1Rounds rounds; the best of each is kept (load on a shared
    // machine then hits both alike).
    for (int round = 0; round < kPart1Rounds; ++round) {
      progress(std::string("part 1 [") + loss_name(kind) + "]: closed_form_spectrum");
      const Timing tc = measure([&] { closed = closed_form_spectrum<mp_real>(e.lambda, I, c, kind); });
      progress(std::string("part 1 [") + loss_name(kind) + "]: numeric_spectrum (assemble + diagonalise)");
      const Timing tn = measure([&] { numeric = numeric_spectrum<mp_real>(mo, e, x, kind); });
      r.closed = round == 0 ? tc : best_of(r.closed, tc);
      r.numeric = round == 0 ? tn : best_of(r.numeric, tn);
    }
    progress(std::string("part 1 [") + loss_name(kind) + "]: Hessian assembly alone");
    const LossWeights<mp_real> w = loss_weights<mp_real>(kind, p);
    Mat<mp_real> H;
    r.assembly = measure([&] { H = hessian_elementwise<mp_real>(mo, x.A, x.B, w); });
    r.discrepancy = ael::to_double(relative_discrepancy<mp_real>(closed, numeric));
    const Inertia expected = inertia_formula(I, n, kind);
    r.inertia_ok = inertia_of<mp_real>(closed, ael::zero_threshold<mp_real>()) == expected &&
                   inertia_of<mp_real>(numeric, ael::zero_threshold<mp_real>()) == expected;
    rows.push_back(r);
  }
  return rows;
}

// ---------------------------------------------------------------- part 2
struct Part2Row {
  LossKind kind;
  Timing closed;
  long count;
  Inertia inertia, expected;
};

std::vector<Part2Row> part2_spectrum(int n, int p) {
  Vec<mp_real> lambda(n);
  for (int s = 0; s < n; ++s) lambda(s) = n - s;  // λ_s = n − s + 1 (1-based s)
  const Index I = first_units(p);
  const Vec<mp_real> c = Vec<mp_real>::Ones(p);
  std::vector<Part2Row> rows;
  for (LossKind kind : kKinds) {
    progress(std::string("part 2 [") + loss_name(kind) + "]: closed_form_spectrum n=" + std::to_string(n) +
             " p=" + std::to_string(p));
    Part2Row r{};
    r.kind = kind;
    Vec<mp_real> mu;
    r.closed = measure([&] { mu = closed_form_spectrum<mp_real>(lambda, I, c, kind); });
    r.count = static_cast<long>(mu.size());
    r.inertia = inertia_of<mp_real>(mu, ael::zero_threshold<mp_real>());
    r.expected = inertia_formula(I, n, kind);
    rows.push_back(r);
  }
  return rows;
}

struct EigenTiming {
  int n;
  double seconds;
  bool measured;  // false: extrapolated
};

double time_eigen_data(int n) {
  progress("part 2: synthetic 'linear' covariance n=" + std::to_string(n) + " (data generation, not timed)");
  const auto tg = Clock::now();
  const Mat<mp_real> X = synthetic_samples<mp_real>(n, n, kSeed, "linear");
  const Moments<mp_real> mo = moments_from_rows<mp_real>(X);
  progress("part 2: data generation took " + fmt_time(seconds_since(tg)) + "; timing eigen_data n=" + std::to_string(n));
  EigenData<mp_real> e;
  const Timing t = measure([&] { e = eigen_data<mp_real>(mo); });
  progress("part 2: eigen_data n=" + std::to_string(n) + " took " + fmt_time(t.per_call));
  return t.per_call;
}

// ---------------------------------------------------------------- part 3
struct Part3Result {
  int n;
  Timing ql, jacobi;
  double max_abs_diff, max_rel_diff, lambda_max;
};

Part3Result part3(int n) {
  progress("part 3: random symmetric Gaussian matrix n=" + std::to_string(n));
  ael::Rng rng(kSeed);
  Mat<mp_real> G(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) G(i, j) = mp_real(rng.gaussian());
  const Mat<mp_real> S = (G + G.transpose()) / 2;
  Part3Result r{};
  r.n = n;
  Vec<mp_real> a, b;
  progress("part 3: symmetric_eigenvalues (Householder + implicit QL)");
  r.ql = measure([&] { a = ael::symmetric_eigenvalues<mp_real>(S); });
  progress("part 3: jacobi_eigenvalues (cyclic Jacobi)");
  r.jacobi = measure([&] { b = ael::jacobi_eigenvalues<mp_real>(S); });
  const mp_real diff = (a - b).cwiseAbs().maxCoeff();
  const mp_real scale = std::max(a.cwiseAbs().maxCoeff(), b.cwiseAbs().maxCoeff());
  r.max_abs_diff = ael::to_double(diff);
  r.lambda_max = ael::to_double(scale);
  r.max_rel_diff = ael::to_double(mp_real(diff / scale));
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false, part1_only = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0)
      quick = true;
    else if (std::strcmp(argv[i], "--part1") == 0)
      part1_only = true;
    else {
      std::fprintf(stderr, "usage: %s [--quick] [--part1]\n", argv[0]);
      return 2;
    }
  }
  ael::set_working_digits(kDigits);

  // Sizes (full / quick).
  // Part 1 configurations with the same 2np (first one is the headline).
  const std::vector<std::pair<int, int>> np1 = quick ? std::vector<std::pair<int, int>>{{6, 2}, {4, 3}}
                                                     : std::vector<std::pair<int, int>>{{12, 4}, {16, 3}};
  const int n2 = quick ? 100 : 784, p2 = quick ? 8 : 64;
  const int ne_small = quick ? 20 : 100, ne_big = quick ? 40 : 200;  // eigen_data sizes measured
  const double eigen_budget = 120;                                    // run at n2 only if predicted below this
  const int n3 = quick ? 20 : 60;

  const auto t_start = Clock::now();
  std::vector<Part1Row> r1;
  for (const auto& [n, p] : np1) {
    const auto rows = part1(n, p, 2 * n);
    r1.insert(r1.end(), rows.begin(), rows.end());
  }
  auto print_part1 = [&] {
  std::printf("aelandscape bench_lae%s\n", quick ? " --quick (smoke sizes)" : "");
  std::printf("machine   : %s, nproc %d\n", cpu_model().c_str(), online_cpus());
  std::printf("precision : mp_real (MPFR), %d printed digits, %d working digits\n", ael::printed_digits(),
              ael::working_digits());
  std::printf("timing    : steady_clock, mean of a batch >= %.1f s (xN = calls in the batch), single thread;\n"
              "            part 1: best of %d alternating rounds\n\n",
              kMinSeconds, kPart1Rounds);

  std::printf("1. closed form vs assembled Hessian (same precision, same critical point)\n");
  std::printf("   linear synthetic data (m = 2n samples), I = (1..p), C = I; numeric = assemble + diagonalise\n");
  std::printf("   %-8s %-3s %-2s %-4s %-20s %-20s %-20s %-9s %-10s %s\n", "loss", "n", "p", "2np", "closed_form_spectrum",
              "numeric_spectrum", "(of which assembly)", "speed-up", "rel.disc.", "inertia");
  for (const auto& r : r1)
    std::printf("   %-8s %-3d %-2d %-4d %-20s %-20s %-20s %-9s %-10s %s\n", loss_name(r.kind), r.n, r.p, 2 * r.n * r.p,
                (fmt_time(r.closed.per_call) + " " + reps_note(r.closed)).c_str(),
                (fmt_time(r.numeric.per_call) + " " + reps_note(r.numeric)).c_str(),
                (fmt_time(r.assembly.per_call) + " " + reps_note(r.assembly)).c_str(),
                fmt_ratio(r.numeric.per_call / r.closed.per_call).c_str(), fmt_sci(r.discrepancy).c_str(),
                r.inertia_ok ? "both = formula" : "MISMATCH");
  std::printf("   process CPU time, best of %d alternating rounds (the speed-up least disturbed by other load):\n",
              kPart1Rounds);
  for (const auto& r : r1)
    std::printf("   %-8s %-3d %-2d closed form %-11s numeric %-11s speed-up %s\n", loss_name(r.kind), r.n, r.p,
                fmt_time(r.closed.cpu_per_call).c_str(), fmt_time(r.numeric.cpu_per_call).c_str(),
                fmt_ratio(r.numeric.cpu_per_call / r.closed.cpu_per_call).c_str());
  };
  if (part1_only) {
    print_part1();
    return 0;
  }
  const auto r2 = part2_spectrum(n2, p2);

  std::vector<EigenTiming> eig;
  const double t_small = time_eigen_data(ne_small);
  const double t_big = time_eigen_data(ne_big);
  eig.push_back({ne_small, t_small, true});
  eig.push_back({ne_big, t_big, true});
  const double exponent = std::log(t_big / t_small) / std::log(double(ne_big) / ne_small);
  const double predicted = t_big * std::pow(double(n2) / ne_big, 3);
  if (predicted < eigen_budget) {
    progress("part 2: predicted " + fmt_time(predicted) + " < 2 min, measuring eigen_data at n=" + std::to_string(n2));
    eig.push_back({n2, time_eigen_data(n2), true});
  } else {
    progress("part 2: predicted " + fmt_time(predicted) + " >= 2 min at n=" + std::to_string(n2) + ", extrapolating by n^3");
    eig.push_back({n2, predicted, false});
  }

  const auto r3 = part3(n3);
  progress("done in " + fmt_time(seconds_since(t_start)));

  // ---------------------------------------------------------------- report
  print_part1();
  std::printf("\n2. closed-form full spectrum given lambda  n=%d p=%d (%d eigenvalues), lambda_s = n-s+1, I=(1..%d), C=I\n",
              n2, p2, 2 * n2 * p2, p2);
  std::printf("   %-8s %-22s %-16s %-12s %s\n", "loss", "closed_form_spectrum", "per eigenvalue", "count",
              "inertia (neg,zero,pos) vs formula");
  for (const auto& r : r2)
    std::printf("   %-8s %-22s %-16s %-12ld %s %s %s\n", loss_name(r.kind),
                (fmt_time(r.closed.per_call) + " " + reps_note(r.closed)).c_str(),
                fmt_time(r.closed.per_call / r.count).c_str(), r.count, inertia_text(r.inertia).c_str(),
                r.inertia == r.expected ? "==" : "!=", inertia_text(r.expected).c_str());
  std::printf("   data eigen-decomposition (eigen_data: Householder + QL with eigenvectors, O(n^3)):\n");
  for (const auto& e : eig)
    std::printf("   %-8s n=%-5d %-14s %s\n", "", e.n, fmt_time(e.seconds).c_str(),
                e.measured ? "measured" : ("extrapolated from n=" + std::to_string(ne_big) + " by n^3").c_str());
  std::printf("   %-8s observed exponent between n=%d and n=%d: %.2f\n", "", ne_small, ne_big, exponent);

  std::printf("\n3. multiprecision symmetric eigensolver  n=%d, random symmetric Gaussian matrix\n", r3.n);
  std::printf("   %-36s %s\n", "symmetric_eigenvalues (tridiag. QL)",
              (fmt_time(r3.ql.per_call) + " " + reps_note(r3.ql)).c_str());
  std::printf("   %-36s %s\n", "jacobi_eigenvalues (cyclic Jacobi)",
              (fmt_time(r3.jacobi.per_call) + " " + reps_note(r3.jacobi)).c_str());
  std::printf("   %-36s %s\n", "ratio Jacobi / QL", fmt_ratio(r3.jacobi.per_call / r3.ql.per_call).c_str());
  std::printf("   %-36s %s abs, %s relative to max|lambda| = %.3g\n", "max |QL - Jacobi|", fmt_sci(r3.max_abs_diff).c_str(),
              fmt_sci(r3.max_rel_diff).c_str(), r3.lambda_max);
  return 0;
}
