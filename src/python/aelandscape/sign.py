"""1-bit (sign) autoencoders (Koegler et al. 2024)."""
from . import _arrays, _call, _core
from ._results import DenoiserRiskResult


def denoiser_risk(rate, p, *, digits=30, partial=False, certify=False):
    """Bayes-denoiser MSE R_den(p, r) by tanh-sinh quadrature.

    CLI: ``aelandscape sign denoiser-risk --rate R --p P``. rate in (0, 1], p in
    (0, 1], as numbers or decimal strings parsed exactly. certify adds the Arb
    ball route ("evidence", risk_ball). Returns a DenoiserRiskResult.
    """
    doc = _call.run(_core.sign_denoiser_risk, _arrays.decimal_text(rate, "rate"), _arrays.decimal_text(p, "p"),
                    bool(partial), bool(certify), _arrays.digits(digits))
    return DenoiserRiskResult(doc)
