"""Warm-up of the lab: power laws from Zipf-distributed "quanta" alone, with no gradient descent (chapter 11, Sec. 6).

``K`` quanta (facts, skills) occur with frequencies ``p_k ∝ k**-(alpha+1)``. A quantum costs 1 when unlearned and
0 when learned, weighted by its frequency, so the loss is ``L = sum_{k unlearned} p_k`` (no irreducible part).

* Data-limited (Hutter 2021, arXiv:2102.04074): a memoriser learns every quantum it has seen; after ``D`` i.i.d.
  draws ``L(D) = sum_{k unseen} p_k`` with expectation ``sum_k p_k (1 - p_k)**D ∝ D**(-alpha/(alpha+1))``.
* Capacity-limited (Michaud, Liu, Girit & Tegmark 2023, arXiv:2303.13506): a model of size ``N`` knows the ``N``
  most frequent quanta, so ``L(N) = sum_{k>N} p_k ∝ N**-alpha``.

Hence ``alpha_D = alpha_N / (alpha_N + 1)`` (the quantization model's prediction). The asymptotic constant used in
:func:`memoriser_asymptotic` comes from replacing the sum by an integral (our derivation, checked numerically in
the tests; Hutter states the exponent).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import gamma

from ..common.validate import finite_scalar, positive_array
from ..powerlaws.fit import fit_power_law
from .train import as_generator

__all__ = ["zipf_frequencies", "QuantaCurves", "quanta_curves", "memoriser_expected_loss", "memoriser_asymptotic",
           "sample_quanta", "zipf_exponent_mle", "zipf_exponent_histogram"]

Float64Array = NDArray[np.float64]


def _alpha(alpha: float) -> float:
    a = finite_scalar(alpha, "alpha")
    if a <= 0:
        raise ValueError(f"alpha must be > 0 (frequencies p_k ∝ k**-(alpha+1) must be summable); got {a}.")
    return a


def zipf_frequencies(K: int = 1_000_000, alpha: float = 0.5) -> Float64Array:
    """Normalised frequencies ``p_k = k**-(alpha+1) / sum_j j**-(alpha+1)`` for ``k = 1..K``."""
    k = int(finite_scalar(K, "K"))
    if k < 2:
        raise ValueError(f"K (number of quanta) must be >= 2; got {K}.")
    p = np.arange(1, k + 1, dtype=float) ** -(_alpha(alpha) + 1.0)
    return p / p.sum()


@dataclass(frozen=True, eq=False)  # holds arrays
class QuantaCurves:
    """Losses of the Zipf memoriser and their fitted exponents."""

    D: Float64Array
    """Numbers of i.i.d. draws."""
    loss_D: Float64Array
    """Loss of the memoriser after ``D`` draws (frequency mass of unseen quanta)."""
    N: Float64Array
    """Model sizes (quanta known, most frequent first)."""
    loss_N: Float64Array
    """Loss of a size-``N`` model with unlimited data."""
    slope_D: float
    """Fitted exponent of ``L(D)`` (least squares of ``log L`` on ``log D``)."""
    slope_N: float
    """Fitted exponent of ``L(N)``."""
    alpha: float
    """The Zipf exponent."""

    @property
    def theory_D(self) -> float:
        """Predicted data exponent ``alpha/(alpha+1)``."""
        return self.alpha / (self.alpha + 1.0)

    @property
    def theory_N(self) -> float:
        """Predicted size exponent ``alpha``."""
        return self.alpha


def quanta_curves(alpha: float = 0.5, K: int = 1_000_000, D: ArrayLike | None = None, N: ArrayLike | None = None,
                  *, seed: int = 0) -> QuantaCurves:
    """Simulate the memoriser (chapter 11, Sec. 6): 9 log-spaced ``D`` in [1e2, 1e6] and ``N`` in [10, 1e5] by default.

    The draws for the largest ``D`` are made once (inverse-CDF sampling) and prefixes give the smaller ``D``.
    """
    a = _alpha(alpha)
    p = zipf_frequencies(K, a)
    ds = np.logspace(2, 6, 9) if D is None else positive_array(D, "D")
    ns = np.logspace(1, 5, 9) if N is None else positive_array(N, "N")
    ds_int = np.round(ds).astype(np.int64)
    ns_int = np.round(ns).astype(np.int64)
    if ns_int.max() >= p.size:
        raise ValueError(f"every N must be below K = {p.size} (otherwise the loss is 0).")
    rng = as_generator(seed)
    cdf = np.cumsum(p)
    draws = np.minimum(np.searchsorted(cdf, rng.random(int(ds_int.max())) * cdf[-1], side="right"), p.size - 1)
    loss_d = np.empty(ds_int.size)
    for j, d in enumerate(ds_int):
        seen = np.unique(draws[:d])
        loss_d[j] = max(1.0 - float(p[seen].sum()), 0.0)
    tail = np.concatenate([np.cumsum(p[::-1])[::-1], [0.0]])  # tail[n] = sum_{k>n} p_k (k 1-based)
    loss_n = tail[ns_int]
    return QuantaCurves(D=ds_int.astype(float), loss_D=loss_d, N=ns_int.astype(float), loss_N=loss_n,
                        slope_D=fit_power_law(ds_int, loss_d).alpha, slope_N=fit_power_law(ns_int, loss_n).alpha,
                        alpha=a)


def memoriser_expected_loss(D: ArrayLike, alpha: float = 0.5, K: int = 1_000_000) -> Float64Array:
    """Exact expected memoriser loss ``sum_k p_k (1 - p_k)**D`` (Hutter 2021's ``E_n`` with ``n = D``)."""
    p = zipf_frequencies(K, alpha)
    ds = positive_array(D, "D")
    return np.array([float(np.sum(p * np.exp(d * np.log1p(-p)))) for d in ds])


def memoriser_asymptotic(D: ArrayLike, alpha: float = 0.5, K: int = 1_000_000) -> Float64Array:
    """Large-``D`` approximation ``Gamma(alpha/(1+alpha)) c**(1/(1+alpha)) / (1+alpha) · D**(-alpha/(1+alpha))``.

    ``c`` is the Zipf normalisation (``p_k = c k**-(1+alpha)``); obtained by replacing the sum over ``k`` by an
    integral (``K`` large). Approximate: compare with :func:`memoriser_expected_loss`.
    """
    a = _alpha(alpha)
    ds = positive_array(D, "D")
    c = float(zipf_frequencies(K, a)[0])
    q = 1.0 / (1.0 + a)
    return gamma(1.0 - q) * c**q / (1.0 + a) * ds ** (-a * q)


def sample_quanta(n: int, alpha: float = 0.5, K: int = 1_000_000, *, seed: int = 0) -> NDArray[np.int64]:
    """``n`` i.i.d. quantum indices ``k`` (1-based) drawn with ``p_k ∝ k**-(alpha+1)`` (inverse-CDF sampling)."""
    m = int(finite_scalar(n, "n"))
    if m < 1:
        raise ValueError(f"n (number of samples) must be >= 1; got {n}.")
    cdf = np.cumsum(zipf_frequencies(K, alpha))
    rng = as_generator(seed)
    return np.minimum(np.searchsorted(cdf, rng.random(m) * cdf[-1], side="right"), cdf.size - 1) + 1


def _tail_samples(samples: ArrayLike, k_min: float) -> Float64Array:
    x = positive_array(samples, "samples")
    kmin = finite_scalar(k_min, "k_min")
    if kmin < 1:
        raise ValueError(f"k_min must be >= 1; got {kmin}.")
    tail = x[x >= kmin]
    if tail.size < 10:
        raise ValueError(f"only {tail.size} samples are >= k_min = {kmin:g}; lower k_min or draw more samples.")
    return tail


def zipf_exponent_mle(samples: ArrayLike, k_min: float = 10.0) -> tuple[float, float]:
    """Maximum-likelihood exponent ``s`` of a discrete power law ``P(k) ∝ k**-s`` for ``k >= k_min``.

    Clauset, Shalizi & Newman (2009, SIAM Review 51(4), arXiv:0706.1062, Sec. 3): the continuous estimator
    ``1 + n / sum ln(k_i / k_min)`` with ``k_min - 1/2`` in place of ``k_min`` for integer data (their
    approximation, good for ``k_min`` of about 6 or more), standard error ``(s - 1)/sqrt(n)``.

    Returns
    -------
    (exponent, standard_error)
    """
    tail = _tail_samples(samples, k_min)
    s = 1.0 + tail.size / float(np.sum(np.log(tail / (float(k_min) - 0.5))))
    return s, (s - 1.0) / float(np.sqrt(tail.size))


def zipf_exponent_histogram(samples: ArrayLike, k_min: float = 10.0, *, bins: int = 1000) -> float:
    """The exponent from a least-squares line through a **linearly binned** histogram on log-log axes.

    The estimator to avoid (Clauset, Shalizi & Newman 2009, arXiv:0706.1062, Sec. 3): most bins hold few counts whose logarithms are noisy and
    skewed, empty bins are dropped, and the fit is biased (Clauset et al. 2009). Shown for comparison only.
    """
    tail = _tail_samples(samples, k_min)
    counts, edges = np.histogram(tail, bins=int(finite_scalar(bins, "bins")))
    mid = 0.5 * (edges[:-1] + edges[1:])
    ok = counts > 0
    return float(-np.polyfit(np.log(mid[ok]), np.log(counts[ok]), 1)[0])
