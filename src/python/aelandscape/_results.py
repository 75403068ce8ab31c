"""Typed result objects over the documents the CLI prints as JSON.

A result holds the document (to_dict() returns a copy, equal to the CLI's
JSON without "meta"). Its keys read as attributes; sections (JSON objects) as
nested results. Multiprecision numbers stay decimal strings, exact to the
digits printed; NAME_float gives a float (a numpy array for lists) and
NAME_mpf an mpmath.mpf (or list) when mpmath is installed.
"""
import copy
import json

import numpy as np

try:  # optional
    import mpmath
except ImportError:  # pragma: no cover - depends on the machine
    mpmath = None


def _to_float(value):
    if value is None:
        return None
    if isinstance(value, list):
        return np.array([np.nan if v is None else float(v) for v in value], dtype=np.float64)
    return float(value)


def _to_mpf(value):
    if mpmath is None:
        raise ImportError("mpmath is not installed (Debian: apt-get install python3-mpmath)")
    if value is None:
        return None
    if isinstance(value, list):
        return [_to_mpf(v) for v in value]
    text = str(value)
    with mpmath.workdps(max(15, len(text) + 5)):
        return mpmath.mpf(text)


class Section:
    """A JSON object as attributes (keys with '-' or ' ' via section['key'])."""

    _aliases = {}

    def __init__(self, doc):
        object.__setattr__(self, "_doc", doc)

    def __getattr__(self, name):
        doc = object.__getattribute__(self, "_doc")
        key = type(self)._aliases.get(name, name)
        if key in doc:
            return _wrap(doc[key])
        for suffix, convert in (("_float", _to_float), ("_mpf", _to_mpf)):
            if name.endswith(suffix):
                base = type(self)._aliases.get(name[: -len(suffix)], name[: -len(suffix)])
                if base in doc:
                    return convert(doc[base])
        if name.startswith("_"):
            raise AttributeError(name)
        return None if name in type(self)._optional else self._missing(name)

    _optional = ()

    def _missing(self, name):
        raise AttributeError(f"{type(self).__name__} has no field {name!r} (fields: {', '.join(self._doc)})")

    def __getitem__(self, key):
        return _wrap(self._doc[key])

    def __contains__(self, key):
        return key in self._doc

    def __setattr__(self, name, value):
        raise AttributeError("results are read-only")

    def keys(self):
        return self._doc.keys()

    def to_dict(self):
        """The document, as the CLI prints it in JSON (without "meta")."""
        return copy.deepcopy(self._doc)

    def to_json(self, **kw):
        return json.dumps(self._doc, **kw)

    def __dir__(self):
        return sorted(set(list(self._doc) + list(type(self)._aliases) + ["to_dict", "to_json"]))

    def __eq__(self, other):
        return isinstance(other, Section) and other._doc == self._doc

    __hash__ = None

    def _summary(self):
        keys = [k for k in self._doc if not isinstance(self._doc[k], (dict, list))][:6]
        return ", ".join(f"{k}={self._doc[k]!r}" for k in keys)

    def __repr__(self):
        return f"{type(self).__name__}({self._summary()})"


def _wrap(value):
    if isinstance(value, dict):
        return Section(value)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [Section(v) for v in value]
    return value


class InspectResult(Section):
    """`lae inspect`: verdict on given weights (global minimum, saddle of index k, not critical)."""

    _aliases = {"nearest": "nearest_critical_point"}
    _optional = ("saddle_index", "saddle_index_evidence", "verdicts", "detail", "evidence", "statement", "certified",
                 "loss_ball", "gradient_norm_ball", "criticality", "distance_ball", "inertia", "proved_classification")

    def __repr__(self):
        d = self._doc
        extra = f", saddle_index={d['saddle_index']}" if "saddle_index" in d else ""
        extra += f", evidence={d['evidence']!r}" if "evidence" in d else ""
        return (f"InspectResult(verdict={d.get('verdict')!r}{extra}, loss={d.get('verdict_loss')!r}, "
                f"relative_gradient_norm={d.get('relative_gradient_norm')!r})")


class SpectrumResult(Section):
    """`lae spectrum`: loss, gradient and the full Hessian spectrum at one critical point."""

    _optional = ("saddle_index", "discrepancy", "loss_discrepancy", "numeric_inertia", "index", "scales", "scale_matrix")

    def __repr__(self):
        d = self._doc
        inertia = d.get("inertia", {})
        return (f"SpectrumResult(classification={d.get('classification')!r}, loss={d.get('loss')!r}, "
                f"inertia=({inertia.get('negative')}, {inertia.get('zero')}, {inertia.get('positive')}), "
                f"{len(d.get('eigenvalues', []))} eigenvalues)")


class DenoiserRiskResult(Section):
    """`sign denoiser-risk`: the Bayes-denoiser MSE R_den(p, r) by quadrature."""

    def __repr__(self):
        d = self._doc
        return f"DenoiserRiskResult(rate={d.get('rate')!r}, p={d.get('p')!r}, risk={d.get('risk')!r})"


class ExpectedGradientResult(Section):
    """`sparse expected-gradient`: the exact expected gradient near the dictionary."""

    _optional = ("rows", "cancellation_ratio", "within_certified_bound", "warning", "expected_gradient_norm_ball",
                 "expected_gradient_norm_sq_ball", "max_norm_ball", "max_norm_sq_ball", "all_rows_ball_note")

    def __repr__(self):
        d = self._doc
        return (f"ExpectedGradientResult(arithmetic={d.get('arithmetic')!r}, row={d.get('row')!r}, "
                f"expected_gradient_norm={d.get('expected_gradient_norm')!r}, "
                f"recovery_certified={d.get('recovery_certified')!r})")


class VerifyReport(Section):
    """`verify`: the claims report; iterates over the claims (id, verdict, note, ...)."""

    def __iter__(self):
        return iter(_wrap(self._doc["claims"]))

    def __len__(self):
        return len(self._doc["claims"])

    @property
    def passed(self):
        return self._doc["summary"]["passed"]

    @property
    def failed(self):
        return self._doc["summary"]["failed"]

    @property
    def skipped(self):
        return self._doc["summary"]["skipped"]

    def __repr__(self):
        s = self._doc["summary"]
        return f"VerifyReport({s['claims']} claims: {s['passed']} passed, {s['failed']} failed, {s['skipped']} skipped)"


def non_finite_path(doc, path=""):
    """The first value printed as a non-finite number ("nan", "-inf", ...), as its key path."""
    if isinstance(doc, dict):
        items = doc.items()
    elif isinstance(doc, list):
        items = enumerate(doc)
    else:
        if isinstance(doc, float) and not np.isfinite(doc):
            return path
        if isinstance(doc, str) and doc.lstrip("+-").lower() in ("inf", "nan", "infinity"):
            return path
        return ""
    for k, v in items:
        found = non_finite_path(v, f"{path}.{k}" if path else str(k))
        if found:
            return found
    return ""
