"""Training on generated data: collapse when data are replaced, a bounded error when they accumulate.

Shumailov, Shumaylov, Zhao, Papernot, Anderson & Gal (2024), "AI models collapse when trained on recursively
generated data" (Nature 631, 755-759; arXiv:2305.17493), show that models trained generation after generation on
the previous generation's samples lose the tails of the original distribution and degenerate ("model collapse").
Gerstgrasser et al. (2024), "Is Model Collapse Inevitable? Breaking the Curse of Recursion by Accumulating Real
and Synthetic Data" (arXiv:2404.01413), compare two ways to use the generated data: *replace* (each model sees
only the previous model's outputs) and *accumulate* (each model sees the real data and every generation so far).
In the linear-regression setting they analyse (after Dohmatob, Feng & Kempe 2024, arXiv:2402.07712), the test
error grows linearly with the number of generations under replacement and stays below a bound independent of the
number of generations under accumulation.

This module works that setting out. A design ``X`` (``T`` samples, ``d`` features, isotropic Gaussian) is fixed;
generation 1 fits ordinary least squares to real labels ``X w* + noise``; generation ``n`` fits labels produced
by model ``n-1`` plus fresh noise of the same variance ``sigma**2``. With ``eps_i`` the OLS estimate of the noise
drawn at generation ``i``, the error of model ``n`` is

* replace: ``w_n - w* = eps_1 + ... + eps_n``, so ``E||w_n - w*||^2 = n * V``;
* accumulate: ``w_n`` is the OLS fit to all ``n`` label sets on the same ``X``, i.e. the average of
  ``w_{i-1} + eps_i``; unrolling gives ``E||w_n - w*||^2 = V * sum_{i<=n} 1/i**2 < V * pi**2/6``,

where ``V = sigma**2 * E tr((X^T X)^-1) = sigma**2 d / (T - d - 1)`` (the mean of an inverse Wishart matrix).
:func:`collapse_error` gives these expectations, :func:`simulate_collapse` checks them by Monte Carlo.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from ..common.validate import positive_int, positive_scalar

__all__ = ["ols_error", "collapse_error_factor", "collapse_error", "simulate_collapse", "MODES"]

#: The two ways of using generated data compared by Gerstgrasser et al. (2024).
MODES: tuple[str, str] = ("replace", "accumulate")


def _mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"mode must be 'replace' or 'accumulate'; got {mode!r}.")
    return mode


def ols_error(d: int, T: int, sigma: float = 1.0) -> float:
    """Expected squared parameter error of one OLS fit, ``sigma**2 d / (T - d - 1)`` (isotropic Gaussian design)."""
    dd, tt = positive_int(d, "d (features)"), positive_int(T, "T (samples)")
    if tt <= dd + 1:
        raise ValueError(f"T must exceed d + 1 for a finite expected error; got T = {tt}, d = {dd}.")
    return positive_scalar(sigma, "sigma") ** 2 * dd / (tt - dd - 1)


def collapse_error_factor(generations: int, mode: str) -> float:
    """Error of generation ``n`` in units of one OLS fit's: ``n`` (replace) or ``sum_{i<=n} 1/i^2`` (accumulate)."""
    n = positive_int(generations, "generations")
    if _mode(mode) == "replace":
        return float(n)
    return math.fsum(1.0 / i**2 for i in range(1, n + 1))


def collapse_error(generations: int, mode: str, *, d: int = 10, T: int = 100, sigma: float = 1.0) -> float:
    """Expected ``||w_n - w*||^2`` (the excess test error for isotropic test inputs) after ``generations`` fits."""
    return collapse_error_factor(generations, mode) * ols_error(d, T, sigma)


def simulate_collapse(generations: int, mode: str, *, d: int = 10, T: int = 100, sigma: float = 1.0,
                      trials: int = 200, seed: int = 0) -> NDArray[np.float64]:
    """Monte-Carlo ``||w_n - w*||^2`` for ``n = 1 .. generations``, averaged over ``trials`` designs.

    Each trial draws ``X`` (``T x d``, standard normal) and ``w*``; generation ``n`` is fitted by least squares to
    the label sets it is given (the latest only, or all so far). Deterministic for a given ``seed``.
    """
    n_gen = positive_int(generations, "generations")
    _mode(mode)
    ols_error(d, T, sigma)
    rng = np.random.default_rng(seed)
    out = np.zeros(n_gen)
    for _ in range(positive_int(trials, "trials")):
        X = rng.standard_normal((T, d))
        w_star = rng.standard_normal(d)
        pinv = np.linalg.pinv(X)
        w_prev = w_star
        label_sum = np.zeros(T)
        for n in range(n_gen):
            y = X @ w_prev + rng.normal(0.0, sigma, T)
            label_sum += y
            w = pinv @ (y if mode == "replace" else label_sum / (n + 1))
            out[n] += float(np.sum((w - w_star) ** 2))
            w_prev = w
    return out / trials
