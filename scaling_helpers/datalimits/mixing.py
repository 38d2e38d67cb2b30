"""Data-mixing laws: a domain's loss as a function of the training mixture (Ye et al. 2024).

Ye, Liu, Sun, Zhan, Zhou & Qiu (2024), "Data Mixing Laws: Optimizing Data Mixtures by Predicting Language
Modeling Performance" (arXiv:2403.16952), find that at fixed model size and training steps the validation loss
on domain ``i`` is an exponential function of the mixture proportions ``r_1 .. r_M`` (first for two domains,
then for ``M``):

.. math:: L_i(r) = c_i + k_i \\exp\\Bigl(\\sum_{j=1}^{M} t_{ij}\\, r_j\\Bigr),

where ``t_ij < 0`` means training on domain ``j`` lowers the loss on domain ``i``. The overall loss is a weighted
sum of the domains' losses (their "explicit domain aggregation"). To predict the best mixture for a large
run from small ones they nest three laws: per candidate mixture, fit a law in
training steps ``L(S) = E + B / S**beta`` on short runs and extrapolate to the target steps; fit a law in model
size ``L(N) = E + A / N**alpha`` the same way; then fit the mixing law to the *predicted* losses and minimise
it over the simplex.

The numbers this chapter fits are synthetic: losses generated from a known mixing law plus noise
(:func:`synthetic_mixture_runs`), so that a fit can be checked against the truth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import least_squares, minimize

from ..common.validate import as_array, positive_int, positive_scalar

__all__ = ["MixingLaw", "mixing_law_loss", "fit_mixing_law", "best_mixture", "synthetic_mixture_runs",
           "DEMO_LAWS"]

Float64Array = NDArray[np.float64]


def _proportions(r: ArrayLike, m: int | None = None) -> Float64Array:
    arr = np.atleast_2d(np.asarray(r, dtype=float))
    if arr.size == 0 or not np.all(np.isfinite(arr)):
        raise ValueError(f"mixture proportions must be finite numbers; got {r!r:.60}.")
    if m is not None and arr.shape[-1] != m:
        raise ValueError(f"each mixture needs {m} proportions (one per domain); got {arr.shape[-1]}.")
    if np.any(arr < -1e-12) or np.any(np.abs(arr.sum(axis=-1) - 1) > 1e-6):
        raise ValueError("mixture proportions must be >= 0 and sum to 1 per mixture (e.g. [0.3, 0.7]); "
                         "divide percentages by 100.")
    return arr


@dataclass(frozen=True)
class MixingLaw:
    """``L(r) = c + k exp(t . r)`` for one validation domain."""

    c: float
    """Part of the loss no mixture changes."""
    k: float
    """Scale of the mixture-dependent part (positive)."""
    t: tuple[float, ...]
    """One interaction coefficient per training domain (negative: that domain helps)."""

    def loss(self, r: ArrayLike) -> float | Float64Array:
        """Loss at mixture(s) ``r`` (shape ``(M,)`` or ``(n, M)``)."""
        return mixing_law_loss(r, self.c, self.k, self.t)


def mixing_law_loss(r: ArrayLike, c: float, k: float, t: ArrayLike) -> float | Float64Array:
    """``c + k * exp(sum_j t_j r_j)`` (Ye et al. 2024) at mixture(s) ``r``.

    Examples
    --------
    >>> round(mixing_law_loss([0.5, 0.5], 2.0, 1.0, [-1.0, 0.0]), 4)
    2.6065
    """
    tt = as_array(t, "t")
    arr = _proportions(r, tt.size)
    positive_scalar(k, "k")
    out = float(c) + float(k) * np.exp(arr @ tt)
    return float(out[0]) if np.ndim(r) == 1 else out


def fit_mixing_law(r: ArrayLike, losses: ArrayLike) -> MixingLaw:
    """Least-squares fit of ``c, k, t`` to losses measured at mixtures ``r`` (shape ``(n, M)``).

    ``k`` is fitted on a log scale (it must stay positive). The proportions sum to one, so adding a constant to
    every ``t_j`` is the same as multiplying ``k`` by its exponential: ``k`` and ``t`` are not identified
    separately, the losses they predict are. Compare fits by their predictions, not by their ``t`` entries.

    Raises
    ------
    ValueError
        With fewer runs than parameters (``M + 2``).
    """
    arr = _proportions(r)
    y = as_array(losses, "losses")
    n, m = arr.shape
    if y.size != n:
        raise ValueError(f"got {n} mixtures but {y.size} losses; pass one loss per mixture.")
    if n < m + 2:
        raise ValueError(f"fitting M = {m} domains needs at least {m + 2} runs; got {n}.")

    def resid(p: Float64Array) -> Float64Array:
        return p[0] + np.exp(p[1] + arr @ p[2:]) - y

    best = None
    for c0 in (0.5 * y.min(), 0.9 * y.min()):
        for t0 in (-1.0, 1.0):
            x0 = np.r_[c0, np.log(max(y.mean() - c0, 1e-3)), np.full(m, t0)]
            sol = least_squares(resid, x0, method="lm", max_nfev=20000)
            if best is None or sol.cost < best.cost:
                best = sol
    p = best.x
    return MixingLaw(c=float(p[0]), k=float(np.exp(p[1])), t=tuple(float(v) for v in p[2:]))


def best_mixture(laws: tuple[MixingLaw, ...] | list[MixingLaw], weights: ArrayLike) -> tuple[Float64Array, float]:
    """Mixture minimising the weighted loss ``sum_i w_i L_i(r)`` over the simplex; returns ``(r, loss)``.

    ``weights`` are the validation domains' shares (Ye et al.'s explicit aggregation). Solved with SLSQP
    from the uniform mixture and each corner, keeping the best.
    """
    w = as_array(weights, "weights")
    if len(laws) != w.size:
        raise ValueError(f"got {len(laws)} laws but {w.size} weights; pass one weight per validation domain.")
    if np.any(w < 0) or w.sum() <= 0:
        raise ValueError("weights must be >= 0 with a positive sum.")
    m = len(laws[0].t)

    def total(r: Float64Array) -> float:
        r = np.clip(r, 0, None)
        r = r / r.sum()
        return float(sum(wi * float(law.loss(r)) for wi, law in zip(w, laws, strict=True)))

    starts = [np.full(m, 1 / m)] + [np.eye(m)[j] * 0.98 + 0.02 / m for j in range(m)]
    best: tuple[Float64Array, float] | None = None
    for x0 in starts:
        sol = minimize(total, x0, method="SLSQP", bounds=[(0, 1)] * m,
                       constraints=({"type": "eq", "fun": lambda r: r.sum() - 1},), options={"ftol": 1e-12})
        r = np.clip(sol.x, 0, None)
        r = r / r.sum()
        if best is None or total(r) < best[1]:
            best = (r, total(r))
    assert best is not None
    return best


#: Two validation domains ("web", "code") and two training domains, for the chapter's synthetic runs:
#: code data helps code a lot and web a little; web data helps web. Chosen for the demonstration.
DEMO_LAWS: tuple[MixingLaw, MixingLaw] = (
    MixingLaw(c=2.6, k=1.2, t=(-1.1, -0.3)),
    MixingLaw(c=1.1, k=1.6, t=(-0.2, -2.4)),
)


def synthetic_mixture_runs(laws: tuple[MixingLaw, ...] = DEMO_LAWS, *, n_runs: int = 7, noise: float = 0.005,
                           seed: int = 0) -> tuple[Float64Array, Float64Array]:
    """Small "training runs" at ``n_runs`` two-domain mixtures ``r_2`` evenly spaced in [0.05, 0.95]: returns
    ``(r, losses)`` with ``losses[:, i]`` the loss on validation domain ``i`` plus Gaussian noise (s.d.
    ``noise`` nats). Deterministic for a given ``seed``."""
    n = positive_int(n_runs, "n_runs")
    r2 = np.linspace(0.05, 0.95, n)
    r = np.column_stack([1 - r2, r2])
    rng = np.random.default_rng(seed)
    losses = np.column_stack([np.asarray(law.loss(r)) for law in laws])
    return r, losses + rng.normal(0.0, noise, size=losses.shape)
