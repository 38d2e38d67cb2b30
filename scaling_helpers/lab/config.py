"""The scaling lab's data model: power-law linear regression (chapter 11, Sec. 1).

Features ``x_i ~ N(0, lambda_i)`` independently for ``i = 1..V`` with the covariance spectrum
``lambda_i = i**-a``; the target is ``y = sum_i b_i x_i + sigma * eps`` with ``b_i = i**((a - kappa)/2)``, so
the signal carried by mode ``i`` is ``lambda_i b_i**2 = i**-kappa``. A model of size ``N`` sees the first ``N``
features. Everything it cannot see, ``sum_{i>N} b_i x_i``, is Gaussian noise independent of what it sees, with
variance

.. math:: T(N) = \\sum_{i=N+1}^{V} i^{-\\kappa}

(the "tail"; chapter 11, Sec. 1), so the lab never needs more than ``N`` features per model. The tail is computed in
closed form with the Hurwitz zeta function, ``T(N) = zeta(kappa, N+1) - zeta(kappa, V+1)``.

This is the diagonal, truncated relative of the models of Lin, Wu, Kakade, Bartlett & Lee (2024,
arXiv:2406.08466) and Paquette, Paquette, Xiao & Pennington (2024, arXiv:2405.15074): there the model sees a random
projection of the features; here it sees the leading ``N`` eigen-features (chapter 11, Sec. 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import zeta

from ..common.validate import finite_scalar

__all__ = ["LabConfig", "DEFAULT", "check_size", "check_samples"]

Float64Array = NDArray[np.float64]


def _integer(value: object, name: str, *, low: int, what: str) -> int:
    """``value`` as an int ``>= low`` (accepts integral floats such as ``1e4``)."""
    x = finite_scalar(value, name)
    if x != math.floor(x):
        raise ValueError(f"{name} must be a whole number ({what}); got {x}. Round it, e.g. int(round(x)).")
    if x < low:
        raise ValueError(f"{name} must be >= {low} ({what}); got {int(x)}.")
    return int(x)


@dataclass(frozen=True)
class LabConfig:
    """Settings of the scaling lab. The defaults are the lab's (chapter 11, Sec. 1).

    Parameters
    ----------
    a
        Decay of the covariance spectrum ``lambda_i = i**-a`` (default 1.5). Sets the compute-optimal exponent
        ``N* ∝ C**(1/(1+a))`` (chapter 11, Sec. 5).
    kappa
        Decay of the signal per mode, ``lambda_i b_i**2 = i**-kappa`` (default 2.5); ``kappa > 1`` keeps the total
        signal finite. Sets the loss exponents but not the allocation.
    sigma
        Label-noise standard deviation (default 0.1); the irreducible loss is ``E = sigma**2 / 2``.
    V
        The "true" dimension (default 200,000); only the tail ``T(N)`` depends on it.
    batch
        SGD batch size ``B`` (default 64).
    eta0
        Peak learning rate, decayed linearly to zero: ``eta_t = eta0 (1 - t/T)`` (default 0.5). With
        ``lambda_1 = 1`` it must lie in (0, 1] for stable training.
    """

    a: float = 1.5
    kappa: float = 2.5
    sigma: float = 0.1
    V: int = 200_000
    batch: int = 64
    eta0: float = 0.5

    def __post_init__(self) -> None:
        a = finite_scalar(self.a, "a")
        if a <= 0:
            raise ValueError(f"a (spectrum decay) must be > 0; got {a}. The lab uses 1.5 (1.25 and 1.0 as variants).")
        kappa = finite_scalar(self.kappa, "kappa")
        if kappa <= 1:
            raise ValueError(f"kappa must be > 1 so that the total signal sum(i**-kappa) is finite; got {kappa}.")
        sigma = finite_scalar(self.sigma, "sigma")
        if sigma < 0:
            raise ValueError(f"sigma (label-noise standard deviation) must be >= 0; got {sigma}.")
        eta0 = finite_scalar(self.eta0, "eta0")
        if not 0 < eta0 <= 1:
            raise ValueError(f"eta0 must lie in (0, 1] (the largest eigenvalue is 1, so larger steps diverge); "
                             f"got {eta0}.")
        object.__setattr__(self, "a", a)
        object.__setattr__(self, "kappa", kappa)
        object.__setattr__(self, "sigma", sigma)
        object.__setattr__(self, "eta0", eta0)
        object.__setattr__(self, "V", _integer(self.V, "V", low=2, what="the number of features"))
        object.__setattr__(self, "batch", _integer(self.batch, "batch", low=1, what="samples per SGD step"))

    # ---------------------------------------------------------------------------------------------- scalars
    @property
    def E(self) -> float:
        """Irreducible loss ``sigma**2 / 2`` (half mean squared error; chapter 11, Sec. 1)."""
        return 0.5 * self.sigma**2

    @property
    def total_signal(self) -> float:
        """``sum_{i<=V} i**-kappa``: the variance of the noise-free target (the loss of ``theta = 0`` minus E, x2)."""
        return float(zeta(self.kappa, 1) - zeta(self.kappa, self.V + 1))

    def tail(self, N: ArrayLike) -> float | Float64Array:
        """Signal the model of size ``N`` cannot see: ``T(N) = sum_{i=N+1}^{V} i**-kappa`` (chapter 11, Sec. 1).

        Parameters
        ----------
        N
            Model size(s), integers in ``[0, V]``.
        """
        n = np.asarray(N, dtype=float)
        if not np.all(np.isfinite(n)) or np.any(n < 0) or np.any(n > self.V) or np.any(n != np.floor(n)):
            raise ValueError(f"N must be whole numbers between 0 and V = {self.V}; got {N!r:.60}.")
        out = zeta(self.kappa, n + 1.0) - zeta(self.kappa, self.V + 1.0)
        out = np.maximum(out, 0.0)
        return float(out) if out.ndim == 0 else out

    # ---------------------------------------------------------------------------------------------- vectors
    def eigenvalues(self, N: int) -> Float64Array:
        """``lambda_i = i**-a`` for ``i = 1..N``."""
        return np.arange(1, check_size(N, self) + 1, dtype=float) ** -self.a

    def signal(self, N: int) -> Float64Array:
        """Signal per mode ``lambda_i b_i**2 = i**-kappa`` for ``i = 1..N``."""
        return np.arange(1, check_size(N, self) + 1, dtype=float) ** -self.kappa

    def target_weights(self, N: int) -> Float64Array:
        """Target weights ``b_i = i**((a - kappa)/2)`` for ``i = 1..N``."""
        return np.arange(1, check_size(N, self) + 1, dtype=float) ** (0.5 * (self.a - self.kappa))

    def steps(self, D: int) -> int:
        """SGD steps for ``D`` samples: ``T = max(1, D // B)`` (chapter 11, Sec. 1)."""
        return max(1, check_samples(D) // self.batch)

    def describe(self) -> str:
        """One line naming the settings."""
        return (f"a = {self.a:g}, kappa = {self.kappa:g}, sigma = {self.sigma:g} (E = {self.E:.4g}), "
                f"V = {self.V:,}, B = {self.batch}, eta0 = {self.eta0:g}")


#: The lab's default configuration (chapter 11, Sec. 1): a = 1.5, kappa = 2.5, sigma = 0.1, V = 200,000, B = 64,
#: eta0 = 0.5.
DEFAULT = LabConfig()


def check_size(N: object, config: LabConfig = DEFAULT) -> int:
    """``N`` as a model size: a whole number from 1 to ``config.V``."""
    n = _integer(N, "N (model size)", low=1, what="parameters = leading features the model sees")
    if n > config.V:
        raise ValueError(f"N (model size) = {n} exceeds the lab's dimension V = {config.V}; "
                         "choose N <= V or a LabConfig with a larger V.")
    return n


def check_samples(D: object) -> int:
    """``D`` as a number of training samples: a whole number >= 1."""
    return _integer(D, "D (training samples)", low=1, what="fresh samples, each used once")
