"""The one-break broken neural scaling law for a single variable ``y(x)`` (Caballero, Gupta, Rish & Krueger 2022,
arXiv:2210.14891, Eq. 1 with n = 1), fitted with the same Huber loss as the forms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import product

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import finite_scalar, positive_array, positive_scalar, same_length
from .forms import _INF, Float64Array, Form, _run, _softplus

__all__ = ["bnsl", "BNSLFit", "fit_bnsl"]


def bnsl(x: ArrayLike, a: float, b: float, c0: float, c1: float, d1: float, f1: float) -> Float64Array:
    """One-break broken neural scaling law ``y = a + b x^-c0 (1 + (x/d1)^(1/f1))^(-c1 f1)``.

    Caballero, Gupta, Rish & Krueger (2022), arXiv:2210.14891, Eq. 1 with one break: a power law of exponent
    ``c0`` for ``x << d1`` that bends to exponent ``c0 + c1`` for ``x >> d1``; ``f1`` sets how sharp the bend is,
    ``a`` is the limit as ``x -> inf`` (when ``c0 + c1 > 0``).

    Parameters
    ----------
    x
        The scale variable (> 0): compute, parameters, data...
    a, b, c0, c1, d1, f1
        ``b, d1, f1 > 0``; ``a >= 0``.
    """
    xs = positive_array(x, "x")
    if finite_scalar(a, "a") < 0:
        raise ValueError(f"a (the limit) must be >= 0; got {a}.")
    b_, d_, f_ = (positive_scalar(v, k) for v, k in ((b, "b"), (d1, "d1"), (f1, "f1")))
    c0_, c1_ = finite_scalar(c0, "c0"), finite_scalar(c1, "c1")
    return a + b_ * xs ** (-c0_) * np.exp(-c1_ * f_ * _softplus((np.log(xs) - math.log(d_)) / f_))


def _bnsl_log(t: Float64Array, lx: Float64Array) -> Float64Array:
    la, lb, c0, c1, ld1, lf1 = t
    f1 = math.exp(lf1)
    return np.logaddexp(la, lb - c0 * lx - c1 * f1 * _softplus((lx - ld1) / f1))


@dataclass(frozen=True)
class BNSLFit:
    """A fitted one-break BNSL (see :func:`bnsl`)."""

    a: float
    b: float
    c0: float
    c1: float
    d1: float
    f1: float
    objective: float
    """Summed Huber loss of the log residuals."""
    rmse: float
    """RMS log residual."""

    def predict(self, x: ArrayLike) -> Float64Array:
        """``bnsl(x, a, b, c0, c1, d1, f1)``."""
        return bnsl(x, self.a, self.b, self.c0, self.c1, self.d1, self.f1)


def fit_bnsl(x: ArrayLike, y: ArrayLike, *, delta: float = 1e-3, n_breaks_grid: int = 5) -> BNSLFit:
    """Fit the one-break BNSL to ``y(x)`` by Huber regression on ``ln y`` from a grid of starts.

    Caballero et al. (2022) search a brute-force grid and then run a local optimiser on ``log(y + 1)``; here
    the local fits are :func:`scipy.optimize.least_squares` Huber fits of ``ln y`` (``a = exp(ln a) > 0``), started
    with the break ``d1`` at ``n_breaks_grid`` quantiles of ``x``, ``f1`` in {0.3, 1}, ``c1`` in {-0.3, 0.3} and
    ``a`` at 0.9 and 0.5 times ``min(y)``.

    Parameters
    ----------
    x, y
        Positive, equal length, at least 7 points (6 parameters).
    delta
        Huber threshold on log residuals.
    n_breaks_grid
        Number of break locations tried.

    Returns
    -------
    BNSLFit
    """
    xs = positive_array(x, "x")
    ys = positive_array(y, "y")
    same_length(("x", xs), ("y", ys))
    if xs.size < 7:
        raise ValueError(f"a one-break BNSL has 6 parameters: give at least 7 points; got {xs.size}.")
    dl = positive_scalar(delta, "delta (Huber threshold)")
    k = int(finite_scalar(n_breaks_grid, "n_breaks_grid"))
    if k < 1:
        raise ValueError(f"n_breaks_grid must be >= 1; got {n_breaks_grid}.")
    lx, ly = np.log(xs), np.log(ys)
    slope = -np.polyfit(lx, ly, 1)[0]
    starts = []
    for frac, ld1, lf1, c1 in product((0.9, 0.5), np.quantile(lx, np.linspace(0.2, 0.8, k)),
                                      (math.log(0.3), 0.0), (-0.3, 0.3)):
        la = math.log(frac * ys.min())
        rest = np.log(np.clip(ys - frac * ys.min(), 1e-12, None))
        c0 = max(-np.polyfit(lx, rest, 1)[0], 0.05) if frac else slope
        lb = float(np.mean(rest + c0 * lx))
        starts.append((la, lb, c0, c1, ld1, lf1))
    form = Form("bnsl", "one-break BNSL", ("ln_a", "ln_b", "c0", "c1", "ln_d1", "ln_f1"), "Caballero et al. 2022",
                lambda t, u, _v: _bnsl_log(t, u),
                (-_INF, -_INF, -5.0, -5.0, lx.min() - 2.0, math.log(0.02)),
                (_INF, _INF, 5.0, 5.0, lx.max() + 2.0, math.log(10.0)))
    theta, obj = _run(form, np.array(starts), lx, lx, ly, dl, np.array(form.lower), np.array(form.upper))
    r = _bnsl_log(theta, lx) - ly
    la, lb, c0, c1, ld1, lf1 = theta
    return BNSLFit(a=math.exp(la), b=math.exp(lb), c0=float(c0), c1=float(c1), d1=math.exp(ld1), f1=math.exp(lf1),
                   objective=obj, rmse=float(np.sqrt(np.mean(r * r))))
