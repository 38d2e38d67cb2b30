"""Small, seeded synthetic data sets used by the notebooks and exercises.

Each generator is deterministic (NumPy's PCG64 with a fixed seed) so that every machine
produces the same numbers. The "true" constants are published ones, named with their source,
so students fit data whose answer they can look up afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["Sweep", "kaplan_model_sweep", "saturating_sweep", "sweep_with_outliers"]


@dataclass(frozen=True)
class Sweep:
    """A synthetic sweep of one size variable ``x`` with measured losses ``y``."""

    x: NDArray[np.float64]
    """The swept quantity (parameters or tokens)."""
    y: NDArray[np.float64]
    """Loss in nats per token."""
    truth: dict[str, float]
    """Constants the data were generated from."""
    description: str
    """What the data mimic and where the constants come from."""


def kaplan_model_sweep(n: int = 12, noise: float = 0.01, seed: int = 2020) -> Sweep:
    """Loss of ``n`` model sizes from 1e6 to 1e10 non-embedding parameters under Kaplan's
    L(N) = (N_c / N)^alpha_N, N_c = 8.8e13, alpha_N = 0.076 (Kaplan et al. 2020,
    arXiv:2001.08361, Eq. 1.1 / Table 5), with multiplicative log-normal noise of
    relative size ``noise``."""
    rng = np.random.default_rng(seed)
    x = np.logspace(6, 10, n)
    y = (8.8e13 / x) ** 0.076 * np.exp(rng.normal(0.0, noise, n))
    return Sweep(x, y, {"N_c": 8.8e13, "alpha": 0.076, "A": 8.8e13**0.076},
                 "Kaplan et al. 2020 Eq. 1.1 (alpha_N = 0.076, N_c = 8.8e13) with 1% noise")


def saturating_sweep(n: int = 16, noise: float = 0.02, seed: int = 2022) -> Sweep:
    """Loss of ``n`` model sizes from 1e7 to 1e11 parameters trained on unlimited data under
    Chinchilla's parameter term L(N) = E + A / N^alpha with the printed constants E = 1.69,
    A = 406.4, alpha = 0.34 (Hoffmann et al. 2022, arXiv:2203.15556, Eq. 10); the reducible
    part carries multiplicative noise of relative size ``noise``."""
    rng = np.random.default_rng(seed)
    x = np.logspace(7, 11, n)
    y = 1.69 + 406.4 * x**-0.34 * np.exp(rng.normal(0.0, noise, n))
    return Sweep(x, y, {"E": 1.69, "A": 406.4, "alpha": 0.34},
                 "Hoffmann et al. 2022 Eq. 10 parameter term (E 1.69, A 406.4, alpha 0.34), 2% noise")


def sweep_with_outliers(n: int = 16, n_outliers: int = 2, seed: int = 7) -> Sweep:
    """:func:`saturating_sweep` with ``n_outliers`` runs whose loss is 30% too high, as from a
    diverged or mis-configured run: the data set on which least squares and Huber differ."""
    base = saturating_sweep(n=n, noise=0.005, seed=seed)
    y = base.y.copy()
    rng = np.random.default_rng(seed)
    idx = rng.choice(np.arange(2, n - 2), size=n_outliers, replace=False)
    y[idx] *= 1.3
    return Sweep(base.x, y, {**base.truth, "outliers": float(n_outliers)},
                 base.description + f"; {n_outliers} runs 30% too high")
