"""Chinchilla's Approaches 2 and 3 applied to the lab, with the chapter-3 tools, and their known biases.

* Approach 2 (chapter 11, Sec. 3): a parabola in ``log N`` per budget, fitted to the loss ``L`` (not ``log L``), then
  ``log N*`` regressed on ``log C`` — :func:`scaling_helpers.chinchilla.fit_isoflop_minima`.
* Approach 3 (chapter 11, Sec. 4): ``L = E + A N**-alpha + B D**-beta`` fitted by the summed Huber loss
  (``delta = 1e-3``) on log residuals from the lab's 8 initialisations —
  :func:`scaling_helpers.chinchilla.fit_parametric`. Its compute-optimal exponent is ``beta/(alpha + beta)``.

Units: the lab's compute is ``C = N·D``, while :class:`~scaling_helpers.chinchilla.ParametricLaw` assumes
``C = 6·N·D``; :func:`approach3_optimum` converts.

Biases (chapter 11, Sec. 7): on the lab's noise-free loss, parabolas fitted to ``log L``
overestimate the exponent when ``E > 0`` (most at small compute and with narrow grids), and the additive
Approach-3 form is mis-specified (the true loss couples ``N`` and ``D``), which biases its exponent low.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..chinchilla.fit import fit_parametric
from ..chinchilla.isoflop import IsoFLOPFit, fit_isoflop_minima
from ..chinchilla.result import ParametricFit
from ..common.validate import positive_array, positive_scalar
from .config import DEFAULT, LabConfig
from .loss import theory_loss
from .sweep import LabRuns, Plan, default_plan
from .theory import theory_optimum

__all__ = [
    "LAB_STARTS",
    "approach2",
    "approach3",
    "approach3_optimum",
    "noise_free_runs",
    "BiasRow",
    "parabola_bias",
    "fine_argmin_slope",
    "bootstrap_approach2",
]

Float64Array = NDArray[np.float64]

#: The lab's 8 initialisations (chapter 11, Sec. 4), rows ``(a', b', e', alpha, beta)`` (the order of
#: :data:`scaling_helpers.chinchilla.PARAM_NAMES`): ``a', b' in {0, 5}``, ``e' in {-6, -4}``,
#: ``alpha = beta = 0.5``. ``e' = -6 ... -4`` is ``E ≈ 0.0025 ... 0.018``, the scale of this lab's losses
#: (Hoffmann's grid ``e in {-1, ..., 1}`` is for LLM losses near 2 nats).
LAB_STARTS: Float64Array = np.array([(a, b, e, 0.5, 0.5) for a in (0.0, 5.0) for b in (0.0, 5.0)
                                     for e in (-6.0, -4.0)], dtype=float)


def _check_runs(runs: LabRuns) -> LabRuns:
    if not isinstance(runs, LabRuns):
        raise ValueError(f"runs must be LabRuns (from run_sweep or run_experiments); got {type(runs).__name__}.")
    return runs


def approach2(runs: LabRuns, *, log_loss: bool = False, require_inside: bool = True) -> IsoFLOPFit:
    """Approach 2 on lab runs: parabola minimum per budget, then ``N* ∝ C**a`` (``fit.a`` is the exponent).

    Parameters
    ----------
    runs
        Lab runs with at least 3 sizes in each of at least 2 budgets.
    log_loss
        Fit the parabolas to ``log L`` (biased when ``E > 0``; offered to show the bias) instead of ``L``.
    require_inside
        Drop budgets whose parabola minimum lies outside their sizes.
    """
    r = _check_runs(runs)
    return fit_isoflop_minima(r.C, r.N, r.loss, log_loss=log_loss, budgets=r.budgets, tol_dex=1e-3,
                              require_inside=require_inside)


def approach3(runs: LabRuns, *, starts: Float64Array | None = None) -> ParametricFit:
    """Approach 3 on lab runs: summed Huber (delta = 1e-3) on log residuals, L-BFGS from :data:`LAB_STARTS`.

    ``fit.a`` is the compute-optimal exponent ``beta/(alpha + beta)``; ``fit.E`` the fitted irreducible loss.
    """
    r = _check_runs(runs)
    return fit_parametric(r.N, r.D, r.loss, grid=LAB_STARTS if starts is None else starts, polish=1)


def approach3_optimum(fit: ParametricFit, C: float) -> tuple[float, float, float]:
    """Compute-optimal ``(N, D, L)`` of an Approach-3 law at the lab budget ``C = N·D``.

    :meth:`ParametricLaw.compute_optimal <scaling_helpers.chinchilla.ParametricLaw.compute_optimal>` assumes FLOPs
    ``= 6 N D``, so it is called with ``6 C``.
    """
    c = positive_scalar(C, "C (lab compute N·D)")
    n, d = fit.law.compute_optimal(6.0 * c)
    return float(n), float(d), float(fit.law.loss(n, d))


def noise_free_runs(plan: Plan | None = None, config: LabConfig = DEFAULT) -> LabRuns:
    """The runs of ``plan`` with the noise-free theoretical loss instead of trained models (no randomness).

    Used to separate the biases of a fitting method from training noise (chapter 11, Sec. 7).
    """
    p = default_plan(config=config) if plan is None else plan
    loss = np.asarray(theory_loss(p.N.astype(float), p.D.astype(float), config), dtype=float).reshape(-1)
    return LabRuns(C=p.C.copy(), N=p.N.copy(), D=p.D.copy(), steps=np.maximum(1, p.D // config.batch),
                   loss=loss, seed=-1, config=config)


def fine_argmin_slope(budgets: Sequence[float], config: LabConfig = DEFAULT) -> float:
    """Slope of ``log N*`` on ``log C`` with ``N*`` the integer argmin of the noise-free loss at each budget."""
    bud = positive_array(budgets, "budgets")
    n = [theory_optimum(c, config)[0] for c in bud]
    return float(np.polyfit(np.log(bud), np.log(n), 1)[0])


@dataclass(frozen=True)
class BiasRow:
    """Exponents fitted on noise-free lab losses for one budget range and grid width (chapter 11, Sec. 7)."""

    budgets: tuple[float, ...]
    """The isoFLOP budgets."""
    half_width: float
    """Half-width of each size grid, in decades (1.0: x100; 0.5: x10)."""
    log_L: float
    """Approach 2 with parabolas on ``log L``."""
    log_excess: float
    """Approach 2 with parabolas on ``log(L - E)`` (needs the true ``E``)."""
    L: float
    """Approach 2 with parabolas on ``L``."""
    argmin: float
    """Slope of the exact argmins (:func:`fine_argmin_slope`): the reference."""


def parabola_bias(budgets: Sequence[float], half_width: float = 1.0, config: LabConfig = DEFAULT) -> BiasRow:
    """Approach 2 three ways on the noise-free loss over the lab's grids (chapter 11, Sec. 7).

    Parabola minima outside a grid are kept (a narrow grid centred at ``0.6 C**(1/(1+a))`` can miss the optimum):
    the point is to measure each method's bias, extrapolation included.
    """
    plan = default_plan(budgets, config=config, half_width=half_width)
    runs = noise_free_runs(plan, config)
    excess = LabRuns(C=runs.C, N=runs.N, D=runs.D, steps=runs.steps, loss=runs.loss - config.E, seed=-1,
                     config=config)
    return BiasRow(budgets=tuple(float(b) for b in plan.C[np.unique(plan.C, return_index=True)[1]]),
                   half_width=float(half_width), log_L=approach2(runs, log_loss=True, require_inside=False).a,
                   log_excess=approach2(excess, log_loss=True, require_inside=False).a,
                   L=approach2(runs, require_inside=False).a,
                   argmin=fine_argmin_slope(np.unique(plan.C), config))


def bootstrap_approach2(runs: LabRuns, n_boot: int = 200, seed: int = 0) -> Float64Array:
    """Approach-2 exponents on bootstrap resamples of the runs (resampled within each isoFLOP profile).

    Resamples with fewer than 3 distinct sizes in some profile, or without a usable minimum, are skipped.
    Report e.g. ``np.percentile(slopes, [5, 95])`` as an interval.
    """
    r = _check_runs(runs)
    k = int(positive_scalar(n_boot, "n_boot"))
    rng = np.random.default_rng(int(seed))
    groups = [np.flatnonzero(np.isclose(r.C, c, rtol=1e-9)) for c in r.budgets]
    out = []
    for _ in range(k):
        idx = np.concatenate([g[rng.integers(0, g.size, g.size)] for g in groups])
        sample = LabRuns(C=r.C[idx], N=r.N[idx], D=r.D[idx], steps=r.steps[idx], loss=r.loss[idx], seed=r.seed,
                         config=r.config)
        try:
            out.append(approach2(sample).a)
        except ValueError:
            continue
    if not out:
        raise ValueError("no bootstrap resample gave a usable fit; use more sizes per budget.")
    return np.array(out)
