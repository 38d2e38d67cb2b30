"""Kaplan et al.'s (2020) loss laws: L(N), L(D), L(C_min) (Eq. 1.1-1.3) and the joint L(N, D), L(N, S) (Eq. 1.5-1.6).

``N`` counts non-embedding parameters, the loss is in nats per token, and compute is ``C_min`` in PF-days unless
``unit="flops"`` is stated (see :mod:`scaling_helpers.kaplan`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import positive_scalar
from .constants import (
    TABLE2_JOINT,
    TABLE3_STEPS,
    TABLE5,
    JointLawConstants,
    KaplanConstants,
    StepsLawConstants,
)
from .inputs import _out, _positive, _Result, to_pf_days

__all__ = [
    "loss_vs_params",
    "loss_vs_tokens",
    "loss_vs_compute",
    "loss_params_tokens",
    "loss_params_steps",
    "overfitting_penalty",
    "tokens_to_avoid_overfitting",
]


def loss_vs_params(N: ArrayLike, constants: KaplanConstants = TABLE5) -> _Result:
    """Converged loss of a model with ``N`` non-embedding parameters: ``L(N) = (N_c/N)^alpha_N`` (Eq. 1.1).

    Valid for models trained to convergence on enough data (Kaplan's 22B-token WebText2), early-stopped.

    Parameters
    ----------
    N
        Non-embedding parameters (> 0): ``12 n_layer d_model**2``, not the total count with embeddings.
    constants
        Table 5 by default (alpha_N = 0.076, N_c = 8.8e13).

    Returns
    -------
    float or numpy.ndarray
        Loss in nats per token.

    Examples
    --------
    >>> round(loss_vs_params(1e9), 3)
    2.376
    """
    n = _positive(N, "N (non-embedding parameters)")
    return _out((constants.N_c / n) ** constants.alpha_N)


def loss_vs_tokens(D: ArrayLike, constants: KaplanConstants = TABLE5) -> _Result:
    """Loss of a large model trained on ``D`` tokens with early stopping: ``L(D) = (D_c/D)^alpha_D`` (Eq. 1.2).

    Parameters
    ----------
    D
        Training tokens (> 0).
    constants
        Table 5 by default (alpha_D = 0.095, D_c = 5.4e13).

    Returns
    -------
    float or numpy.ndarray
        Loss in nats per token.
    """
    d = _positive(D, "D (tokens)")
    return _out((constants.D_c / d) ** constants.alpha_D)


def loss_vs_compute(C: ArrayLike, *, unit: str, constants: KaplanConstants = TABLE5,
                    C_c_min: float | None = None) -> _Result:
    """Loss at the compute-efficient frontier: ``L(C_min) = (C_c^min / C_min)^alpha_C^min`` (Eq. 1.3).

    Parameters
    ----------
    C
        Compute ``C_min`` (> 0) in the unit given by ``unit``.
    unit
        ``"flops"`` or ``"pf_days"`` (keyword-only, required; C_c^min is in PF-days).
    constants
        Table 5 by default (alpha_C^min = 0.050, C_c^min = 3.1e8 PF-days).
    C_c_min
        Override the scale in PF-days, e.g. :data:`FIG1_LEGEND_C_C_MIN` (2.3e8) to draw Figure 1's legend line.

    Returns
    -------
    float or numpy.ndarray
        Loss in nats per token.

    Examples
    --------
    >>> round(loss_vs_compute(1.0, unit="pf_days"), 3)
    2.658
    """
    c = to_pf_days(C, unit=unit)
    scale = constants.C_c_min if C_c_min is None else positive_scalar(C_c_min, "C_c_min", unit="PF-days")
    return _out((scale / np.asarray(c)) ** constants.alpha_C_min)


# ---------------------------------------------------------------------------------------------- joint laws
def loss_params_tokens(N: ArrayLike, D: ArrayLike, constants: JointLawConstants = TABLE2_JOINT) -> _Result:
    """Kaplan's joint law ``L(N, D) = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D`` (Eq. 1.5).

    Parameters
    ----------
    N
        Non-embedding parameters (> 0).
    D
        Training tokens (> 0); ``numpy.inf`` gives the infinite-data limit ``(N_c/N)^alpha_N``.
    constants
        :data:`TABLE2_JOINT` (alpha_N 0.076, alpha_D 0.103, N_c 6.4e13, D_c 1.8e13) by default: the fit of this
        very law. Plugging in the single-variable 0.095 / 5.4e13 is a common mistake.

    Returns
    -------
    float or numpy.ndarray
        Loss in nats per token (``N`` and ``D`` broadcast).

    Examples
    --------
    >>> round(loss_params_tokens(1e9, 2.3e10), 3), round(loss_params_tokens(1e9, float("inf")), 3)
    (2.367, 2.319)
    """
    n = _positive(N, "N (non-embedding parameters)")
    d = _positive(D, "D (tokens)", allow_inf=True)
    k = constants
    return _out(((k.N_c / n) ** (k.alpha_N / k.alpha_D) + k.D_c / d) ** k.alpha_D)


def overfitting_penalty(N: ArrayLike, D: ArrayLike, constants: JointLawConstants = TABLE2_JOINT) -> _Result:
    """Relative loss penalty of finite data, ``δL = L(N, D)/L(N, ∞) - 1`` (Kaplan et al. 2020, Eq. 4.3).

    ``δL = (1 + (N/N_c)^(alpha_N/alpha_D) D_c/D)^alpha_D - 1``: it depends on ``N`` and ``D`` only through
    ``N^(alpha_N/alpha_D) / D``, so D must grow as ``N^0.74`` to keep the penalty fixed.

    Parameters
    ----------
    N
        Non-embedding parameters (> 0).
    D
        Training tokens (> 0).
    constants
        Table 2 by default.

    Returns
    -------
    float or numpy.ndarray
        The penalty as a fraction (0.02 = 2% above the infinite-data loss).
    """
    n = _positive(N, "N (non-embedding parameters)")
    d = _positive(D, "D (tokens)", allow_inf=True)
    k = constants
    return _out((1.0 + (n / k.N_c) ** (k.alpha_N / k.alpha_D) * k.D_c / d) ** k.alpha_D - 1.0)


def tokens_to_avoid_overfitting(N: ArrayLike) -> _Result:
    """Data needed to keep the overfitting penalty below the seed noise: ``D ≳ 5e3 N^0.74`` (Eq. 4.4).

    Kaplan et al. (2020) set δL ≈ 0.02 (run-to-run variation) in Eq. 4.3; 0.74 ≈ alpha_N/alpha_D.

    Parameters
    ----------
    N
        Non-embedding parameters (> 0).

    Returns
    -------
    float or numpy.ndarray
        Tokens.
    """
    n = _positive(N, "N (non-embedding parameters)")
    return _out(5e3 * n**0.74)


def loss_params_steps(N: ArrayLike, S: ArrayLike, constants: StepsLawConstants = TABLE3_STEPS) -> _Result:
    """Loss after ``S`` minimal steps: ``L(N, S) = (N_c/N)^alpha_N + (S_c/S)^alpha_S`` (Eq. 1.6, Table 3).

    ``S`` is ``S_min``, the number of steps at a batch size much larger than B_crit (convert actual steps with
    :func:`min_steps`); valid for D large enough that there is no overfitting.

    Parameters
    ----------
    N
        Non-embedding parameters (> 0).
    S
        Minimum optimiser steps ``S_min`` (> 0).
    constants
        Table 3 by default (alpha_N 0.077, alpha_S 0.76, N_c 6.5e13, S_c 2.1e3).

    Returns
    -------
    float or numpy.ndarray
        Loss in nats per token (``N`` and ``S`` broadcast).
    """
    n = _positive(N, "N (non-embedding parameters)")
    s = _positive(S, "S (optimiser steps)")
    k = constants
    return _out((k.N_c / n) ** k.alpha_N + (k.S_c / s) ** k.alpha_S)


