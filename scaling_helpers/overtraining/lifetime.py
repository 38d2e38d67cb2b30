"""Lifetime compute of a model (training plus inference) and the Chinchilla-optimal model for a target loss.

Lifetime compute
----------------
A model with ``N`` parameters trained on ``D`` tokens and then used to process ``D_inf`` tokens over its
lifetime costs about

.. math:: C_{life} = 6 N D + 2 N D_{inf} \\quad\\text{FLOPs}

(6 FLOPs per parameter per training token, Kaplan et al. 2020, arXiv:2001.08361, Sec. 2.1; 2 per
parameter per inference token, the forward pass only; attention terms ignored).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..chinchilla.laws import ParametricLaw
from ..common.validate import finite_scalar, positive_array, positive_scalar

__all__ = [
    "lifetime_flops",
    "training_tokens_for_loss",
    "min_params_for_loss",
    "compute_optimal_params_for_loss",
    "ChinchillaPoint",
    "chinchilla_point",
]


_Result = float | NDArray[np.float64]


# ---------------------------------------------------------------------------------------------- input checks
def _law(law: object) -> ParametricLaw:
    if not isinstance(law, ParametricLaw):
        raise ValueError(
            f"law must be a ParametricLaw such as HOFFMANN_2022 or BESIROGLU_2024 (from scaling_helpers.chinchilla.laws); "
            f"got {type(law).__name__}."
        )
    return law


def _target(law: ParametricLaw, target: object) -> float:
    t = finite_scalar(target, "target (loss in nats per token)")
    if t > 20:
        raise ValueError(
            f"target = {t:g} is not a plausible loss in nats per token: it looks like a perplexity. "
            "Pass log(perplexity) instead."
        )
    if t <= law.E:
        raise ValueError(
            f"target loss {t:.4g} is unreachable: it is at or below the irreducible loss E = {law.E:.4g} of "
            f"{law.name or 'this law'}, which no model reaches even with infinite parameters and data. "
            "Choose a higher target, e.g. chinchilla_point(law, 13e9).loss."
        )
    return t


def _non_negative(value: object, name: str) -> float:
    x = finite_scalar(value, name)
    if x < 0:
        raise ValueError(f"{name} must be >= 0 (a number of tokens); got {x:g}.")
    return x


def _out(x: object) -> _Result:
    arr = np.asarray(x, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


def _positive_any(values: ArrayLike, name: str) -> _Result:
    if np.ndim(values) == 0:
        return positive_scalar(values, name)
    shape = np.shape(values)
    return positive_array(np.ravel(values), name).reshape(shape)


# ---------------------------------------------------------------------------------------------- lifetime cost
def lifetime_flops(n_params: ArrayLike, train_tokens: ArrayLike, inference_tokens: ArrayLike) -> _Result:
    """Training plus inference compute over a model's lifetime: ``6 N D + 2 N D_inf`` FLOPs.

    Parameters
    ----------
    n_params
        Parameters ``N`` (> 0; for a mixture of experts, the *active* parameters).
    train_tokens
        Training tokens ``D`` (> 0).
    inference_tokens
        Tokens processed at inference over the model's lifetime, ``D_inf`` (>= 0): prompt plus
        generated tokens of every request.

    Returns
    -------
    float or numpy.ndarray
        FLOPs (broadcast over array inputs).

    Examples
    --------
    >>> f"{lifetime_flops(70e9, 1.4e12, 0):.3g}"      # Chinchilla's training alone: 6ND
    '5.88e+23'
    >>> f"{lifetime_flops(70e9, 1.4e12, 1.4e12):.3g}"  # serving as many tokens as it was trained on
    '7.84e+23'
    """
    n = np.asarray(_positive_any(n_params, "n_params (parameters)"))
    d = np.asarray(_positive_any(train_tokens, "train_tokens (training tokens)"))
    if np.ndim(inference_tokens) == 0:
        d_inf = np.asarray(_non_negative(inference_tokens, "inference_tokens"))
    else:
        arr = np.asarray(inference_tokens, dtype=float)
        if not np.all(np.isfinite(arr)) or np.any(arr < 0):
            raise ValueError("inference_tokens must be finite and >= 0 (numbers of tokens).")
        d_inf = arr
    return _out(6.0 * n * d + 2.0 * n * d_inf)


def training_tokens_for_loss(law: ParametricLaw, n_params: ArrayLike, target: float) -> _Result:
    """Training tokens a model of ``n_params`` parameters needs to reach ``target`` under ``law``.

    ``D_tr(N) = (B / (target - E - A N^-alpha))^(1/beta)`` (Chinchilla's Eq. 2 solved for ``D``; this is
    :meth:`ParametricLaw.tokens_for_loss`, with the target checked against ``E`` first).

    Raises
    ------
    ValueError
        If the target is at or below ``E`` (no model reaches it) or ``n_params`` is too small to reach it
        (at or below :func:`min_params_for_loss`).
    """
    law = _law(law)
    return law.tokens_for_loss(n_params, _target(law, target))


def min_params_for_loss(law: ParametricLaw, target: float) -> float:
    """Smallest model that can reach ``target`` with infinite data: ``N_min = (A / (target - E))^(1/alpha)``."""
    law = _law(law)
    t = _target(law, target)
    return (law.A / (t - law.E)) ** (1.0 / law.alpha)


def compute_optimal_params_for_loss(law: ParametricLaw, target: float) -> float:
    """Size of the compute-optimal (Chinchilla-optimal) model whose loss is ``target``.

    On the compute-optimal frontier ``alpha A N^-alpha = beta B D^-beta`` (Hoffmann et al. 2022, Eq. 4 with
    ``C = 6ND``), so ``A N^-alpha = beta (target - E) / (alpha + beta)``, i.e.
    ``N = (A (alpha + beta) / (beta (target - E)))^(1/alpha)``. This is also the inference-aware optimum for
    zero inference demand.
    """
    law = _law(law)
    t = _target(law, target)
    return (law.A * (law.alpha + law.beta) / (law.beta * (t - law.E))) ** (1.0 / law.alpha)


@dataclass(frozen=True)
class ChinchillaPoint:
    """The compute-optimal model of a given size under a law (Hoffmann et al. 2022, Eq. 4 inverted)."""

    law_name: str
    """Name of the constant set."""
    n_params: float
    """Parameters N."""
    train_tokens: float
    """Compute-optimal training tokens D_opt for this N."""
    training_flops: float
    """Budget C = 6 N D_opt."""
    loss: float
    """Its loss L(N, D_opt) in nats per token: the natural quality target for an over-trained rival."""

    @property
    def tokens_per_param(self) -> float:
        """D_opt / N."""
        return self.train_tokens / self.n_params


def chinchilla_point(law: ParametricLaw, n_params: float) -> ChinchillaPoint:
    """The compute-optimal (Chinchilla-optimal) run for a model of ``n_params`` parameters under ``law``.

    Uses :meth:`ParametricLaw.budget_for_size` (closed-form Approach-3 frontier). With Hoffmann's rounded
    constants a 13B model gets 0.99T tokens (76 tokens/param); with Epoch's refit 0.26T (20 tokens/param)
    (derived from the two constant sets).

    Examples
    --------
    >>> from scaling_helpers.chinchilla.laws import BESIROGLU_2024
    >>> p = chinchilla_point(BESIROGLU_2024, 13e9)
    >>> f"{p.tokens_per_param:.1f}, {p.loss:.3f}"
    '20.0, 2.103'
    """
    law = _law(law)
    n = positive_scalar(n_params, "n_params (parameters)")
    c, d = law.budget_for_size(n)
    return ChinchillaPoint(law.name, n, float(d), float(c), float(law.loss(n, d)))


