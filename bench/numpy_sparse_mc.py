#!/usr/bin/env python3
"""Vectorised NumPy Monte Carlo of the per-sample gradient of one row (docs/sparse.md §2.3),
the same work per sample as the batched C++ estimator (src/sparse/montecarlo.cpp):
draw (S, x), y = A* x, u = W y - eps, r = relu(u), e = W^T r - y,
grad_{W_i} = 1[u_i > 0] (u_i e + (W_i^T e) y), recovery check of all h units,
running mean / sum of squares / max norm per block of samples.

Called by bench_sparse with a directory holding A.npy (n x h), W.npy (h x n),
eps.npy, params.json and the cross-check files check_Y.npy (n x m, a seeded
batch drawn in C++), check_G.npy (the C++ batched mean gradient on that batch)
and expected.npy (the exact E grad of the row, docs/sparse.md §5.3). Prints one line of
key=value pairs on stdout. Exit 3 when numpy is missing.
"""
import json
import sys
import time

try:
    import numpy as np
except ImportError:
    print("numpy not available", file=sys.stderr)
    sys.exit(3)


def row_gradients(A, W, eps, Y, i):
    """n x m per-sample gradients of row i, and the pre-activations U (h x m)."""
    U = W @ Y
    U -= eps[:, None]
    E = W.T @ np.maximum(U, 0.0) - Y
    on = U[i] > 0
    G = E * np.where(on, U[i], 0.0) + Y * np.where(on, W[i] @ E, 0.0)
    return G, U


def uniform_supports(rng, h, k, m):
    """m uniform k-subsets of range(h) (rejection of draws with a repeated index)."""
    idx = rng.integers(0, h, size=(m, k))
    while True:
        s = np.sort(idx, axis=1)
        bad = np.nonzero((s[:, 1:] == s[:, :-1]).any(axis=1))[0]
        if bad.size == 0:
            return idx
        idx[bad] = rng.integers(0, h, size=(bad.size, k))


def run(d, samples, block, seed):
    A, W = np.load(d + "/A.npy"), np.load(d + "/W.npy")
    eps = np.load(d + "/eps.npy").ravel()
    p = json.load(open(d + "/params.json"))
    n, h = A.shape
    k, i = p["k"], p["row"]
    atoms, cum = np.array(p["atoms"]), np.cumsum(p["probs"])
    rng = np.random.default_rng(seed)
    total, s1, s2, failures, max_norm = 0, np.zeros(n), np.zeros(n), 0, 0.0
    start = time.perf_counter()
    while total < samples:
        m = min(block, samples - total)
        idx = uniform_supports(rng, h, k, m)
        x = atoms[np.minimum(np.searchsorted(cum, rng.random((m, k)), side="right"), len(atoms) - 1)]
        Y = np.zeros((n, m))
        for t in range(k):
            Y += A[:, idx[:, t]] * x[:, t]
        G, U = row_gradients(A, W, eps, Y, i)
        S = np.zeros((h, m), dtype=bool)
        S[idx.T, np.arange(m)] = True
        failures += int(((U > 0) != S).any(axis=0).sum())
        s1 += G.sum(axis=1)
        s2 += (G * G).sum(axis=1)
        max_norm = max(max_norm, float(np.sqrt((G * G).sum(axis=0)).max()))
        total += m
    seconds = time.perf_counter() - start
    mean = s1 / total
    se_norm = np.sqrt(max((s2 / total - mean * mean).sum(), 0.0) * total / (total - 1) / total)
    return total / seconds, mean, se_norm, failures


def main():
    d, samples, block, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    p = json.load(open(d + "/params.json"))
    A, W = np.load(d + "/A.npy"), np.load(d + "/W.npy")
    eps = np.load(d + "/eps.npy").ravel()
    # 1. Same batch as C++: mean gradient vs the C++ batched kernel's.
    G, _ = row_gradients(A, W, eps, np.load(d + "/check_Y.npy"), p["row"])
    ref = np.load(d + "/check_G.npy").ravel()
    batch_rel = float(np.linalg.norm(G.mean(axis=1) - ref) / np.linalg.norm(ref))
    # 2. Timed run on NumPy's own samples; its mean vs the exact E grad in SE units.
    rate, mean, se_norm, failures = run(d, samples, block, seed)
    exact = np.load(d + "/expected.npy").ravel()
    z = float(np.linalg.norm(mean - exact) / se_norm)
    print(f"numpy={np.__version__} samples_per_s={rate:.6g} same_batch_rel_diff={batch_rel:.3g} "
          f"closed_form_dist_in_se={z:.3g} failures={failures}")


if __name__ == "__main__":
    main()
