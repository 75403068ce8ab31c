"""Train a linear autoencoder with the ordered loss in PyTorch and check the
result with aelandscape.testing. Skipped (exit 0) when torch is not installed.

    PYTHONPATH=build/python /usr/bin/python3 examples/torch_ordered_loss.py

The ordered loss is sum_{i=1..p} ||X - A_{:, :i} B_{:i, :} X||^2 (nested
dropout's expected loss up to a constant): its global minimum puts the k-th
eigenvector of the covariance in unit k.
"""
import sys

try:
    import torch
except ImportError:
    print("torch is not installed: skipped")
    sys.exit(0)

import numpy as np

import aelandscape.testing as at

torch.manual_seed(0)
rng = np.random.default_rng(0)
m, n, p = 500, 6, 3
X = rng.standard_normal((m, n)) @ np.diag([3.0, 2.5, 2.0, 1.0, 0.7, 0.4])
X -= X.mean(axis=0)

Xt = torch.tensor(X, dtype=torch.float64)
A = torch.nn.Parameter(0.1 * torch.randn(n, p, dtype=torch.float64))
B = torch.nn.Parameter(0.1 * torch.randn(p, n, dtype=torch.float64))
opt = torch.optim.LBFGS([A, B], lr=1, max_iter=5000, tolerance_grad=1e-13, tolerance_change=0, history_size=50,
                        line_search_fn="strong_wolfe")


def ordered_loss():
    H = Xt @ B.T  # m x p codes
    return sum(((Xt - H[:, :i] @ A[:, :i].T) ** 2).sum() for i in range(1, p + 1))


def closure():
    opt.zero_grad()
    loss = ordered_loss()
    loss.backward()
    return loss


for _ in range(5):
    opt.step(closure)

r = at.assert_global_minimum(X, A.detach().cpu(), B.detach().cpu(), loss="ordered", tol=1e-6)
print("trained weights:", r.verdict, "| relative gradient norm", r.relative_gradient_norm)
