"""Library errors: ValueError for bad input (the CLI's message, with parameter
names instead of flags), RuntimeError for numerical refusals; never a crash."""
import numpy as np
import pytest

import aelandscape as ael


def test_bad_values_are_value_errors_naming_the_parameter():
    with pytest.raises(ValueError, match=r"^rate: 'abc' is not a finite decimal number"):
        ael.sign.denoiser_risk(rate="abc", p=0.1)
    with pytest.raises(ValueError, match=r"needs rate <= 1"):
        ael.sign.denoiser_risk(rate=2, p=0.1)
    with pytest.raises(ValueError, match=r"^p must be in \(0, 1\]"):
        ael.sign.denoiser_risk(rate=1, p=0)
    with pytest.raises(ValueError, match=r"^index entry 7 is out of range 1\.\.6"):
        ael.lae.spectrum(p=2, index=[7, 1])
    with pytest.raises(ValueError, match=r"^index has a repeated entry"):
        ael.lae.spectrum(p=2, index=[1, 1])
    with pytest.raises(ValueError, match=r"^scales entry 2 is zero"):
        ael.lae.spectrum(p=2, scales=[1, 0])
    with pytest.raises(ValueError, match=r"digits"):
        ael.lae.spectrum(p=2, digits=100000)
    with pytest.raises(ValueError, match=r"^row '40' must be an integer in \[0, h\)"):
        ael.sparse.expected_gradient(n=16, eps_frac=0.01, row=40)
    with pytest.raises(ValueError, match=r"^no claim matches only 'XYZ'"):
        ael.verify(only="XYZ")
    with pytest.raises(ValueError, match=r"^loss must be one of"):
        ael.lae.spectrum(p=2, loss="l1")
    with pytest.raises(TypeError, match="unknown instance parameter 'colour'"):
        ael.sparse.expected_gradient(n=16, colour="red")


def test_singular_data_names_drop_constant():
    X = np.random.default_rng(1).standard_normal((20, 4))
    X[:, 2] = 0
    with pytest.raises(ValueError, match=r"column\(s\) 3 of the data are identically zero \(use drop_constant\)"):
        ael.lae.spectrum(X, p=2)
    r = ael.lae.spectrum(X, p=2, drop_constant=True)
    assert r.data.dropped_columns == [3] and r.data.n == 3


def test_repeated_eigenvalues_are_a_runtime_error():
    X = np.vstack([np.eye(3), np.eye(3)])  # Sigma = 2 I: no distinct eigenvalues
    with pytest.raises(RuntimeError, match="not distinct"):
        ael.lae.spectrum(X, p=2)
    with pytest.raises(RuntimeError, match="not distinct"):
        ael.lae.inspect(X, np.eye(3)[:, :2], np.eye(3)[:2])
