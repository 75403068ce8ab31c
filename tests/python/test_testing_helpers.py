"""aelandscape.testing on a minimum, a swapped-unit saddle and a perturbed point.
Weights come from numpy's eigendecomposition (a different route)."""
import numpy as np
import pytest

import aelandscape.testing as at
from conftest import data_with_spectrum, ordered_weights


@pytest.fixture
def X():
    return data_with_spectrum(n=5, m=30, seed=7)


def test_minimum(X):
    A, B = ordered_weights(X, 3)
    r = at.assert_global_minimum(X, A, B)
    assert r.verdict == "global minimum"
    with pytest.raises(AssertionError, match="expected a saddle"):
        at.assert_saddle(X, A, B)


def test_swapped_units_saddle(X):
    A, B = ordered_weights(X, 3, order=[2, 1, 3])
    r = at.assert_saddle(X, A, B, index=1)  # inv(I) = 1 (docs/lae-math.md)
    assert r.saddle_index == 1
    at.assert_global_minimum(X, A, B, loss="mse")  # the same weights minimise MSE
    with pytest.raises(AssertionError) as e:
        at.assert_global_minimum(X, A, B)
    text = str(e.value)
    assert "verdict (ordered loss): saddle, saddle index 1" in text
    assert "units 1, 2 hold eigenvectors 2, 1 (swapped)" in text
    assert "relative gradient norm" in text and "nearest critical point: I = (2, 1, 3)" in text
    with pytest.raises(AssertionError, match="expected a saddle of index 2"):
        at.assert_saddle(X, A, B, index=2)


def test_perturbed_point(X):
    A, B = ordered_weights(X, 2)
    A = A + 1e-3 * np.random.default_rng(0).standard_normal(A.shape)
    r = at.assert_not_critical(X, A, B)
    assert r.verdict == "not critical"
    with pytest.raises(AssertionError) as e:
        at.assert_global_minimum(X, A, B)
    assert "verdict (ordered loss): not critical" in str(e.value) and "nearest critical point: I = (1, 2)" in str(e.value)
