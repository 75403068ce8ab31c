"""aelandscape: exact results on autoencoder loss landscapes, from Python.

    import numpy as np, aelandscape as ael
    r = ael.lae.inspect(X, A, B, loss="ordered", center=True, digits=30)
    r.verdict, r.saddle_index, r.relative_gradient_norm, r.nearest.index

Every function calls the same library API as the aelandscape command line and
returns a typed result whose to_dict() equals the command's JSON (without
"meta"). See docs/python.md for the list of functions and their CLI commands.
"""
from . import _arrays, _call, _core
from . import lae, sign, sparse, testing
from ._results import (DenoiserRiskResult, ExpectedGradientResult, InspectResult, Section, SpectrumResult,
                       VerifyReport)

__version__ = _core.version()


def verify(only="", *, digits=30, instances=4, seed=1, certify=False):
    """Run the proof-checks of the claims (LAE-n, SC-n, SA-n) and return the claims report.

    CLI: ``aelandscape verify --only ONLY --format json``. only: a claim ID
    (``"LAE-17"``) or a family (``"LAE"``, ``"SC"``, ``"SA"``); empty: all claims
    (about 2.5 minutes). Returns a VerifyReport (iterates over the claims).
    """
    doc = _call.run(_core.verify, str(only), _arrays.integer(instances, "instances", 1), _arrays.integer(seed, "seed", 0),
                    bool(certify), _arrays.digits(digits))
    return VerifyReport(doc)


__all__ = ["lae", "sign", "sparse", "testing", "verify", "InspectResult", "SpectrumResult", "DenoiserRiskResult",
           "ExpectedGradientResult", "VerifyReport", "Section"]
