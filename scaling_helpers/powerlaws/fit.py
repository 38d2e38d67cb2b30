"""Power laws and how to fit them.

Two families are used throughout the course:

* a pure power law ``y = A * x**(-alpha)``, a straight line in log-log space, fitted by
  ordinary least squares on ``(log x, log y)`` (:func:`fit_power_law`);
* a saturating power law ``y = E + A * x**(-alpha)`` with an irreducible floor ``E > 0``,
  which is *not* a straight line in log-log space and is fitted nonlinearly
  (:func:`fit_saturating_power_law`), optionally with the Huber loss that Hoffmann et al.
  (2022, arXiv:2203.15556, Sec. 3.3) used for Chinchilla's Approach 3.

Logarithms are natural logarithms unless a name says ``log10``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize

from ..common.validate import as_array, finite_scalar, positive_array, positive_scalar, same_length

__all__ = [
    "PowerLawFit",
    "SaturatingFit",
    "doubling_factor",
    "fit_power_law",
    "fit_saturating_power_law",
    "huber",
    "huber_influence",
    "local_exponent",
    "power_law",
    "saturating_power_law",
]


def power_law(x: ArrayLike, A: float, alpha: float) -> NDArray[np.float64]:
    """Evaluate ``A * x**(-alpha)`` for positive ``x``."""
    xs = positive_array(x, "x")
    return positive_scalar(A, "A") * xs ** (-finite_scalar(alpha, "alpha"))


def saturating_power_law(x: ArrayLike, E: float, A: float, alpha: float) -> NDArray[np.float64]:
    """Evaluate ``E + A * x**(-alpha)``: a power law approaching the floor ``E``."""
    e = finite_scalar(E, "E")
    if e < 0:
        raise ValueError(f"E (the irreducible loss) must be >= 0; got {e}.")
    return e + power_law(x, A, alpha)


def doubling_factor(alpha: float, factor: float = 2.0) -> float:
    """Multiplier of ``y = A x**(-alpha)`` when ``x`` grows by ``factor``: ``factor**(-alpha)``.

    With Kaplan et al.'s alpha_N = 0.076 (arXiv:2001.08361, Eq. 1.1), doubling the model
    multiplies the loss by ``2**-0.076 = 0.949``, i.e. about 5% lower loss per doubling.
    """
    return positive_scalar(factor, "factor") ** (-finite_scalar(alpha, "alpha"))


def local_exponent(x: ArrayLike, E: float, A: float, alpha: float) -> NDArray[np.float64]:
    """Local log-log slope magnitude of ``L = E + A x^-alpha``: ``-d log L / d log x``.

    It equals ``alpha * A x^-alpha / (E + A x^-alpha)``: ``alpha`` when the floor is negligible,
    falling towards 0 as ``L`` approaches ``E``. This is why a straight line fitted in log-log
    space to data with a floor reports too small an exponent.
    """
    reducible = power_law(x, A, alpha)
    e = finite_scalar(E, "E")
    if e < 0:
        raise ValueError(f"E must be >= 0; got {e}.")
    return finite_scalar(alpha, "alpha") * reducible / (e + reducible)


def huber(r: ArrayLike, delta: float = 1.0) -> NDArray[np.float64]:
    """Huber's loss (Huber 1964): quadratic for ``|r| <= delta``, linear beyond.

    ``rho(r) = r**2 / 2`` if ``|r| <= delta`` else ``delta * (|r| - delta / 2)``.

    Its derivative, :func:`huber_influence`, is ``clip(r, -delta, delta)``: bounded by
    ``delta``, so one outlier can pull a fit only so hard. The squared loss has derivative
    ``r``, unbounded, so a single far-away point can drag the whole fit.

    Parameters
    ----------
    r
        Residuals.
    delta
        Threshold between the quadratic and the linear part (> 0). Chinchilla used
        ``delta = 1e-3`` on log-loss residuals (Hoffmann et al. 2022, Sec. 3.3).
    """
    res = as_array(r, "r")
    d = positive_scalar(delta, "delta")
    a = np.abs(res)
    return np.where(a <= d, 0.5 * res**2, d * (a - 0.5 * d))


def huber_influence(r: ArrayLike, delta: float = 1.0) -> NDArray[np.float64]:
    """Derivative of :func:`huber` with respect to the residual: ``clip(r, -delta, delta)``."""
    res = as_array(r, "r")
    d = positive_scalar(delta, "delta")
    return np.clip(res, -d, d)


@dataclass(frozen=True)
class PowerLawFit:
    """Result of a log-space least-squares fit of ``y = A * x**(-alpha)``."""

    A: float
    """Prefactor: the value of ``y`` at ``x = 1``."""
    alpha: float
    """Exponent; ``y`` falls by ``2**-alpha`` per doubling of ``x``."""
    se_alpha: float
    """Standard error of ``alpha`` (ordinary least squares in log space; NaN for 2 points)."""
    se_log_A: float
    """Standard error of ``log A`` (natural log)."""
    r2: float
    """Coefficient of determination of the line in log-log space."""
    n: int
    """Number of points fitted."""
    log_residuals: NDArray[np.float64] = field(repr=False)
    """``log y - log yhat`` for each point: plot these to see misfit a log-log plot hides."""

    def predict(self, x: ArrayLike) -> NDArray[np.float64]:
        """Evaluate the fitted law at ``x``."""
        return power_law(x, self.A, self.alpha)


def fit_power_law(x: ArrayLike, y: ArrayLike) -> PowerLawFit:
    """Fit ``y = A * x**(-alpha)`` by least squares on ``(log x, log y)``.

    Parameters
    ----------
    x, y
        Positive, finite, equal-length arrays with at least two distinct ``x`` values.

    Returns
    -------
    PowerLawFit
        ``A``, ``alpha``, their standard errors and the log residuals.

    Notes
    -----
    Least squares in log space assumes multiplicative (log-normal) noise of constant size.
    If the data have an additive floor (``y = E + A x**-alpha`` with ``E > 0``) the points
    bend away from a line and this fit underestimates ``alpha``: use
    :func:`fit_saturating_power_law` instead.

    Examples
    --------
    >>> fit = fit_power_law([1, 10, 100], [5.0, 0.5, 0.05])
    >>> round(fit.alpha, 6), round(fit.A, 6)
    (1.0, 5.0)
    """
    xs = positive_array(x, "x", min_size=2)
    ys = positive_array(y, "y", min_size=2)
    same_length(("x", xs), ("y", ys))
    lx, ly = np.log(xs), np.log(ys)
    if np.ptp(lx) == 0:
        raise ValueError("x must contain at least two different values to fit a slope.")
    X = np.column_stack([np.ones_like(lx), lx])
    coef, *_ = np.linalg.lstsq(X, ly, rcond=None)
    resid = ly - X @ coef
    n = lx.size
    dof = n - 2
    if dof > 0:
        s2 = float(resid @ resid) / dof
        cov = s2 * np.linalg.inv(X.T @ X)
        se_log_a, se_slope = float(np.sqrt(cov[0, 0])), float(np.sqrt(cov[1, 1]))
    else:
        se_log_a = se_slope = float("nan")
    ss_tot = float(((ly - ly.mean()) ** 2).sum())
    r2 = 1.0 - float(resid @ resid) / ss_tot if ss_tot > 0 else 1.0
    return PowerLawFit(
        A=float(np.exp(coef[0])), alpha=float(-coef[1]), se_alpha=se_slope, se_log_A=se_log_a,
        r2=r2, n=n, log_residuals=resid,
    )


@dataclass(frozen=True)
class SaturatingFit:
    """Result of fitting ``y = E + A * x**(-alpha)``."""

    E: float
    """Irreducible floor: the limit of ``y`` as ``x`` grows."""
    A: float
    """Prefactor of the reducible part."""
    alpha: float
    """Exponent of the reducible part ``y - E``."""
    objective: float
    """Final value of the summed loss (Huber or squared) over the log residuals."""
    loss: str
    """``"huber"`` or ``"squared"``."""
    delta: float
    """Huber threshold used (ignored for the squared loss)."""
    n: int
    """Number of points fitted."""
    log_residuals: NDArray[np.float64] = field(repr=False)
    """``log y - log yhat`` for each point."""

    def predict(self, x: ArrayLike) -> NDArray[np.float64]:
        """Evaluate the fitted law at ``x``."""
        return saturating_power_law(x, self.E, self.A, self.alpha)


def _objective(theta: NDArray[np.float64], lx: NDArray[np.float64], ly: NDArray[np.float64],
               loss: str, delta: float) -> tuple[float, NDArray[np.float64]]:
    """Summed loss of the log residuals and its gradient in ``(e, a, alpha)``.

    The model is ``log yhat = logsumexp(e, a - alpha * log x)``, i.e. ``E = exp(e)``,
    ``A = exp(a)``: Hoffmann et al.'s log-sum-exp parameterisation (Sec. 3.3, Eq. 3).
    """
    e, a, alpha = theta
    t1 = np.full_like(lx, e)
    t2 = a - alpha * lx
    m = np.maximum(t1, t2)
    w1, w2 = np.exp(t1 - m), np.exp(t2 - m)
    pred = m + np.log(w1 + w2)
    r = pred - ly
    if loss == "huber":
        absr = np.abs(r)
        val = float(np.where(absr <= delta, 0.5 * r**2, delta * (absr - 0.5 * delta)).sum())
        g = np.clip(r, -delta, delta)
    else:
        val = float(0.5 * (r @ r))
        g = r
    p1, p2 = w1 / (w1 + w2), w2 / (w1 + w2)
    grad = np.array([(g * p1).sum(), (g * p2).sum(), -(g * p2 * lx).sum()])
    return val, grad


def fit_saturating_power_law(
    x: ArrayLike,
    y: ArrayLike,
    *,
    loss: Literal["huber", "squared"] = "huber",
    delta: float = 1e-3,
    inits: ArrayLike | None = None,
) -> SaturatingFit:
    """Fit ``y = E + A * x**(-alpha)`` to positive data by minimising a loss on log residuals.

    The residuals are ``log yhat - log y`` with ``log yhat = logsumexp(e, a - alpha log x)``
    (``E = exp(e)``, ``A = exp(a)``), summed over points and minimised with scipy's L-BFGS-B
    from a small grid of starting points; the best optimum is returned. This is the
    one-variable version of Chinchilla's Approach 3 (Hoffmann et al. 2022, Sec. 3.3).

    Parameters
    ----------
    x, y
        Positive, finite, equal-length arrays (at least 4 points).
    loss
        ``"huber"`` (robust to outliers; Hoffmann et al.) or ``"squared"`` (least squares).
    delta
        Huber threshold on log residuals. The default 1e-3 is Chinchilla's; with noisy data a
        threshold near the noise level (e.g. 0.01-0.05) is a reasonable choice.
    inits
        Optional array of starting points ``(e, a, alpha)``, shape ``(k, 3)``. By default a
        grid over ``e`` in {log(0.5 min y), log(0.9 min y), -3}, ``a`` in {0, 3, 6, 10} and
        ``alpha`` in {0.1, 0.3, 0.6, 1.0}.

    Returns
    -------
    SaturatingFit

    Raises
    ------
    ValueError
        For non-positive, NaN or mismatched inputs, an unknown ``loss`` or a bad ``inits``.
    """
    xs = positive_array(x, "x", min_size=4)
    ys = positive_array(y, "y", min_size=4)
    same_length(("x", xs), ("y", ys))
    if loss not in ("huber", "squared"):
        raise ValueError(f"loss must be 'huber' or 'squared'; got {loss!r}.")
    d = positive_scalar(delta, "delta")
    lx, ly = np.log(xs), np.log(ys)
    if inits is None:
        ymin = float(ys.min())
        grid = itertools.product([np.log(0.5 * ymin), np.log(0.9 * ymin), -3.0],
                                 [0.0, 3.0, 6.0, 10.0], [0.1, 0.3, 0.6, 1.0])
        starts = np.array(list(grid), dtype=float)
    else:
        starts = np.atleast_2d(np.asarray(inits, dtype=float))
        if starts.shape[1] != 3 or not np.isfinite(starts).all():
            raise ValueError("inits must be finite rows of (e, a, alpha), shape (k, 3).")
    best = None
    for s in starts:
        res = minimize(_objective, s, args=(lx, ly, loss, d), jac=True, method="L-BFGS-B",
                       bounds=[(None, None), (None, None), (0.0, 5.0)])
        if best is None or res.fun < best.fun:
            best = res
    assert best is not None
    e, a, alpha = best.x
    pred = np.logaddexp(e, a - alpha * lx)
    return SaturatingFit(E=float(np.exp(e)), A=float(np.exp(a)), alpha=float(alpha),
                         objective=float(best.fun), loss=loss, delta=d, n=xs.size,
                         log_residuals=ly - pred)
