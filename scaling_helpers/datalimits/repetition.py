"""Data-constrained scaling: what repeated data is worth (Muennighoff et al. 2023) and how much data exists.

Muennighoff, Rush, Barak, Le Scao, Piktus, Tazi, Pyysalo, Wolf & Raffel (2023), "Scaling Data-Constrained
Language Models" (NeurIPS 2023; arXiv:2305.16264), trained more than 400 models (up to 9B parameters and 900B
tokens) on repeated data and fitted Chinchilla's law with *effective* data and parameters (Sec. 3.1, Eq. 5-6):

.. math:: D' = U_D + U_D R_D^* \\bigl(1 - e^{-R_D/R_D^*}\\bigr), \\qquad R_D = D/U_D - 1,

where ``U_D`` is the number of unique tokens and ``R_D`` the number of **repetitions** — epochs minus one, not
epochs (Muennighoff et al. 2023, arXiv:2305.16264, Eq. 5). A repeated token is worth ``e^{-R_D/R_D^*}`` of a fresh one, so repetition can
never yield more than ``(1 + R_D^*)`` times the unique data. Excess parameters decay the same way:

.. math:: N' = U_N + U_N R_N^* \\bigl(1 - e^{-R_N/R_N^*}\\bigr), \\qquad U_N = \\min(N, N_{opt}(U_D)),
          \\qquad R_N = N/U_N - 1,

with ``N_opt(U_D)`` the compute-optimal size for ``U_D`` tokens. The loss is ``E + A/N'^alpha + B/D'^beta``.

Constants: ``R_D* = 15.387756``, ``R_N* = 5.309743``, ``log A = 6.255414``, ``log B = 7.3049974``,
``log E = 0.6254804``, ``alpha = beta = 0.3526596`` (the authors' repository ``huggingface/datablations``,
README "Parametric Fit"; paper App. A). The README's worked example — 6.34B parameters on 242B tokens of which
25B unique reach L = 2.2256, below 8.67B on 178B tokens (2.2270) — is reproduced in the tests.

Villalobos, Ho, Sevilla, Besiroglu, Heim & Hobbhahn (Epoch AI; arXiv:2211.04325, 2024 version, abstract) estimate
the stock of quality-adjusted public human text at about 300 trillion tokens, fully used between 2026 and 2032
(80% interval) if trends continue; Epoch AI's summary of the paper ("Will we run out of data? Limits of LLM
scaling based on human-generated data", June 2024) gives the stock's 90% confidence interval as 100T to 1000T.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize_scalar

from ..chinchilla.laws import ParametricLaw
from ..common.validate import finite_scalar, positive_scalar

__all__ = [
    "R_D_STAR",
    "R_N_STAR",
    "MUENNIGHOFF_2023",
    "DATA_STOCK_TOKENS",
    "DATA_STOCK_INTERVAL",
    "DATA_EXHAUSTION_YEARS",
    "RUNS_8B7_178B",
    "repetitions",
    "effective_data",
    "effective_data_multiple",
    "repeated_token_value",
    "epochs_for_token_value",
    "optimal_params_for_tokens",
    "effective_params",
    "data_constrained_loss",
    "ConstrainedOptimum",
    "data_constrained_optimum",
]

Float64Array = NDArray[np.float64]

#: Decay constant of repeated data (Muennighoff et al. 2023, App. A; datablations README): after ``R_D*``
#: repetitions a repeated token is worth ``1/e`` of a fresh one.
R_D_STAR: float = 15.387756
#: Decay constant of excess parameters (same sources). ``R_N* < R_D*``: excess parameters lose value faster.
R_N_STAR: float = 5.309743

#: The single-epoch part of the data-constrained law (datablations README: ``log A = 6.255414``,
#: ``log B = 7.3049974``, ``log E = 0.6254804``, ``alpha = beta = 0.3526596``): A = 520.8, B = 1487.7, E = 1.869.
MUENNIGHOFF_2023: ParametricLaw = ParametricLaw.from_log_params(
    a=6.255414, b=7.3049974, e=0.6254804, alpha=0.3526596, beta=0.3526596,
    name="Muennighoff et al. 2023",
    source="Muennighoff et al. 2023, arXiv:2305.16264, App. A; constants from the huggingface/datablations README",
)

#: Stock of quality-adjusted public human-generated text, in tokens (Villalobos et al., arXiv:2211.04325, 2024
#: version, abstract): about 3e14 ...
DATA_STOCK_TOKENS: float = 3e14
#: ... with a 90% confidence interval of 1e14 to 1e15 tokens (Epoch AI's summary, June 2024) ...
DATA_STOCK_INTERVAL: tuple[float, float] = (1e14, 1e15)
#: ... fully used between 2026 and 2032 (80% interval) if current trends continue.
DATA_EXHAUSTION_YEARS: tuple[int, int] = (2026, 2032)


#: Measured final validation losses of Muennighoff et al.'s 8.67B-parameter models trained on 178B tokens, by the
#: number of unique tokens they were drawn from (the authors' repository ``huggingface/datablations``,
#: ``plotstables/return.ipynb``, ``NAMES_TO_VAL_LOSSES``, runs ``8b7178b25b`` ... ``8b7178b178b``): real runs,
#: from 1 epoch (178B unique) to 7.1 epochs (25B unique).
RUNS_8B7_178B: dict[float, float] = {
    178e9: 2.336741, 88e9: 2.337275, 58e9: 2.348107, 44e9: 2.351177, 35e9: 2.360029, 25e9: 2.376484,
}


def _tokens(x: ArrayLike, name: str) -> Float64Array:
    arr = np.asarray(x, dtype=float)
    if arr.size == 0 or not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise ValueError(f"{name} must be positive finite numbers of tokens; got {x!r:.60}.")
    return arr


def _out(x: Float64Array) -> float | Float64Array:
    return float(x) if np.ndim(x) == 0 else x


def _r_star(r_star: float, name: str) -> float:
    return positive_scalar(r_star, name)


def repetitions(epochs: ArrayLike) -> float | Float64Array:
    """``R = epochs - 1``: the number of *repetitions* in Muennighoff's law (one epoch has no repeats).

    Raises
    ------
    ValueError
        For fewer than 1 epoch (a partial epoch repeats nothing: use ``epochs = 1``).
    """
    e = np.asarray(epochs, dtype=float)
    if e.size == 0 or not np.all(np.isfinite(e)) or np.any(e < 1):
        raise ValueError(f"epochs must be >= 1 (one full pass has no repeats); got {epochs!r:.60}.")
    return _out(e - 1.0)


def effective_data(unique_tokens: ArrayLike, total_tokens: ArrayLike, *,
                   r_star: float = R_D_STAR) -> float | Float64Array:
    """Effective data ``D' = U + U R*(1 - exp(-R/R*))`` with ``R = D/U - 1`` (Muennighoff et al. 2023, Eq. 5).

    Parameters
    ----------
    unique_tokens
        Unique tokens available ``U`` (the paper's data budget ``D_C``).
    total_tokens
        Tokens trained on ``D``. If ``D <= U`` nothing repeats: ``U_D = min(U, D) = D`` and ``D' = D``.
    r_star
        Decay constant ``R_D*`` (default 15.387756).

    Examples
    --------
    >>> round(effective_data(1.0, 4.0), 2)   # 4 epochs: 3 repetitions, worth 3.73 epochs of unique data
    3.73
    """
    u = _tokens(unique_tokens, "unique_tokens")
    d = _tokens(total_tokens, "total_tokens")
    rs = _r_star(r_star, "r_star")
    used = np.minimum(u, d)
    r = d / used - 1.0
    return _out(used + used * rs * -np.expm1(-r / rs))


def effective_data_multiple(epochs: ArrayLike, *, r_star: float = R_D_STAR) -> float | Float64Array:
    """``D'/U`` after ``epochs`` passes over the unique data: ``1 + R*(1 - exp(-(epochs-1)/R*))``.

    Tends to ``1 + R*`` (16.39 for ``R_D*``) as the epochs grow: repetition can never yield more.
    """
    r = np.asarray(repetitions(epochs), dtype=float)
    rs = _r_star(r_star, "r_star")
    return _out(1.0 + rs * -np.expm1(-r / rs))


def repeated_token_value(epochs: ArrayLike, *, r_star: float = R_D_STAR) -> float | Float64Array:
    """Value of one more repeated token relative to a fresh one, ``dD'/dD = exp(-R/R*)`` at ``R = epochs - 1``."""
    r = np.asarray(repetitions(epochs), dtype=float)
    return _out(np.exp(-r / _r_star(r_star, "r_star")))


def epochs_for_token_value(value: float, *, r_star: float = R_D_STAR) -> float:
    """Epochs after which a repeated token is worth ``value`` (in (0, 1]) of a fresh one: ``1 + R* ln(1/value)``."""
    v = finite_scalar(value, "value")
    if not 0 < v <= 1:
        raise ValueError(f"value must be a fraction in (0, 1] (the worth of a repeated token); got {v}.")
    return 1.0 + _r_star(r_star, "r_star") * math.log(1.0 / v)


def optimal_params_for_tokens(tokens: ArrayLike, law: ParametricLaw = MUENNIGHOFF_2023) -> float | Float64Array:
    """The model size whose compute-optimal data is ``tokens``: ``N = G (G D)**(beta/alpha)``.

    Inverts the frontier of Hoffmann et al. (2022, Eq. 4), ``N_opt = G (C/6)**a``, ``D_opt = (C/6)**b / G``;
    with Muennighoff's ``alpha = beta`` it is ``G**2 D`` = 0.051 D, about 20 tokens per parameter.
    """
    d = _tokens(tokens, "tokens")
    return _out(law.G * (law.G * d) ** (law.beta / law.alpha))


def effective_params(params: ArrayLike, unique_tokens: ArrayLike, *, law: ParametricLaw = MUENNIGHOFF_2023,
                     r_star: float = R_N_STAR) -> float | Float64Array:
    """Effective parameters ``N' = U_N + U_N R_N*(1 - exp(-R_N/R_N*))`` (Muennighoff et al. 2023, Eq. 6).

    ``U_N = min(N, N_opt(U))`` is the largest size the unique data can feed compute-optimally
    (:func:`optimal_params_for_tokens`) and ``R_N = N/U_N - 1`` the excess; parameters beyond ``U_N`` count less.
    """
    n = _tokens(params, "params")
    u_n = np.minimum(n, np.asarray(optimal_params_for_tokens(_tokens(unique_tokens, "unique_tokens"), law)))
    r = n / u_n - 1.0
    rs = _r_star(r_star, "r_star")
    return _out(u_n + u_n * rs * -np.expm1(-r / rs))


def data_constrained_loss(params: ArrayLike, total_tokens: ArrayLike, unique_tokens: ArrayLike, *,
                          law: ParametricLaw = MUENNIGHOFF_2023, r_d_star: float = R_D_STAR,
                          r_n_star: float = R_N_STAR) -> float | Float64Array:
    """Loss of ``N`` parameters trained on ``D`` tokens of which ``U`` unique: ``E + A/N'^alpha + B/D'^beta``.

    Examples
    --------
    >>> round(data_constrained_loss(6.34e9, 242e9, 25e9), 4)   # datablations README example
    2.2256
    """
    n_eff = effective_params(params, unique_tokens, law=law, r_star=r_n_star)
    d_eff = effective_data(unique_tokens, total_tokens, r_star=r_d_star)
    return _out(np.asarray(law.loss(n_eff, d_eff), dtype=float))


@dataclass(frozen=True)
class ConstrainedOptimum:
    """The best model size for a compute budget when only ``unique_tokens`` of data exist."""

    compute: float
    """Training FLOPs, ``6 N D``."""
    unique_tokens: float
    """Unique tokens available."""
    params: float
    """Best size ``N``."""
    tokens: float
    """Tokens trained on, ``C / (6N)``."""
    loss: float
    """Predicted loss."""

    @property
    def epochs(self) -> float:
        """Passes over the unique data (``tokens / unique_tokens``; below 1 means not all of it is used)."""
        return self.tokens / self.unique_tokens


def data_constrained_optimum(compute: float, unique_tokens: float, *, law: ParametricLaw = MUENNIGHOFF_2023
                             ) -> ConstrainedOptimum:
    """Minimise :func:`data_constrained_loss` over ``N`` at fixed ``C = 6 N D`` and unique data ``U``.

    A one-dimensional bounded search on ``log N`` between ``1e-4`` and ``1e4`` times the unconstrained optimum.
    """
    c = positive_scalar(compute, "compute (FLOPs)")
    u = positive_scalar(unique_tokens, "unique_tokens")
    n0 = float(law.compute_optimal(c)[0])

    def f(x: float) -> float:
        n = math.exp(x)
        return float(data_constrained_loss(n, c / (6.0 * n), u, law=law))

    res = minimize_scalar(f, bounds=(math.log(n0) - 9.2, math.log(n0) + 9.2), method="bounded",
                          options={"xatol": 1e-6})
    n = math.exp(res.x)
    return ConstrainedOptimum(compute=c, unique_tokens=u, params=n, tokens=c / (6.0 * n), loss=float(res.fun))
