"""Why Kaplan's allocation over-sized models: Pearce & Song's (2024) simulation of Kaplan's set-up on a Chinchilla
law (non-embedding counting, small models) and Porian et al.'s (2024) step-by-step corrections.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..chinchilla.laws import ParametricLaw
from ..common.validate import positive_array, positive_scalar
from .inputs import _out, _positive, _Result

__all__ = [
    "PEARCE_SONG_GAMMA",
    "total_params",
    "embedding_fraction",
    "FrontierSimulation",
    "simulate_kaplan_regime",
    "frontier_local_exponent",
    "PorianStep",
    "PORIAN_STEPS_REFINEDWEB",
    "PORIAN_STEPS_OWT2",
]


#: Pearce & Song (2024), arXiv:2406.12907: N_T = N_E + 47491 N_E^(1/3), fitted to the Chinchilla model
#: configurations (Hoffmann et al. 2022, Table A9) with a 32k vocabulary; equivalent to a fixed aspect ratio
#: d_model / n_layer ≈ 39.2 (authors' script, TeaPearce/Reconciling_Kaplan_Chinchilla_Scaling_Laws).
PEARCE_SONG_GAMMA = 47491.0


def total_params(n_non_embedding: ArrayLike, gamma: float = PEARCE_SONG_GAMMA) -> _Result:
    """Total parameters from non-embedding ones, ``N_T = N_E + gamma N_E^(1/3)`` (Pearce & Song 2024).

    Parameters
    ----------
    n_non_embedding
        Non-embedding parameters N_E (> 0).
    gamma
        47491 by default (vocabulary 32k, Chinchilla-like aspect ratio).

    Examples
    --------
    >>> f"{total_params(1e6):.3g}"
    '5.75e+06'
    """
    n = _positive(n_non_embedding, "n_non_embedding")
    g = positive_scalar(gamma, "gamma")
    return _out(n + g * np.cbrt(n))


def embedding_fraction(n_non_embedding: ArrayLike, gamma: float = PEARCE_SONG_GAMMA) -> _Result:
    """Share of all parameters that sit in the embeddings, ``(N_T - N_E) / N_T`` (Pearce & Song 2024 fit)."""
    n = _positive(n_non_embedding, "n_non_embedding")
    nt = np.asarray(total_params(n, gamma))
    return _out((nt - n) / nt)


@dataclass(frozen=True)
class FrontierSimulation:
    """Compute-optimal model sizes of a Chinchilla-form law, found among a fixed set of models."""

    law_name: str
    """Name of the simulated law."""
    counting: str
    """``"non_embedding"`` (Kaplan's N_E and C_E = 6 N_E D) or ``"total"`` (N_T and C_T = 6 N_T D)."""
    compute: NDArray[np.float64]
    """The budgets, FLOPs, in the chosen counting."""
    n_opt: NDArray[np.float64]
    """The best model at each budget, parameters in the chosen counting."""
    exponent: float
    """Slope of the least-squares line log n_opt = exponent log compute + const (the local exponent a)."""
    prefactor: float
    """exp(intercept) of that line."""
    target_exponent: float
    """The law's asymptotic exponent beta / (alpha + beta) (Hoffmann et al. 2022, Eq. 4)."""


def simulate_kaplan_regime(law: ParametricLaw, *, counting: Literal["non_embedding", "total"] = "non_embedding",
                           n_models: int = 20, log10_n_range: tuple[float, float] = (2.9, 9.2),
                           log10_c_range: tuple[float, float] | None = None, n_budgets: int = 100,
                           token_grid: int | None = 1000, gamma: float = PEARCE_SONG_GAMMA) -> FrontierSimulation:
    """Pearce & Song's (2024, arXiv:2406.12907) re-derivation of Kaplan's exponent from a Chinchilla-form law.

    ``n_models`` models with non-embedding sizes log-spaced over ``10**log10_n_range`` (Kaplan's 768 to 1.5e9)
    get total sizes ``N_T = N_E + gamma N_E^(1/3)``. The true loss is ``law.loss(N_T, D)`` (Chinchilla counts all
    parameters). For each of ``n_budgets`` log-spaced budgets, every model is trained on the tokens the budget buys
    (``D = C / (6 N)`` with N in the chosen counting) and the model of lowest loss is kept; a straight line in
    log-log space through those optima gives the local exponent.

    Parameters
    ----------
    law
        A Chinchilla-form law, e.g. :data:`scaling_helpers.chinchilla.BESIROGLU_2024`.
    counting
        ``"non_embedding"`` (Kaplan: N_E and C_E = 6 N_E D) or ``"total"`` (N_T and C_T = 6 N_T D).
    n_models, log10_n_range
        The model set (Pearce & Song: 20 models, 10^2.9 to 10^9.2).
    log10_c_range
        Budgets, FLOPs; defaults to the authors' script: (12.95, 20.7) for non-embedding, (13.4, 20.7) for total.
    n_budgets
        Number of budgets (100 in the script).
    token_grid
        If an integer (default 1000), each token count is rounded to the nearest of that many log-spaced values
        from 1e6 to 1e25, as in the authors' script; budgets that need fewer than 1e6 or more than 1e25 tokens
        for a model exclude that model (the script clamps to the grid edge instead, which only matters for the
        smallest total-count budgets). ``None`` uses the exact ``D = C / (6 N)``.
    gamma
        Embedding coefficient of ``N_T = N_E + gamma N_E^(1/3)``.

    Returns
    -------
    FrontierSimulation
        With the token grid this reproduces N*_E ∝ C_E^0.781 (Epoch's coefficients) and 0.739 (Chinchilla's
        unrounded coefficients), against true exponents 0.513 and 0.457 (Pearce & Song 2024, arXiv:2406.12907, Sec. 3, re-run); exact token
        counts give 0.775 and 0.741.
    """
    if counting not in ("non_embedding", "total"):
        raise ValueError(f"counting must be 'non_embedding' or 'total'; got {counting!r}.")
    if not isinstance(n_models, int | np.integer) or n_models < 3:
        raise ValueError(f"n_models must be an integer >= 3; got {n_models!r}.")
    if not isinstance(n_budgets, int | np.integer) or n_budgets < 3:
        raise ValueError(f"n_budgets must be an integer >= 3; got {n_budgets!r}.")
    lo, hi = (float(v) for v in log10_n_range)
    if not hi > lo:
        raise ValueError(f"log10_n_range must be (low, high) with high > low; got {log10_n_range}.")
    if log10_c_range is None:
        log10_c_range = (12.95, 20.7) if counting == "non_embedding" else (13.4, 20.7)
    c_lo, c_hi = (float(v) for v in log10_c_range)
    if not c_hi > c_lo:
        raise ValueError(f"log10_c_range must be (low, high) with high > low; got {log10_c_range}.")

    n_e = np.logspace(lo, hi, n_models)
    n_t = np.asarray(total_params(n_e, gamma))
    n_count = n_e if counting == "non_embedding" else n_t
    budgets = np.logspace(c_lo, c_hi, n_budgets)
    log_d = np.log10(budgets[:, None] / (6.0 * n_count[None, :]))
    if token_grid is None:
        tokens = 10.0**log_d
        usable = np.ones_like(log_d, dtype=bool)
    else:
        if not isinstance(token_grid, int | np.integer) or token_grid < 2:
            raise ValueError(f"token_grid must be None or an integer >= 2; got {token_grid!r}.")
        step = (25.0 - 6.0) / (token_grid - 1)
        usable = (log_d >= 6.0 - step / 2) & (log_d <= 25.0 + step / 2)
        idx = np.clip(np.rint((log_d - 6.0) / step), 0, token_grid - 1)
        tokens = 10.0 ** (6.0 + idx * step)
    losses = np.where(usable, np.asarray(law.loss(np.broadcast_to(n_t, tokens.shape), tokens)), np.inf)
    if not np.all(np.isfinite(losses.min(axis=1))):
        raise ValueError("some budgets leave no usable model: narrow log10_c_range or widen the model range.")
    best = n_count[np.argmin(losses, axis=1)]
    slope, intercept = np.polyfit(np.log(budgets), np.log(best), 1)
    return FrontierSimulation(law_name=law.name, counting=counting, compute=budgets, n_opt=best,
                              exponent=float(slope), prefactor=float(np.exp(intercept)), target_exponent=law.a)


def frontier_local_exponent(law: ParametricLaw, n_non_embedding: ArrayLike,
                            gamma: float = PEARCE_SONG_GAMMA) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The continuous compute-optimal frontier in Kaplan's counting and its local exponent.

    Minimising ``law.loss(N_E + gamma N_E^(1/3), C_E / (6 N_E))`` over N_E gives, at the optimum N_E
    (Pearce & Song 2024, analytic frontier),

    ``C_E = 6 N_E (beta B / (alpha A))^(1/beta) N_T^((1 + alpha)/beta) (N_E + gamma N_E^(1/3) / 3)^(-1/beta)``.

    Parameters
    ----------
    law
        A Chinchilla-form law.
    n_non_embedding
        Optimal non-embedding sizes at which to evaluate the frontier (> 0, increasing, at least 3).
    gamma
        Embedding coefficient.

    Returns
    -------
    (C_E, a_local)
        Budgets in FLOPs (non-embedding counting) and the local exponent d log N*_E / d log C_E, which goes from
        beta / (alpha/3 + beta) for tiny models (embeddings dominate) to beta / (alpha + beta) for large ones.
    """
    n = positive_array(n_non_embedding, "n_non_embedding", min_size=3)
    if np.any(np.diff(n) <= 0):
        raise ValueError("n_non_embedding must be strictly increasing.")
    g = positive_scalar(gamma, "gamma")
    n_t = n + g * np.cbrt(n)
    c = (6.0 * n * (law.beta * law.B / (law.alpha * law.A)) ** (1.0 / law.beta)
         * n_t ** ((1.0 + law.alpha) / law.beta) * (n + g * np.cbrt(n) / 3.0) ** (-1.0 / law.beta))
    local = np.gradient(np.log(n), np.log(c))
    return c, local


# ---------------------------------------------------------------------------------------------- Porian et al. 2024
@dataclass(frozen=True)
class PorianStep:
    """One row of Porian et al.'s step-by-step correction of Kaplan's set-up (N* ∝ C^a)."""

    step: str
    """What is changed, cumulatively, relative to the row above."""
    a: float
    """Fitted exponent of the compute-optimal model size."""
    ci: tuple[float, float] | None
    """95% bootstrap interval of a, where available."""
    n_star_chinchilla: float | None
    """Predicted N* at C = 5.88e23 FLOPs (Chinchilla's budget), where available."""


#: Porian, Wortsman, Jitsev, Schmidt & Carmon (2024), "Resolving Discrepancies in Compute-Optimal Scaling of
#: Language Models", arXiv:2406.19146 (NeurIPS 2024): RefinedWeb. Exponents, 95% bootstrap CIs and N*(5.88e23)
#: recomputed from the released summary pickles of formll/resolving-scaling-law-discrepancies (commit 0dc60d91);
#: each step keeps the corrections above it.
PORIAN_STEPS_REFINEDWEB: tuple[PorianStep, ...] = (
    PorianStep("reproducing Kaplan (non-embedding N, long warm-up, Kaplan decay)", 0.835, (0.824, 0.846), 3.03e12),
    PorianStep("+ count last-layer (LM head) FLOPs", 0.706, (0.691, 0.717), 7.87e11),
    PorianStep("+ shorter warm-up", 0.602, (0.591, 0.617), 2.92e11),
    PorianStep("+ cosine decay matched to budget", 0.571, (0.560, 0.589), 1.83e11),
    PorianStep("+ tuned AdamW (LR, batch, beta2), constant LR", 0.497, (0.491, 0.505), 7.69e10),
)

#: Same steps on OpenWebText2 (Porian et al. 2024; released summary pickles). Only the first and last steps' CIs are kept.
PORIAN_STEPS_OWT2: tuple[PorianStep, ...] = (
    PorianStep(PORIAN_STEPS_REFINEDWEB[0].step, 0.864, (0.819, 0.897), None),
    PorianStep(PORIAN_STEPS_REFINEDWEB[1].step, 0.699, None, None),
    PorianStep(PORIAN_STEPS_REFINEDWEB[2].step, 0.603, None, None),
    PorianStep(PORIAN_STEPS_REFINEDWEB[3].step, 0.574, None, None),
    PorianStep(PORIAN_STEPS_REFINEDWEB[4].step, 0.518, (0.493, 0.541), None),
)
