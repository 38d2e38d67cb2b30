"""Kaplan's critical batch size and the minimum steps and compute it implies (Kaplan et al. 2020, Sec. 5.1 and 6).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import positive_scalar
from .constants import TABLE5
from .inputs import _out, _positive, _Result

__all__ = [
    "critical_batch_size",
    "min_steps",
    "min_compute",
    "predicted_alpha_c_min",
    "PRINTED_ALPHA_C_MIN_PREDICTION",
    "PRINTED_N_EXPONENT_PREDICTION",
]


def critical_batch_size(L: ArrayLike, *, B_star: float = TABLE5.B_star, alpha_B: float = TABLE5.alpha_B) -> _Result:
    """Critical batch size ``B_crit(L) = B_* / L^(1/alpha_B)`` in tokens (Kaplan et al. 2020, Eq. 1.4 / 5.3).

    Parameters
    ----------
    L
        Loss in nats per token (> 0).
    B_star
        Scale in tokens: Table 5's 2.1e8 by default; the text rounds it to 2e8 (:data:`B_STAR_TEXT`).
    alpha_B
        Exponent (Table 5: 0.21). B_crit doubles for every 13% decrease in loss (2^-0.21 = 0.86).

    Returns
    -------
    float or numpy.ndarray
        Tokens per batch.

    Examples
    --------
    >>> f"{critical_batch_size(3.0, B_star=2e8):.3g}"
    '1.07e+06'
    """
    loss = _positive(L, "L (loss, nats per token)")
    b = positive_scalar(B_star, "B_star", unit="tokens")
    a = positive_scalar(alpha_B, "alpha_B")
    return _out(b / loss ** (1.0 / a))


def min_steps(S: ArrayLike, B: ArrayLike, L: ArrayLike, **batch: float) -> _Result:
    """Minimum steps equivalent to ``S`` steps at batch ``B``: ``S_min = S / (1 + B_crit(L)/B)`` (Eq. 5.4).

    Extra keyword arguments (``B_star``, ``alpha_B``) go to :func:`critical_batch_size`.
    """
    s = _positive(S, "S (steps)")
    b = _positive(B, "B (batch size, tokens)")
    return _out(s / (1.0 + np.asarray(critical_batch_size(L, **batch)) / b))


def min_compute(C: ArrayLike, B: ArrayLike, L: ArrayLike, **batch: float) -> _Result:
    """Minimum compute equivalent to ``C`` at batch ``B``: ``C_min = C / (1 + B/B_crit(L))`` (Eq. 5.5).

    ``C`` is returned in whatever unit it is given. At ``B = B_crit`` the run costs ``C = 2 C_min``.
    """
    c = _positive(C, "C (compute)")
    b = _positive(B, "B (batch size, tokens)")
    return _out(c / (1.0 + b / np.asarray(critical_batch_size(L, **batch))))


def predicted_alpha_c_min(alpha_S: float = TABLE5.alpha_S, alpha_B: float = TABLE5.alpha_B,
                          alpha_N: float = TABLE5.alpha_N) -> float:
    """Kaplan's prediction ``alpha_C^min = 1 / (1/alpha_S + 1/alpha_B + 1/alpha_N)`` (Eq. 1.7-1.8, Sec. 6.2).

    With Table 5's rounded exponents this is 0.0520, and the N exponent 0.0520/0.076 = 0.684. The paper prints
    ≈ 0.054 and ≈ 0.71 instead (Sec. 6.2, Eq. 6.4-6.5; :data:`PRINTED_ALPHA_C_MIN_PREDICTION`,
    :data:`PRINTED_N_EXPONENT_PREDICTION`) without listing its inputs. No combination of the printed
    exponents gives 0.054 (Table 3's alpha_N = 0.077 gives 0.0525), so the paper presumably used its unrounded
    fits; both versions agree with the directly fitted 0.050 and 0.73 to a few hundredths. Then
    N ∝ C_min^(alpha_C^min/alpha_N), B ∝ C_min^(alpha_C^min/alpha_B) and S ∝ C_min^(alpha_C^min/alpha_S).

    Examples
    --------
    >>> round(predicted_alpha_c_min(), 4)
    0.052
    """
    s = positive_scalar(alpha_S, "alpha_S")
    b = positive_scalar(alpha_B, "alpha_B")
    n = positive_scalar(alpha_N, "alpha_N")
    return 1.0 / (1.0 / s + 1.0 / b + 1.0 / n)


#: Kaplan et al. (2020), Sec. 6.2, Eq. 6.4: the predicted alpha_C^min as printed, "≈ 0.054".
PRINTED_ALPHA_C_MIN_PREDICTION: float = 0.054
#: Kaplan et al. (2020), Sec. 6.2, Eq. 6.5: the predicted exponent of N(C_min) as printed, "≈ 0.71".
PRINTED_N_EXPONENT_PREDICTION: float = 0.71
