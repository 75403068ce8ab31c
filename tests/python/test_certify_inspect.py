"""ael.lae.inspect(certify=True) (docs/certification.md §9): what is proved about float64 weights."""
from fractions import Fraction as F

import numpy as np
import pytest

import aelandscape as ael
from conftest import data_with_spectrum, ordered_weights


def ball(b):
    return F(b["mid"]) - F(b["rad"]), F(b["mid"]) + F(b["rad"])


def loss_by_definition(X, A, B):
    """Ordered loss sum_i ||x - A I_i B x||^2 over the samples, in exact fractions (another route)."""
    Xf = [[F(float(v)) for v in row] for row in X]
    Af = [[F(float(v)) for v in row] for row in A]
    Bf = [[F(float(v)) for v in row] for row in B]
    n, p = len(Af), len(Af[0])
    total = F(0)
    for i in range(1, p + 1):
        for x in Xf:
            z = [sum(Bf[k][t] * x[t] for t in range(n)) for k in range(i)]
            total += sum((x[s] - sum(Af[s][k] * z[k] for k in range(i))) ** 2 for s in range(n))
    return total


def test_swapped_units_are_a_proved_saddle_and_the_loss_ball_holds_the_exact_loss():
    X = data_with_spectrum()
    A, B = ordered_weights(X, 2, order=[2, 1])
    d = ael.lae.inspect(X, A, B, loss="ordered", certify=True).to_dict()
    assert d["evidence"] == "proved-ball" and d["certified"] is True, d.get("evidence_reason")
    assert d["inertia"]["negative"] == 1 and d["inertia"]["evidence"] == "proved-ball"
    assert d["proved_classification"] == "saddle of index 1" and "saddle of index 1" in d["statement"]
    assert d["criticality"]["result"] == "not critical"  # numpy's eigenvectors are not exactly critical
    assert ball(d["distance_ball"])[1] < 1e-12
    lo, hi = ball(d["loss_ball"])
    assert lo <= loss_by_definition(X, A, B) <= hi


def test_certified_document_equals_the_cli(cli, tmp_path, lae_case):
    X, A, B = lae_case
    for name, M in (("X", X), ("A", A), ("B", B)):
        np.save(tmp_path / f"{name}.npy", M)
    files = ["--data", tmp_path / "X.npy", "--decoder", tmp_path / "A.npy", "--encoder", tmp_path / "B.npy"]
    want = cli("lae", "inspect", *files, "--certify", "--digits", 25)
    got = ael.lae.inspect(X, A, B, certify=True, digits=25, source=str(tmp_path / "X.npy"))
    assert got.to_dict() == want
    assert got.evidence == "proved-ball" and got.certified is True and "evidence='proved-ball'" in repr(got)


def test_certify_refuses_options_without_a_certified_route(lae_case):
    X, A, B = lae_case
    with pytest.raises(ValueError, match="targets"):
        ael.lae.inspect(X, A, B, targets=X, certify=True)
    with pytest.raises(ValueError, match="numeric"):
        ael.lae.inspect(X, A, B, numeric=True, certify=True)
