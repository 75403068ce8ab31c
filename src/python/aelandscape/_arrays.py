"""Input checks shared by the bindings: arrays, decimals, integers.

Every check raises ValueError (or TypeError for a wrong kind of object) naming
the argument, before any C++ code runs. Arrays are converted to float64 only
when that is exact: float32/float16 widen exactly; integers must fit in 53
bits; nothing is ever narrowed (float128 values must be doubles already).
"""
import numbers
from decimal import Decimal

import numpy as np

_EXACT_INT = 2**53


def matrix(obj, name, *, shape=None, shape_text=None):
    """obj as a 2-d float64 array in Fortran order (a copy when needed).

    shape: (rows, cols) with None for "any"; shape_text describes it in errors
    ("n x p = 6 x 2").
    """
    if obj is None:
        raise TypeError(f"{name} is required (a 2-d array)")
    try:
        a = np.asarray(obj)
    except Exception as e:  # e.g. a torch tensor that requires grad
        raise TypeError(f"{name}: cannot be read as an array ({e}); for a torch tensor pass t.detach().cpu()") from e
    kind = a.dtype.kind
    if kind == "b":
        raise ValueError(f"{name}: boolean arrays are not data (dtype {a.dtype})")
    if kind in "iu":
        if a.size and (int(a.max()) > _EXACT_INT or int(a.min()) < -_EXACT_INT):
            raise ValueError(f"{name}: integer entries beyond 2^53 are not exact in float64 (dtype {a.dtype})")
        a = a.astype(np.float64)
    elif kind == "f":
        if a.dtype.itemsize > 8:  # long double: accepted only when every value is a double
            b = a.astype(np.float64)
            finite = np.isfinite(a)
            if not np.array_equal(b[finite], a[finite]):
                raise ValueError(f"{name}: {a.dtype} values that are not float64 values would be rounded; convert explicitly")
            a = b
        else:
            a = a.astype(np.float64, copy=False)  # float16/32 widen exactly
    else:
        raise ValueError(f"{name}: expected a float or integer array, got dtype {a.dtype}")
    if a.ndim != 2:
        raise ValueError(f"{name} must be a 2-d array{' (' + shape_text + ')' if shape_text else ''}, got shape {a.shape}")
    if a.size == 0:
        raise ValueError(f"{name} is empty (shape {a.shape})")
    if shape is not None:
        for axis, want in enumerate(shape):
            if want is not None and a.shape[axis] != want:
                raise ValueError(f"{name} has shape {a.shape}, expected {shape_text}")
    bad = ~np.isfinite(a)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise ValueError(f"{name}[{i}, {j}] = {a[i, j]} is not finite")
    return np.asfortranarray(a)


def decimal_text(x, name):
    """A number as the decimal the C++ side parses exactly.

    Strings and Decimals are taken as written; a float by its shortest repr
    (0.8 -> "0.8" -> 8/10, as on the command line); integers exactly.
    """
    if isinstance(x, bool):
        raise TypeError(f"{name}: expected a number, got a bool")
    if isinstance(x, str):
        return x.strip()
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise ValueError(f"{name} = {x} is not finite")
        return str(x)
    if isinstance(x, numbers.Integral):
        return str(int(x))
    if isinstance(x, numbers.Real):
        f = float(x)
        if not np.isfinite(f):
            raise ValueError(f"{name} = {f} is not finite")
        return repr(f)
    raise TypeError(f"{name}: expected a number or a decimal string, got {type(x).__name__}")


def decimal_list(xs, name):
    if isinstance(xs, (str, numbers.Number)):
        xs = [xs]
    return [decimal_text(x, f"{name}[{i}]") for i, x in enumerate(xs)]


def integer(x, name, minimum=None):
    if isinstance(x, bool) or not isinstance(x, numbers.Integral):
        if isinstance(x, float) and x.is_integer():
            x = int(x)
        else:
            raise TypeError(f"{name} must be an integer, got {x!r}")
    x = int(x)
    if minimum is not None and x < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {x}")
    return x


def choice(x, name, allowed):
    if x not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {x!r}")
    return x


def digits(x):
    return integer(x, "digits", 1)
