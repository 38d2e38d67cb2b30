"""Diagnostics of an Approach-3 fit: the path of one local optimisation (:func:`trace_from`, for the
mean-vs-sum figure) and Epoch AI's goodness of fit (:func:`huber_log_likelihood`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import minimize

from .laws import ParametricLaw
from .objective import (
    Float64Array,
    Reduction,
    _as_starts,
    _check_delta,
    _Evaluator,
    _fg_block,
    _prepare,
    _scale,
)

__all__ = ["OptimisationTrace", "trace_from", "huber_log_likelihood"]


@dataclass(frozen=True, eq=False)  # holds arrays
class OptimisationTrace:
    """The path of one local optimisation of the Approach-3 objective.

    Attributes
    ----------
    params
        Log-space parameters ``(a, b, e, alpha, beta)`` at the start and after every iteration, shape ``(k+1, 5)``.
    summed
        The **summed** Huber objective at each of those points (whatever ``reduction`` was optimised), so that
        traces of the summed and the averaged objective can be compared on one axis.
    reduction, method
        What was optimised, and with which :func:`scipy.optimize.minimize` method.
    message
        The optimiser's final message.
    """

    params: Float64Array
    summed: Float64Array
    reduction: str
    method: str
    message: str

    @property
    def n_iter(self) -> int:
        """Iterations performed."""
        return int(self.params.shape[0] - 1)

    @property
    def law(self) -> ParametricLaw:
        """The final parameters as a law."""
        return ParametricLaw.from_log_params(*self.params[-1], name=f"{self.method}, {self.reduction}")


def trace_from(init_params: ArrayLike | ParametricLaw, N: ArrayLike, D: ArrayLike, L: ArrayLike, *,
               delta: float = 1e-3, reduction: Reduction = "sum", method: str = "L-BFGS-B",
               options: dict[str, Any] | None = None) -> OptimisationTrace:
    """Like :func:`fit_from`, recording the parameters and the summed objective after every iteration.

    Parameters
    ----------
    init_params
        ``(a, b, e, alpha, beta)`` or a :class:`~scaling_helpers.chinchilla.ParametricLaw`.
    N, D, L
        Parameters, tokens and losses of the runs.
    delta
        Huber threshold.
    reduction
        Objective optimised: ``"sum"`` or ``"mean"`` of the Huber terms.
    method
        ``"L-BFGS-B"`` or ``"BFGS"`` (analytic gradient in both cases).
    options
        Passed to :func:`scipy.optimize.minimize`.

    Returns
    -------
    OptimisationTrace
    """
    if isinstance(init_params, ParametricLaw):
        x0 = init_params.log_params
    else:
        x0 = _as_starts(init_params)
        if x0.shape[0] != 1:
            raise ValueError("init_params must be a single vector (a, b, e, alpha, beta).")
        x0 = x0[0]
    if not np.all(np.isfinite(x0)):
        raise ValueError("init_params must be finite (E = 0 has no logarithm).")
    if method not in ("L-BFGS-B", "BFGS"):
        raise ValueError(f"method must be 'L-BFGS-B' or 'BFGS'; got {method!r}.")
    data = _prepare(N, D, L)
    delta = _check_delta(delta)
    ev = _Evaluator(data, delta, _scale(reduction, data.n))
    path = [np.array(x0, dtype=float)]

    def record(xk: Float64Array) -> None:
        path.append(np.array(xk, dtype=float))

    with np.errstate(all="ignore"):
        res = minimize(ev.single, x0, jac=True, method=method, callback=record, options=options)
    P = np.array(path)
    summed, _ = _fg_block(P, data, delta, 1.0)
    return OptimisationTrace(params=P, summed=summed, reduction=reduction, method=method, message=str(res.message))


def huber_log_likelihood(law: ParametricLaw | ArrayLike, N: ArrayLike, D: ArrayLike, L: ArrayLike, *,
                         delta: float = 1e-3) -> tuple[float, float]:
    """Log-likelihood of the log residuals under a Huber-shaped error density, maximised over its scale.

    Besiroglu et al. (2024), arXiv:2404.10102 (``data_analysis.ipynb`` of epoch-research/analyzing-chinchilla) model the
    residual ``r_i = log L_i - log L_hat_i`` as ``r = sigma u`` with density
    ``p(u) = exp(-Huber_delta(u)) / Z``, ``Z = sqrt(2 pi) (2 Phi(delta) - 1) + 2 exp(-delta^2/2) / delta``, so that
    ``log lik = -sum_i Huber_delta(r_i / sigma) - n log(sigma Z)``. Here the law is fixed and ``sigma`` is chosen
    to maximise it. On the 240 runs this gives 562.25 for Hoffmann's rounded constants, 837.78 for the unrounded
    ones and 879.77 for Epoch's likelihood fit, as in Epoch's notebook.

    Parameters
    ----------
    law
        A :class:`~scaling_helpers.chinchilla.ParametricLaw`, or ``(a, b, e, alpha, beta)``.
    N, D, L
        Parameters, tokens and losses of the runs.
    delta
        Huber threshold of the density (Epoch: 1e-3).

    Returns
    -------
    (log_likelihood, sigma)
    """
    from scipy.optimize import minimize_scalar
    from scipy.stats import norm

    theta = law.log_params if isinstance(law, ParametricLaw) else np.asarray(law, dtype=float).reshape(-1)
    if theta.size != 5 or not np.all(np.isfinite(theta)):
        raise ValueError("law must be a ParametricLaw with E > 0 or a finite vector (a, b, e, alpha, beta).")
    data = _prepare(N, D, L)
    d = _check_delta(delta)
    a, b, e, al, be = theta
    r = np.logaddexp(np.logaddexp(a - al * data.x, b - be * data.y), e) - data.l
    log_z = float(np.log(np.sqrt(2.0 * np.pi) * (2.0 * norm.cdf(d) - 1.0) + 2.0 * np.exp(-d * d / 2.0) / d))

    def negll(log_sigma: float) -> float:
        u = np.abs(r) / np.exp(log_sigma)
        hub = np.where(u <= d, 0.5 * u * u, d * (u - 0.5 * d))
        return float(hub.sum() + data.n * (log_sigma + log_z))

    spread = float(np.log(np.median(np.abs(r)) + 1e-300))
    res = minimize_scalar(negll, bounds=(spread - 25.0, spread + 10.0), method="bounded",
                          options={"xatol": 1e-10})
    return -float(res.fun), float(np.exp(res.x))
