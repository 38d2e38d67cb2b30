"""The coverage law of repeated sampling: ``c(k) ≈ exp(a·k^b)`` with ``a < 0`` and ``b < 0``.

Brown et al. (2024, "Large Language Monkeys: Scaling Inference Compute with Repeated Sampling",
arXiv:2407.21787, abstract) report that coverage — the fraction of problems solved by at least one of
``k`` samples — grows over four orders of magnitude of ``k``, often log-linearly, and "can be modelled
with an exponentiated power law". Taking logs twice turns the law into a straight line:

    -log c(k) = (-a)·k^b      so      log(-log c) = log(-a) + b·log k,

a pure power law in ``k`` for ``-log c``. :func:`fit_coverage_law` therefore re-uses
:func:`scaling_helpers.powerlaws.fit_power_law` on ``(k, -log c)`` (``A = -a``, ``alpha = -b``), or refines that
start by nonlinear least squares on ``c`` itself. Inverting the law gives the samples needed for a
target coverage, ``k = (log c / a)^(1/b)`` (:func:`samples_for_coverage`).

Why a power law at all: each problem's failure rate falls *exponentially*, ``(1 - p_i)^k``; the
aggregate becomes a power law when many problems have tiny ``p_i`` (Schaeffer et al. 2025, "How Do
Large Language Monkeys Get Their Power (Laws)?", arXiv:2502.17578). For ``p ~ Beta(α, β)`` the
coverage is exactly ``1 - B(α, β + k)/B(α, β)`` (:func:`beta_coverage`), and ``1 - c(k) ∝ k^-α`` for
large ``k``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import least_squares
from scipy.special import betaln

from ..common.validate import as_array, finite_scalar, positive_array, positive_scalar, same_length
from ..powerlaws.fit import fit_power_law

__all__ = ["CoverageLawFit", "coverage_law", "fit_coverage_law", "samples_for_coverage", "beta_coverage"]

Number = float | NDArray[np.float64]


def _negative(value: float, name: str) -> float:
    x = finite_scalar(value, name)
    if x >= 0:
        raise ValueError(f"{name} must be < 0 in c(k) = exp(a·k^b) (coverage below 1 that rises with k); "
                         f"got {x}. Check the sign convention of your fit.")
    return x


def _coverage_values(values: ArrayLike, name: str) -> NDArray[np.float64]:
    arr = as_array(values, name)
    bad = (arr <= 0) | (arr >= 1)
    if bad.any():
        x = arr[bad][0]
        hint = " It looks like a percentage: divide by 100." if 1 < x <= 100 else ""
        raise ValueError(f"{name} must be fractions strictly between 0 and 1; got {x:g}.{hint} Drop points where "
                         "no problem (0) or every problem (1) is solved: log(-log c) is undefined there.")
    return arr


def coverage_law(k: ArrayLike, a: float, b: float) -> Number:
    """Coverage predicted by the exponentiated power law ``exp(a·k^b)`` (Brown et al. 2024).

    Parameters
    ----------
    k
        Number of samples per problem (> 0).
    a, b
        Law parameters, both negative: ``a = log c(1)`` and ``b`` sets how fast ``-log c`` falls.

    Examples
    --------
    >>> round(coverage_law(1, -1.8389, -0.209), 3)    # a = log(0.159): 15.9% at k = 1
    0.159
    """
    a_ = _negative(a, "a")
    b_ = _negative(b, "b")
    ks = positive_array(k, "k")
    out = np.exp(a_ * ks**b_)
    return float(out[0]) if np.ndim(k) == 0 else out


def samples_for_coverage(target: ArrayLike, a: float, b: float) -> Number:
    """Samples needed to reach coverage ``target`` under ``exp(a·k^b)``: ``k = (log target / a)^(1/b)``.

    Parameters
    ----------
    target
        Coverage to reach, a fraction in (0, 1).
    a, b
        Law parameters (both < 0), e.g. from :func:`fit_coverage_law`.

    Returns
    -------
    float or numpy.ndarray
        The (real-valued) number of samples; round up for a whole number. Values below 1 mean one
        sample already reaches the target. This is an *extrapolation* whenever it exceeds the
        largest ``k`` the law was fitted on.

    Examples
    --------
    >>> round(samples_for_coverage(0.56, -1.8389, -0.20904))    # SWE-bench Lite point of Brown et al.
    250
    """
    t = _coverage_values(target, "target")
    a_ = _negative(a, "a")
    b_ = _negative(b, "b")
    out = (np.log(t) / a_) ** (1.0 / b_)
    return float(out[0]) if np.ndim(target) == 0 else out


@dataclass(frozen=True)
class CoverageLawFit:
    """Result of fitting ``c(k) = exp(a·k^b)``."""

    a: float
    """``log c(1)``: negative."""
    b: float
    """Exponent of ``-log c`` in ``k``: negative (``-log c`` halves every ``2^(-1/b)``-fold more samples)."""
    method: str
    """``"loglog"`` (least squares on ``log(-log c)`` vs ``log k``) or ``"nonlinear"`` (on ``c``)."""
    n: int
    """Number of points fitted."""
    k_max: float
    """Largest ``k`` fitted: predictions beyond it are extrapolations."""

    def predict(self, k: ArrayLike) -> Number:
        """Coverage at ``k`` samples."""
        return coverage_law(k, self.a, self.b)

    def samples_for(self, target: ArrayLike) -> Number:
        """Samples needed for coverage ``target`` (see :func:`samples_for_coverage`)."""
        return samples_for_coverage(target, self.a, self.b)


def fit_coverage_law(k: ArrayLike, coverage: ArrayLike,
                     method: Literal["loglog", "nonlinear"] = "loglog") -> CoverageLawFit:
    """Fit ``coverage ≈ exp(a·k^b)`` to measured coverage at several ``k``.

    Parameters
    ----------
    k
        Sample counts (> 0), at least two different values.
    coverage
        Coverage at each ``k``, fractions strictly between 0 and 1.
    method
        ``"loglog"``: ordinary least squares of ``log(-log c)`` on ``log k`` (via
        :func:`scaling_helpers.powerlaws.fit_power_law` on ``-log c``); weights all points alike in that space.
        ``"nonlinear"``: least squares on ``c`` itself, started from the loglog fit; weights
        points by their absolute coverage error.

    Returns
    -------
    CoverageLawFit

    Raises
    ------
    ValueError
        For coverage outside (0, 1), non-positive ``k``, mismatched lengths, or a curve that does not
        rise with ``k`` (fitted ``a`` or ``b`` not negative).

    Examples
    --------
    >>> fit = fit_coverage_law([1, 250], [0.159, 0.56])      # two points: an exact fit
    >>> round(fit.a, 4), round(fit.b, 4)
    (-1.8389, -0.209)
    """
    ks = positive_array(k, "k", min_size=2)
    cs = _coverage_values(coverage, "coverage")
    same_length(("k", ks), ("coverage", cs))
    if method not in ("loglog", "nonlinear"):
        raise ValueError(f"method must be 'loglog' or 'nonlinear'; got {method!r}.")
    line = fit_power_law(ks, -np.log(cs))
    a, b = -line.A, -line.alpha
    if b >= 0:
        raise ValueError(f"coverage does not rise with k in these data (fitted b = {b:.3g} >= 0); "
                         "check that k and coverage are paired correctly.")
    if method == "nonlinear":
        def resid(theta: NDArray[np.float64]) -> NDArray[np.float64]:
            return np.exp(-np.exp(theta[0]) * ks ** theta[1]) - cs

        sol = least_squares(resid, x0=[np.log(-a), b], method="lm", xtol=1e-14, ftol=1e-14)
        a, b = -float(np.exp(sol.x[0])), float(sol.x[1])
        if b >= 0:  # pragma: no cover - only for pathological data
            raise ValueError("the nonlinear fit did not give a rising curve; use method='loglog'.")
    return CoverageLawFit(a=float(a), b=float(b), method=method, n=int(ks.size), k_max=float(ks.max()))


def beta_coverage(k: ArrayLike, alpha: float, beta: float) -> Number:
    """Exact expected coverage when per-problem success probabilities follow ``Beta(alpha, beta)``.

    ``E[1 - (1 - p)^k] = 1 - B(alpha, beta + k) / B(alpha, beta)`` (after Schaeffer et
    al. 2025, arXiv:2502.17578). For large ``k`` the failure rate falls as ``k^-alpha``: a small
    ``alpha`` (many nearly impossible problems) gives the slow power-law rise seen in practice.

    Examples
    --------
    >>> round(beta_coverage(1, 0.5, 1.5), 6)    # k = 1: the mean of Beta(0.5, 1.5) = 0.25
    0.25
    """
    a_ = positive_scalar(alpha, "alpha")
    b_ = positive_scalar(beta, "beta")
    ks = positive_array(k, "k")
    out = -np.expm1(betaln(a_, b_ + ks) - betaln(a_, b_))
    return float(out[0]) if np.ndim(k) == 0 else out
