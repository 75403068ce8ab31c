#include "sign/channel.hpp"

#include "core/distribute.hpp"
#include "core/resources.hpp"
#include "core/rng.hpp"
#include "sign/denoiser.hpp"
#include "sign/gvamp.hpp"
#include "sign/haar.hpp"

#include <boost/math/constants/constants.hpp>

#include <cmath>
#include <exception>
#include <stdexcept>

namespace ael::sign {

namespace {
using boost::math::double_constants::half_pi;

// Σ_j (x_j − f(x_j + noise·w_j))² with fresh w: the exact scalar channel.
double scalar_channel_sq(const Vec<double>& x, double noise_var, double p, Rng& rng) {
  const BgChannel<double> ch(p, noise_var);
  const double sd = std::sqrt(noise_var);
  double sum = 0;
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    const double err = x(j) - ch.mean(x(j) + sd * rng.gaussian());
    sum += err * err;
  }
  return sum;
}

void add_channel_moments(const Vec<double>& x, const Vec<double>& y, std::vector<double>& v) {
  using S = DecoderSums;
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    const double e = y(j) - x(j), e2 = e * e, ax = std::abs(x(j));
    v[S::coords] += 1, v[S::e1] += e, v[S::e2] += e2, v[S::e3] += e2 * e, v[S::e4] += e2 * e2;
    v[S::x1] += x(j), v[S::x2] += x(j) * x(j), v[S::xe] += x(j) * e, v[S::abs_x] += ax, v[S::e2_abs_x] += e2 * ax;
    if (x(j) == 0) v[S::zeros] += 1, v[S::e1_zero] += e, v[S::e2_zero] += e2;
    else v[S::e1_nonzero] += e, v[S::e2_nonzero] += e2;
  }
}

constexpr std::uint64_t kEncoderStream = 0x5A17E4C0DE5EEDull;  // encoder seeds: a stream apart from the groups'

DecoderSums simulate_group(const DecoderSimOptions& o, int group, const Mat<double>& B) {
  using S = DecoderSums;
  Rng rng(block_seed(o.seed, static_cast<std::uint64_t>(group)));
  const double r = double(o.n) / o.d, noise = half_pi / r - 1, scale = 1 / std::sqrt(o.p);
  const BgChannel<double> den(o.p, noise);
  DecoderSums out;
  out.v.assign(S::fixed_count + 2 * o.layers, 0.0);
  Vec<double> x(o.d), s(o.n);
  for (int k = 0; k < o.signals_per_group; ++k) {
    for (int j = 0; j < o.d; ++j) {
      const bool active = o.p >= 1 || rng.uniform() < o.p;
      x(j) = active ? scale * rng.gaussian() : 0.0;
    }
    const Vec<double> u = B * x;
    for (int i = 0; i < o.n; ++i) s(i) = u(i) < 0 ? -1.0 : 1.0;  // sign0 = plus
    const Vec<double> y = (std::sqrt(half_pi) / r) * (B.transpose() * s);
    add_channel_moments(x, y, out.v);
    out.v[S::linear_sq] += (x - (r / half_pi) * y).squaredNorm();  // A s = (2r/π) y
    for (int j = 0; j < o.d; ++j) out.v[S::denoiser_sq] += std::pow(x(j) - den.mean(y(j)), 2);
    out.v[S::scalar_sq] += scalar_channel_sq(x, noise, o.p, rng);
    if (o.layers == 0) continue;
    const std::vector<GvampLayer> run = gvamp_decode(B, s, o.p, o.layers);
    for (int t = 0; t < o.layers; ++t) {
      out.v[S::gvamp(t)] += (x - run[t].x_hat).squaredNorm();
      out.v[S::gvamp_scalar(t)] += scalar_channel_sq(x, 1 / o.se_gamma1[t], o.p, rng);
    }
  }
  return out;
}
}  // namespace

DecoderSim simulate_decoder(const DecoderSimOptions& o) {
  if (o.n < 1 || o.n > o.d) throw std::invalid_argument("decoder simulation needs 1 <= n <= d");
  if (!(o.p > 0) || o.p > 1) throw std::invalid_argument("decoder simulation needs p in (0, 1]");
  if (o.groups < 2 || o.signals_per_group < 1 || o.layers < 0)
    throw std::invalid_argument("decoder simulation needs >= 2 groups, >= 1 signal per group");
  check_thread_count(o.threads);
  if (static_cast<int>(o.se_gamma1.size()) != o.layers)
    throw std::invalid_argument("decoder simulation: one SE precision gamma1 per GVAMP layer is required");
  if (o.encoders < 0 || o.encoders > o.groups) throw std::invalid_argument("decoder simulation needs 0 <= encoders <= groups");
  DecoderSim sim;
  sim.options = o;
  // The groups are the work items of a sweep (core/distribute.hpp, docs/mpi.md):
  // spread over MPI ranks and threads, their sums gathered in group order. With
  // one encoder per group (encoders = 0) a group draws its own encoder; a
  // smaller pool is drawn first, by every rank.
  std::vector<Mat<double>> pool(static_cast<size_t>(o.encoders));
  run_workers(o.threads, [&](int worker) {
    for (int e = worker; e < o.encoders; e += o.threads) pool[e] = haar_orthonormal_rows(o.n, o.d, block_seed(o.seed ^ kEncoderStream, e));
  });
  SweepSettings sweep;
  sweep.threads = o.threads;
  sweep.checkpoint = o.checkpoint;
  const std::vector<std::string> sums = run_items(o.groups, [&](long item, int) {
    const int g = static_cast<int>(item);
    const DecoderSums group = o.encoders == 0
        ? simulate_group(o, g, haar_orthonormal_rows(o.n, o.d, block_seed(o.seed ^ kEncoderStream, g)))
        : simulate_group(o, g, pool[g % o.encoders]);
    ItemWriter w;
    for (double x : group.v) w.put(x);
    return w.str();
  }, sweep);
  sim.groups.resize(o.groups);
  for (int g = 0; g < o.groups; ++g) {
    ItemReader in(sums[g]);
    sim.groups[g].v.resize(DecoderSums::fixed_count + 2 * static_cast<size_t>(o.layers));
    for (double& x : sim.groups[g].v) x = in.get_double();
  }
  return sim;
}

McEstimate jackknife(const DecoderSim& sim, const std::function<double(const std::vector<double>&)>& g) {
  const size_t G = sim.groups.size(), K = sim.groups.front().v.size();
  std::vector<double> total(K, 0.0);
  for (const auto& grp : sim.groups)  // group order: thread-count independent
    for (size_t k = 0; k < K; ++k) total[k] += grp.v[k];
  McEstimate e;
  e.samples = static_cast<long>(G);
  e.mean = g(total);
  std::vector<double> leave(G);
  double mean_leave = 0;
  for (size_t i = 0; i < G; ++i) {
    std::vector<double> rest = total;
    for (size_t k = 0; k < K; ++k) rest[k] -= sim.groups[i].v[k];
    leave[i] = g(rest);
    mean_leave += leave[i] / double(G);
  }
  double ss = 0;
  for (double l : leave) ss += (l - mean_leave) * (l - mean_leave);
  e.se = std::sqrt(ss * double(G - 1) / double(G));
  return e;
}

McEstimate coordinate_mean(const DecoderSim& sim, int k) {
  return jackknife(sim, [k](const std::vector<double>& v) { return v[k] / v[DecoderSums::coords]; });
}

McEstimate paired_difference(const DecoderSim& sim, int k, int j) {
  return jackknife(sim, [k, j](const std::vector<double>& v) { return (v[k] - v[j]) / v[DecoderSums::coords]; });
}

ChannelStats channel_statistics(const DecoderSim& sim) {
  using S = DecoderSums;
  using V = std::vector<double>;
  auto m = [](const V& v, int k) { return v[k] / v[S::coords]; };
  auto var_e = [m](const V& v) { return m(v, S::e2) - m(v, S::e1) * m(v, S::e1); };
  ChannelStats c;
  c.mean = coordinate_mean(sim, S::e1);
  c.variance = jackknife(sim, var_e);
  c.excess_kurtosis = jackknife(sim, [m, var_e](const V& v) {
    const double a = m(v, S::e1);
    const double m4 = m(v, S::e4) - 4 * a * m(v, S::e3) + 6 * a * a * m(v, S::e2) - 3 * a * a * a * a;
    return m4 / (var_e(v) * var_e(v)) - 3;
  });
  c.corr_e_x = jackknife(sim, [m, var_e](const V& v) {
    const double var_x = m(v, S::x2) - m(v, S::x1) * m(v, S::x1);
    return (m(v, S::xe) - m(v, S::e1) * m(v, S::x1)) / std::sqrt(var_e(v) * var_x);
  });
  c.corr_e2_abs_x = jackknife(sim, [m](const V& v) {
    const double var_e2 = m(v, S::e4) - m(v, S::e2) * m(v, S::e2);
    const double var_abs = m(v, S::x2) - m(v, S::abs_x) * m(v, S::abs_x);
    return (m(v, S::e2_abs_x) - m(v, S::e2) * m(v, S::abs_x)) / std::sqrt(var_e2 * var_abs);
  });
  c.variance_x_zero = jackknife(sim, [](const V& v) {
    const double a = v[S::e1_zero] / v[S::zeros];
    return v[S::e2_zero] / v[S::zeros] - a * a;
  });
  c.variance_x_nonzero = jackknife(sim, [](const V& v) {
    const double k = v[S::coords] - v[S::zeros], a = v[S::e1_nonzero] / k;
    return v[S::e2_nonzero] / k - a * a;
  });
  return c;
}

}  // namespace ael::sign
