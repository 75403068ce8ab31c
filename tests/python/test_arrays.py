"""dtype, memory order and shape handling: exact conversions only, errors name the argument."""
import numpy as np
import pytest

import aelandscape as ael


def verdict_doc(X, A, B, **kw):
    return ael.lae.inspect(X, A, B, loss="ordered", **kw).to_dict()


def test_float32_is_widened_exactly_never_narrowed(lae_case):
    X, A, B = lae_case
    X32, A32, B32 = (M.astype(np.float32) for M in (X, A, B))
    # float32 inputs give exactly the result of their (exact) float64 values
    assert verdict_doc(X32, A32, B32) == verdict_doc(X32.astype(np.float64), A32.astype(np.float64), B32.astype(np.float64))


def test_fortran_order_views_and_array_like_objects(lae_case):
    X, A, B = lae_case
    ref = verdict_doc(X, A, B)
    assert verdict_doc(np.asfortranarray(X), np.asfortranarray(A), B) == ref
    big = np.zeros((2 * X.shape[0], 2 * X.shape[1]))
    big[::2, ::2] = X
    view = big[::2, ::2]  # not contiguous
    assert not view.flags.c_contiguous and verdict_doc(view, A, B) == ref

    class Tensorish:  # e.g. a torch tensor after .detach().cpu()
        def __init__(self, a):
            self.a = a

        def __array__(self, dtype=None):
            return self.a if dtype is None else self.a.astype(dtype)

    assert verdict_doc(Tensorish(X), Tensorish(A), Tensorish(B)) == ref
    assert verdict_doc(X.tolist(), A, B) == ref


def test_integer_arrays_exact_or_refused():
    Xi = np.array([[3, 0, 1], [0, 2, 0], [1, 0, 5], [2, 1, 0], [0, 4, 1]], dtype=np.int64)
    A = np.eye(3)[:, :1]
    r = ael.lae.inspect(Xi, A, A.T, loss="ordered")
    assert r.to_dict() == ael.lae.inspect(Xi.astype(np.float64), A, A.T, loss="ordered").to_dict()
    with pytest.raises(ValueError, match=r"X: integer entries beyond 2\^53"):
        ael.lae.inspect(Xi * 2**60, A, A.T)


def test_shape_errors_name_the_argument(lae_case):
    X, A, B = lae_case
    with pytest.raises(ValueError, match=r"^A has shape \(4, 2\), expected n x p with n = 5"):
        ael.lae.inspect(X, A[:4], B)
    with pytest.raises(ValueError, match=r"^B has shape \(5, 2\), expected p x n = 2 x 5"):
        ael.lae.inspect(X, A, B.T)
    with pytest.raises(ValueError, match=r"^X must be a 2-d array"):
        ael.lae.inspect(X[0], A, B)
    with pytest.raises(ValueError, match=r"p = 6 > n = 5"):
        ael.lae.spectrum(X, p=6)
    with pytest.raises(ValueError, match=r"^targets has shape"):
        ael.lae.spectrum(X, p=2, targets=X[:, :3])


def test_non_finite_and_odd_dtypes_refused(lae_case):
    X, A, B = lae_case
    Xn = X.copy()
    Xn[3, 1] = np.nan
    with pytest.raises(ValueError, match=r"^X\[3, 1\] = nan is not finite"):
        ael.lae.inspect(Xn, A, B)
    Ai = A.copy()
    Ai[0, 0] = np.inf
    with pytest.raises(ValueError, match=r"^A\[0, 0\] = inf is not finite"):
        ael.lae.inspect(X, Ai, B)
    with pytest.raises(ValueError, match="boolean"):
        ael.lae.inspect(X > 0, A, B)
    with pytest.raises(ValueError, match="complex128"):
        ael.lae.inspect(X.astype(complex), A, B)
    with pytest.raises(ValueError, match="is empty"):
        ael.lae.inspect(np.zeros((0, 5)), A, B)


def test_decimal_inputs_are_exact():
    # 0.1 as a float means the decimal 0.1 (its shortest repr), as on the command line
    a = ael.sign.denoiser_risk(rate="0.5", p=0.1, digits=20)
    b = ael.sign.denoiser_risk(rate=0.5, p="0.1", digits=20)
    assert a.to_dict() == b.to_dict() and a.p == "0.1"
