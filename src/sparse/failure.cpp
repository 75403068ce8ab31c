#include "sparse/failure.hpp"

#include "sparse/recovery.hpp"
#include "sparse/sampling.hpp"

#include <armadillo>
#include <boost/math/distributions/binomial.hpp>

#include <cmath>
#include <stdexcept>

namespace ael::sparse {

namespace {

// Sums around a fixed shift (the first batch's mean): accurate second moments
// without a per-sample update.
struct ShiftedSums {
  arma::vec shift, s1, s2;
  long count = 0;
  void add(const arma::mat& G) {
    if (count == 0) {
      shift = arma::mean(G, 1);
      s1 = s2 = arma::vec(G.n_rows, arma::fill::zeros);
    }
    const arma::mat D = G.each_col() - shift;
    s1 += arma::sum(D, 1);
    s2 += arma::sum(arma::square(D), 1);
    count += static_cast<long>(G.n_cols);
  }
  VectorMean result() const {
    const double N = static_cast<double>(count);
    const arma::vec centred = s1 / N;
    const arma::vec var = arma::clamp((s2 - N * arma::square(centred)) / (N - 1), 0.0, arma::datum::inf);
    VectorMean m;
    m.mean = arma::conv_to<std::vector<double>>::from(shift + centred);
    m.standard_error = arma::conv_to<std::vector<double>>::from(arma::sqrt(var / N));
    m.se_norm = std::sqrt(arma::accu(var) / N);
    return m;
  }
};

struct RowSums {
  ShiftedSums truth, surrogate, difference, norm;  // norm: the scalar ‖∇_true − ∇_sur‖
  double max_norm = 0;
};

// Per-sample gradients of row i, columns of an n × B matrix: σ_i [u_i e + (W_iᵀe) y]
// with the given activity (true: U > 0; surrogate: the support mask).
arma::mat row_gradients(const arma::mat& W, const arma::mat& U, const arma::mat& activity, const arma::mat& Y, arma::uword i) {
  const arma::mat E = W.t() * (activity % U) - Y;
  const arma::rowvec scale = activity.row(i) % U.row(i);
  const arma::rowvec projection = activity.row(i) % (W.row(i) * E);
  return E.each_row() % scale + Y.each_row() % projection;
}

}  // namespace

FailureResult failure_contribution(const Problem<double>& P, const FailureSettings& s) {
  if (s.samples < 2 || s.batch < 1) throw std::invalid_argument("failure contribution needs >= 2 samples and batch >= 1");
  for (int i : s.rows)
    if (i < 0 || i >= P.h()) throw std::invalid_argument("row " + std::to_string(i) + " is not in [0, h)");
  const CodeSampler sampler(P);
  const arma::mat A(P.A.data(), P.n(), P.h()), W(P.W.data(), P.h(), P.n());
  const arma::vec eps(P.eps.data(), P.h());
  Rng rng(s.seed);
  FailureResult result;
  std::vector<RowSums> sums(s.rows.size());
  std::vector<int> S;
  for (long done = 0; done < s.samples;) {
    const long count = std::min<long>(s.batch, s.samples - done);
    arma::mat Y(P.n(), count, arma::fill::zeros), mask(P.h(), count, arma::fill::zeros);
    for (long t = 0; t < count; ++t) {
      sampler.support(rng, S);
      for (int j : S) {
        Y.col(t) += sampler.value(rng) * A.col(j);
        mask(j, t) = 1;
      }
      result.supports_above_bound += s.support_bound >= 0 && static_cast<int>(S.size()) > s.support_bound;
    }
    arma::mat U = W * Y;
    U.each_col() -= eps;
    const arma::mat active = arma::conv_to<arma::mat>::from(U > 0.0);
    const arma::rowvec wrong = arma::sum(arma::abs(active - mask), 0);
    const arma::rowvec sizes = arma::sum(mask, 0);
    for (long t = 0; t < count; ++t) {
      if (wrong(t) == 0) continue;
      ++result.failures;
      result.failures_within_bound += s.support_bound >= 0 && sizes(t) <= s.support_bound;
    }
    for (size_t r = 0; r < s.rows.size(); ++r) {
      const auto i = static_cast<arma::uword>(s.rows[r]);
      const arma::mat truth = row_gradients(W, U, active, Y, i), surrogate = row_gradients(W, U, mask, Y, i);
      const arma::mat diff = truth - surrogate;
      const arma::rowvec norms = arma::sqrt(arma::sum(arma::square(diff), 0));
      sums[r].truth.add(truth);
      sums[r].surrogate.add(surrogate);
      sums[r].difference.add(diff);
      sums[r].norm.add(norms);
      sums[r].max_norm = std::max(sums[r].max_norm, norms.max());
    }
    done += count;
  }
  result.samples = s.samples;
  for (size_t r = 0; r < s.rows.size(); ++r) {
    RowFailure f;
    f.row = s.rows[r];
    f.truth = sums[r].truth.result();
    f.surrogate = sums[r].surrogate.result();
    f.difference = sums[r].difference.result();
    const VectorMean norm = sums[r].norm.result();
    f.mean_difference_norm = norm.mean[0];
    f.se_difference_norm = norm.standard_error[0];
    f.max_difference_norm = sums[r].max_norm;
    result.rows.push_back(f);
  }
  return result;
}

template <class T> int certified_support_bound(const Problem<T>& P) {
  int best = -1;
  for (int K = 1; K < P.h(); ++K) {
    const auto cert = per_row_certificate<T>(P.A, P.W, K, P.values.a, P.values.b, true);
    if (!per_row_certifies<T>(cert, P.eps, window_per_row<T>(cert, P.values.b, K, P.n()).margin)) break;
    best = K;  // Up_j grows and Lo_j falls with K: the first failure ends the search
  }
  return best;
}

double binomial_tail(int h, double q, int K) {
  if (K < 0) return 1;
  if (K >= h) return 0;
  return boost::math::cdf(boost::math::complement(boost::math::binomial_distribution<double>(h, q), K));
}

template int certified_support_bound<double>(const Problem<double>&);
template int certified_support_bound<rational>(const Problem<rational>&);

}  // namespace ael::sparse
