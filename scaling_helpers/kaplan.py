"""Kaplan et al. (2020) scaling laws, and the two papers that explain why their allocation over-sized models.

Kaplan, McCandlish, Henighan, et al. (2020), "Scaling Laws for Neural Language Models", arXiv:2001.08361.
Their conventions differ from Chinchilla's and from the rest of this course:

* ``N`` counts **non-embedding** parameters (Eq. 2.1: ``N ≈ 12 n_layer d_model**2``);
* the loss is WebText2 cross-entropy in **nats per token** (GPT-2 BPE, vocabulary 50257);
* compute in the fitted laws is ``C_min`` in **PF-days** (1 PF-day = 8.64e19 FLOPs, Sec. 1.3), the compute
  needed at a batch size far below the critical batch size.

Every compute function here therefore takes an explicit, keyword-only ``unit="flops"`` or ``unit="pf_days"``
and rejects values that are implausible in the stated unit (a "FLOPs" value below 1e9, a "PF-days" value above
1e12): that mix-up is the most common slip with these laws.

Constants
---------
TABLE5
    The single-variable fits (Eq. 1.1-1.4, Appendix A Table 5): alpha_N 0.076, N_c 8.8e13, alpha_D 0.095,
    D_c 5.4e13, alpha_C^min 0.050, C_c^min 3.1e8 PF-days, alpha_B 0.21, B_* 2.1e8 tokens, alpha_S 0.76, S_c 2.1e3.
TABLE2_JOINT
    The fit of the joint law L(N, D) (Eq. 1.5, Table 2): alpha_N 0.076, alpha_D 0.103, N_c 6.4e13, D_c 1.8e13.
    Not the single-variable 0.095 / 5.4e13.
TABLE3_STEPS
    The fit of L(N, S_min) (Eq. 1.6, Table 3): alpha_N 0.077, alpha_S 0.76, N_c 6.5e13, S_c 2.1e3.
TABLE6
    Compute-efficient allocation (Table 6, Figure 14), C_min in PF-days: N_opt = 1.3e9 C^0.73,
    B = 2.0e6 C^0.24, S_min = 5.4e3 C^0.03, D_opt = 2e10 C^0.27.
EQ_6_7_TOKENS
    The alternative data rule of Sec. 6.3, Eq. 6.7: D = 4e10 C_min^0.26 (C = 2 C_min when training at B_crit).
PEARCE_SONG_GAMMA
    47491: Pearce & Song's (2024, arXiv:2406.12907) fit N_T = N_E + 47491 N_E^(1/3) to the Chinchilla configurations.
PORIAN_STEPS_REFINEDWEB, PORIAN_STEPS_OWT2
    Porian et al. (2024, arXiv:2406.19146): the exponent a of N* ∝ C^a as Kaplan's set-up is corrected one step
    at a time.

Provenance: every constant is printed in the paper's tables, equations or figure legends, cited at each one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import positive_array, positive_scalar
from .laws import HOFFMANN_2022_UNROUNDED, ParametricLaw
from .units import PF_DAY

__all__ = [
    "KaplanConstants",
    "JointLawConstants",
    "StepsLawConstants",
    "AllocationRule",
    "ComputeEfficientAllocation",
    "FrontierSimulation",
    "PorianStep",
    "TABLE5",
    "TABLE2_JOINT",
    "TABLE3_STEPS",
    "TABLE6",
    "EQ_6_7_TOKENS",
    "FIG1_LEGEND_C_C_MIN",
    "FIG14_UNADJUSTED",
    "B_STAR_TEXT",
    "KAPLAN_N_RANGE",
    "PEARCE_SONG_GAMMA",
    "PORIAN_STEPS_REFINEDWEB",
    "PORIAN_STEPS_OWT2",
    "to_pf_days",
    "loss_vs_params",
    "loss_vs_tokens",
    "loss_vs_compute",
    "loss_params_tokens",
    "loss_params_steps",
    "overfitting_penalty",
    "tokens_to_avoid_overfitting",
    "critical_batch_size",
    "min_steps",
    "min_compute",
    "predicted_alpha_c_min",
    "PRINTED_ALPHA_C_MIN_PREDICTION",
    "PRINTED_N_EXPONENT_PREDICTION",
    "compute_efficient_allocation",
    "optimal_params",
    "optimal_tokens",
    "AllocationComparison",
    "compare_allocations",
    "total_params",
    "embedding_fraction",
    "simulate_kaplan_regime",
    "frontier_local_exponent",
]

Unit = Literal["flops", "pf_days"]
_Result = float | NDArray[np.float64]

#: Smallest compute, in FLOPs, that any language-model training run could plausibly use (a 1k-parameter model
#: on 1M tokens is 6e9 FLOPs). Anything smaller labelled "flops" is almost surely in PF-days.
_MIN_PLAUSIBLE_FLOPS = 1e9
#: Largest compute, in PF-days, that is plausible (8.64e31 FLOPs). Anything larger labelled "pf_days" is almost
#: surely in FLOPs.
_MAX_PLAUSIBLE_PF_DAYS = 1e12


# ---------------------------------------------------------------------------------------------- helpers
def _out(x: ArrayLike) -> _Result:
    """A Python float for 0-d results, else an ndarray."""
    arr = np.asarray(x, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


def _positive(values: ArrayLike, name: str, *, allow_inf: bool = False) -> NDArray[np.float64]:
    """Strictly positive numbers of any shape (``+inf`` allowed with ``allow_inf``), validated."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        positive_array(values, name)  # raises a ValueError that says what is wrong
        raise
    flat = np.ravel(arr)
    if allow_inf:
        flat = flat[flat != np.inf]  # +inf is allowed; NaN and -inf still fail below
        if flat.size == 0:
            return arr
    positive_array(flat, name)
    return arr


def _unit(unit: str) -> Unit:
    """Normalise a unit name; raise a ValueError naming the accepted values."""
    if not isinstance(unit, str):
        raise ValueError(f"unit must be the string 'flops' or 'pf_days'; got {unit!r}.")
    u = unit.strip().lower().replace("-", "_").replace(" ", "_")
    if u in ("flops", "flop"):
        return "flops"
    if u in ("pf_days", "pf_day", "pfdays", "pfday", "petaflop_days", "petaflop_s_days"):
        return "pf_days"
    raise ValueError(f"unit must be 'flops' or 'pf_days' (1 PF-day = {PF_DAY:.3g} FLOPs); got {unit!r}.")


def to_pf_days(C: ArrayLike, *, unit: str) -> _Result:
    """Convert a compute budget to PF-days, rejecting values implausible in the stated unit.

    Kaplan et al. (2020) state every compute law in PF-days (Sec. 1.3: 1 PF-day = 1e15 x 86400 = 8.64e19 FLOPs).

    Parameters
    ----------
    C
        Compute budget(s), > 0.
    unit
        ``"flops"`` or ``"pf_days"`` (keyword-only, required).

    Returns
    -------
    float or numpy.ndarray
        The budget in PF-days.

    Raises
    ------
    ValueError
        If ``unit`` is unknown, ``C`` is not positive, a value labelled FLOPs is below 1e9 (it is almost surely in
        PF-days) or a value labelled PF-days is above 1e12 (it is almost surely in FLOPs).

    Examples
    --------
    >>> to_pf_days(8.64e19, unit="flops")
    1.0
    """
    u = _unit(unit)
    c = _positive(C, "C (compute)")
    if u == "flops":
        low = float(np.min(c))
        if low < _MIN_PLAUSIBLE_FLOPS:
            raise ValueError(
                f"C = {low:.3g} FLOPs is smaller than any language-model training run (>= {_MIN_PLAUSIBLE_FLOPS:.0e} "
                f"FLOPs). If this number is in PF-days, pass unit='pf_days' (1 PF-day = {PF_DAY:.3g} FLOPs).")
        return _out(c / PF_DAY)
    high = float(np.max(c))
    if high > _MAX_PLAUSIBLE_PF_DAYS:
        raise ValueError(
            f"C = {high:.3g} PF-days ({high * PF_DAY:.3g} FLOPs) is implausibly large: it looks like FLOPs. "
            f"Pass unit='flops', or divide by PF_DAY = {PF_DAY:.3g}.")
    return _out(c)


# ---------------------------------------------------------------------------------------------- constants
@dataclass(frozen=True)
class KaplanConstants:
    """The single-variable power laws of Kaplan et al. (2020), Eq. 1.1-1.4, Appendix A Table 5.

    Scales are tokenisation-dependent (WebText2, GPT-2 BPE) and only meaningful with Kaplan's conventions.
    """

    alpha_N: float
    """Exponent of L(N) (Eq. 1.1; Table 5: 0.076)."""
    N_c: float
    """Scale of L(N), non-embedding parameters (Table 5: 8.8e13)."""
    alpha_D: float
    """Exponent of L(D) (Eq. 1.2; Table 5: 0.095)."""
    D_c: float
    """Scale of L(D), tokens (Table 5: 5.4e13)."""
    alpha_C_min: float
    """Exponent of L(C_min) (Eq. 1.3; Table 5: 0.050)."""
    C_c_min: float
    """Scale of L(C_min), PF-days (Eq. 1.3 and Table 5: 3.1e8; Figure 1's legend prints 2.3e8)."""
    alpha_C: float
    """Exponent of the naive fixed-batch law L(C) (Table 5: 0.057)."""
    C_c: float
    """Scale of the naive law L(C), PF-days (Table 5: 1.6e7)."""
    alpha_B: float
    """Exponent of the critical batch size B_crit(L) = B_* / L^(1/alpha_B) (Eq. 1.4 / 5.3; Table 5: 0.21)."""
    B_star: float
    """Scale of B_crit, tokens (Table 5: 2.1e8; the text of Eq. 1.4 / 5.3 says B_* ≈ 2e8)."""
    alpha_S: float
    """Exponent of the steps term of L(N, S) (Eq. 1.6; Table 5: 0.76)."""
    S_c: float
    """Scale of the steps term, optimiser steps (Table 5: 2.1e3)."""
    source: str = "Kaplan et al. 2020, arXiv:2001.08361, Table 5 (Eq. 1.1-1.4)"
    """Citation."""


#: Kaplan et al. (2020), arXiv:2001.08361, Appendix A Table 5 (single-variable fits; Eq. 1.1-1.4).
TABLE5 = KaplanConstants(alpha_N=0.076, N_c=8.8e13, alpha_D=0.095, D_c=5.4e13, alpha_C_min=0.050, C_c_min=3.1e8,
                         alpha_C=0.057, C_c=1.6e7, alpha_B=0.21, B_star=2.1e8, alpha_S=0.76, S_c=2.1e3)

#: The value of C_c^min printed in the legend of Kaplan et al. (2020) Figure 1 (right panel):
#: L = (C_min / 2.3e8)^-0.050. Eq. 1.3 and Table 5 say 3.1e8: the legend disagrees with the paper's own
#: tables (a typo in one of them); use 3.1e8.
FIG1_LEGEND_C_C_MIN = 2.3e8

#: B_* as rounded in the text of Kaplan et al. (2020), Eq. 1.4 / 5.3 ("B_* ≈ 2e8 tokens"); Table 5 prints 2.1e8.
B_STAR_TEXT = 2e8

#: Kaplan's model sizes, non-embedding parameters: "768 to 1.5 billion" (Sec. 2). Pearce & Song simulate
#: 10^2.9 to 10^9.2.
KAPLAN_N_RANGE = (768.0, 1.5e9)


@dataclass(frozen=True)
class JointLawConstants:
    """Constants of Kaplan's joint law ``L(N, D) = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D`` (Eq. 1.5)."""

    alpha_N: float
    """Exponent of the model-size term."""
    alpha_D: float
    """Exponent of the data term."""
    N_c: float
    """Scale of the model-size term, non-embedding parameters."""
    D_c: float
    """Scale of the data term, tokens."""
    source: str = ""
    """Citation."""


#: Kaplan et al. (2020), arXiv:2001.08361, Table 2: the fit of the joint law Eq. 1.5. These are NOT the
#: single-variable values (alpha_D 0.095, D_c 5.4e13 of Table 5).
TABLE2_JOINT = JointLawConstants(alpha_N=0.076, alpha_D=0.103, N_c=6.4e13, D_c=1.8e13,
                                 source="Kaplan et al. 2020, arXiv:2001.08361, Table 2 (fit of Eq. 1.5)")


@dataclass(frozen=True)
class StepsLawConstants:
    """Constants of ``L(N, S) = (N_c/N)^alpha_N + (S_c/S_min)^alpha_S`` (Kaplan et al. 2020, Eq. 1.6)."""

    alpha_N: float
    """Exponent of the model-size term."""
    alpha_S: float
    """Exponent of the steps term."""
    N_c: float
    """Scale of the model-size term, non-embedding parameters."""
    S_c: float
    """Scale of the steps term, optimiser steps."""
    source: str = ""
    """Citation."""


#: Kaplan et al. (2020), arXiv:2001.08361, Table 3: the fit of L(N, S_min) (Eq. 1.6).
TABLE3_STEPS = StepsLawConstants(alpha_N=0.077, alpha_S=0.76, N_c=6.5e13, S_c=2.1e3,
                                 source="Kaplan et al. 2020, arXiv:2001.08361, Table 3 (fit of Eq. 1.6)")


@dataclass(frozen=True)
class AllocationRule:
    """A compute-efficient allocation ``X = scale * C_min**exponent`` with ``C_min`` in PF-days."""

    scale: float
    """The value at C_min = 1 PF-day."""
    exponent: float
    """The power of C_min."""
    quantity: str
    """What is allocated, with its unit."""
    source: str = ""
    """Citation."""

    def __call__(self, c_pf_days: ArrayLike) -> _Result:
        """Evaluate the rule at ``c_pf_days`` (PF-days; use :func:`to_pf_days` to convert)."""
        return _out(self.scale * _positive(c_pf_days, "C_min (PF-days)") ** self.exponent)


#: Kaplan et al. (2020), arXiv:2001.08361, Table 6 (and Figure 14), C_min in PF-days.
TABLE6: dict[str, AllocationRule] = {
    "N": AllocationRule(1.3e9, 0.73, "non-embedding parameters", "Kaplan et al. 2020, Table 6 (Fig. 14 left)"),
    "B": AllocationRule(2.0e6, 0.24, "batch size, tokens (B << B_crit)", "Kaplan et al. 2020, Table 6"),
    "S": AllocationRule(5.4e3, 0.03, "minimum optimiser steps (lower bound)",
                        "Kaplan et al. 2020, Table 6 (Fig. 14 right)"),
    "D": AllocationRule(2e10, 0.27, "training tokens (1 epoch)", "Kaplan et al. 2020, Table 6"),
}

#: Kaplan et al. (2020), Sec. 6.3, Eq. 6.7: D(C_min) = 2 C_min / (6 N(C_min)) ≈ 4e10 tokens x C_min^0.26
#: (training at B_crit costs C = 2 C_min). An alternative to Table 6's 2e10 C_min^0.27: say which one you use.
EQ_6_7_TOKENS = AllocationRule(4e10, 0.26, "training tokens (Eq. 6.7, C = 2 C_min)",
                               "Kaplan et al. 2020, Sec. 6.3, Eq. 6.7")

#: Figure 14 (left) legend of Kaplan et al. (2020) for the unadjusted fixed-batch compute: N = 1.6e9 C^0.88
#: (C in PF-days); Porian et al.'s plotting code uses the same form as their "Kaplan law".
FIG14_UNADJUSTED = AllocationRule(1.6e9, 0.88, "non-embedding parameters (fixed-batch C, not C_min)",
                                  "Kaplan et al. 2020, Figure 14 (left) legend")


# ---------------------------------------------------------------------------------------------- single-variable laws
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


# ---------------------------------------------------------------------------------------------- batch size
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


# ---------------------------------------------------------------------------------------------- allocation
@dataclass(frozen=True)
class ComputeEfficientAllocation:
    """Kaplan's compute-efficient training recipe for one budget (Table 6)."""

    c_min_pf_days: _Result
    """The budget C_min in PF-days."""
    n_opt: _Result
    """Non-embedding parameters, 1.3e9 C_min^0.73."""
    batch_tokens: _Result
    """Batch size in tokens, 2.0e6 C_min^0.24."""
    min_steps: _Result
    """Minimum optimiser steps, 5.4e3 C_min^0.03."""
    tokens: _Result
    """Training tokens, 2e10 C_min^0.27 (Table 6) or 4e10 C_min^0.26 (Eq. 6.7)."""


def compute_efficient_allocation(C: ArrayLike, *, unit: str,
                                 tokens_rule: Literal["table6", "eq6.7"] = "table6") -> ComputeEfficientAllocation:
    """Kaplan's compute-efficient allocation at budget ``C`` (Table 6; C_min in PF-days).

    Parameters
    ----------
    C
        Compute budget C_min (> 0) in ``unit``.
    unit
        ``"flops"`` or ``"pf_days"`` (keyword-only, required).
    tokens_rule
        ``"table6"`` (2e10 C_min^0.27, default) or ``"eq6.7"`` (4e10 C_min^0.26, Sec. 6.3).

    Returns
    -------
    ComputeEfficientAllocation
        Parameters (non-embedding), batch, steps and tokens.

    Examples
    --------
    >>> a = compute_efficient_allocation(1.0, unit="pf_days")
    >>> f"{a.n_opt:.2g} params, {a.tokens:.2g} tokens"
    '1.3e+09 params, 2e+10 tokens'
    """
    c = to_pf_days(C, unit=unit)
    rule = _tokens_rule(tokens_rule)
    return ComputeEfficientAllocation(c_min_pf_days=c, n_opt=TABLE6["N"](c), batch_tokens=TABLE6["B"](c),
                                      min_steps=TABLE6["S"](c), tokens=rule(c))


def _tokens_rule(name: str) -> AllocationRule:
    if name == "table6":
        return TABLE6["D"]
    if name == "eq6.7":
        return EQ_6_7_TOKENS
    raise ValueError(f"tokens_rule must be 'table6' (2e10 C^0.27) or 'eq6.7' (4e10 C^0.26); got {name!r}.")


def optimal_params(C: ArrayLike, *, unit: str) -> _Result:
    """Kaplan's compute-efficient model size ``N_opt = 1.3e9 C_min^0.73`` (Table 6), non-embedding parameters.

    Parameters
    ----------
    C
        Compute budget (> 0) in ``unit``.
    unit
        ``"flops"`` or ``"pf_days"`` (keyword-only, required; the rule is stated for C_min in PF-days).

    Examples
    --------
    >>> f"{optimal_params(1e21, unit='flops'):.3g}"
    '7.77e+09'
    """
    return TABLE6["N"](to_pf_days(C, unit=unit))


def optimal_tokens(C: ArrayLike, *, unit: str, rule: Literal["table6", "eq6.7"] = "table6") -> _Result:
    """Kaplan's compute-efficient token count: ``2e10 C_min^0.27`` (Table 6) or ``4e10 C_min^0.26`` (Eq. 6.7).

    Parameters
    ----------
    C
        Compute budget (> 0) in ``unit``.
    unit
        ``"flops"`` or ``"pf_days"`` (keyword-only, required).
    rule
        ``"table6"`` (default) or ``"eq6.7"``.
    """
    return _tokens_rule(rule)(to_pf_days(C, unit=unit))


@dataclass(frozen=True)
class AllocationComparison:
    """Kaplan's and Chinchilla's compute-optimal allocations at one budget (see :func:`compare_allocations`)."""

    c_flops: float
    """The budget in FLOPs."""
    kaplan_n: float
    """Kaplan, Table 6: 1.3e9 C_min^0.73 (C_min in PF-days), non-embedding parameters."""
    kaplan_d: float
    """Kaplan, Table 6: 2e10 C_min^0.27 tokens."""
    chinchilla_n: float
    """Chinchilla Approach 3: G (C/6)^a (Hoffmann et al. 2022, Eq. 4), total parameters."""
    chinchilla_d: float
    """Chinchilla Approach 3: (C/6)^b / G tokens."""
    rule20_n: float
    """20 tokens per parameter (Hoffmann et al. 2022, Table 3): N = sqrt(C / 120) from C = 6 N (20 N)."""
    rule20_d: float
    """20 N tokens."""
    law_name: str
    """Which Chinchilla constants were used."""

    @property
    def ratio(self) -> float:
        """How many times larger Kaplan's model is than Chinchilla's Approach-3 model."""
        return self.kaplan_n / self.chinchilla_n

    @property
    def ratio_rule20(self) -> float:
        """How many times larger Kaplan's model is than the 20-tokens-per-parameter model."""
        return self.kaplan_n / self.rule20_n

    def summary(self) -> str:
        """One line with rounded numbers (deterministic, for printing)."""
        return (f"C = {self.c_flops:.3g} FLOPs: Kaplan N = {self.kaplan_n:.3g} ({self.kaplan_d / self.kaplan_n:.3g} "
                f"tokens/param); Chinchilla N = {self.chinchilla_n:.3g} ({self.chinchilla_d / self.chinchilla_n:.3g} "
                f"tokens/param); 20 tokens/param N = {self.rule20_n:.3g}; Kaplan/Chinchilla = {self.ratio:.3g}x")


def compare_allocations(C: float, *, unit: str = "flops",
                        law: ParametricLaw = HOFFMANN_2022_UNROUNDED) -> AllocationComparison:
    """Kaplan's (Table 6) and Chinchilla's (Eq. 4 and the 20:1 rule) compute-optimal allocations at one budget.

    Kaplan's N is non-embedding and his compute is C_min; Chinchilla's N and C count everything. At the budgets
    where the two are compared (>= 1e18 FLOPs) the difference in counting is small next to the gap in exponents
    (0.73 vs about 0.5). ``C`` is used as C_min, as in Porian et al.'s (2024) plotting code; Hoffmann et al.
    (2022, App. D.4) instead take C_min = C / 2 (training at B_crit), which gives 0.6 times Kaplan's N
    (4.68e9 at 1e21 FLOPs).

    Parameters
    ----------
    C
        One compute budget (> 0) in ``unit``.
    unit
        ``"flops"`` (default here, as in Chinchilla) or ``"pf_days"``.
    law
        Chinchilla-form law for Approach 3 (unrounded Hoffmann et al. 2022 constants by default).

    Examples
    --------
    >>> cmp = compare_allocations(1e22)
    >>> f"{cmp.kaplan_n:.3g} {cmp.chinchilla_n:.3g} {cmp.rule20_n:.3g}"
    '4.17e+10 6.34e+09 9.13e+09'
    """
    c_pf = positive_scalar(to_pf_days(C, unit=unit), "C")
    c_flops = c_pf * PF_DAY
    n_h, d_h = law.compute_optimal(c_flops)
    n20 = float(np.sqrt(c_flops / 120.0))
    return AllocationComparison(c_flops=c_flops, kaplan_n=float(TABLE6["N"](c_pf)), kaplan_d=float(TABLE6["D"](c_pf)),
                                chinchilla_n=float(n_h), chinchilla_d=float(d_h), rule20_n=n20, rule20_d=20.0 * n20,
                                law_name=law.name)


# ---------------------------------------------------------------------------------------------- Pearce & Song 2024
#: Pearce & Song (2024), arXiv:2406.12907: N_T = N_E + 47491 N_E^(1/3), fitted to the Chinchilla model
#: configurations (Hoffmann et al. 2022, Table A9) with a 32k vocabulary; equivalent to a fixed aspect ratio
#: d_model / n_layer ≈ 39.2 (authors' script, TeaPearce/Reconciling_Kaplan_Chinchilla_Scaling_Laws).
PEARCE_SONG_GAMMA = 47491.0


def total_params(n_non_embedding: ArrayLike, gamma: float = PEARCE_SONG_GAMMA) -> _Result:
    """Total parameters from non-embedding ones, ``N_T = N_E + gamma N_E^(1/3)`` (Pearce & Song 2024).

    Parameters
    ----------
    n_non_embedding
        Non-embedding parameters N_E (> 0).
    gamma
        47491 by default (vocabulary 32k, Chinchilla-like aspect ratio).

    Examples
    --------
    >>> f"{total_params(1e6):.3g}"
    '5.75e+06'
    """
    n = _positive(n_non_embedding, "n_non_embedding")
    g = positive_scalar(gamma, "gamma")
    return _out(n + g * np.cbrt(n))


def embedding_fraction(n_non_embedding: ArrayLike, gamma: float = PEARCE_SONG_GAMMA) -> _Result:
    """Share of all parameters that sit in the embeddings, ``(N_T - N_E) / N_T`` (Pearce & Song 2024 fit)."""
    n = _positive(n_non_embedding, "n_non_embedding")
    nt = np.asarray(total_params(n, gamma))
    return _out((nt - n) / nt)


@dataclass(frozen=True)
class FrontierSimulation:
    """Compute-optimal model sizes of a Chinchilla-form law, found among a fixed set of models."""

    law_name: str
    """Name of the simulated law."""
    counting: str
    """``"non_embedding"`` (Kaplan's N_E and C_E = 6 N_E D) or ``"total"`` (N_T and C_T = 6 N_T D)."""
    compute: NDArray[np.float64]
    """The budgets, FLOPs, in the chosen counting."""
    n_opt: NDArray[np.float64]
    """The best model at each budget, parameters in the chosen counting."""
    exponent: float
    """Slope of the least-squares line log n_opt = exponent log compute + const (the local exponent a)."""
    prefactor: float
    """exp(intercept) of that line."""
    target_exponent: float
    """The law's asymptotic exponent beta / (alpha + beta) (Hoffmann et al. 2022, Eq. 4)."""


def simulate_kaplan_regime(law: ParametricLaw, *, counting: Literal["non_embedding", "total"] = "non_embedding",
                           n_models: int = 20, log10_n_range: tuple[float, float] = (2.9, 9.2),
                           log10_c_range: tuple[float, float] | None = None, n_budgets: int = 100,
                           token_grid: int | None = 1000, gamma: float = PEARCE_SONG_GAMMA) -> FrontierSimulation:
    """Pearce & Song's (2024, arXiv:2406.12907) re-derivation of Kaplan's exponent from a Chinchilla-form law.

    ``n_models`` models with non-embedding sizes log-spaced over ``10**log10_n_range`` (Kaplan's 768 to 1.5e9)
    get total sizes ``N_T = N_E + gamma N_E^(1/3)``. The true loss is ``law.loss(N_T, D)`` (Chinchilla counts all
    parameters). For each of ``n_budgets`` log-spaced budgets, every model is trained on the tokens the budget buys
    (``D = C / (6 N)`` with N in the chosen counting) and the model of lowest loss is kept; a straight line in
    log-log space through those optima gives the local exponent.

    Parameters
    ----------
    law
        A Chinchilla-form law, e.g. :data:`scaling_helpers.laws.BESIROGLU_2024`.
    counting
        ``"non_embedding"`` (Kaplan: N_E and C_E = 6 N_E D) or ``"total"`` (N_T and C_T = 6 N_T D).
    n_models, log10_n_range
        The model set (Pearce & Song: 20 models, 10^2.9 to 10^9.2).
    log10_c_range
        Budgets, FLOPs; defaults to the authors' script: (12.95, 20.7) for non-embedding, (13.4, 20.7) for total.
    n_budgets
        Number of budgets (100 in the script).
    token_grid
        If an integer (default 1000), each token count is rounded to the nearest of that many log-spaced values
        from 1e6 to 1e25, as in the authors' script; budgets that need fewer than 1e6 or more than 1e25 tokens
        for a model exclude that model (the script clamps to the grid edge instead, which only matters for the
        smallest total-count budgets). ``None`` uses the exact ``D = C / (6 N)``.
    gamma
        Embedding coefficient of ``N_T = N_E + gamma N_E^(1/3)``.

    Returns
    -------
    FrontierSimulation
        With the token grid this reproduces N*_E ∝ C_E^0.781 (Epoch's coefficients) and 0.739 (Chinchilla's
        unrounded coefficients), against true exponents 0.513 and 0.457 (Pearce & Song 2024, arXiv:2406.12907, Sec. 3, re-run); exact token
        counts give 0.775 and 0.741.
    """
    if counting not in ("non_embedding", "total"):
        raise ValueError(f"counting must be 'non_embedding' or 'total'; got {counting!r}.")
    if not isinstance(n_models, int | np.integer) or n_models < 3:
        raise ValueError(f"n_models must be an integer >= 3; got {n_models!r}.")
    if not isinstance(n_budgets, int | np.integer) or n_budgets < 3:
        raise ValueError(f"n_budgets must be an integer >= 3; got {n_budgets!r}.")
    lo, hi = (float(v) for v in log10_n_range)
    if not hi > lo:
        raise ValueError(f"log10_n_range must be (low, high) with high > low; got {log10_n_range}.")
    if log10_c_range is None:
        log10_c_range = (12.95, 20.7) if counting == "non_embedding" else (13.4, 20.7)
    c_lo, c_hi = (float(v) for v in log10_c_range)
    if not c_hi > c_lo:
        raise ValueError(f"log10_c_range must be (low, high) with high > low; got {log10_c_range}.")

    n_e = np.logspace(lo, hi, n_models)
    n_t = np.asarray(total_params(n_e, gamma))
    n_count = n_e if counting == "non_embedding" else n_t
    budgets = np.logspace(c_lo, c_hi, n_budgets)
    log_d = np.log10(budgets[:, None] / (6.0 * n_count[None, :]))
    if token_grid is None:
        tokens = 10.0**log_d
        usable = np.ones_like(log_d, dtype=bool)
    else:
        if not isinstance(token_grid, int | np.integer) or token_grid < 2:
            raise ValueError(f"token_grid must be None or an integer >= 2; got {token_grid!r}.")
        step = (25.0 - 6.0) / (token_grid - 1)
        usable = (log_d >= 6.0 - step / 2) & (log_d <= 25.0 + step / 2)
        idx = np.clip(np.rint((log_d - 6.0) / step), 0, token_grid - 1)
        tokens = 10.0 ** (6.0 + idx * step)
    losses = np.where(usable, np.asarray(law.loss(np.broadcast_to(n_t, tokens.shape), tokens)), np.inf)
    if not np.all(np.isfinite(losses.min(axis=1))):
        raise ValueError("some budgets leave no usable model: narrow log10_c_range or widen the model range.")
    best = n_count[np.argmin(losses, axis=1)]
    slope, intercept = np.polyfit(np.log(budgets), np.log(best), 1)
    return FrontierSimulation(law_name=law.name, counting=counting, compute=budgets, n_opt=best,
                              exponent=float(slope), prefactor=float(np.exp(intercept)), target_exponent=law.a)


def frontier_local_exponent(law: ParametricLaw, n_non_embedding: ArrayLike,
                            gamma: float = PEARCE_SONG_GAMMA) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The continuous compute-optimal frontier in Kaplan's counting and its local exponent.

    Minimising ``law.loss(N_E + gamma N_E^(1/3), C_E / (6 N_E))`` over N_E gives, at the optimum N_E
    (Pearce & Song 2024, analytic frontier),

    ``C_E = 6 N_E (beta B / (alpha A))^(1/beta) N_T^((1 + alpha)/beta) (N_E + gamma N_E^(1/3) / 3)^(-1/beta)``.

    Parameters
    ----------
    law
        A Chinchilla-form law.
    n_non_embedding
        Optimal non-embedding sizes at which to evaluate the frontier (> 0, increasing, at least 3).
    gamma
        Embedding coefficient.

    Returns
    -------
    (C_E, a_local)
        Budgets in FLOPs (non-embedding counting) and the local exponent d log N*_E / d log C_E, which goes from
        beta / (alpha/3 + beta) for tiny models (embeddings dominate) to beta / (alpha + beta) for large ones.
    """
    n = positive_array(n_non_embedding, "n_non_embedding", min_size=3)
    if np.any(np.diff(n) <= 0):
        raise ValueError("n_non_embedding must be strictly increasing.")
    g = positive_scalar(gamma, "gamma")
    n_t = n + g * np.cbrt(n)
    c = (6.0 * n * (law.beta * law.B / (law.alpha * law.A)) ** (1.0 / law.beta)
         * n_t ** ((1.0 + law.alpha) / law.beta) * (n + g * np.cbrt(n) / 3.0) ** (-1.0 / law.beta))
    local = np.gradient(np.log(n), np.log(c))
    return c, local


# ---------------------------------------------------------------------------------------------- Porian et al. 2024
@dataclass(frozen=True)
class PorianStep:
    """One row of Porian et al.'s step-by-step correction of Kaplan's set-up (N* ∝ C^a)."""

    step: str
    """What is changed, cumulatively, relative to the row above."""
    a: float
    """Fitted exponent of the compute-optimal model size."""
    ci: tuple[float, float] | None
    """95% bootstrap interval of a, where available."""
    n_star_chinchilla: float | None
    """Predicted N* at C = 5.88e23 FLOPs (Chinchilla's budget), where available."""


#: Porian, Wortsman, Jitsev, Schmidt & Carmon (2024), "Resolving Discrepancies in Compute-Optimal Scaling of
#: Language Models", arXiv:2406.19146 (NeurIPS 2024): RefinedWeb. Exponents, 95% bootstrap CIs and N*(5.88e23)
#: recomputed from the released summary pickles of formll/resolving-scaling-law-discrepancies (commit 0dc60d91);
#: each step keeps the corrections above it.
PORIAN_STEPS_REFINEDWEB: tuple[PorianStep, ...] = (
    PorianStep("reproducing Kaplan (non-embedding N, long warm-up, Kaplan decay)", 0.835, (0.824, 0.846), 3.03e12),
    PorianStep("+ count last-layer (LM head) FLOPs", 0.706, (0.691, 0.717), 7.87e11),
    PorianStep("+ shorter warm-up", 0.602, (0.591, 0.617), 2.92e11),
    PorianStep("+ cosine decay matched to budget", 0.571, (0.560, 0.589), 1.83e11),
    PorianStep("+ tuned AdamW (LR, batch, beta2), constant LR", 0.497, (0.491, 0.505), 7.69e10),
)

#: Same steps on OpenWebText2 (Porian et al. 2024; released summary pickles). Only the first and last steps' CIs are kept.
PORIAN_STEPS_OWT2: tuple[PorianStep, ...] = (
    PorianStep(PORIAN_STEPS_REFINEDWEB[0].step, 0.864, (0.819, 0.897), None),
    PorianStep(PORIAN_STEPS_REFINEDWEB[1].step, 0.699, None, None),
    PorianStep(PORIAN_STEPS_REFINEDWEB[2].step, 0.603, None, None),
    PorianStep(PORIAN_STEPS_REFINEDWEB[3].step, 0.574, None, None),
    PorianStep(PORIAN_STEPS_REFINEDWEB[4].step, 0.518, (0.493, 0.541), None),
)
