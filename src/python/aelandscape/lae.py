"""Linear autoencoders (Oftadeh et al. 2020): `lae inspect` and `lae spectrum`.

Data X: m x n, samples in rows (as the CLI reads files). Weights: decoder A
(n x p) and encoder B (p x n), so that the reconstruction is A B x.
"""
from . import _arrays, _call, _core
from ._results import InspectResult, SpectrumResult

_LOSSES = ("ordered", "mse", "both")


def _data(X, targets, drop_constant):
    X = _arrays.matrix(X, "X", shape_text="m x n, samples in rows")
    Y = None
    if targets is not None:
        Y = _arrays.matrix(targets, "targets", shape=X.shape, shape_text=f"the shape of X, {X.shape}")
    return X, Y


def inspect(X, A, B, *, loss="both", center=False, drop_constant=False, targets=None, tol=1e-5, numeric=False,
            digits=None, multiprecision=None, source="array", certify=False):
    """Verdict on weights (A, B) from any trainer: global minimum, saddle of index k, or not critical.

    CLI: ``aelandscape lae inspect --data X --decoder A --encoder B``. Computes in
    double (17 digits) unless ``digits`` is given or ``multiprecision=True``
    (MPFR at ``digits``, default 30). ``certify=True`` (CLI ``--certify``; implies
    multiprecision) adds what is proved about the exact float64 weights and data:
    ``loss_ball``, ``gradient_norm_ball``, ``criticality``, ``distance_ball``, the proved
    ``inertia``, ``statement``, ``evidence`` (docs/certification.md §9). Returns an InspectResult.
    """
    _arrays.choice(loss, "loss", _LOSSES)
    X, Y = _data(X, targets, drop_constant)
    n = X.shape[1]
    A = _arrays.matrix(A, "A", shape=(None if drop_constant else n, None),
                       shape_text=f"n x p with n = {n}" if not drop_constant else "n x p")
    p = A.shape[1]
    B = _arrays.matrix(B, "B", shape=(p, A.shape[0]), shape_text=f"p x n = {p} x {A.shape[0]}")
    if p > A.shape[0]:
        raise ValueError(f"p = {p} > n = {A.shape[0]}: A has more columns than rows")
    if multiprecision is None:
        multiprecision = digits is not None or bool(certify)
    digits = _arrays.digits(30 if digits is None else digits)
    tol = float(tol)
    doc = _call.run(_core.lae_inspect, X, Y, A, B, str(source), "array", bool(center), bool(drop_constant), loss, tol,
                    bool(numeric), bool(multiprecision), digits, bool(certify),
                    hint="" if multiprecision else " (rerun with multiprecision=True)")
    return InspectResult(doc)


def spectrum(X=None, p=2, *, loss="ordered", index=None, scales=None, scale_matrix=None, method="closed-form",
             point="critical", center=False, drop_constant=False, targets=None, digits=30, n=6, m=40, seed=1,
             synthetic_spectrum="linear", source="array"):
    """Loss, gradient and full Hessian spectrum at the critical point P(I, C) (or the origin).

    CLI: ``aelandscape lae spectrum --data X --p P --index I --scales C``. X None:
    the CLI's seeded synthetic data (n, m, seed, synthetic_spectrum). index:
    1-based tuple I (default 1..p); scales: diagonal of C as numbers or decimal
    strings, parsed exactly ("0.8" is 8/10; a float by its shortest repr).
    Returns a SpectrumResult (eigenvalues as decimal strings, eigenvalues_float).
    """
    _arrays.choice(loss, "loss", ("ordered", "mse"))
    _arrays.choice(method, "method", ("closed-form", "numeric", "both"))
    _arrays.choice(point, "point", ("critical", "origin"))
    p = _arrays.integer(p, "p", 1)
    Xa = Y = None
    if X is not None:
        Xa, Y = _data(X, targets, drop_constant)
        if p > Xa.shape[1]:
            raise ValueError(f"p = {p} > n = {Xa.shape[1]} (X has n = {Xa.shape[1]} columns)")
    elif targets is not None:
        raise ValueError("targets need X")
    index_text = ""
    if index is not None:
        index_text = ",".join(str(_arrays.integer(i, f"index[{k}]", 1)) for k, i in enumerate(index))
    scale_list = [] if scales is None else _arrays.decimal_list(scales, "scales")
    C = None
    if scale_matrix is not None:
        C = _arrays.matrix(scale_matrix, "scale_matrix", shape=(p, p), shape_text=f"p x p = {p} x {p}")
    doc = _call.run(_core.lae_spectrum, Xa, Y, str(source), "array", bool(center), bool(drop_constant),
                    _arrays.integer(n, "n", 1), _arrays.integer(m, "m", 1), _arrays.integer(seed, "seed", 0),
                    str(synthetic_spectrum), p, loss, index_text, scale_list, C, method, point, _arrays.digits(digits),
                    hint=" (raise digits)")
    return SpectrumResult(doc)
