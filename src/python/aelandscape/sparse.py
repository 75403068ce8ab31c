"""Sparse coding with a tied ReLU autoencoder (Rangamani et al. 2018)."""
import numbers

from . import _arrays, _call, _core
from ._results import ExpectedGradientResult

_TEXT = ("dictionary", "support", "value_law", "window")
_DECIMAL = ("delta", "q", "eps", "eps_frac")
_LISTS = ("values", "probs", "interval", "moments")
_INTEGERS = ("n", "h", "k", "seed")
_FLAGS = ("normalise", "certify")


def _instance(kw):
    out = {}
    for name, value in kw.items():
        if value is None:
            continue
        if name in _TEXT:
            out[name] = str(value)
        elif name in _DECIMAL:
            out[name] = _arrays.decimal_text(value, name)
        elif name in _LISTS:
            out[name] = ",".join(_arrays.decimal_list(value, name))
        elif name in _INTEGERS:
            out[name] = str(_arrays.integer(value, name, 0))
        elif name in _FLAGS:
            out[name] = "true" if value else "false"
        else:
            raise TypeError(f"expected_gradient() got an unknown instance parameter {name!r}")
    return out


def expected_gradient(*, row=0, arithmetic="auto", digits=30, dictionary="identity-hadamard", n=64, k=2,
                      values=(0.95, 1.05), eps_frac=None, **instance):
    """The exact expected gradient E[grad_{W_i} L] under support recovery, its windows and the D2 bound.

    CLI: ``aelandscape sparse expected-gradient --dictionary D --n N --k K --values V --eps-frac T --row I``.
    row: an int, a list of ints or "all". Other instance parameters as the CLI's
    flags with '_' for '-': h, seed, delta, support, q, value_law, probs,
    interval, moments, eps, window, normalise, certify. Returns an
    ExpectedGradientResult.
    """
    _arrays.choice(arithmetic, "arithmetic", ("auto", "rational", "mpfr", "double"))
    if row == "all":
        rows = "all"
    elif isinstance(row, numbers.Integral) and not isinstance(row, bool):
        rows = str(_arrays.integer(row, "row", 0))
    else:
        rows = ",".join(str(_arrays.integer(r, f"row[{i}]", 0)) for i, r in enumerate(row))
    spec = _instance(dict(instance, dictionary=dictionary, n=n, k=k, values=values, eps_frac=eps_frac))
    doc = _call.run(_core.sparse_expected_gradient, spec, rows, arithmetic, _arrays.digits(digits))
    return ExpectedGradientResult(doc)
