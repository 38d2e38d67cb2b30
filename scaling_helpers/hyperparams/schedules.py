"""Learning-rate schedules: cosine with warm-up, warmup-stable-decay (WSD), and what a token sweep costs with each.

Sources
-------
* Hägele, Bakouch, Kosson, Ben Allal, Von Werra & Jaggi (2024), "Scaling Laws and Compute-Optimal Training Beyond
  Fixed Training Durations", arXiv:2405.18392: a constant learning rate with a short final cooldown (WSD) matches
  cosine; a cooldown of about 20% of the steps does, and the ``1 - sqrt`` cooldown shape beats the linear one.
  Because the stable phase does not depend on the run's length, one long run plus a cooldown from a checkpoint
  gives a model for every shorter token budget, which is how they run scaling-law sweeps at reduced cost.
* Hoffmann et al. (2022), "Training Compute-Optimal Large Language Models", arXiv:2203.15556, Appendix, Figure A1:
  a cosine cycle more than 25% longer than the run clearly hurts; the cosine decays the learning rate 10x,
  so ``final_fraction = 0.1`` by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import as_array, finite_scalar, fraction, positive_array, positive_scalar

__all__ = ["cosine_schedule", "wsd_schedule", "SweepCost", "sweep_cost"]

Cooldown = Literal["linear", "1-sqrt"]


def _steps(t: ArrayLike, total: float) -> np.ndarray:
    steps = as_array(t, "t (training progress)")
    if np.any(steps < 0):
        raise ValueError("t must be >= 0 (steps or tokens since the start of the run).")
    return steps


def _warmup(steps: np.ndarray, warmup: float) -> np.ndarray:
    return np.minimum(1.0, steps / warmup) if warmup > 0 else np.ones_like(steps)


def cosine_schedule(t: ArrayLike, total: float, *, peak: float = 1.0, warmup: float = 0.0,
                    final_fraction: float = 0.1, cycle: float | None = None) -> np.ndarray:
    """Cosine learning rate with linear warm-up: ``peak`` after ``warmup``, ``final_fraction · peak`` at ``cycle``.

    Parameters
    ----------
    t
        Progress (steps or tokens, same unit as ``total``), scalar or array, >= 0.
    total
        Length of the run.
    peak
        Peak learning rate.
    warmup
        Length of the linear warm-up (0 for none).
    final_fraction
        Learning rate at the end of the cycle as a fraction of the peak (Chinchilla: 0.1, a 10x decay).
    cycle
        Length of the cosine cycle; ``None`` means ``total`` (matched to the run). Hoffmann et al. (2022, Fig. A1)
        show that a cycle more than 25% longer than the run clearly hurts.

    Returns
    -------
    numpy.ndarray
        The learning rate at each ``t`` (after ``cycle`` it stays at the final value).
    """
    T = positive_scalar(total, "total", unit="steps")
    cyc = T if cycle is None else positive_scalar(cycle, "cycle", unit="steps")
    lr = positive_scalar(peak, "peak")
    w = finite_scalar(warmup, "warmup")
    if not 0 <= w < cyc:
        raise ValueError(f"warmup must be in [0, cycle); got {w} with a cycle of {cyc}.")
    f = fraction(final_fraction, "final_fraction", closed_low=True)
    s = _steps(t, T)
    progress = np.clip((s - w) / (cyc - w), 0.0, 1.0)
    decay = f + (1 - f) * 0.5 * (1 + np.cos(np.pi * progress))
    return lr * np.where(s < w, _warmup(s, w), decay)


def wsd_schedule(t: ArrayLike, total: float, *, peak: float = 1.0, warmup: float = 0.0,
                 cooldown_fraction: float = 0.2, shape: Cooldown = "1-sqrt", final_fraction: float = 0.0) -> np.ndarray:
    """Warmup-stable-decay: warm up, hold ``peak``, then cool down over the last ``cooldown_fraction`` of the run.

    Parameters
    ----------
    t, total, peak, warmup
        As in :func:`cosine_schedule`.
    cooldown_fraction
        Fraction of the run spent cooling down (Hägele et al. 2024: about 0.2 matches cosine).
    shape
        ``"linear"`` or ``"1-sqrt"``: the factor is ``1 - x`` or ``1 - sqrt(x)`` with ``x`` the fraction of the
        cooldown done (Hägele et al. 2024; ``1-sqrt`` is the better of the two).
    final_fraction
        Learning rate at the very end as a fraction of the peak (0: down to zero).

    Returns
    -------
    numpy.ndarray
    """
    T = positive_scalar(total, "total", unit="steps")
    lr = positive_scalar(peak, "peak")
    c = fraction(cooldown_fraction, "cooldown_fraction")
    w = finite_scalar(warmup, "warmup")
    start = T * (1 - c)
    if not 0 <= w <= start:
        raise ValueError(f"warmup must be in [0, {start:g}] (before the cooldown starts); got {w}.")
    if shape not in ("linear", "1-sqrt"):
        raise ValueError(f"shape must be 'linear' or '1-sqrt'; got {shape!r}.")
    f = fraction(final_fraction, "final_fraction", closed_low=True)
    s = _steps(t, T)
    x = np.clip((s - start) / (T - start), 0.0, 1.0)
    down = 1 - x if shape == "linear" else 1 - np.sqrt(x)
    return lr * np.where(s < w, _warmup(s, w), f + (1 - f) * down)


@dataclass(frozen=True)
class SweepCost:
    """Training cost (in tokens, or anything proportional to compute at fixed model size) of a token sweep."""

    budgets: tuple[float, ...]
    cooldown_fraction: float
    cosine: float
    """One cosine run per budget: the sum of the budgets."""
    wsd: float
    """One WSD run to the largest budget plus, for every other budget, a cooldown of ``c · D_i`` branched at
    ``(1 - c) · D_i``."""

    @property
    def saving(self) -> float:
        """Fraction of the cosine sweep's cost that WSD saves: ``1 - wsd / cosine``."""
        return 1.0 - self.wsd / self.cosine


def sweep_cost(budgets: ArrayLike, cooldown_fraction: float = 0.2) -> SweepCost:
    """Cost of training one model size to each token budget with cosine runs vs one WSD run plus cooldowns.

    With cosine every budget needs its own run from scratch: ``sum(D_i)``. With WSD the stable phase is shared:
    one run to ``D_max`` (its own cooldown included), and for each other budget ``D_i`` a branch from the
    checkpoint at ``(1 - c) D_i`` that cools down for ``c D_i`` tokens: ``D_max + c · sum_{i != max} D_i``
    (Hägele et al. 2024, arXiv:2405.18392).

    Examples
    --------
    >>> r = sweep_cost([1, 2, 4, 8, 16], 0.2)
    >>> r.cosine, r.wsd, round(r.saving, 3)
    (31.0, 19.0, 0.387)
    """
    d = positive_array(budgets, "budgets")
    c = fraction(cooldown_fraction, "cooldown_fraction")
    order = np.sort(d)
    cosine = float(order.sum())
    wsd = float(order[-1] + c * order[:-1].sum())
    return SweepCost(tuple(float(x) for x in d), c, cosine, wsd)
