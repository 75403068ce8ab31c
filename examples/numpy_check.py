"""Check a linear autoencoder fitted with NumPy against the exact landscape.

    PYTHONPATH=build/python /usr/bin/python3 examples/numpy_check.py

The ordered loss sum_i ||X - A I_{i;p} B X||^2 has one global minimum up to
signs: unit k holds the k-th eigenvector of the covariance. Swapping two
units gives a critical point that MSE cannot tell apart from the minimum but
that is a saddle of the ordered loss.
"""
import numpy as np

import aelandscape as ael
import aelandscape.testing as at

rng = np.random.default_rng(0)
m, n, p = 200, 8, 3
X = rng.standard_normal((m, n)) @ np.diag(np.linspace(3, 0.5, n))  # samples in rows
X -= X.mean(axis=0)

w, U = np.linalg.eigh(X.T @ X)
U = U[:, np.argsort(w)[::-1]]
A = U[:, :p]          # decoder, n x p
B = A.T               # encoder, p x n

r = at.assert_global_minimum(X, A, B, loss="ordered")
print("PCA weights:", r.verdict, "| relative gradient norm", r.relative_gradient_norm)

A_swapped = A[:, [1, 0, 2]]
r = at.assert_saddle(X, A_swapped, A_swapped.T, index=1, loss="ordered")
print("units 1 and 2 swapped:", r.verdict, "of index", r.saddle_index, "| MSE verdict:",
      ael.lae.inspect(X, A_swapped, A_swapped.T, loss="mse").verdict)

s = ael.lae.spectrum(X, p=p, loss="ordered", index=[2, 1, 3], digits=30)
print("Hessian at the swapped point:", s.classification, "inertia", s.inertia.to_dict(),
      "| most negative eigenvalue", s.eigenvalues[0])
