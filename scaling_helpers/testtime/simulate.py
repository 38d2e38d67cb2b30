"""A seeded simulation of repeated sampling on problems of mixed difficulty.

Every problem ``i`` has a probability ``p_i`` that one sample gives the correct final answer, drawn from
``Beta(alpha, beta)``, and ``n_wrong`` distinct wrong answers that share the remaining ``1 - p_i`` in
random proportions (a Dirichlet draw). We draw ``k_max`` samples per problem and score three ways of
turning ``k`` samples into one answer:

* **oracle verifier** (coverage, pass@k): solved if any of the ``k`` samples is correct — what unit
  tests or a proof checker give (Brown et al. 2024, arXiv:2407.21787);
* **majority vote** (self-consistency, Wang et al. 2022, arXiv:2203.11171): the most frequent answer;
  ties share the credit. As ``k`` grows the vote converges to each problem's *modal* answer, so accuracy
  plateaus at the fraction of problems whose modal answer is correct (:func:`majority_vote_limit`;
  Wu et al. 2024, arXiv:2408.00724, prove such saturation for voting);
* **best-of-N with a noisy reward model**: the sample with the highest score, where
  ``score = margin·[correct] + bias(answer) + noise(sample)``. The per-answer bias is a *systematic*
  reward-model error (it prefers some wrong answers consistently), so more samples also surface more
  attractive wrong answers — the over-optimisation that Gao, Schulman & Hilton (2022, arXiv:2210.10760)
  measured for real reward models.

The reward-model numbers (``margin``, ``bias_sd``, ``noise_sd``) and the difficulty distributions are
**illustrative choices**, not fitted to any model or paper; the qualitative behaviour (coverage keeps
rising, voting and reward-model selection plateau) is what Brown et al. (2024, abstract) report.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray

from ..common.validate import finite_scalar, positive_int, positive_scalar
from .passk import coverage_from_p

__all__ = ["ProblemSet", "make_problem_set", "majority_vote_limit", "StrategyCurves", "simulate_strategies",
           "log_ks"]


@dataclass(frozen=True)
class ProblemSet:
    """Per-problem answer distributions of one model on a benchmark (plus a reward model's biases)."""

    p_correct: NDArray[np.float64]
    """Probability that one sample is correct, shape ``(P,)``."""
    p_wrong: NDArray[np.float64] = field(repr=False)
    """Probabilities of the distinct wrong answers, shape ``(P, W)``; rows sum to ``1 - p_correct``."""
    rm_bias: NDArray[np.float64] = field(repr=False)
    """Reward-model score bias per answer, shape ``(P, W + 1)``; column 0 is the correct answer."""
    label: str = "model"
    """Name used in figure legends."""

    @property
    def n_problems(self) -> int:
        """Number of problems ``P``."""
        return int(self.p_correct.size)

    @property
    def n_wrong(self) -> int:
        """Number of distinct wrong answers per problem ``W``."""
        return int(self.p_wrong.shape[1])

    @property
    def answer_probs(self) -> NDArray[np.float64]:
        """All answer probabilities, shape ``(P, W + 1)``; column 0 is the correct answer."""
        return np.column_stack([self.p_correct, self.p_wrong])

    def with_log_odds_shift(self, delta: float, label: str | None = None) -> ProblemSet:
        """The same problems for a stronger (``delta > 0``) or weaker model.

        ``logit p_i`` is shifted by ``delta`` for every problem; the wrong answers keep their relative
        shares and the reward model keeps its biases. An illustrative way to pair a small and a large
        model on the same problems (hard problems stay hardest for both).
        """
        d = finite_scalar(delta, "delta")
        p = np.clip(self.p_correct, 1e-300, 1 - 1e-16)
        odds = np.exp(np.log(p) - np.log1p(-p) + d)
        p_new = odds / (1.0 + odds)
        wrong = self.p_wrong.sum(axis=1, keepdims=True)
        shares = np.divide(self.p_wrong, wrong, out=np.full_like(self.p_wrong, 1.0 / self.n_wrong),
                           where=wrong > 0)
        return replace(self, p_correct=p_new, p_wrong=shares * (1.0 - p_new)[:, None],
                       label=label if label is not None else f"{self.label} (log-odds {d:+g})")


def make_problem_set(n_problems: int = 500, alpha: float = 0.4, beta: float = 1.2, *, n_wrong: int = 8,
                     wrong_concentration: float = 1.0, rm_bias_sd: float = 1.0, seed: int = 0,
                     label: str = "model") -> ProblemSet:
    """Draw a benchmark: ``p_i ~ Beta(alpha, beta)``, wrong-answer shares ``~ Dirichlet(concentration)``.

    Parameters
    ----------
    n_problems
        Number of problems.
    alpha, beta
        Shape of the difficulty distribution. Mean success ``alpha/(alpha + beta)``; a small ``alpha``
        puts many problems near ``p = 0`` (the heavy left tail that makes coverage a power law in ``k``).
        Defaults (0.4, 1.2): mean 0.25, illustrative.
    n_wrong
        Distinct wrong answers per problem.
    wrong_concentration
        Dirichlet concentration of the wrong answers' shares: small values put most wrong mass on one
        answer (a systematic error), large values spread it evenly (scattered errors that voting beats).
    rm_bias_sd
        Standard deviation of the reward model's per-answer bias (in units of its margin for a correct
        answer, see :func:`simulate_strategies`).
    seed
        Seed of :func:`numpy.random.default_rng`: the same seed gives the same problems.
    """
    p_n = positive_int(n_problems, "n_problems")
    a = positive_scalar(alpha, "alpha")
    b = positive_scalar(beta, "beta")
    w = positive_int(n_wrong, "n_wrong")
    conc = positive_scalar(wrong_concentration, "wrong_concentration")
    sd = finite_scalar(rm_bias_sd, "rm_bias_sd")
    if sd < 0:
        raise ValueError(f"rm_bias_sd must be >= 0 (a standard deviation); got {sd}.")
    rng = np.random.default_rng(seed)
    p = rng.beta(a, b, p_n)
    shares = rng.dirichlet(np.full(w, conc), p_n)
    bias = rng.normal(0.0, sd, (p_n, w + 1))
    return ProblemSet(p_correct=p, p_wrong=shares * (1.0 - p)[:, None], rm_bias=bias, label=label)


def majority_vote_limit(problems: ProblemSet) -> float:
    """Accuracy of majority vote as ``k → ∞``: the fraction of problems whose modal answer is correct.

    With infinitely many samples the vote returns each problem's most probable answer (law of large numbers),
    so the correct answer wins exactly when ``p_correct`` exceeds every single wrong answer's
    probability — which can happen with ``p_correct`` well below 1/2 when the wrong answers scatter.
    """
    if not isinstance(problems, ProblemSet):
        raise ValueError(f"problems must be a ProblemSet (from make_problem_set); got {type(problems).__name__}.")
    return float(np.mean(problems.p_correct > problems.p_wrong.max(axis=1)))


def log_ks(k_max: int, n: int = 31) -> NDArray[np.int64]:
    """About ``n`` distinct integers from 1 to ``k_max``, evenly spaced on a log axis."""
    top = positive_int(k_max, "k_max")
    return np.unique(np.round(np.logspace(0, np.log10(top), positive_int(n, "n"))).astype(np.int64))


@dataclass(frozen=True)
class StrategyCurves:
    """Per-problem results of :func:`simulate_strategies` for every ``k = 1..k_max``."""

    k: NDArray[np.int64]
    """``1, 2, ..., k_max``."""
    covered: NDArray[np.bool_] = field(repr=False)
    """``(P, k_max)``: some sample among the first ``k`` is correct (oracle verifier)."""
    majority: NDArray[np.float64] = field(repr=False)
    """``(P, k_max)``: credit of majority vote over the first ``k`` samples (``1/t`` for a ``t``-way tie)."""
    best_of_n: NDArray[np.bool_] = field(repr=False)
    """``(P, k_max)``: the reward model's top-scored sample among the first ``k`` is correct."""
    expected_coverage: NDArray[np.float64] = field(repr=False)
    """``(k_max,)``: mean of ``1 - (1 - p_i)^k`` over problems (no sampling noise)."""
    majority_limit: float
    """:func:`majority_vote_limit` of the problem set."""
    p_correct: NDArray[np.float64] = field(repr=False)
    """The problems' single-sample success probabilities."""
    label: str = "model"
    """The problem set's label."""

    def accuracy(self, strategy: str, k: int | NDArray[np.int64] | None = None) -> NDArray[np.float64]:
        """Benchmark accuracy of ``strategy`` (``"coverage"``, ``"majority"``, ``"best_of_n"``) at ``k``."""
        table = {"coverage": self.covered, "majority": self.majority, "best_of_n": self.best_of_n}
        if strategy not in table:
            raise ValueError(f"strategy must be one of {sorted(table)}; got {strategy!r}.")
        ks = self.k if k is None else np.atleast_1d(np.asarray(k))
        if ks.min() < 1 or ks.max() > self.k[-1]:
            raise ValueError(f"k must be between 1 and k_max = {self.k[-1]}; got {ks.min()}..{ks.max()}.")
        return table[strategy][:, ks - 1].mean(axis=0)


def simulate_strategies(problems: ProblemSet, k_max: int = 1024, *, margin: float = 1.0, noise_sd: float = 0.5,
                        seed: int = 0) -> StrategyCurves:
    """Draw ``k_max`` samples per problem and score coverage, majority vote and best-of-N for every ``k``.

    Parameters
    ----------
    problems
        The benchmark (:func:`make_problem_set`).
    k_max
        Samples per problem (the curves are nested: ``k`` uses the first ``k`` samples).
    margin
        Reward-model score bonus of a correct answer.
    noise_sd
        Per-sample reward-model noise (standard deviation).
    seed
        Seed of the sampling; with the problem set's own seed the whole run is reproducible.

    Returns
    -------
    StrategyCurves
    """
    if not isinstance(problems, ProblemSet):
        raise ValueError(f"problems must be a ProblemSet (from make_problem_set); got {type(problems).__name__}.")
    k_top = positive_int(k_max, "k_max")
    if problems.n_problems * k_top * (problems.n_wrong + 1) > 60_000_000:
        raise ValueError("problems x k_max x answers is too large for memory; use fewer problems or a smaller "
                         "k_max (e.g. 500 problems x 1024 samples).")
    m = finite_scalar(margin, "margin")
    sd = finite_scalar(noise_sd, "noise_sd")
    if sd < 0:
        raise ValueError(f"noise_sd must be >= 0 (a standard deviation); got {sd}.")
    rng = np.random.default_rng(seed)
    n_p, n_a = problems.n_problems, problems.n_wrong + 1
    cum = np.cumsum(problems.answer_probs, axis=1)
    u = rng.random((n_p, k_top))
    answers = (u[:, :, None] > cum[:, None, :-1]).sum(axis=2)            # 0 = correct, 1..W = wrong
    correct = answers == 0
    covered = np.logical_or.accumulate(correct, axis=1)
    counts = np.cumsum(answers[:, :, None] == np.arange(n_a), axis=1, dtype=np.int32)
    tied = counts == counts.max(axis=2, keepdims=True)
    majority = tied[:, :, 0] / tied.sum(axis=2)
    score = m * correct + np.take_along_axis(problems.rm_bias, answers, axis=1)
    score = score + sd * rng.standard_normal((n_p, k_top))
    best_right = np.maximum.accumulate(np.where(correct, score, -np.inf), axis=1)
    best_wrong = np.maximum.accumulate(np.where(correct, -np.inf, score), axis=1)
    ks = np.arange(1, k_top + 1)
    expected = coverage_from_p(problems.p_correct[:, None], ks[None, :]).mean(axis=0)
    return StrategyCurves(k=ks, covered=covered, majority=majority, best_of_n=best_right > best_wrong,
                          expected_coverage=expected, majority_limit=majority_vote_limit(problems),
                          p_correct=problems.p_correct, label=problems.label)
