#include "sign/simulate.hpp"

#include "core/resources.hpp"
#include "core/rng.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ael::sign {

std::uint64_t block_seed(std::uint64_t seed, std::uint64_t block) {
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + block + 0x632BE59BD9B4E019ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

namespace {
double sample_nonzero(Rng& rng, NonzeroLaw z) {
  switch (z) {
    case NonzeroLaw::gaussian: return rng.gaussian();
    case NonzeroLaw::rademacher: return (rng.next_u64() >> 63) ? 1.0 : -1.0;
    case NonzeroLaw::uniform: return std::sqrt(3.0) * (2 * rng.uniform() - 1);
    case NonzeroLaw::laplace: {
      const double magnitude = -std::log(1 - rng.uniform()) / std::sqrt(2.0);  // 1 − U ∈ (0, 1]
      return (rng.next_u64() >> 63) ? magnitude : -magnitude;
    }
  }
  return 0;
}

void sample_x(Rng& rng, const DataLaw& law, Vec<double>& x) {
  const double scale = 1 / std::sqrt(law.p);
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    const bool active = law.fixed_mask.empty() ? (law.p >= 1 || rng.uniform() < law.p) : law.fixed_mask[k];
    x(k) = active ? scale * sample_nonzero(rng, law.nonzero) : 0.0;
  }
}

// sign with the declared convention at exactly 0; counts the zeros seen.
void sign_code(Rng& rng, const Vec<double>& u, Sign0 s, Vec<double>& code, long& zeros) {
  for (Eigen::Index i = 0; i < u.size(); ++i) {
    if (u(i) > 0) code(i) = 1;
    else if (u(i) < 0) code(i) = -1;
    else {
      ++zeros;
      code(i) = s == Sign0::zero ? 0.0 : s == Sign0::plus ? 1.0 : ((rng.next_u64() >> 63) ? 1.0 : -1.0);
    }
  }
}

struct RiskBlock { double sum = 0, sum_sq = 0; long count = 0; };

RiskBlock risk_block(const Mat<double>& A, const Mat<double>& B, const DataLaw& law, Sign0 s, long count,
                     std::uint64_t seed) {
  Rng rng(seed);
  const Eigen::Index d = B.cols();
  Vec<double> x(d), code(B.rows());
  RiskBlock out;
  long zeros = 0;
  for (long k = 0; k < count; ++k) {
    sample_x(rng, law, x);
    sign_code(rng, B * x, s, code, zeros);
    const double loss = (x - A * code).squaredNorm() / static_cast<double>(d);
    out.sum += loss, out.sum_sq += loss * loss, ++out.count;
  }
  return out;
}

McEstimate summarize(double sum, double sum_sq, long count) {
  McEstimate e;
  e.samples = count;
  e.mean = sum / count;
  const double var = count > 1 ? std::max(0.0, (sum_sq - count * e.mean * e.mean) / (count - 1)) : 0.0;
  e.se = std::sqrt(var / count);
  return e;
}
}  // namespace

McEstimate mc_risk(const Mat<double>& A, const Mat<double>& B, const DataLaw& law, Sign0 s, long samples,
                   std::uint64_t seed, int threads) {
  const long blocks = (samples + kBlock - 1) / kBlock;
  std::vector<RiskBlock> results(blocks);
  auto work = [&](int worker) {
    for (long b = worker; b < blocks; b += threads)
      results[b] = risk_block(A, B, law, s, std::min(kBlock, samples - b * kBlock), block_seed(seed, b));
  };
  run_workers(static_cast<int>(std::min<long>(threads, blocks)), work);
  double sum = 0, sum_sq = 0;  // fixed (block) order: thread-count independent
  for (const auto& r : results) sum += r.sum, sum_sq += r.sum_sq;
  return summarize(sum, sum_sq, samples);
}

McMoments mc_moments(const Mat<double>& B, const DataLaw& law, Sign0 s, long samples, std::uint64_t seed) {
  const Eigen::Index n = B.rows(), d = B.cols();
  Mat<double> M = Mat<double>::Zero(n, d), M2 = M, K = Mat<double>::Zero(n, n), K2 = K;
  McMoments out;
  Vec<double> x(d), code(n);
  const long blocks = (samples + kBlock - 1) / kBlock;
  for (long b = 0; b < blocks; ++b) {
    Rng rng(block_seed(seed, b));
    for (long k = 0; k < std::min(kBlock, samples - b * kBlock); ++k) {
      sample_x(rng, law, x);
      sign_code(rng, B * x, s, code, out.exact_zeros);
      const Mat<double> sx = code * x.transpose(), ss = code * code.transpose();
      M += sx, M2 += sx.cwiseProduct(sx), K += ss, K2 += ss.cwiseProduct(ss);
    }
  }
  const double N = static_cast<double>(samples);
  out.M = M / N;
  out.K = K / N;
  out.M_se = ((M2 / N - out.M.cwiseProduct(out.M)).cwiseMax(0.0) / (N - 1)).cwiseSqrt();
  out.K_se = ((K2 / N - out.K.cwiseProduct(out.K)).cwiseMax(0.0) / (N - 1)).cwiseSqrt();
  return out;
}

Mat<double> sample_data(const DataLaw& law, int d, long count, std::uint64_t seed) {
  Mat<double> X(d, count);
  Vec<double> x(d);
  for (long b = 0; b * kBlock < count; ++b) {
    Rng rng(block_seed(seed, b));
    for (long k = b * kBlock; k < std::min(count, (b + 1) * kBlock); ++k) sample_x(rng, law, x), X.col(k) = x;
  }
  return X;
}

}  // namespace ael::sign
