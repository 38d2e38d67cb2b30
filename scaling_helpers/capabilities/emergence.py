"""Emergence as a property of the metric (Schaeffer, Miranda & Koyejo 2023).

Wei et al. (2022, "Emergent Abilities of Large Language Models", TMLR, arXiv:2206.07682) call an ability
*emergent* "if it is not present in smaller models but is present in larger models". Schaeffer, Miranda & Koyejo
(2023, "Are Emergent Abilities of Large Language Models a Mirage?", NeurIPS 2023, arXiv:2304.15004) argue that
many such jumps come from the metric: "nonlinear or discontinuous metrics produce apparent emergent abilities,
whereas linear or continuous metrics produce smooth, continuous predictable changes" (abstract). Their simple
model (Sec. 2):

* the per-token cross-entropy falls as a power law, ``CE(N) = (N/c)**-alpha``;
* so the probability of getting one token right is ``p(N) = exp(-CE(N))``;
* *exact match* on an answer of ``L`` tokens needs all of them right: ``p**L = exp(-L (N/c)**-alpha)``, a sharp
  sigmoid in ``log N`` that steepens and moves right as ``L`` grows;
* the expected *token edit distance* (wrong tokens out of ``L``) is ``L (1 - p)``, which falls smoothly.

Chapter 10 of the course uses this module; the constants ``c = 1e6`` and ``alpha = 0.35`` used by default are
**illustrative** (the course's demo numbers),
not fitted to any model. With them exact match on ``L = 20`` tokens is 0.018 at ``N = 1e8``,
0.17 at 1e9, 0.45 at 1e10 and 0.85 at 1e12.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..common.validate import finite_scalar, positive_scalar

__all__ = [
    "DEMO_SCALE",
    "DEMO_ALPHA",
    "per_token_cross_entropy",
    "per_token_accuracy",
    "exact_match",
    "token_edit_distance",
    "emergence_size",
    "measured_accuracy",
]

Float64Array = NDArray[np.float64]

#: Illustrative scale ``c`` of the per-token law ``CE = (N/c)**-alpha`` (course demo; not a fitted value).
DEMO_SCALE: float = 1e6
#: Illustrative exponent ``alpha`` of the same law (course demo).
DEMO_ALPHA: float = 0.35


def _sizes(N: ArrayLike) -> Float64Array:
    n = np.asarray(N, dtype=float)
    if n.size == 0 or not np.all(np.isfinite(n)) or np.any(n <= 0):
        raise ValueError(f"N (parameters) must be positive finite numbers; got {N!r:.60}.")
    return n


def _length(L: ArrayLike) -> Float64Array:
    arr = np.asarray(L, dtype=float)
    if arr.size == 0 or not np.all(np.isfinite(arr)) or np.any(arr < 1):
        raise ValueError(f"L (answer length in tokens) must be >= 1; got {L!r:.60}.")
    return arr


def _out(x: Float64Array) -> float | Float64Array:
    return float(x) if np.ndim(x) == 0 else x


def per_token_cross_entropy(N: ArrayLike, *, scale: float = DEMO_SCALE, alpha: float = DEMO_ALPHA
                            ) -> float | Float64Array:
    """Per-token cross-entropy ``(N/scale)**-alpha`` in nats (Schaeffer et al. 2023, Sec. 2; illustrative)."""
    return _out((_sizes(N) / positive_scalar(scale, "scale")) ** -positive_scalar(alpha, "alpha"))


def per_token_accuracy(N: ArrayLike, *, scale: float = DEMO_SCALE, alpha: float = DEMO_ALPHA
                       ) -> float | Float64Array:
    """Probability of one correct token, ``p = exp(-CE(N))``: smooth in ``N``."""
    return _out(np.exp(-np.asarray(per_token_cross_entropy(N, scale=scale, alpha=alpha))))


def exact_match(N: ArrayLike, L: ArrayLike, *, scale: float = DEMO_SCALE, alpha: float = DEMO_ALPHA
                ) -> float | Float64Array:
    """Exact match on an answer of ``L`` tokens, ``p**L = exp(-L CE(N))`` (tokens independent): sharp in ``N``.

    ``N`` and ``L`` broadcast against each other.

    Examples
    --------
    >>> round(exact_match(1e10, 20), 3)
    0.451
    """
    ce = np.asarray(per_token_cross_entropy(N, scale=scale, alpha=alpha))
    return _out(np.exp(-_length(L) * ce))


def token_edit_distance(N: ArrayLike, L: ArrayLike, *, scale: float = DEMO_SCALE, alpha: float = DEMO_ALPHA
                        ) -> float | Float64Array:
    """Expected number of wrong tokens in an ``L``-token answer, ``L (1 - p)``: smooth in ``N``.

    Schaeffer et al. (2023) use the token edit distance as their continuous metric; with independent token errors
    and equal-length answers its expectation is ``L (1 - p)``.
    """
    p = np.asarray(per_token_accuracy(N, scale=scale, alpha=alpha))
    return _out(_length(L) * (1.0 - p))


def emergence_size(L: ArrayLike, level: float = 0.5, *, scale: float = DEMO_SCALE, alpha: float = DEMO_ALPHA
                   ) -> float | Float64Array:
    """Model size at which exact match on ``L`` tokens reaches ``level``: ``scale (L / ln(1/level))**(1/alpha)``.

    The "emergence point" is not a property of the ability: it moves as ``L**(1/alpha)`` with the answer length
    and with the threshold chosen.
    """
    lv = finite_scalar(level, "level")
    if not 0 < lv < 1:
        raise ValueError(f"level must be a fraction strictly between 0 and 1; got {lv}.")
    a = positive_scalar(alpha, "alpha")
    return _out(positive_scalar(scale, "scale") * (_length(L) / math.log(1.0 / lv)) ** (1.0 / a))


def measured_accuracy(true_accuracy: ArrayLike, n_questions: int, *, seed: int = 0) -> float | Float64Array:
    """Accuracy measured on a benchmark of ``n_questions`` (a binomial draw): a finite test set reads a small
    true accuracy as exactly 0, another way sharp-looking curves arise (Schaeffer et al. 2023, Sec. 3)."""
    p = np.asarray(true_accuracy, dtype=float)
    if p.size == 0 or not np.all(np.isfinite(p)) or np.any((p < 0) | (p > 1)):
        raise ValueError("true_accuracy must hold probabilities in [0, 1].")
    k = int(positive_scalar(n_questions, "n_questions"))
    rng = np.random.default_rng(int(seed))
    return _out(rng.binomial(k, p) / k)
