"""Typed results: attributes, repr, float and mpmath views of the exact decimals."""
import numpy as np
import pytest

import aelandscape as ael


def test_spectrum_result_views():
    s = ael.lae.spectrum(p=2, loss="ordered", index=[2, 1], digits=40)
    assert isinstance(s.eigenvalues[0], str) and len(s.eigenvalues) == 24
    f = s.eigenvalues_float
    assert isinstance(f, np.ndarray) and f.dtype == np.float64 and f.shape == (24,)
    assert all(float(e) == x for e, x in zip(s.eigenvalues, f))
    assert s.inertia.negative == 1 and s.inertia["zero"] == 2
    assert "SpectrumResult(classification='saddle'" in repr(s)
    with pytest.raises(AttributeError, match="no field 'nonsense'"):
        s.nonsense
    with pytest.raises(AttributeError):
        s.loss = "0"


def test_mpf_view_keeps_the_printed_digits():
    mpmath = pytest.importorskip("mpmath")
    r = ael.sign.denoiser_risk(rate=1, p=0.1, digits=40)
    x = r.risk_mpf
    assert isinstance(x, mpmath.mpf)
    with mpmath.workdps(80):  # the decimal string at 80 digits is exact; x rounds it at >= 45 digits
        assert abs(x - mpmath.mpf(r.risk)) < mpmath.mpf(10) ** -44
        assert mpmath.nstr(x, 40, strip_zeros=False) == r.risk


def test_inspect_result_fields(lae_case):
    X, A, B = lae_case
    r = ael.lae.inspect(X, A, B, loss="ordered", digits=30)
    assert r.verdict == "global minimum" and r.saddle_index is None
    assert r.nearest.index == [1, 2] and len(r.nearest.scales) == 2
    assert r.relative_gradient_norm_float < 1e-12
    assert repr(r).startswith("InspectResult(verdict='global minimum'")
