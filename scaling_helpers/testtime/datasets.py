"""Seeded synthetic data for chapter 8 (nothing here is a published measurement).

:func:`coverage_sweep` imitates how Brown et al. (2024, arXiv:2407.21787) measured coverage: draw
``n_samples`` samples per problem, count the correct ones, and average the unbiased pass@k estimator of
Chen et al. (2021) over problems for each ``k``. Per-problem success probabilities follow
``Beta(alpha, beta)`` (illustrative parameters), so the true coverage is known exactly
(:func:`~scaling_helpers.testtime.coverage.beta_coverage`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..common.validate import positive_int, positive_scalar
from .coverage import beta_coverage
from .passk import pass_at_k

__all__ = ["CoverageSweep", "coverage_sweep", "SWE_BENCH_LITE_DEEPSEEK"]

#: Brown et al. (2024, arXiv:2407.21787, abstract): DeepSeek-Coder-V2-Instruct on SWE-bench Lite solves
#: 15.9% of issues with one sample and 56% with 250 samples (k -> coverage). The single-attempt
#: state of the art at the time was 43%.
SWE_BENCH_LITE_DEEPSEEK: dict[int, float] = {1: 0.159, 250: 0.56}


@dataclass(frozen=True)
class CoverageSweep:
    """Coverage measured at several ``k`` with the unbiased estimator."""

    k: NDArray[np.int64]
    """Sample counts at which coverage was estimated."""
    coverage: NDArray[np.float64]
    """Mean unbiased pass@k over problems at each ``k``."""
    n_samples: int
    """Samples drawn per problem (``n`` of the estimator); ``k`` never exceeds it."""
    correct: NDArray[np.int64] = field(repr=False)
    """Correct samples per problem (``c`` of the estimator)."""
    p_true: NDArray[np.float64] = field(repr=False)
    """The problems' true success probabilities (unknown in a real benchmark)."""
    alpha: float = 0.0
    """Beta shape used to draw ``p_true``."""
    beta: float = 0.0
    """Beta shape used to draw ``p_true``."""

    def true_coverage(self, k: NDArray[np.int64] | int) -> NDArray[np.float64] | float:
        """Population coverage ``1 - B(alpha, beta + k)/B(alpha, beta)`` of the Beta distribution."""
        return beta_coverage(k, self.alpha, self.beta)


def coverage_sweep(alpha: float = 0.3, beta: float = 2.5, *, n_problems: int = 300, n_samples: int = 10_000,
                   k: tuple[int, ...] = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 10_000),
                   seed: int = 7) -> CoverageSweep:
    """A benchmark of ``n_problems`` problems, ``n_samples`` samples each, and its coverage curve.

    Parameters
    ----------
    alpha, beta
        Difficulty distribution ``p ~ Beta(alpha, beta)`` (illustrative; small ``alpha`` = many very hard
        problems).
    n_problems, n_samples
        Benchmark size and samples per problem (Brown et al. drew 10,000 per problem on several tasks).
    k
        Sample counts at which to estimate coverage (each ``<= n_samples``).
    seed
        Seed of :func:`numpy.random.default_rng`.
    """
    a = positive_scalar(alpha, "alpha")
    b = positive_scalar(beta, "beta")
    p_n = positive_int(n_problems, "n_problems")
    n = positive_int(n_samples, "n_samples")
    ks = np.array([positive_int(v, "k") for v in k], dtype=np.int64)
    if ks.max() > n:
        raise ValueError(f"every k must be <= n_samples = {n}; got {ks.max()}.")
    rng = np.random.default_rng(seed)
    p = rng.beta(a, b, p_n)
    c = rng.binomial(n, p)
    cov = np.array([np.mean(pass_at_k(n, c, int(kk))) for kk in ks])
    return CoverageSweep(k=ks, coverage=cov, n_samples=n, correct=c, p_true=p, alpha=a, beta=b)
