"""The examples run (the torch one only where torch is installed)."""
import os
import pathlib
import subprocess
import sys

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"


def run(name):
    out = subprocess.run([sys.executable, str(EXAMPLES / name)], capture_output=True, text=True, env=os.environ.copy())
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_numpy_example():
    text = run("numpy_check.py")
    assert "PCA weights: global minimum" in text and "saddle of index 1" in text and "MSE verdict: global minimum" in text


def test_torch_example():
    pytest.importorskip("torch")
    assert "trained weights: global minimum" in run("torch_ordered_loss.py")
