"""pass@k: the unbiased estimator of Chen et al. (2021) and the biased plug-in it replaces.

A problem is sampled ``n`` times and ``c`` samples are correct. *pass@k* (or *coverage* at ``k``) is the
probability that at least one of ``k`` samples is correct. Chen et al. (2021, "Evaluating Large Language
Models Trained on Code", arXiv:2107.03374, Sec. 2.1, Eq. 1) estimate it without bias from ``n >= k`` samples:

    pass@k = 1 - C(n - c, k) / C(n, k)

(the chance that a random ``k``-subset of the ``n`` samples holds a correct one), averaged over problems.
Binomial coefficients overflow floats for ``n`` of a few hundred, so the paper computes the ratio as a
product (their Fig. 3; the same function ``estimate_pass_at_k`` is in ``openai/human-eval``):

    C(n - c, k) / C(n, k) = prod_{i = n-c+1}^{n} (1 - k / i),      and pass@k = 1 when n - c < k.

:func:`pass_at_k` uses the equivalent product with ``min(c, k)`` factors, summed in log space, so it is
exact to floating-point rounding even for ``n`` in the billions (where the product over ``c`` factors
would need billions of terms). The *plug-in* estimate ``1 - (1 - c/n)^k`` (:func:`pass_at_k_plugin`)
is biased **low**: ``(1 - x)^k`` is convex, so by Jensen's inequality ``E[(1 - c/n)^k] >= (1 - p)^k``.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.stats import binom

__all__ = ["pass_at_k", "pass_at_k_plugin", "pass_at_k_exact", "coverage_from_p", "EstimatorMeans",
           "estimator_means"]

#: Largest number of float64 values one chunk of the product may hold (about 32 MB).
_CHUNK_BUDGET = 1 << 22
#: Below this log-product the product underflows to 0 in float64, so pass@k is exactly 1.0.
_LOG_TINY = -750.0

Number = float | NDArray[np.float64]


def _whole(values: Any, name: str, what: str) -> NDArray[np.int64] | list[int]:
    """``values`` as an integer array (or a list of Python ints when too big for int64)."""
    if isinstance(values, bool | np.bool_):
        raise ValueError(f"{name} must be a whole number of {what}, not a bool ({values}).")
    if isinstance(values, numbers.Integral):
        return np.asarray(int(values)) if abs(int(values)) < 2**62 else [int(values)]
    try:
        arr = np.asarray(values)
    except (TypeError, ValueError) as exc:  # pragma: no cover - ragged input
        raise ValueError(f"{name} must be whole numbers of {what} (got {type(values).__name__}).") from exc
    if arr.dtype == object:
        flat = arr.reshape(-1).tolist()
        if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in flat):
            raise ValueError(f"{name} must be whole numbers of {what}; got {values!r:.80}.")
        return np.asarray(flat, dtype=np.int64).reshape(arr.shape) if all(abs(v) < 2**62 for v in flat) else flat
    if arr.dtype.kind == "b":
        raise ValueError(f"{name} must be whole numbers of {what}, not booleans.")
    if arr.dtype.kind in "iu":
        return arr.astype(np.int64)
    if arr.dtype.kind != "f":
        raise ValueError(f"{name} must be whole numbers of {what} (got dtype {arr.dtype}: {values!r:.60}).")
    if arr.size == 0:
        raise ValueError(f"{name} is empty: pass at least one value.")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinite values; counts of {what} must be finite whole numbers.")
    if not (arr == np.round(arr)).all():
        bad = arr[arr != np.round(arr)].reshape(-1)[0]
        raise ValueError(f"{name} must be whole numbers of {what}; got {bad}. Pass counts, not rates "
                         "(e.g. c = number of correct samples, not the fraction correct).")
    if (np.abs(arr) >= 2**53).any():
        raise ValueError(f"{name} is too large to be held exactly as a float; pass it as a Python int.")
    return arr.astype(np.int64)


def _counts(n: Any, c: Any, k: Any, *, k_le_n: bool = True) -> tuple[NDArray, NDArray, NDArray, tuple, bool]:
    """Validate (n, c, k) and broadcast them to flat float arrays (plus the output shape)."""
    raw = {"n": _whole(n, "n", "samples"), "c": _whole(c, "c", "correct samples"),
           "k": _whole(k, "k", "samples")}
    arrays = {}
    for name, v in raw.items():
        if isinstance(v, list):  # beyond int64: only scalars are supported
            if len(v) != 1:
                raise ValueError(f"{name} holds values beyond 2**62: pass them one problem at a time.")
            arrays[name] = np.asarray(float(v[0]))
        else:
            arrays[name] = v
    scalar = all(np.ndim(a) == 0 for a in arrays.values())
    try:
        nb, cb, kb = np.broadcast_arrays(arrays["n"], arrays["c"], arrays["k"])
    except ValueError as exc:
        shapes = ", ".join(f"{k_}{np.shape(v)}" for k_, v in arrays.items())
        raise ValueError(f"n, c and k must have matching shapes (one value per problem) or be scalars; "
                         f"got {shapes}.") from exc
    shape = nb.shape
    nf, cf, kf = (np.asarray(a, dtype=float).reshape(-1) for a in (nb, cb, kb))
    if (nf < 1).any():
        raise ValueError(f"n (samples drawn per problem) must be >= 1; got {nf[nf < 1][0]:g}.")
    if (cf < 0).any():
        raise ValueError(f"c (correct samples) must be >= 0; got {cf[cf < 0][0]:g}.")
    if (cf > nf).any():
        i = int(np.flatnonzero(cf > nf)[0])
        raise ValueError(f"c (correct samples) cannot exceed n (samples drawn): c = {cf[i]:g} > n = {nf[i]:g} "
                         f"for problem {i}. Did you swap n and c?")
    if (kf < 1).any():
        raise ValueError(f"k must be >= 1 (the number of samples you are allowed to draw); got {kf[kf < 1][0]:g}.")
    if k_le_n and (kf > nf).any():
        i = int(np.flatnonzero(kf > nf)[0])
        raise ValueError(f"k = {kf[i]:g} exceeds n = {nf[i]:g} samples: the unbiased estimator needs at least k "
                         "samples per problem. Draw more samples, or extrapolate with a fitted coverage law "
                         "(fit_coverage_law) instead.")
    return nf, cf, kf, shape, scalar


def _shape_out(values: NDArray[np.float64], shape: tuple, scalar: bool) -> Number:
    return float(values[0]) if scalar else values.reshape(shape)


def pass_at_k(n: ArrayLike, c: ArrayLike, k: ArrayLike) -> Number:
    """Unbiased pass@k of Chen et al. (2021): ``1 - C(n-c, k)/C(n, k)`` for each problem.

    Parameters
    ----------
    n
        Samples drawn per problem (whole numbers >= 1); a scalar or one value per problem.
    c
        Correct samples per problem, ``0 <= c <= n``.
    k
        Samples the estimate is for, ``1 <= k <= n``. Broadcast against ``n`` and ``c``.

    Returns
    -------
    float or numpy.ndarray
        The estimate per problem (a float if every input is a scalar). Average it over problems
        to get a benchmark's pass@k.

    Raises
    ------
    ValueError
        For non-integer, negative or NaN counts, ``c > n``, ``k < 1`` or ``k > n``.

    Notes
    -----
    Computed as ``1 - prod_{j<m} (1 - X/(n - j))`` with ``m = min(c, k)`` and ``X = max(c, k)``, which equals
    Chen et al.'s product ``prod_{i=n-c+1}^{n} (1 - k/i)`` (Fig. 3 of arXiv:2107.03374) and needs only
    ``min(c, k)`` factors; the factors are summed as ``log1p`` terms and the result is ``-expm1`` of the
    sum, so tiny and near-one values keep full relative precision. Returns exactly 1 when ``n - c < k``
    (every ``k``-subset must then contain a correct sample).

    Examples
    --------
    >>> round(pass_at_k(10, 3, 5), 6)       # 1 - C(7,5)/C(10,5) = 1 - 21/252
    0.916667
    >>> pass_at_k(10, 8, 3)                  # n - c = 2 < k: always solved
    1.0
    >>> pass_at_k(10**12, 1, 1)              # exact for huge n
    1e-12
    """
    nf, cf, kf, shape, scalar = _counts(n, c, k)
    out = np.ones(nf.shape)
    active = (nf - cf) >= kf
    if active.any():
        nn, cc, kk = nf[active], cf[active], kf[active]
        m = np.minimum(cc, kk)
        big = np.maximum(cc, kk)
        logp = np.zeros(nn.size)
        j0 = 0
        todo = m > 0  # m = 0 means c = 0: the product is empty, pass@k = 0
        while todo.any():
            idx = np.flatnonzero(todo)
            width = max(1, _CHUNK_BUDGET // idx.size)
            stop = min(j0 + width, int(m[idx].max()))
            j = np.arange(j0, stop, dtype=float)
            past = j[None, :] >= m[idx, None]                 # beyond this problem's min(c, k) factors
            jj = np.minimum(j[None, :], m[idx, None] - 1.0)    # keep masked entries finite (no warnings)
            terms = np.log1p(-big[idx, None] / (nn[idx, None] - jj))
            terms[past] = 0.0
            logp[idx] += terms.sum(axis=1)
            j0 = stop
            todo &= (m > j0) & (logp > _LOG_TINY)
        out[active] = 0.0 - np.expm1(logp)  # 0.0 - turns -0.0 (c = 0) into 0.0
    return _shape_out(out, shape, scalar)


def pass_at_k_plugin(n: ArrayLike, c: ArrayLike, k: ArrayLike) -> Number:
    """The plug-in estimate ``1 - (1 - c/n)^k``: biased low, shown for comparison only.

    Replacing the unknown success probability ``p`` by ``c/n`` inside the convex function
    ``(1 - p)^k`` underestimates pass@k on average (Jensen's inequality); Chen et al. (2021,
    arXiv:2107.03374, App. A) discuss this bias. Unlike :func:`pass_at_k` it accepts ``k > n``
    (it silently extrapolates), which is part of why it is tempting and wrong.

    Examples
    --------
    >>> round(pass_at_k_plugin(10, 3, 5), 6)    # 1 - 0.7**5
    0.83193
    """
    nf, cf, kf, shape, scalar = _counts(n, c, k, k_le_n=False)
    with np.errstate(divide="ignore"):
        out = -np.expm1(kf * np.log1p(-cf / nf))
    return _shape_out(out, shape, scalar)


def pass_at_k_exact(n: int, c: int, k: int) -> Fraction:
    """``1 - C(n-c, k)/C(n, k)`` as an exact fraction, with Python integers (slow for large ``n``).

    The reference the float estimator is tested against.

    Examples
    --------
    >>> pass_at_k_exact(10, 3, 5)
    Fraction(11, 12)
    """
    nf, cf, kf, _, scalar = _counts(n, c, k)
    if not scalar:
        raise ValueError("pass_at_k_exact takes one problem at a time (scalars n, c, k).")
    ni, ci, ki = int(n), int(c), int(k)
    return 1 - Fraction(math.comb(ni - ci, ki), math.comb(ni, ki))


def coverage_from_p(p: ArrayLike, k: ArrayLike) -> Number:
    """True coverage ``1 - (1 - p)^k`` of a problem with single-sample success probability ``p``.

    Parameters
    ----------
    p
        Success probability per sample, in ``[0, 1]`` (a fraction, not a percentage).
    k
        Number of independent samples (>= 1). ``p`` and ``k`` broadcast.

    Returns
    -------
    float or numpy.ndarray
        Probability that at least one of ``k`` samples is correct (Chen et al. 2021, arXiv:2107.03374, Sec. 2.1), computed as
        ``-expm1(k log1p(-p))`` so that tiny ``p`` and huge ``k`` stay accurate.
    """
    p_arr = np.asarray(p, dtype=float)
    k_arr = np.asarray(k, dtype=float)
    if not (np.isfinite(p_arr).all() and np.isfinite(k_arr).all()):
        raise ValueError("p and k must be finite numbers (found NaN or infinity).")
    if ((p_arr < 0) | (p_arr > 1)).any():
        bad = p_arr[(p_arr < 0) | (p_arr > 1)].reshape(-1)[0]
        hint = " It looks like a percentage: divide by 100." if 1 < bad <= 100 else ""
        raise ValueError(f"p must be a probability in [0, 1]; got {bad:g}.{hint}")
    if (k_arr < 1).any():
        raise ValueError(f"k must be >= 1 sample; got {k_arr[k_arr < 1].reshape(-1)[0]:g}.")
    with np.errstate(divide="ignore"):
        out = -np.expm1(k_arr * np.log1p(-p_arr))
    return float(out) if np.ndim(out) == 0 else out


@dataclass(frozen=True)
class EstimatorMeans:
    """Exact means of the two estimators for one problem (see :func:`estimator_means`)."""

    k: NDArray[np.int64]
    """The ``k`` values."""
    truth: NDArray[np.float64]
    """True pass@k, ``1 - (1 - p)^k``."""
    unbiased: NDArray[np.float64]
    """``E[pass_at_k(n, c, k)]`` over ``c ~ Binomial(n, p)``: equals ``truth``."""
    plugin: NDArray[np.float64]
    """``E[1 - (1 - c/n)^k]``: below ``truth`` for every ``k >= 2`` (Jensen)."""


def estimator_means(p: float, n: int, k: ArrayLike) -> EstimatorMeans:
    """Average each estimator over every possible outcome ``c ~ Binomial(n, p)`` of ``n`` samples.

    No simulation: the expectation is the sum over ``c = 0..n`` weighted by the binomial probabilities,
    so the unbiased estimator reproduces ``1 - (1 - p)^k`` to rounding and the plug-in's bias is exact.

    Parameters
    ----------
    p
        True single-sample success probability of the problem, in [0, 1].
    n
        Samples drawn per problem.
    k
        One or more ``k`` values, each ``1 <= k <= n``.

    Examples
    --------
    >>> m = estimator_means(0.2, 10, [1, 5])
    >>> m.truth.round(4), m.unbiased.round(4), m.plugin.round(4)
    (array([0.2   , 0.6723]), array([0.2   , 0.6723]), array([0.2   , 0.5936]))
    """
    prob = coverage_from_p(p, 1)  # validates p in [0, 1]
    n_int = int(_counts(n, 0, 1)[0][0])
    ks = np.atleast_1d(np.asarray(k))
    _counts(n_int, 0, ks)  # validates 1 <= k <= n
    c = np.arange(n_int + 1)
    w = binom.pmf(c, n_int, prob)
    ks = ks.astype(np.int64)
    unbiased = np.array([w @ pass_at_k(n_int, c, int(kk)) for kk in ks])
    plugin = np.array([w @ pass_at_k_plugin(n_int, c, int(kk)) for kk in ks])
    return EstimatorMeans(k=ks, truth=np.atleast_1d(coverage_from_p(prob, ks)), unbiased=unbiased, plugin=plugin)
