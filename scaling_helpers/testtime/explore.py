"""The pure function behind the difficulty explorer: difficulty distribution + k -> accuracies.

:func:`difficulty_summary` is what the widget in :mod:`scaling_helpers.testtime.widgets` shows; the
lecture also calls it once without the widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..common.validate import positive_int, positive_scalar
from .coverage import beta_coverage
from .simulate import StrategyCurves, make_problem_set, simulate_strategies

__all__ = ["DifficultySummary", "difficulty_summary", "simulated_curves"]

#: Samples simulated per problem by the explorer.
K_MAX = 1024


@lru_cache(maxsize=32)
def _curves(alpha: float, beta: float, n_problems: int, seed: int) -> StrategyCurves:
    ps = make_problem_set(n_problems, alpha, beta, seed=seed)
    return simulate_strategies(ps, K_MAX, seed=seed)


def simulated_curves(alpha: float, beta: float, *, n_problems: int = 300, seed: int = 0) -> StrategyCurves:
    """Seeded simulation of ``n_problems`` problems with ``p ~ Beta(alpha, beta)`` (cached)."""
    a = round(positive_scalar(alpha, "alpha"), 6)
    b = round(positive_scalar(beta, "beta"), 6)
    return _curves(a, b, positive_int(n_problems, "n_problems"), int(seed))


@dataclass(frozen=True)
class DifficultySummary:
    """Accuracies of one difficulty distribution at one ``k``."""

    alpha: float
    """Beta shape parameter."""
    beta: float
    """Beta shape parameter."""
    k: int
    """Samples per problem."""
    single_sample: float
    """Mean success probability ``alpha/(alpha + beta)``: accuracy with one sample."""
    coverage: float
    """Exact expected coverage at ``k`` (:func:`~scaling_helpers.testtime.coverage.beta_coverage`)."""
    majority: float
    """Majority-vote accuracy at ``k`` in the seeded simulation."""
    majority_limit: float
    """Simulated problems whose modal answer is correct: where majority vote plateaus."""

    def text(self) -> str:
        """One line for the explorer (rounded, deterministic)."""
        return (f"Beta({self.alpha:.2g}, {self.beta:.2g}), k = {self.k}: one sample {self.single_sample:.1%}, "
                f"coverage {self.coverage:.1%}, majority vote {self.majority:.1%} "
                f"(plateau {self.majority_limit:.1%})")


def difficulty_summary(alpha: float, beta: float, k: int, *, n_problems: int = 300, seed: int = 0) -> DifficultySummary:
    """Coverage and majority-vote accuracy at ``k`` samples for problems with ``p ~ Beta(alpha, beta)``.

    Examples
    --------
    >>> s = difficulty_summary(0.4, 1.2, 1)
    >>> s.single_sample, round(s.coverage, 6)
    (0.25, 0.25)
    """
    kk = positive_int(k, "k")
    if kk > K_MAX:
        raise ValueError(f"k must be <= {K_MAX} (the samples simulated per problem); got {kk}.")
    curves = simulated_curves(alpha, beta, n_problems=n_problems, seed=seed)
    return DifficultySummary(
        alpha=float(alpha), beta=float(beta), k=kk, single_sample=float(alpha) / (float(alpha) + float(beta)),
        coverage=float(beta_coverage(kk, alpha, beta)), majority=float(curves.accuracy("majority", kk)[0]),
        majority_limit=float(np.round(curves.majority_limit, 12)),
    )
