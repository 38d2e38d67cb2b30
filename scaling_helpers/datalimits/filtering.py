"""Data filtering under repetition: the quality-quantity trade-off (Goyal et al. 2024).

Goyal, Maini, Lipton, Raghunathan & Kolter (2024), "Scaling Laws for Data Filtering — Data Curation cannot be
Compute Agnostic" (CVPR 2024; arXiv:2404.07177), train CLIP models on DataComp pools filtered at different
strictness and model the error of a pool as a power law whose *utility* exponent decays with repetition. On a
pool of ``S`` samples, while the ``(k+1)``-th pass is under way (``k = 0, 1, ...`` completed passes),

.. math:: \\frac{dy}{dn} = \\frac{b_k\\, y}{n}, \\qquad b_k = b\\, 2^{-k/\\tau},

so ``y`` falls like ``n**b`` on the first pass (``b < 0``: the pool's utility) and the exponent halves every
``tau`` passes (``tau``: the utility's half-life, in epochs). Integrating pass by pass,

.. math:: y(n) = \\Bigl(\\frac{a\\,n_0}{10^5}\\Bigr)^{b_0} \\prod_{k\\ge 1}
          \\Bigl(\\frac{n_k}{k S}\\Bigr)^{b_k}, \\qquad n_k = \\min\\bigl((k+1) S,\\ n\\bigr).

This follows the authors' implementation line by line (``locuslab/scaling_laws_data_filtering``,
``objective.py``, ``func_effective_utility``: ``base = 0.5``, ``delta = base**(epochs/c)``, samples scaled by
``a / 100_000``), including where they add the floor ``d``: to the first pass's term, before the later passes'
factors multiply it. The paper fits ``a``, ``b``, ``tau`` per pool on DataComp; the pools used in this chapter
(:data:`DEMO_POOLS`) carry parameters chosen to show the crossover on a DataComp-medium-sized pool (128M
samples), not values fitted by the paper.

The point of the law: a strict filter keeps a small pool of high utility (``|b|`` large), which the training run
soon repeats; the utility of repeats decays, and past some compute a larger, less filtered pool (smaller ``|b|``
but fewer repeats) reaches the lower error. The best filter depends on the compute budget.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq

from ..common.validate import finite_scalar, non_negative, positive_scalar

__all__ = ["FilterPool", "DEMO_POOLS", "DATACOMP_MEDIUM_POOL", "utility_exponent", "pool_error",
           "crossover_samples"]

#: Samples in DataComp's "medium" pool (Gadre et al. 2023, arXiv:2304.14108, Table 1): 128M image-text pairs.
DATACOMP_MEDIUM_POOL: float = 128e6


@dataclass(frozen=True)
class FilterPool:
    """One filtered pool in Goyal et al.'s law: its size and the parameters ``a``, ``b``, ``tau``, ``d``."""

    name: str
    """Label, e.g. ``"top 10%"``."""
    size: float
    """Samples in the pool ``S`` (one epoch)."""
    b: float
    """Utility exponent on the first pass (negative: error falls like ``n**b``)."""
    tau: float
    """Half-life of the utility, in epochs: ``b_k = b * 2**(-k/tau)``."""
    a: float = 1.0
    """Scale of the sample count (``a n / 1e5`` enters the first pass's power)."""
    d: float = 0.1
    """Floor added to the first pass's term (the authors' default ``d = 0.1``)."""

    def __post_init__(self) -> None:
        positive_scalar(self.size, "size (samples)")
        if not math.isfinite(self.b) or self.b >= 0:
            raise ValueError(f"b must be negative (error falls like n**b); got {self.b}. Flip its sign.")
        positive_scalar(self.tau, "tau (half-life in epochs)")
        positive_scalar(self.a, "a")
        non_negative(self.d, "d")


#: Two pools cut from a 128M-sample pool: a strict filter keeping 10% and a permissive one keeping 30%.
#: Parameters chosen for the demonstration (the strict pool's utility is higher and decays faster).
DEMO_POOLS: tuple[FilterPool, FilterPool] = (
    FilterPool("top 10% (strict filter)", 0.1 * DATACOMP_MEDIUM_POOL, b=-0.14, tau=1.0),
    FilterPool("top 30% (permissive filter)", 0.3 * DATACOMP_MEDIUM_POOL, b=-0.12, tau=2.0),
)


def utility_exponent(b: float, tau: float, passes_completed: ArrayLike) -> float | NDArray[np.float64]:
    """``b_k = b * 2**(-k / tau)``: the utility exponent after ``k`` completed passes (Goyal et al. 2024)."""
    k = np.asarray(passes_completed, dtype=float)
    if k.size == 0 or not np.all(np.isfinite(k)) or np.any(k < 0):
        raise ValueError(f"passes_completed must be >= 0 (0 on the first pass); got {passes_completed!r:.60}.")
    out = finite_scalar(b, "b") * 0.5 ** (k / positive_scalar(tau, "tau (epochs)"))
    return float(out) if out.ndim == 0 else out


def _one(pool: FilterPool, n: float) -> float:
    s = pool.size
    passes = int(n // s)
    k = np.arange(passes + 1, dtype=float)
    b_k = np.asarray(utility_exponent(pool.b, pool.tau, k))
    ends = np.minimum(s * (k + 1), n) * pool.a / 1e5
    starts = s * k * pool.a / 1e5
    y = ends[0] ** b_k[0] + pool.d
    if passes:
        y *= float(np.prod((ends[1:] / starts[1:]) ** b_k[1:]))
    return float(y)


def pool_error(pool: FilterPool, samples_seen: ArrayLike) -> float | NDArray[np.float64]:
    """Predicted error (1 - accuracy) after training on ``samples_seen`` samples drawn in passes over ``pool``.

    Examples
    --------
    >>> p = FilterPool("demo", 1e6, b=-0.1, tau=2.0)
    >>> round(pool_error(p, 1e6), 4)   # one pass: (1e6 / 1e5)**-0.1 + 0.1
    0.8943
    """
    n = np.asarray(samples_seen, dtype=float)
    if n.size == 0 or not np.all(np.isfinite(n)) or np.any(n <= 0):
        raise ValueError(f"samples_seen must be positive numbers of samples; got {samples_seen!r:.60}.")
    if n.ndim == 0:
        return _one(pool, float(n))
    return np.array([_one(pool, float(x)) for x in n.ravel()]).reshape(n.shape)


def crossover_samples(strict: FilterPool, permissive: FilterPool, *, low: float | None = None,
                      high: float = 1e12) -> float:
    """Samples seen at which ``permissive`` starts to beat ``strict`` (the two errors are equal).

    Searches from ``low`` (default: the strict pool's size, where nothing repeats yet) to ``high`` for the first
    sign change of ``error(strict) - error(permissive)`` on a log grid, then refines it with Brent's method.

    Raises
    ------
    ValueError
        If the permissive pool never overtakes the strict one in that range.
    """
    lo = positive_scalar(low if low is not None else strict.size, "low (samples)")
    hi = positive_scalar(high, "high (samples)")
    if hi <= lo:
        raise ValueError(f"high ({hi:g}) must exceed low ({lo:g}).")
    grid = np.geomspace(lo, hi, 400)
    gap = np.asarray(pool_error(strict, grid)) - np.asarray(pool_error(permissive, grid))
    above = np.flatnonzero((gap[:-1] < 0) & (gap[1:] >= 0))
    if above.size == 0:
        raise ValueError("the permissive pool never overtakes the strict one between "
                         f"{lo:.3g} and {hi:.3g} samples; widen the range or check the pools' parameters.")
    i = int(above[0])
    return float(brentq(lambda x: float(pool_error(strict, x)) - float(pool_error(permissive, x)),
                        grid[i], grid[i + 1], xtol=1e-6 * grid[i]))
