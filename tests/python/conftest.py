"""Shared fixtures: the built CLI (AEL_CLI, set by ctest; default build/aelandscape)
and small LAE instances whose exact critical points are known from numpy's
eigendecomposition (a different route from the library's MPFR eigensolver)."""
import json
import os
import pathlib
import subprocess

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("AEL_CLI", str(ROOT / "build" / "aelandscape"))


def run_cli(*args):
    """The CLI's JSON document without "meta" (timing, commit, command line)."""
    out = subprocess.run([CLI, *map(str, args), "--format", "json"], check=True, capture_output=True, text=True)
    doc = json.loads(out.stdout)
    doc.pop("meta", None)
    return doc


@pytest.fixture(scope="session")
def cli():
    if not os.path.exists(CLI):
        pytest.skip(f"CLI not built at {CLI}")
    return run_cli


def data_with_spectrum(n=5, m=30, seed=3):
    """m x n samples (rows) whose second moment X'X has eigenvalues 5, 4, 3, 2, 1 ... (n..1) exactly up to rounding."""
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.standard_normal((m, n)))
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return Q @ np.diag(np.sqrt(np.arange(n, 0, -1.0))) @ V.T


def ordered_weights(X, p, order=None):
    """Decoder A = U_I and encoder B = A' for Y = X: the critical point P(I, 1) (docs/lae-math.md)."""
    w, U = np.linalg.eigh(X.T @ X)
    U = U[:, np.argsort(w)[::-1]]
    I = list(range(p)) if order is None else [i - 1 for i in order]
    A = U[:, I]
    return A, A.T.copy()


@pytest.fixture
def lae_case():
    X = data_with_spectrum()
    A, B = ordered_weights(X, 2)
    return X, A, B
