"""Kaplan's compute-efficient allocation (Table 6, Eq. 6.7) and its comparison with Chinchilla's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from ..chinchilla.laws import HOFFMANN_2022_UNROUNDED, ParametricLaw
from ..common.units import PF_DAY
from ..common.validate import positive_scalar
from .constants import EQ_6_7_TOKENS, TABLE6, AllocationRule
from .inputs import _Result, to_pf_days

__all__ = [
    "ComputeEfficientAllocation",
    "compute_efficient_allocation",
    "optimal_params",
    "optimal_tokens",
    "AllocationComparison",
    "compare_allocations",
]


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
