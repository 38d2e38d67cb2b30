"""Sequential test-time compute: thinking longer (s1 budget forcing) and RL that learns to think longer.

Chapter 8's other sections spend test-time compute in *parallel* (many independent samples). A model can
also spend it *sequentially*: one longer chain of thought.

**s1** (Muennighoff et al. 2025, "s1: Simple test-time scaling", arXiv:2501.19393) fine-tunes
Qwen2.5-32B-Instruct on 1,000 reasoning traces and controls the length of its thinking by **budget
forcing**: to stop early, the end-of-thinking delimiter is appended (forcing an answer); to think longer,
the end-of-thinking token is suppressed and "Wait" appended, several times (Sec. 3.1, Fig. 3). The paper
judges a length-control method by three metrics (Sec. 3.2, Eqs. 1-3) computed over a set ``A`` of
evaluation runs at different budgets: **Control**, the share of runs whose thinking stays within the
requested bounds; **Scaling**, the average slope over all pairs of points of the piecewise-linear
accuracy-vs-compute curve; **Performance**, the best accuracy reached.

**DeepSeek-R1-Zero** (DeepSeek-AI 2025, arXiv:2501.12948) is trained by reinforcement learning alone;
its AIME 2024 pass@1 rises with RL steps (Fig. 2) while its average response length grows from a few
hundred to about ten thousand tokens (Fig. 3): RL compute buys longer thinking, which buys accuracy.

The curves below are read from the papers' figures (see each constant); the endpoints DeepSeek printed
are in :data:`R1_ZERO_PRINTED`. :func:`fit_log_linear` fits the course's helper law
``accuracy = a + s·log2(tokens)`` (``s`` = gain per doubling of thinking tokens), an empirical
description over a limited range, not a law from either paper: it cannot hold below 0 or above 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..common.validate import Number, as_array, positive_array, positive_scalar, same_length

__all__ = [
    "S1_AIME24_BUDGET_FORCING",
    "S1_FIGURE1",
    "R1_ZERO_AIME_PASS1",
    "R1_ZERO_RESPONSE_LENGTH",
    "R1_ZERO_PRINTED",
    "LogLinearFit",
    "fit_log_linear",
    "control_share",
    "scaling_slope",
    "r1_zero_accuracy_vs_length",
]

#: s1-32B on AIME24 (30 problems) under budget forcing: (average thinking tokens, accuracy).
#: Read from Figure 4(a) of Muennighoff et al. (2025, arXiv:2501.19393v3), the panel "Sequential scaling
#: via budget forcing". The first six points are also in Figure 1 (AIME24 panel), whose vector source
#: (``visuals/scaling.pdf`` in the authors' repository ``simplescaling/s1``) gives them exactly: accuracies
#: are multiples of 1/30. The seventh (about 8,470 tokens, read from the raster of Fig. 4(a)) is the point
#: where more "Wait"s stop helping: the caption says the three rightmost dots suppress the end of
#: thinking 2, 4 and 6 times.
S1_AIME24_BUDGET_FORCING: dict[str, tuple[float, ...]] = {
    "tokens": (1000.0, 2000.0, 3933.0, 5300.0, 6657.0, 7320.0, 8470.0),
    "accuracy": (4 / 30, 9 / 30, 13 / 30, 15 / 30, 16 / 30, 17 / 30, 17 / 30),
}

#: Figure 1 of Muennighoff et al. (2025, arXiv:2501.19393), s1-32B with budget forcing, read from its
#: vector source (``visuals/scaling.pdf`` in ``simplescaling/s1``): (average thinking tokens, accuracy)
#: per benchmark. AIME24 has 30 problems, MATH500 500, GPQA Diamond 198; the accuracies are exact
#: multiples of 1/n. The last MATH500 point (93.2%) differs from the 93.0% of the paper's Table 1.
S1_FIGURE1: dict[str, dict[str, tuple[float, ...]]] = {
    "MATH500": {"tokens": (499.0, 984.0, 1814.0, 2868.0, 3200.0),
                "accuracy": (0.640, 0.800, 0.856, 0.906, 0.932)},
    "AIME24": {"tokens": (500.0, 1000.0, 2000.0, 3933.0, 5300.0, 6657.0, 7320.0),
               "accuracy": (0.0, 4 / 30, 9 / 30, 13 / 30, 15 / 30, 16 / 30, 17 / 30)},
    "GPQA Diamond": {"tokens": (500.0, 985.0, 1742.0, 3231.0, 4649.0),
                     "accuracy": (75 / 198, 98 / 198, 101 / 198, 114 / 198, 118 / 198)},
}

#: DeepSeek-R1-Zero, AIME 2024 pass@1 (16 samples per question, averaged) against RL training steps.
#: Read from Figure 2 of DeepSeek-AI (2025, arXiv:2501.12948v1), from the raster embedded in the PDF
#: (``DeepSeek_R1.pdf`` in ``deepseek-ai/DeepSeek-R1``), to about ±0.003.
R1_ZERO_AIME_PASS1: dict[str, tuple[float, ...]] = {
    "steps": (200, 400, 600, 800, 1000, 1200, 1400, 1600, 2000, 2400, 2800, 3200, 3600, 4000, 4200, 4400,
              4600, 4800, 5000, 5200, 5400, 5600, 5800, 6000, 6200, 6400, 6800, 7000, 7200, 7400, 7600,
              7800, 8000, 8200, 8400),
    "pass1": (0.156, 0.225, 0.246, 0.287, 0.317, 0.371, 0.412, 0.377, 0.382, 0.485, 0.529, 0.513, 0.583,
              0.600, 0.602, 0.559, 0.579, 0.569, 0.540, 0.631, 0.575, 0.590, 0.617, 0.644, 0.625, 0.687,
              0.663, 0.685, 0.652, 0.677, 0.673, 0.669, 0.687, 0.677, 0.710),
}

#: DeepSeek-R1-Zero's average response length (tokens) on the RL training set against training steps.
#: Read from Figure 3 of DeepSeek-AI (2025, arXiv:2501.12948v1) (the smoothed dark curve, averaged over
#: 100 steps around each step shown), to about ±150 tokens.
R1_ZERO_RESPONSE_LENGTH: dict[str, tuple[float, ...]] = {
    "steps": (50, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 8350),
    "tokens": (510, 1370, 2080, 3120, 3940, 5140, 5900, 7930, 9020, 9640),
}

#: Printed in DeepSeek-AI (2025, arXiv:2501.12948v1): R1-Zero's AIME 2024 pass@1 rises from 15.6% to
#: 71.0% during RL (Sec. 2.2.4) and reaches 86.7% with majority voting over 64 samples (cons@64, Table 2);
#: OpenAI-o1-0912 scores 74.4% pass@1 and 83.3% cons@64 (Table 2).
R1_ZERO_PRINTED: dict[str, float] = {
    "pass1_start": 0.156, "pass1_end": 0.710, "cons64_end": 0.867,
    "o1_0912_pass1": 0.744, "o1_0912_cons64": 0.833,
}


def _accuracies(values: ArrayLike, name: str) -> NDArray[np.float64]:
    arr = as_array(values, name)
    if ((arr < 0) | (arr > 1)).any():
        bad = arr[(arr < 0) | (arr > 1)][0]
        hint = " It looks like a percentage: divide by 100." if 1 < bad <= 100 else ""
        raise ValueError(f"{name} must be fractions in [0, 1]; got {bad:g}.{hint}")
    return arr


@dataclass(frozen=True)
class LogLinearFit:
    """``accuracy ≈ intercept + slope·log2(tokens)``, fitted on ``[t_min, t_max]``."""

    intercept: float
    """Accuracy the line gives at 1 token (an extrapolation, not a measurement)."""
    slope: float
    """Accuracy gained per doubling of thinking tokens (a fraction: 0.15 = 15 points)."""
    t_min: float
    """Fewest tokens fitted."""
    t_max: float
    """Most tokens fitted: beyond it the line is an extrapolation."""
    n: int
    """Number of points fitted."""

    def predict(self, tokens: ArrayLike) -> Number:
        """Accuracy the line gives at ``tokens`` (not clipped: values outside [0, 1] show where it fails)."""
        t = positive_array(tokens, "tokens")
        out = self.intercept + self.slope * np.log2(t)
        return float(out[0]) if np.ndim(tokens) == 0 else out

    def tokens_for(self, accuracy: ArrayLike) -> Number:
        """Thinking tokens at which the line reaches ``accuracy``: ``2^((accuracy - intercept)/slope)``."""
        acc = _accuracies(accuracy, "accuracy")
        if self.slope <= 0:
            raise ValueError("the fitted slope is not positive: accuracy does not rise with tokens here.")
        out = 2.0 ** ((acc - self.intercept) / self.slope)
        return float(out[0]) if np.ndim(accuracy) == 0 else out

    def residuals(self, tokens: ArrayLike, accuracy: ArrayLike) -> NDArray[np.float64]:
        """``accuracy - predict(tokens)`` for measured points (negative = below the line)."""
        t = positive_array(tokens, "tokens")
        acc = _accuracies(accuracy, "accuracy")
        same_length(("tokens", t), ("accuracy", acc))
        return acc - (self.intercept + self.slope * np.log2(t))


def fit_log_linear(tokens: ArrayLike, accuracy: ArrayLike) -> LogLinearFit:
    """Least-squares line of accuracy against ``log2(tokens)``.

    Parameters
    ----------
    tokens
        Average thinking tokens (or response length) per point, > 0; at least two different values.
    accuracy
        Accuracy at each point, a fraction in [0, 1].

    Returns
    -------
    LogLinearFit

    Examples
    --------
    >>> fit = fit_log_linear([1000, 2000, 4000], [0.1, 0.25, 0.4])
    >>> round(fit.slope, 3)          # 15 points per doubling
    0.15
    """
    t = positive_array(tokens, "tokens", min_size=2)
    acc = _accuracies(accuracy, "accuracy")
    same_length(("tokens", t), ("accuracy", acc))
    if np.ptp(t) == 0:
        raise ValueError("tokens must hold at least two different values to fit a slope.")
    slope, intercept = np.polyfit(np.log2(t), acc, 1)
    return LogLinearFit(intercept=float(intercept), slope=float(slope), t_min=float(t.min()),
                        t_max=float(t.max()), n=int(t.size))


def control_share(thinking_tokens: ArrayLike, a_min: float | None = None, a_max: float | None = None) -> float:
    """s1's **Control** metric (Muennighoff et al. 2025, arXiv:2501.19393, Sec. 3.2, Eq. 1).

    The share of evaluation runs whose thinking length lies within the requested bounds
    ``a_min <= a <= a_max`` (either bound may be omitted). Budget forcing scores 100% by construction when it
    is used to cap length; asking for a length in the prompt does not.

    Examples
    --------
    >>> control_share([900, 1100, 2500], a_max=2048)
    0.6666666666666666
    """
    a = positive_array(thinking_tokens, "thinking_tokens")
    lo = -np.inf if a_min is None else positive_scalar(a_min, "a_min", unit="tokens")
    hi = np.inf if a_max is None else positive_scalar(a_max, "a_max", unit="tokens")
    if lo > hi:
        raise ValueError(f"a_min ({lo:g}) exceeds a_max ({hi:g}): swap them.")
    return float(np.mean((a >= lo) & (a <= hi)))


def scaling_slope(tokens: ArrayLike, accuracy: ArrayLike) -> float:
    """s1's **Scaling** metric (Sec. 3.2, Eq. 2): the mean slope over all pairs of evaluation points.

    ``(1 / C(|A|, 2)) · Σ_{a < b} (f(b) - f(a)) / (b - a)``. This course measures compute ``a`` in
    *doublings* (``log2`` of thinking tokens), so the result is accuracy gained per doubling, comparable
    with :attr:`LogLinearFit.slope`; it is positive when more thinking helps and negative for methods
    whose accuracy falls as they think longer.

    Examples
    --------
    >>> round(scaling_slope([1000, 2000, 4000], [0.1, 0.25, 0.4]), 3)
    0.15
    """
    t = positive_array(tokens, "tokens", min_size=2)
    acc = _accuracies(accuracy, "accuracy")
    same_length(("tokens", t), ("accuracy", acc))
    x = np.log2(t)
    i, j = np.triu_indices(t.size, k=1)
    if (x[i] == x[j]).any():
        raise ValueError("two evaluation points have the same token count: a slope between them is undefined.")
    return float(np.sum((acc[j] - acc[i]) / (x[j] - x[i])) / comb(int(t.size), 2))


def r1_zero_accuracy_vs_length() -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """R1-Zero's AIME pass@1 against its average response length at the same RL step.

    Joins the two read-off curves (:data:`R1_ZERO_AIME_PASS1`, :data:`R1_ZERO_RESPONSE_LENGTH`) by
    interpolating the length (linearly in steps) at every pass@1 step. Returns ``(tokens, pass1)``.
    Note the length is measured on the *training* set and pass@1 on AIME 2024, so this pairs two
    measurements of the same checkpoint, not the length of the AIME answers.
    """
    steps = np.asarray(R1_ZERO_AIME_PASS1["steps"], dtype=float)
    length = np.interp(steps, R1_ZERO_RESPONSE_LENGTH["steps"], R1_ZERO_RESPONSE_LENGTH["tokens"])
    return length, np.asarray(R1_ZERO_AIME_PASS1["pass1"], dtype=float)
