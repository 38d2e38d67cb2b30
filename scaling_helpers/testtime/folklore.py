"""A widespread but made-up test-time "law", kept only to show what is wrong with it.

A formula that circulates in tutorials and study material reads

    reasoning_quality(thinking_tokens) = 0.4 + 0.05 · log10(thinking_tokens + 1)

and is attributed to OpenAI's o1 ("log-linear improvement"). **The constants 0.4 and 0.05 are made
up: no paper or report publishes this formula.** OpenAI's o1 announcement ("Learning to Reason with
LLMs", 12 Sep 2024) showed AIME accuracy rising roughly linearly in the *logarithm* of test-time
compute over the range plotted, on an axis without numbers; it gave no constants, no task-independent
law, and no claim beyond the plotted range. The formula also breaks the most basic constraint of an
accuracy: it exceeds 1 at ``10^12 - 1`` tokens and grows without bound.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["folk_reasoning_quality", "FOLK_INTERCEPT", "FOLK_SLOPE_PER_DECADE"]

#: Made-up intercept of the formula (no source).
FOLK_INTERCEPT: float = 0.4
#: Made-up gain per tenfold increase of thinking tokens in the formula (no source).
FOLK_SLOPE_PER_DECADE: float = 0.05


def folk_reasoning_quality(thinking_tokens: ArrayLike) -> float | NDArray[np.float64]:
    """The widespread **made-up** ``0.4 + 0.05·log10(tokens + 1)`` — not a law; do not use it.

    Provided so the lecture can plot it and show that it is unbounded (it passes 1.0, i.e. "100%
    accuracy", at about 1e12 tokens).

    Parameters
    ----------
    thinking_tokens
        Number of generated reasoning tokens, >= 0.

    Examples
    --------
    >>> round(folk_reasoning_quality(100), 4), round(folk_reasoning_quality(100_000), 4)
    (0.5002, 0.65)
    """
    t = np.asarray(thinking_tokens, dtype=float)
    if not np.isfinite(t).all() or (t < 0).any():
        raise ValueError("thinking_tokens must be finite numbers >= 0 (a count of tokens).")
    out = FOLK_INTERCEPT + FOLK_SLOPE_PER_DECADE * np.log10(t + 1.0)
    return float(out) if np.ndim(out) == 0 else out
