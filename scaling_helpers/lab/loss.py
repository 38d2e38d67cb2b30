"""Losses of the scaling lab: exact, Monte-Carlo, expected over training, and the closed-form theory.

* :func:`population_loss` — the exact population loss of given weights (chapter 11, Sec. 1):
  ``L = ½ [sum_{i<=N} lambda_i (theta_i - b_i)**2 + T(N) + sigma**2]``, half the mean squared error on a fresh
  sample, with irreducible part ``E = sigma**2/2``.
* :func:`monte_carlo_loss` — the same quantity estimated from fresh samples drawn from the full ``V``-dimensional
  model (no tail shortcut), to test the formula.
* :func:`expected_loss` — the loss of the training procedure averaged over its randomness, computed exactly by
  propagating second moments through every SGD step (below). The lab's "true" optimum is defined with it.
* :func:`theory_loss` — the continuum approximation of chapter 11, Sec. 5 evaluated as discrete sums (no SGD noise):
  ``L ≈ ½ [sigma**2 + T(N) + sum_{i<=N} i**-kappa exp(-i**-a · eta0 D / B)]``.
* :func:`continuum_loss` — its integral form, the sum of a capacity and a data power law:
  ``L - E ≈ N**-(kappa-1) / (2(kappa-1)) + Gamma((kappa-1)/a)/(2a) · (eta0 D/B)**-((kappa-1)/a)``.

Expected loss. With ``m_i = E[u_i**2]`` (``u = sqrt(lambda) (theta - b)``), Gaussian features give the exact
recursion (the fourth moment of a Gaussian, ``E[z z^T A z z^T] = 2A + tr(A) I``)

.. math:: m_i \\leftarrow m_i\\bigl(1 - 2\\eta_t\\lambda_i + \\eta_t^2(1 + 1/B)\\lambda_i^2\\bigr)
          + \\frac{\\eta_t^2}{B}\\lambda_i^2\\Bigl(\\sum_j m_j + s^2\\Bigr), \\qquad s^2 = T(N) + \\sigma^2,

starting from ``m_i = i**-kappa``; then ``E[L] = ½ (sum_i m_i + s^2)``. The ``1/B`` terms are the SGD noise that
:func:`theory_loss` ignores.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import gamma

from ..common.validate import positive_scalar
from .config import DEFAULT, LabConfig, check_samples, check_size
from .train import as_generator

__all__ = ["population_loss", "monte_carlo_loss", "expected_loss", "theory_loss", "continuum_loss",
           "initial_loss"]

Float64Array = NDArray[np.float64]


def _weights(theta: ArrayLike, config: LabConfig) -> Float64Array:
    th = np.asarray(theta, dtype=float).reshape(-1)
    if th.size == 0 or not np.all(np.isfinite(th)):
        raise ValueError("theta must be a non-empty vector of finite numbers (the model's weights).")
    check_size(th.size, config)
    return th


def population_loss(theta: ArrayLike, config: LabConfig = DEFAULT) -> float:
    """Exact population loss of a model with weights ``theta`` (its size is ``len(theta)``; chapter 11, Sec. 1).

    Returns ``½ [sum_{i<=N} lambda_i (theta_i - b_i)**2 + T(N) + sigma**2]`` in float64.
    """
    th = _weights(theta, config)
    n = th.size
    diff = th - config.target_weights(n)
    return 0.5 * (float(np.sum(config.eigenvalues(n) * diff * diff)) + float(config.tail(n)) + config.sigma**2)


def initial_loss(N: int, config: LabConfig = DEFAULT) -> float:
    """Loss of the untrained model (``theta = 0``): ``½ (sum_{i<=V} i**-kappa + sigma**2)``, whatever its size."""
    check_size(N, config)
    return 0.5 * (config.total_signal + config.sigma**2)


def monte_carlo_loss(theta: ArrayLike, n_samples: int = 20_000, *, rng: np.random.Generator | int | None = None,
                     config: LabConfig = DEFAULT, chunk: int = 2_000) -> tuple[float, float]:
    """Estimate the population loss of ``theta`` from fresh samples of the full ``V``-dimensional model.

    Draws ``x_i ~ N(0, lambda_i)`` for all ``i <= V`` and ``y = sum_i b_i x_i + sigma eps`` (no tail shortcut), and
    averages ``½ (y - theta·x_{1..N})**2``. Cost ``O(n_samples · V)``: use a small ``V`` in tests.

    Returns
    -------
    (estimate, standard_error)
    """
    th = _weights(theta, config)
    m = int(positive_scalar(n_samples, "n_samples"))
    gen = as_generator(rng)
    V = config.V
    sq = np.sqrt(config.eigenvalues(V))
    b = config.target_weights(V)
    total, total_sq, done = 0.0, 0.0, 0
    while done < m:
        k = min(int(chunk), m - done)
        x = gen.standard_normal((k, V)) * sq
        y = x @ b + config.sigma * gen.standard_normal(k)
        h = 0.5 * (y - x[:, : th.size] @ th) ** 2
        total += float(h.sum())
        total_sq += float((h * h).sum())
        done += k
    mean = total / m
    var = max(total_sq / m - mean * mean, 0.0)
    return mean, math.sqrt(var / m)


def expected_loss(N: int, D: int, config: LabConfig = DEFAULT) -> float:
    """Exact expected final loss of a model of size ``N`` trained on ``D`` samples (second-moment recursion).

    The average over the training randomness of :attr:`TrainedModel.loss <scaling_helpers.lab.train.TrainedModel>`,
    with ``T = max(1, D // B)`` steps of the linearly decaying schedule (module docstring). Cost: ``O(N·T)``.
    """
    n = check_size(N, config)
    d = check_samples(D)
    B = config.batch
    T = config.steps(d)
    lam = config.eigenvalues(n)
    l2 = lam * lam
    l2x = (1.0 + 1.0 / B) * l2
    m = config.signal(n)
    s2 = float(config.tail(n)) + config.sigma**2
    buf = np.empty(n)
    chunk = max(1, 2**20 // n)
    for t0 in range(0, T, chunk):
        eta = config.eta0 * (1.0 - np.arange(t0, min(T, t0 + chunk)) / T)
        # per-step multipliers 1 - 2 eta lambda + eta^2 (1 + 1/B) lambda^2, one row per step
        F = np.multiply.outer(eta, l2x)
        F -= 2.0 * lam
        F *= eta[:, None]
        F += 1.0
        noise = (eta * eta / B).tolist()
        for j in range(F.shape[0]):
            P = float(m.sum())
            m *= F[j]
            np.multiply(l2, noise[j] * (P + s2), out=buf)
            m += buf
    return 0.5 * (float(m.sum()) + s2)


def theory_loss(N: ArrayLike, D: ArrayLike, config: LabConfig = DEFAULT) -> float | Float64Array:
    """Noise-free theoretical loss of chapter 11, Sec. 5, as discrete sums (vectorised over ``N`` and ``D``).

    ``½ [sigma**2 + T(N) + sum_{i<=N} i**-kappa exp(-i**-a eta0 D / B)]``: each mode's error decays as
    ``exp(-lambda_i · sum_t eta_t)`` with ``sum_t eta_t ≈ eta0 T / 2`` and two factors (1 - eta lambda) per step;
    SGD noise is ignored. ``N`` and ``D`` may be real numbers here (``N`` is rounded down to whole modes).
    """
    n_arr = np.atleast_1d(np.asarray(N, dtype=float))
    d_arr = np.atleast_1d(np.asarray(D, dtype=float))
    if not (np.all(np.isfinite(n_arr)) and np.all(np.isfinite(d_arr))) or np.any(n_arr < 1) or np.any(d_arr <= 0):
        raise ValueError("N must be >= 1 and D > 0 (finite numbers).")
    n_b, d_b = np.broadcast_arrays(n_arr, d_arr)
    n_int = np.floor(n_b).astype(np.int64)
    if n_int.max() > config.V:
        raise ValueError(f"N must be <= V = {config.V}.")
    rate = config.eta0 / config.batch
    top = int(n_int.max())
    i = np.arange(1, top + 1, dtype=float)
    lam, sig = i**-config.a, i**-config.kappa
    out = np.empty(n_b.shape)
    flat_n, flat_d, flat_o = n_int.reshape(-1), d_b.reshape(-1), out.reshape(-1)
    for j in range(flat_n.size):
        k = flat_n[j]
        flat_o[j] = float(np.sum(sig[:k] * np.exp(-lam[:k] * (rate * flat_d[j]))))
    out = 0.5 * (config.sigma**2 + np.asarray(config.tail(n_int), dtype=float) + out)
    return float(out.reshape(-1)[0]) if np.ndim(N) == 0 and np.ndim(D) == 0 else out


def continuum_loss(N: ArrayLike, D: ArrayLike, config: LabConfig = DEFAULT) -> float | Float64Array:
    """Integral approximation of :func:`theory_loss`: ``E`` plus a capacity and a data power law (chapter 11, Sec. 5).

    ``E + N**-(kappa-1) / (2 (kappa-1)) + Gamma((kappa-1)/a) / (2a) · (eta0 D / B)**-((kappa-1)/a)``.
    Exponents: ``alpha_N = kappa - 1`` and ``beta_D = (kappa - 1)/a``.
    """
    n = np.asarray(N, dtype=float)
    d = np.asarray(D, dtype=float)
    if not (np.all(np.isfinite(n)) and np.all(np.isfinite(d))) or np.any(n <= 0) or np.any(d <= 0):
        raise ValueError("N and D must be positive finite numbers.")
    p = config.kappa - 1.0
    q = p / config.a
    out = (config.E + n**-p / (2.0 * p)
           + gamma(q) / (2.0 * config.a) * (config.eta0 * d / config.batch) ** -q)
    return float(out) if np.ndim(out) == 0 else out
