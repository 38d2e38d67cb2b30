"""From loss to benchmark scores: Gadre et al.'s error law and the Llama 3 two-step forecast.

Gadre et al. (2024, "Language models scale reliably with over-training and on downstream tasks",
arXiv:2403.08540) relate the average top-1 error over a suite of tasks to the validation loss ``L`` with an
exponential decay,

.. math:: \\mathrm{Err}(L) = \\epsilon - k\\,e^{-\\gamma L},

equivalently a power law in perplexity, ``Err = epsilon - k PP^-gamma``. The authors' code
(``mlfoundations/scaling``, ``scaling/shared.py`` ``fit_ds``) fits it with ``scipy.optimize.curve_fit``.
:data:`GADRE_2024_RPJ_ERROR` holds the fit reproduced by the course with that code's default configuration.

The Llama 3 report (Llama Team 2024, "The Llama 3 Herd of Models", arXiv:2407.21783, Sec. 3.2.1, Fig. 4)
forecasts a benchmark in two steps: (1) the negative log-likelihood of the correct answer as a function of
training compute; (2) accuracy as a sigmoid of that log-likelihood, fitted on the small scaling-law models
together with older, larger models. :func:`power_law_with_floor` and :func:`sigmoid_accuracy` are the two
steps; :func:`fit_power_law_with_floor` and :func:`fit_sigmoid_accuracy` fit them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import curve_fit

from ..common.validate import finite_scalar, positive_scalar

__all__ = [
    "DownstreamErrorLaw",
    "GADRE_2024_RPJ_ERROR",
    "fit_downstream_error",
    "power_law_with_floor",
    "fit_power_law_with_floor",
    "sigmoid_accuracy",
    "fit_sigmoid_accuracy",
]

Float64Array = NDArray[np.float64]


def _finite(values: ArrayLike, name: str, *, min_size: int = 1) -> Float64Array:
    arr = np.asarray(values, dtype=float)
    if arr.size < min_size or not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must hold at least {min_size} finite numbers; got {values!r:.80}.")
    return arr


def _out(x: Float64Array) -> float | Float64Array:
    return float(x) if np.ndim(x) == 0 else x


@dataclass(frozen=True)
class DownstreamErrorLaw:
    """``Err(L) = epsilon - k exp(-gamma L)`` (Gadre et al. 2024, arXiv:2403.08540).

    Parameters
    ----------
    epsilon
        The error the law tends to at very high loss (an untrained model's error), a fraction in (0, 1].
    k, gamma
        Scale and rate of the decay (both > 0).
    """

    epsilon: float
    k: float
    gamma: float
    name: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        eps = finite_scalar(self.epsilon, "epsilon")
        if not 0 < eps <= 1:
            raise ValueError(f"epsilon (error at high loss) must be a fraction in (0, 1]; got {eps}.")
        object.__setattr__(self, "epsilon", eps)
        object.__setattr__(self, "k", positive_scalar(self.k, "k"))
        object.__setattr__(self, "gamma", positive_scalar(self.gamma, "gamma"))

    def error(self, loss: ArrayLike) -> float | Float64Array:
        """Predicted average top-1 error at validation loss ``loss`` (nats per token)."""
        return _out(self.epsilon - self.k * np.exp(-self.gamma * _finite(loss, "loss")))

    def loss_for_error(self, error: ArrayLike) -> float | Float64Array:
        """The loss at which the law predicts ``error``: ``L = -ln((epsilon - Err)/k) / gamma``."""
        err = _finite(error, "error")
        if np.any(err >= self.epsilon):
            raise ValueError(f"error must be below epsilon = {self.epsilon:.3f}; the law never reaches it.")
        return _out(-np.log((self.epsilon - err) / self.k) / self.gamma)


#: Gadre et al. (2024), arXiv:2403.08540: average top-1 error over their 17-task subset as a function of C4
#: validation loss, RedPajama training data. Refitted by the course with the authors' ``fit_ds`` procedure on their
#: released data (mlfoundations/scaling @ a003c49; default configuration: the four M = 20 runs of 11M-412M
#: parameters, the 11M run at M = 320 and the 1.4B run at M = 20). The constants are the refit's; the paper shows
#: the fit in a figure but prints no constants. It predicts 0.488 for the 1.4B run at M = 640 (measured 0.475)
#: and 0.467 for the 6.9B run at M = 20 (measured 0.472).
GADRE_2024_RPJ_ERROR = DownstreamErrorLaw(
    epsilon=0.857000, k=2.206331, gamma=0.714558,
    name="Gadre et al. 2024 (RedPajama, 17-task error vs C4 loss; refit)",
    source="Gadre et al. 2024, arXiv:2403.08540; refitted with the authors' code and data (mlfoundations/scaling)",
)


def fit_downstream_error(loss: ArrayLike, error: ArrayLike) -> DownstreamErrorLaw:
    """Least-squares fit of ``Err = epsilon - k exp(-gamma L)`` (``scipy.optimize.curve_fit``, as the authors do).

    Parameters
    ----------
    loss, error
        Validation losses and average errors (fractions) of at least four runs.
    """
    x = _finite(loss, "loss", min_size=4)
    y = _finite(error, "error", min_size=4)
    if x.shape != y.shape:
        raise ValueError(f"loss and error must have the same length; got {x.size} and {y.size}.")
    if np.any((y <= 0) | (y >= 1)):
        raise ValueError("error must hold fractions strictly between 0 and 1 (not percentages).")
    popt, _ = curve_fit(lambda t, k, g, e: e - k * np.exp(-g * t), x, y, p0=(2.0, 0.7, 0.85), maxfev=20000)
    k, gamma, eps = (float(v) for v in popt)
    return DownstreamErrorLaw(epsilon=eps, k=k, gamma=gamma, name="fit")


def power_law_with_floor(compute: ArrayLike, E: float, A: float, alpha: float) -> float | Float64Array:
    """Step 1 of the two-step forecast: ``L(C) = E + A (C / 1e18)^-alpha`` (compute in FLOPs).

    ``1e18`` only keeps ``A`` of order one.
    """
    c = _finite(compute, "compute (FLOPs)")
    if np.any(c <= 0):
        raise ValueError("compute (FLOPs) must be positive.")
    return _out(E + A * (c / 1e18) ** (-alpha))


def fit_power_law_with_floor(compute: ArrayLike, loss: ArrayLike) -> tuple[float, float, float]:
    """Fit :func:`power_law_with_floor` by least squares in the loss; returns ``(E, A, alpha)``."""
    c = _finite(compute, "compute (FLOPs)", min_size=4)
    y = _finite(loss, "loss", min_size=4)
    if c.shape != y.shape:
        raise ValueError(f"compute and loss must have the same length; got {c.size} and {y.size}.")
    if np.any(c <= 0):
        raise ValueError("compute (FLOPs) must be positive.")
    popt, _ = curve_fit(lambda x, E, A, a: E + A * (x / 1e18) ** (-a), c, y,
                        p0=(0.5 * float(y.min()), float(y.max() - 0.5 * y.min()), 0.1),
                        bounds=([0.0, 0.0, 0.0], [float(y.min()), np.inf, 2.0]), maxfev=20000)
    return float(popt[0]), float(popt[1]), float(popt[2])


def sigmoid_accuracy(loss: ArrayLike, midpoint: float, slope: float, *, floor: float = 0.25,
                     ceiling: float = 1.0) -> float | Float64Array:
    """Step 2: accuracy as a sigmoid of a loss, ``floor + (ceiling - floor) / (1 + exp(slope (L - midpoint)))``.

    ``floor`` is the chance accuracy (0.25 for four options), ``ceiling`` the best reachable accuracy; with
    ``slope > 0`` accuracy rises as the loss falls and is halfway between floor and ceiling at ``midpoint``.
    """
    lo, hi = finite_scalar(floor, "floor"), finite_scalar(ceiling, "ceiling")
    if not 0 <= lo < hi <= 1:
        raise ValueError(f"need 0 <= floor < ceiling <= 1 (accuracies as fractions); got {lo}, {hi}.")
    x = _finite(loss, "loss")
    z = np.clip(finite_scalar(slope, "slope") * (x - finite_scalar(midpoint, "midpoint")), -500, 500)
    return _out(lo + (hi - lo) / (1.0 + np.exp(z)))


def fit_sigmoid_accuracy(loss: ArrayLike, accuracy: ArrayLike, *, floor: float = 0.25,
                         ceiling: float = 1.0) -> tuple[float, float]:
    """Fit :func:`sigmoid_accuracy` with floor and ceiling held fixed; returns ``(midpoint, slope)``.

    If every point sits at the floor the data carry no information about where the curve rises: the fit then
    returns *some* midpoint beyond the data, and its forecast is "chance" whatever the truth.
    """
    x = _finite(loss, "loss", min_size=3)
    y = _finite(accuracy, "accuracy", min_size=3)
    if x.shape != y.shape:
        raise ValueError(f"loss and accuracy must have the same length; got {x.size} and {y.size}.")
    if np.any((y < 0) | (y > 1)):
        raise ValueError("accuracy must hold fractions in [0, 1] (not percentages).")
    with warnings.catch_warnings():  # flat data (all at chance) leave the covariance undefined: the fit still runs
        warnings.simplefilter("ignore")
        popt, _ = curve_fit(lambda t, m, s: sigmoid_accuracy(t, m, s, floor=floor, ceiling=ceiling), x, y,
                            p0=(float(np.median(x)), 1.0), maxfev=20000)
    return float(popt[0]), float(popt[1])
