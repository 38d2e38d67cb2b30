"""Chinchilla Approach 1: the lower envelope of training curves, and ``N_opt ∝ C^a`` along it.

Hoffmann et al. (2022), arXiv:2203.15556, Sec. 3.1: train models of fixed sizes (70M to over 10B parameters),
each with four cosine schedules spanning a factor 16 in tokens; smooth and interpolate every training curve,
then at each of 1500 log-spaced FLOP values take the run with the lowest loss. Those minima form the lower
*envelope* of the curves; fitting ``N_opt ∝ C^a`` to the size of the winning run gives Table 2's Approach-1
exponent a = 0.50 (10th-90th percentiles 0.488-0.502) and Table 3's projections (≈ 20 tokens per parameter).

The course does not have Hoffmann's training curves, so :func:`simulate_training_curves` generates them from a
known :class:`~scaling_helpers.chinchilla.ParametricLaw`: the loss after ``D`` tokens is ``L(N, D)``, i.e. every point
of a curve is treated as the end of a run whose schedule was tuned to that length (what Hoffmann's four
horizons approximate). :func:`fit_envelope` then recovers the law's own exponent ``beta / (alpha + beta)``, up
to the discreteness of the model sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..common.validate import finite_scalar, positive_array, positive_scalar
from .laws import ParametricLaw

__all__ = ["TrainingCurves", "EnvelopeFit", "simulate_training_curves", "fit_envelope"]

Float64Array = NDArray[np.float64]


@dataclass(frozen=True, eq=False)  # holds arrays
class TrainingCurves:
    """Loss against training tokens for several model sizes (one row per run).

    Attributes
    ----------
    sizes
        Parameters of each run, shape ``(k,)``, increasing.
    tokens
        Tokens seen at each recorded step, shape ``(k, m)``.
    loss
        Loss (nats per token) at each recorded step, shape ``(k, m)``.
    source
        What generated the curves.
    """

    sizes: Float64Array
    tokens: Float64Array
    loss: Float64Array
    source: str = ""

    @property
    def flops(self) -> Float64Array:
        """Training compute at each recorded step, ``6 N D`` (shape ``(k, m)``)."""
        return 6.0 * self.sizes[:, None] * self.tokens


@dataclass(frozen=True, eq=False)  # holds arrays
class EnvelopeFit:
    """The lower envelope of a set of training curves and the power law fitted to its minimisers.

    Attributes
    ----------
    C
        FLOP values at which the envelope was evaluated.
    loss_min
        Lowest loss over all runs at each ``C`` (NaN where no run reaches ``C``).
    N_opt
        Size of the run achieving ``loss_min`` (NaN where undefined).
    used
        Mask of the ``C`` values used in the power-law fit: the winning run is neither the smallest nor the
        largest size (at the edges the true optimum may lie outside the sizes trained).
    a, log10_k
        Least-squares fit ``log10 N_opt = a log10 C + log10_k`` over the ``used`` points.
    """

    C: Float64Array
    loss_min: Float64Array
    N_opt: Float64Array
    used: NDArray[np.bool_]
    a: float
    log10_k: float

    @property
    def b(self) -> float:
        """Exponent of ``D_opt ∝ C^b`` implied by ``C = 6 N D``: ``1 - a``."""
        return 1.0 - self.a

    def predict_N(self, C: ArrayLike) -> Float64Array:
        """Compute-optimal size ``10**log10_k * C**a`` from the fitted power law."""
        c = positive_array(C, "C (FLOPs)")
        return 10.0 ** (self.log10_k + self.a * np.log10(c))


def simulate_training_curves(law: ParametricLaw, sizes: ArrayLike, *, min_tokens: float = 1e8,
                             max_tokens_per_param: float = 200.0, n_steps: int = 120, noise: float = 0.0,
                             seed: int | None = 0) -> TrainingCurves:
    """Training curves generated from a known law: ``L(N, D)`` for ``D`` from ``min_tokens`` to ``k N``.

    Parameters
    ----------
    law
        The true loss law.
    sizes
        Model sizes (parameters, > 0); sorted on output.
    min_tokens
        First recorded token count of every run.
    max_tokens_per_param
        Each run of size ``N`` stops at ``max_tokens_per_param * N`` tokens (must exceed ``min_tokens / N``).
    n_steps
        Log-spaced recorded steps per run (>= 2).
    noise
        Seed-to-seed variation: each whole curve is multiplied by ``exp(noise * z)``, ``z`` standard normal
        (the curve stays smooth, as Hoffmann's smoothed curves are).
    seed
        Seed of :func:`numpy.random.default_rng`.

    Returns
    -------
    TrainingCurves
    """
    if not isinstance(law, ParametricLaw):
        raise ValueError(f"law must be a ParametricLaw; got {type(law).__name__}.")
    n = np.sort(positive_array(sizes, "sizes (parameters)"))
    d0 = positive_scalar(min_tokens, "min_tokens")
    k = positive_scalar(max_tokens_per_param, "max_tokens_per_param")
    steps = int(finite_scalar(n_steps, "n_steps"))
    if steps < 2:
        raise ValueError(f"n_steps must be >= 2; got {n_steps}.")
    sigma = finite_scalar(noise, "noise")
    if sigma < 0:
        raise ValueError(f"noise must be >= 0; got {noise}.")
    d_end = k * n
    if np.any(d_end <= d0):
        raise ValueError(f"max_tokens_per_param * N must exceed min_tokens = {d0:g} for every size; the smallest "
                         f"model stops at {d_end.min():.3g} tokens. Raise max_tokens_per_param.")
    frac = np.linspace(0.0, 1.0, steps)
    tokens = np.exp(np.log(d0) + np.outer(np.log(d_end / d0), frac))
    loss = np.asarray(law.loss(n[:, None], tokens), dtype=float)
    rng = np.random.default_rng(seed)
    loss = loss * np.exp(sigma * rng.standard_normal(n.size))[:, None]
    label = law.name or "a ParametricLaw"
    return TrainingCurves(sizes=n, tokens=tokens, loss=loss,
                          source=f"simulated from {label}, noise {sigma:g} per run")


def fit_envelope(curves: TrainingCurves, C: ArrayLike | None = None, *, n_flops: int = 1500) -> EnvelopeFit:
    """Approach 1: the lowest loss over runs at each FLOP value, and ``N_opt ∝ C^a`` fitted to its minimisers.

    Each curve is interpolated linearly in ``(log C, log L)``; a run takes part only at FLOP values inside its own
    range.

    Parameters
    ----------
    curves
        Training curves (e.g. from :func:`simulate_training_curves`).
    C
        FLOP values; default ``n_flops`` log-spaced values over the range the runs cover (Hoffmann: 1500).
    n_flops
        Number of FLOP values when ``C`` is not given.

    Returns
    -------
    EnvelopeFit

    Raises
    ------
    ValueError
        If fewer than two FLOP values have an interior minimiser (add smaller and larger models).
    """
    if not isinstance(curves, TrainingCurves):
        raise ValueError(f"curves must be TrainingCurves; got {type(curves).__name__}.")
    flops = curves.flops
    if C is None:
        m = int(finite_scalar(n_flops, "n_flops"))
        if m < 2:
            raise ValueError(f"n_flops must be >= 2; got {n_flops}.")
        grid = np.logspace(np.log10(flops.min()), np.log10(flops.max()), m)
    else:
        grid = positive_array(C, "C (FLOPs)")
    lg = np.log(grid)
    table = np.full((curves.sizes.size, grid.size), np.inf)
    for i in range(curves.sizes.size):
        lc, ll = np.log(flops[i]), np.log(curves.loss[i])
        inside = (lg >= lc[0]) & (lg <= lc[-1])
        table[i, inside] = np.interp(lg[inside], lc, ll)
    best = np.argmin(table, axis=0)
    lmin = table[best, np.arange(grid.size)]
    defined = np.isfinite(lmin)
    n_opt = np.where(defined, curves.sizes[best], np.nan)
    loss_min = np.where(defined, np.exp(np.where(defined, lmin, 0.0)), np.nan)
    used = defined & (best > 0) & (best < curves.sizes.size - 1)
    if used.sum() < 2:
        raise ValueError("fewer than two FLOP values have a minimiser strictly between the smallest and largest "
                         "model: the sizes do not bracket the compute-optimal size. Train a wider range of sizes.")
    a, log10_k = np.polyfit(np.log10(grid[used]), np.log10(n_opt[used]), 1)
    return EnvelopeFit(C=grid, loss_min=loss_min, N_opt=n_opt, used=used, a=float(a), log10_k=float(log10_k))
