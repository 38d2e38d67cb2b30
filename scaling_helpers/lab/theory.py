"""Closed-form theory of the lab and its true compute-optimal models (chapter 11, Sec. 5).

Replacing sums by integrals in :func:`scaling_helpers.lab.loss.theory_loss` gives an additive law

.. math:: L - E \\approx \\frac{N^{-(\\kappa-1)}}{2(\\kappa-1)}
          + \\frac{\\Gamma((\\kappa-1)/a)}{2a}\\Bigl(\\frac{\\eta_0 D}{B}\\Bigr)^{-(\\kappa-1)/a},

so the capacity exponent is ``alpha_N = kappa - 1`` and the data exponent ``beta_D = (kappa - 1)/a``. Minimising
under ``C = N·D`` gives ``N* ∝ C**(1/(1+a))``, ``D* ∝ C**(a/(1+a))`` and ``L* - E ∝ C**(-(kappa-1)/(1+a))``: the
allocation depends only on the spectrum decay ``a``; ``kappa`` sets how fast the loss falls. This is the lab's
instance of Lin, Wu, Kakade, Bartlett & Lee (2024, arXiv:2406.08466), whose reducible error is
``Θ(M**(1-b) + N**((1-b)/a))`` for ``M`` parameters and ``N`` samples with source exponent ``b`` (``kappa`` here).

:func:`true_optimum` is the lab's ground truth: the model size that minimises the *expected* final loss of the
actual training procedure (:func:`scaling_helpers.lab.loss.expected_loss`, SGD noise included) at a budget.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import gamma

from ..common.validate import finite_scalar, positive_array, positive_scalar
from .config import DEFAULT, LabConfig
from .loss import expected_loss, theory_loss

__all__ = ["TheoryExponents", "theory_exponents", "LabOptimum", "true_optimum", "true_optima", "theory_optimum",
           "continuum_optimum", "optimum_slope"]

Float64Array = NDArray[np.float64]


@dataclass(frozen=True)
class TheoryExponents:
    """Exponents of the lab's continuum theory for spectrum decay ``a`` and signal decay ``kappa``."""

    alpha_N: float
    """Capacity exponent: ``L - E ∝ N**-alpha_N`` with unlimited data; ``kappa - 1``."""
    beta_D: float
    """Data exponent: ``L - E ∝ D**-beta_D`` with unlimited size; ``(kappa - 1)/a``."""
    xi_N: float
    """Compute-optimal size exponent ``N* ∝ C**xi_N``: ``1/(1+a) = beta_D/(alpha_N + beta_D)``."""
    xi_D: float
    """Compute-optimal data exponent ``D* ∝ C**xi_D``: ``a/(1+a)``; ``xi_N + xi_D = 1``."""
    loss: float
    """Compute-optimal loss exponent ``L* - E ∝ C**-loss``: ``(kappa-1)/(1+a)``."""


def theory_exponents(a: float = DEFAULT.a, kappa: float = DEFAULT.kappa) -> TheoryExponents:
    """The exponents of chapter 11, Sec. 5 for spectrum decay ``a > 0`` and signal decay ``kappa > 1``.

    Examples
    --------
    >>> ex = theory_exponents(1.5, 2.5)
    >>> ex.alpha_N, round(ex.beta_D, 3), ex.xi_N, ex.xi_D, ex.loss
    (1.5, 1.0, 0.4, 0.6, 0.6)
    """
    a = finite_scalar(a, "a")
    kappa = finite_scalar(kappa, "kappa")
    if a <= 0:
        raise ValueError(f"a (spectrum decay) must be > 0; got {a}.")
    if kappa <= 1:
        raise ValueError(f"kappa must be > 1 (finite total signal); got {kappa}.")
    p = kappa - 1.0
    return TheoryExponents(alpha_N=p, beta_D=p / a, xi_N=1.0 / (1.0 + a), xi_D=a / (1.0 + a), loss=p / (1.0 + a))


def continuum_optimum(C: ArrayLike, config: LabConfig = DEFAULT) -> Float64Array:
    """Compute-optimal size of the additive continuum law (:func:`~scaling_helpers.lab.loss.continuum_loss`).

    ``N* = (p A / (q B'))**(1/(p+q)) · C**(q/(p+q))`` with ``p = kappa - 1``, ``q = p/a``, ``A = 1/(2p)`` and
    ``B' = Gamma(q)/(2a) · (eta0/B)**-q``; the exponent ``q/(p+q)`` is ``1/(1+a)``.
    """
    c = positive_array(C, "C (compute)")
    p = config.kappa - 1.0
    q = p / config.a
    A = 1.0 / (2.0 * p)
    Bp = gamma(q) / (2.0 * config.a) * (config.eta0 / config.batch) ** -q
    return (p * A / (q * Bp)) ** (1.0 / (p + q)) * c ** (q / (p + q))


def theory_optimum(C: float, config: LabConfig = DEFAULT, *, points: int = 400) -> tuple[int, float]:
    """Argmin over integer ``N`` of the noise-free :func:`~scaling_helpers.lab.loss.theory_loss` at ``D = C/N``.

    Evaluates ``points`` log-spaced integer sizes within a factor 4 of the continuum optimum, then every integer
    next to the best one.

    Returns
    -------
    (N_opt, loss_opt)
    """
    c = positive_scalar(C, "C (compute)")
    guess = float(continuum_optimum(c, config)[0])
    top = max(2.0, min(c / config.batch, config.V))
    grid = np.unique(np.round(np.geomspace(max(1.0, guess / 4.0), min(top, guess * 4.0), int(points))))
    losses = np.asarray(theory_loss(grid, c / grid, config), dtype=float)
    k = int(np.argmin(losses))
    lo, hi = grid[max(k - 1, 0)], grid[min(k + 1, grid.size - 1)]
    fine = np.arange(lo, hi + 1.0)
    fl = np.asarray(theory_loss(fine, c / fine, config), dtype=float)
    j = int(np.argmin(fl))
    return int(fine[j]), float(fl[j])


@dataclass(frozen=True)
class LabOptimum:
    """The compute-optimal lab model at one budget (minimum of the exact expected loss over integer sizes)."""

    C: float
    """Compute budget (sample x parameter)."""
    N: int
    """Compute-optimal size."""
    D: int
    """Its training samples, ``C // N``."""
    loss: float
    """Its expected final loss (:func:`~scaling_helpers.lab.loss.expected_loss`)."""
    evaluations: int
    """Number of expected-loss evaluations used by the search."""

    def __str__(self) -> str:
        return f"C = {self.C:.3g}: N* = {self.N}, D* = {self.D}, expected loss {self.loss:.6f}"


def true_optimum(C: float, config: LabConfig = DEFAULT, *, rtol: float = 0.01) -> LabOptimum:
    """The lab's true compute-optimal model at budget ``C``: argmin over integer ``N`` of the expected loss.

    Golden-section search on ``log N`` in a bracket around the noise-free optimum (:func:`theory_optimum`),
    widened if the minimum lies on its edge; each point evaluated with the exact
    second-moment recursion (:func:`~scaling_helpers.lab.loss.expected_loss`, with ``D = C // N``); the search
    stops when the bracket is narrower than ``1 + rtol`` and returns the best size evaluated. Cost: each
    evaluation is ``O(C / B)`` operations (about 0.1 s at ``C = 1e9``).

    Parameters
    ----------
    C
        Compute budget (sample x parameter); at least ``3 B``.
    config
        Lab settings.
    rtol
        Relative width of the final bracket on ``N`` (default 1%).
    """
    c = positive_scalar(C, "C (compute)")
    B = config.batch
    if c < 3 * B:
        raise ValueError(f"C = {c:.3g} is too small: a run needs D >= B = {B} samples, so C >= {3 * B} to compare "
                         "sizes.")
    tol = positive_scalar(rtol, "rtol")
    n_max = int(c // B)
    cache: dict[int, float] = {}

    def f(x: float) -> float:
        n = int(min(max(round(math.exp(x)), 1), n_max))
        if n not in cache:
            cache[n] = expected_loss(n, int(c // n), config)
        return cache[n]

    guess = float(theory_optimum(c, config)[0])  # SGD noise moves the optimum by a few percent only
    lo, hi = math.log(max(1.0, guess / 1.25)), math.log(max(2.0, min(n_max, guess * 1.25)))
    g = (math.sqrt(5.0) - 1.0) / 2.0
    for _ in range(6):  # widen the bracket if the minimum sits on its edge
        a, b = lo, hi
        x1, x2 = b - g * (b - a), a + g * (b - a)
        f1, f2 = f(x1), f(x2)
        while b - a > math.log1p(tol):
            if f1 <= f2:
                b, x2, f2 = x2, x1, f1
                x1 = b - g * (b - a)
                f1 = f(x1)
            else:
                a, x1, f1 = x1, x2, f2
                x2 = a + g * (b - a)
                f2 = f(x2)
        best = min(cache, key=cache.__getitem__)
        at_low = math.log(best) <= lo + math.log1p(2 * tol) and best > 1
        at_high = math.log(best) >= hi - math.log1p(2 * tol) and best < n_max
        if not (at_low or at_high):
            break
        lo, hi = (lo - math.log(3.0), lo + math.log(1.5)) if at_low else (hi - math.log(1.5), hi + math.log(3.0))
        lo, hi = max(lo, 0.0), min(hi, math.log(n_max))
    best = min(cache, key=cache.__getitem__)
    return LabOptimum(C=c, N=best, D=int(c // best), loss=cache[best], evaluations=len(cache))


def true_optima(budgets: ArrayLike, config: LabConfig = DEFAULT, *, rtol: float = 0.01) -> list[LabOptimum]:
    """:func:`true_optimum` at every budget."""
    return [true_optimum(float(c), config, rtol=rtol) for c in positive_array(budgets, "budgets")]


def optimum_slope(optima: list[LabOptimum]) -> float:
    """Least-squares slope of ``log N*`` against ``log C``: the measured compute-optimal exponent."""
    if len(optima) < 2:
        raise ValueError("need optima at 2 or more budgets to fit a slope.")
    c = np.log([o.C for o in optima])
    n = np.log([o.N for o in optima])
    return float(np.polyfit(c, n, 1)[0])
