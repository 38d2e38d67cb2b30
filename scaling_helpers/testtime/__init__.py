"""Test-time compute (chapter 8): pass@k, the coverage law, voting vs verifiers, compute-matched sampling.

Modules
-------
passk
    Unbiased pass@k of Chen et al. (2021, arXiv:2107.03374) in its stable product form; the biased plug-in.
coverage
    Brown et al.'s (2024, arXiv:2407.21787) coverage law ``exp(a·k^b)``: fit, extrapolate, invert.
simulate
    Seeded problems of mixed difficulty: oracle verifier vs majority vote vs best-of-N.
matched
    A small model sampled ``k`` times vs a larger model sampled once, at equal FLOPs (2N per token).
explore, widgets
    The difficulty explorer and the pure function behind it.
datasets
    Seeded synthetic coverage data; Brown et al.'s SWE-bench Lite points.
sequential
    Thinking longer: s1 budget forcing and DeepSeek-R1-Zero's RL curves (read from their figures), the
    course's log-linear fit, s1's control and scaling metrics.
folklore
    A widespread made-up ``reasoning_quality`` formula, kept only as a counter-example.
figures
    The chapter's figures.
"""

from .coverage import CoverageLawFit, beta_coverage, coverage_law, fit_coverage_law, samples_for_coverage
from .datasets import SWE_BENCH_LITE_DEEPSEEK, CoverageSweep, coverage_sweep
from .explore import DifficultySummary, difficulty_summary
from .folklore import folk_reasoning_quality
from .matched import ComputeMatched, DifficultyRow, compute_matched, matched_samples
from .passk import (
    EstimatorMeans,
    coverage_from_p,
    estimator_means,
    pass_at_k,
    pass_at_k_exact,
    pass_at_k_plugin,
)
from .sequential import (
    R1_ZERO_AIME_PASS1,
    R1_ZERO_PRINTED,
    R1_ZERO_RESPONSE_LENGTH,
    S1_AIME24_BUDGET_FORCING,
    S1_FIGURE1,
    LogLinearFit,
    control_share,
    fit_log_linear,
    r1_zero_accuracy_vs_length,
    scaling_slope,
)
from .simulate import (
    ProblemSet,
    StrategyCurves,
    log_ks,
    majority_vote_limit,
    make_problem_set,
    simulate_strategies,
)

__all__ = [
    "LogLinearFit",
    "R1_ZERO_AIME_PASS1",
    "R1_ZERO_PRINTED",
    "R1_ZERO_RESPONSE_LENGTH",
    "S1_AIME24_BUDGET_FORCING",
    "S1_FIGURE1",
    "control_share",
    "fit_log_linear",
    "r1_zero_accuracy_vs_length",
    "scaling_slope",
    "ComputeMatched",
    "CoverageLawFit",
    "CoverageSweep",
    "DifficultyRow",
    "DifficultySummary",
    "EstimatorMeans",
    "ProblemSet",
    "SWE_BENCH_LITE_DEEPSEEK",
    "StrategyCurves",
    "beta_coverage",
    "compute_matched",
    "coverage_from_p",
    "coverage_law",
    "coverage_sweep",
    "difficulty_summary",
    "estimator_means",
    "fit_coverage_law",
    "log_ks",
    "majority_vote_limit",
    "make_problem_set",
    "matched_samples",
    "folk_reasoning_quality",
    "pass_at_k",
    "pass_at_k_exact",
    "pass_at_k_plugin",
    "samples_for_coverage",
    "simulate_strategies",
]
