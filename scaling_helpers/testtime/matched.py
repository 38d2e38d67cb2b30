"""Compute-matched comparison: a small model sampled ``k`` times vs a larger model sampled once.

Inference costs about ``2N`` FLOPs per processed token (forward pass only; Kaplan et al. 2020, arXiv:2001.08361, Sec. 2.1), so one sample
of ``T`` tokens (prompt + generated) from an ``N``-parameter model costs ``2·N·T`` FLOPs and ``k`` samples
cost ``k`` times that. The FLOPs come from :func:`scaling_helpers.compute.generation_flops`; nothing is
re-derived here. At equal tokens per sample, one sample of a model ``r`` times larger buys ``r`` samples
of the small one — the trade Snell et al. (2024, arXiv:2408.03314, abstract) evaluate "FLOPs-matched"
against a 14x larger model, and Wu et al. (2024, arXiv:2408.00724) between Llemma-7B and Llemma-34B.

The two models are :class:`~scaling_helpers.testtime.simulate.ProblemSet` s over the *same* problems
(e.g. ``small.with_log_odds_shift(delta)`` for the large one); which model wins depends on the problems'
difficulty and on how the ``k`` samples are turned into one answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import positive_int
from ..compute import generation_flops
from .simulate import ProblemSet, StrategyCurves, simulate_strategies

__all__ = ["ComputeMatched", "DifficultyRow", "compute_matched", "matched_samples"]


def matched_samples(n_small: float, n_large: float, prompt_tokens: int = 200, generated_tokens: int = 400,
                    generated_tokens_large: int | None = None) -> float:
    """Samples of the small model that cost as much as one sample of the large model.

    ``generation_flops(n_large, prompt, generated_large) / generation_flops(n_small, prompt, generated)``;
    with equal tokens per sample this is just ``n_large / n_small``.

    Examples
    --------
    >>> matched_samples(5e9, 70e9)             # a 14x larger model: 14 samples
    14.0
    >>> round(matched_samples(7e9, 70e9, 200, 800, generated_tokens_large=300), 3)  # shorter answers
    5.0
    """
    g_large = generated_tokens if generated_tokens_large is None else generated_tokens_large
    return generation_flops(n_large, prompt_tokens, g_large) / generation_flops(n_small, prompt_tokens,
                                                                                 generated_tokens)


@dataclass(frozen=True)
class DifficultyRow:
    """Accuracy of both models on the problems of one difficulty bin, at matched compute."""

    low: float
    """Lower edge of the bin (small model's single-sample success probability)."""
    high: float
    """Upper edge of the bin."""
    n_problems: int
    """Problems in the bin."""
    small_coverage: float
    """Small model, ``k_matched`` samples, oracle verifier."""
    small_majority: float
    """Small model, ``k_matched`` samples, majority vote."""
    large_single: float
    """Large model, one sample."""


@dataclass(frozen=True)
class ComputeMatched:
    """Result of :func:`compute_matched`."""

    small: StrategyCurves
    """Strategies of the small model for ``k = 1..k_max``."""
    large: StrategyCurves
    """Strategies of the large model for ``k = 1..k_max``."""
    flops_small: float
    """FLOPs of one small-model sample (``2·N_small·tokens``)."""
    flops_large: float
    """FLOPs of one large-model sample."""

    @property
    def k_matched(self) -> int:
        """Whole small-model samples affordable for one large-model sample (rounded down, at least 1)."""
        return max(1, int(np.floor(self.flops_large / self.flops_small + 1e-9)))

    def by_difficulty(self, edges: ArrayLike = (0.0, 0.01, 0.1, 0.5, 1.0)) -> list[DifficultyRow]:
        """Both models at matched compute, per bin of the small model's single-sample success ``p``."""
        e = np.asarray(edges, dtype=float)
        if e.ndim != 1 or e.size < 2 or not np.all(np.diff(e) > 0) or e[0] < 0 or e[-1] > 1:
            raise ValueError("edges must be increasing probabilities in [0, 1], e.g. (0, 0.01, 0.1, 0.5, 1).")
        p = self.small.p_correct
        k = self.k_matched
        rows = []
        for lo, hi in zip(e[:-1], e[1:], strict=True):
            sel = (p >= lo) & ((p < hi) | (hi == e[-1]))
            if not sel.any():
                rows.append(DifficultyRow(lo, hi, 0, float("nan"), float("nan"), float("nan")))
                continue
            rows.append(DifficultyRow(
                float(lo), float(hi), int(sel.sum()),
                small_coverage=float(self.small.covered[sel, k - 1].mean()),
                small_majority=float(self.small.majority[sel, k - 1].mean()),
                large_single=float(self.large.covered[sel, 0].mean()),
            ))
        return rows


def compute_matched(small: ProblemSet, large: ProblemSet, n_small: float, n_large: float, *,
                    prompt_tokens: int = 200, generated_tokens: int = 400, k_max: int = 1024,
                    seed: int = 0) -> ComputeMatched:
    """Simulate both models on the same problems and price their samples in FLOPs.

    Parameters
    ----------
    small, large
        The two models' answer distributions over the same problems (same number of problems).
    n_small, n_large
        Parameters of each model (count every parameter used per token; for a mixture of experts the
        *active* ones).
    prompt_tokens, generated_tokens
        Tokens read and written per sample (the prompt is re-read for every sample: no prefix caching).
    k_max
        Largest number of samples simulated per model.
    seed
        Seed of the sampling (the large model uses ``seed + 1``).
    """
    for name, ps in (("small", small), ("large", large)):
        if not isinstance(ps, ProblemSet):
            raise ValueError(f"{name} must be a ProblemSet (from make_problem_set); got {type(ps).__name__}.")
    if small.n_problems != large.n_problems:
        raise ValueError(f"small and large must cover the same problems; got {small.n_problems} and "
                         f"{large.n_problems}. Build the large one with small.with_log_odds_shift(delta).")
    f_small = generation_flops(n_small, prompt_tokens, generated_tokens)
    f_large = generation_flops(n_large, prompt_tokens, generated_tokens)
    if f_large < f_small:
        raise ValueError(f"n_large ({n_large:.3g}) is smaller than n_small ({n_small:.3g}): swap them.")
    k_top = positive_int(k_max, "k_max")
    return ComputeMatched(small=simulate_strategies(small, k_top, seed=seed),
                          large=simulate_strategies(large, k_top, seed=seed + 1),
                          flops_small=f_small, flops_large=f_large)

