"""Assertions for other projects' test suites: is a trained linear autoencoder
at the global minimum, at a saddle of index k, or not at a critical point?

    import aelandscape.testing as at
    def test_trainer_finds_the_ordered_minimum():
        A, B = my_trainer(X, p=4)
        at.assert_global_minimum(X, A, B, loss="ordered", center=True)

Each helper calls aelandscape.lae.inspect (keyword arguments are passed on:
center, drop_constant, tol, numeric, digits, ...) and returns its result; on
failure it raises AssertionError explaining the verdict, the gradient norm,
the nearest critical point and which hidden units hold swapped eigenvectors.
"""
from . import lae


def _units(index):
    """'units 1 and 2 hold eigenvectors 2 and 1 (swapped)' from the nearest index tuple."""
    if not index:
        return ""
    wrong = [(k + 1, i) for k, i in enumerate(index) if i != k + 1]
    if not wrong:
        return "every unit k holds eigenvector k"
    dead = [k for k, i in wrong if i is None]
    moved = [(k, i) for k, i in wrong if i is not None]
    parts = []
    if moved:
        units = ", ".join(str(k) for k, _ in moved)
        vectors = ", ".join(str(i) for _, i in moved)
        held = {i for _, i in moved}
        kind = "swapped" if held == {k for k, _ in moved} else "eigenvectors outside the top p"
        parts.append(f"unit{'s' if len(moved) > 1 else ''} {units} hold{'s' if len(moved) == 1 else ''} "
                     f"eigenvector{'s' if len(moved) > 1 else ''} {vectors} ({kind})")
    if dead:
        parts.append(f"dead unit{'s' if len(dead) > 1 else ''} {', '.join(map(str, dead))} (zero column or row)")
    return "; ".join(parts)


def explain(result):
    """A readable account of an InspectResult, one fact per line."""
    d = result.to_dict()
    loss = d.get("verdict_loss", "ordered")
    sub = d.get(loss, {})
    lines = [f"verdict ({loss} loss): {d.get('verdict')}"
             + (f", saddle index {d['saddle_index']}" if "saddle_index" in d else "")]
    lines.append(f"relative gradient norm {sub.get('relative_gradient_norm')} "
                 f"(critical below {sub.get('critical_tolerance')}; at the given scaling "
                 f"{sub.get('relative_gradient_norm_given_scaling')})")
    near = d.get("nearest_critical_point") or {}
    if near:
        idx = near.get("index")
        lines.append(f"nearest critical point: I = ({', '.join('-' if i is None else str(i) for i in idx)}), "
                     f"distance {near.get('distance')}")
        units = _units(idx) if loss == "ordered" else ""
        if units:
            lines.append(f"units: {units}")
    if "loss" in sub:
        lines.append(f"loss {sub['loss']} vs optimal {sub.get('optimal_loss')} (gap {sub.get('loss_gap')})")
    if "detail" in sub:
        lines.append(f"detail: {sub['detail']}")
    return "\n".join(lines)


def _inspect(X, A, B, loss, kw):
    if loss not in ("ordered", "mse"):
        raise ValueError("loss must be 'ordered' or 'mse' for an assertion (one verdict)")
    return lae.inspect(X, A, B, loss=loss, **kw)


def assert_global_minimum(X, A, B, loss="ordered", **kw):
    """Passes when (A, B) is a global minimum of the loss on X (up to tol)."""
    r = _inspect(X, A, B, loss, kw)
    if r.verdict != "global minimum":
        raise AssertionError(f"expected a global minimum of the {loss} loss\n" + explain(r))
    return r


def assert_saddle(X, A, B, index=None, loss="ordered", **kw):
    """Passes when (A, B) is a saddle (of saddle index `index` when given)."""
    r = _inspect(X, A, B, loss, kw)
    ok = r.verdict == "saddle" and (index is None or r.saddle_index == index)
    if not ok:
        want = "a saddle" + (f" of index {index}" if index is not None else "")
        raise AssertionError(f"expected {want} of the {loss} loss\n" + explain(r))
    return r


def assert_not_critical(X, A, B, loss="ordered", **kw):
    """Passes when (A, B) is not a critical point (relative gradient norm above tol)."""
    r = _inspect(X, A, B, loss, kw)
    if r.verdict != "not critical":
        raise AssertionError(f"expected weights that are not a critical point of the {loss} loss\n" + explain(r))
    return r
