#include "core/exact_ldl.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace ael {

namespace {
// The working matrix keeps only its lower triangle current; sym(i, j) is the
// (i, j) entry of the symmetric matrix it represents.
struct Lower {
  ExactMat& W;
  rational& at(int i, int j) { return i >= j ? W(i, j) : W(j, i); }
};

// Symmetric swap of indices a and b (a < b) in the trailing matrix starting at k,
// and of rows a, b of the finished columns of L.
void symmetric_swap(Lower w, ExactMat& L, std::vector<int>& perm, int k, int a, int b) {
  if (a == b) return;
  const int N = static_cast<int>(w.W.rows());
  for (int t = k; t < N; ++t)
    if (t != a && t != b) std::swap(w.at(a, t), w.at(b, t));
  std::swap(w.W(a, a), w.W(b, b));
  for (int j = 0; j < k; ++j) std::swap(L(a, j), L(b, j));
  std::swap(perm[a], perm[b]);
}
}  // namespace

ExactLdl ldl_exact(const ExactMat& H) {
  if (H.rows() != H.cols()) throw std::invalid_argument("exact LDL': matrix is not square");
  const int N = static_cast<int>(H.rows());
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < i; ++j)
      if (H(i, j) != H(j, i))
        throw std::invalid_argument("exact LDL': matrix is not symmetric at (" + std::to_string(i + 1) + ", " +
                                    std::to_string(j + 1) + ")");
  ExactLdl f;
  f.perm.resize(N);
  for (int i = 0; i < N; ++i) f.perm[i] = i;
  f.L = ExactMat::Identity(N, N);
  f.D = ExactMat::Zero(N, N);
  ExactMat W = H;
  Lower w{W};
  rational tmp;
  int k = 0;
  while (k < N) {
    // 1×1 pivot: nonzero diagonal entry of fewest bits.
    int best = -1;
    long best_bits = 0;
    for (int i = k; i < N; ++i)
      if (W(i, i) != 0 && (best < 0 || bit_size(W(i, i)) < best_bits)) best = i, best_bits = bit_size(W(i, i));
    if (best >= 0) {
      symmetric_swap(w, f.L, f.perm, k, k, best);
      const rational d = W(k, k);
      f.D(k, k) = d;
      f.pivots.push_back(1);
      for (int r = k + 1; r < N; ++r)
        if (W(r, k) != 0) f.L(r, k) = W(r, k) / d;
      // W(r, s) −= L(r, k) W(s, k) for k < s ≤ r.
      for (int s = k + 1; s < N; ++s) {
        if (W(s, k) == 0) continue;
        const auto& wsk = W(s, k).backend().data();
        for (int r = s; r < N; ++r) {
          if (f.L(r, k) == 0) continue;
          mpq_mul(tmp.backend().data(), f.L(r, k).backend().data(), wsk);
          mpq_sub(W(r, s).backend().data(), W(r, s).backend().data(), tmp.backend().data());
        }
      }
      ++k;
      continue;
    }
    // Zero diagonal: 2×2 pivot on the nonzero off-diagonal entry of fewest bits.
    int bi = -1, bj = -1;
    for (int j = k; j < N; ++j)
      for (int i = j + 1; i < N; ++i)
        if (W(i, j) != 0 && (bi < 0 || bit_size(W(i, j)) < best_bits)) bi = i, bj = j, best_bits = bit_size(W(i, j));
    if (bi < 0) {  // the trailing matrix is zero: zero pivots, L stays the identity there
      for (; k < N; ++k) f.pivots.push_back(1);
      break;
    }
    symmetric_swap(w, f.L, f.perm, k, k, bj);
    // bi > bj ≥ k, so the first swap leaves index bi where it was.
    symmetric_swap(w, f.L, f.perm, k, k + 1, bi);
    const rational e11 = W(k, k), e21 = W(k + 1, k), e22 = W(k + 1, k + 1);
    const rational det = e11 * e22 - e21 * e21;
    f.D(k, k) = e11;
    f.D(k + 1, k) = f.D(k, k + 1) = e21;
    f.D(k + 1, k + 1) = e22;
    f.pivots.push_back(2);
    // [L(r,k) L(r,k+1)] = [W(r,k) W(r,k+1)] E⁻¹, E⁻¹ = [[e22, −e21], [−e21, e11]] / det.
    for (int r = k + 2; r < N; ++r) {
      const rational x = W(r, k), y = W(r, k + 1);
      if (x == 0 && y == 0) continue;
      f.L(r, k) = (x * e22 - y * e21) / det;
      f.L(r, k + 1) = (y * e11 - x * e21) / det;
    }
    for (int s = k + 2; s < N; ++s) {
      const rational &x = W(s, k), &y = W(s, k + 1);
      if (x == 0 && y == 0) continue;
      for (int r = s; r < N; ++r) {
        if (f.L(r, k) != 0) {
          mpq_mul(tmp.backend().data(), f.L(r, k).backend().data(), x.backend().data());
          mpq_sub(W(r, s).backend().data(), W(r, s).backend().data(), tmp.backend().data());
        }
        if (f.L(r, k + 1) != 0) {
          mpq_mul(tmp.backend().data(), f.L(r, k + 1).backend().data(), y.backend().data());
          mpq_sub(W(r, s).backend().data(), W(r, s).backend().data(), tmp.backend().data());
        }
      }
    }
    k += 2;
  }
  return f;
}

SignCounts inertia_2x2(const rational& a, const rational& b, const rational& c) {
  const rational det = a * c - b * b, tr = a + c;
  if (det < 0) return {1, 0, 1};
  if (det > 0) return tr > 0 ? SignCounts{0, 0, 2} : SignCounts{2, 0, 0};
  if (tr == 0) return {0, 2, 0};  // det = tr = 0 for a symmetric 2×2 means the zero matrix
  return tr > 0 ? SignCounts{0, 1, 1} : SignCounts{1, 1, 0};
}

SignCounts inertia(const ExactLdl& f) {
  SignCounts s;
  int k = 0;
  for (int size : f.pivots) {
    if (size == 1) {
      const rational& d = f.D(k, k);
      (d < 0 ? s.negative : d > 0 ? s.positive : s.zero)++;
    } else {
      const SignCounts b = inertia_2x2(f.D(k, k), f.D(k + 1, k), f.D(k + 1, k + 1));
      s.negative += b.negative, s.zero += b.zero, s.positive += b.positive;
    }
    k += size;
  }
  return s;
}

bool ldl_reproduces(const ExactLdl& f, const ExactMat& H) {
  const int N = f.dimension();
  ExactMat PHP(N, N);
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) PHP(i, j) = H(f.perm[i], f.perm[j]);
  return ExactMat(f.L * f.D * f.L.transpose()) == PHP;
}

}  // namespace ael
