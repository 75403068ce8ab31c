"""The bindings return exactly what the CLI returns on the same inputs (the
JSON without "meta", which holds timing, commit and the command line)."""
import numpy as np

import aelandscape as ael


def test_spectrum_synthetic_equals_cli(cli):
    want = cli("lae", "spectrum", "--p", 2, "--loss", "ordered", "--index", "2,1", "--scales", "1.5,-0.75", "--digits", 40,
               "--method", "both")
    got = ael.lae.spectrum(p=2, loss="ordered", index=[2, 1], scales=[1.5, -0.75], digits=40, method="both")
    assert got.to_dict() == want
    assert got.classification == "saddle" and got.saddle_index == 1
    assert got.loss == "26"  # p tr(Sigma) - (2 lambda_2 + lambda_1) = 42 - 16 on the linear spectrum 6..1


def test_spectrum_array_equals_cli(cli, tmp_path, lae_case):
    X, _, _ = lae_case
    path = tmp_path / "X.npy"
    np.save(path, X)
    want = cli("lae", "spectrum", "--data", path, "--p", 3, "--loss", "mse", "--index", "1,3,2", "--digits", 30, "--center")
    got = ael.lae.spectrum(X, p=3, loss="mse", index=[1, 3, 2], digits=30, center=True, source=str(path))
    assert got.to_dict() == want


def test_inspect_double_and_mpfr_equal_cli(cli, tmp_path, lae_case):
    X, A, B = lae_case
    for name, M in (("X", X), ("A", A), ("B", B)):
        np.save(tmp_path / f"{name}.npy", M)
    files = ["--data", tmp_path / "X.npy", "--decoder", tmp_path / "A.npy", "--encoder", tmp_path / "B.npy"]
    want = cli("lae", "inspect", *files, "--numeric")
    got = ael.lae.inspect(X, A, B, numeric=True, source=str(tmp_path / "X.npy"))
    assert got.to_dict() == want
    want = cli("lae", "inspect", *files, "--loss", "ordered", "--multiprecision", "--digits", 25)
    got = ael.lae.inspect(X, A, B, loss="ordered", digits=25, source=str(tmp_path / "X.npy"))
    assert got.to_dict() == want
    assert got.verdict == "global minimum"


def test_denoiser_risk_equals_cli(cli):
    want = cli("sign", "denoiser-risk", "--rate", 1, "--p", "0.1", "--digits", 30)
    got = ael.sign.denoiser_risk(rate=1, p=0.1, digits=30)
    assert got.to_dict() == want
    assert got.risk == want["risk"] and abs(got.risk_float - float(want["risk"])) == 0


def test_expected_gradient_equals_cli(cli):
    want = cli("sparse", "expected-gradient", "--dictionary", "identity-hadamard", "--n", 16, "--k", 2, "--values",
               "0.95,1.05", "--eps-frac", "0.01", "--row", 0, "--digits", 30)
    got = ael.sparse.expected_gradient(dictionary="identity-hadamard", n=16, k=2, values=[0.95, 1.05], eps_frac=0.01, row=0)
    assert got.to_dict() == want
    assert got.expected_gradient_float.shape == (16,)



def test_expected_gradient_certified_balls_equal_cli(cli):
    # HAD n = 8 is irrational: with certify the norms come as balls and the bound comparison is proved-ball.
    want = cli("sparse", "expected-gradient", "--n", 8, "--k", 1, "--eps-frac", "0.5", "--row", 0, "--certify", "--digits", 30)
    got = ael.sparse.expected_gradient(n=8, k=1, values=[0.95, 1.05], eps_frac=0.5, row=0, certify=True)
    assert got.to_dict() == want
    assert want["evidence"]["within_certified_bound"] == "proved-ball"
    assert set(want["expected_gradient_norm_sq_ball"]) == {"mid", "rad"}

def test_verify_equals_cli(cli):
    want = cli("verify", "--only", "LAE-3", "--digits", 30)
    got = ael.verify(only="LAE-3", digits=30)
    assert got.to_dict() == want
    assert len(got) == 1 and [c.verdict for c in got] == ["PASS"] and got.passed == 1
