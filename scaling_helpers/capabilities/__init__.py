"""Chapter 10, from loss to capabilities: downstream error and accuracy as functions of loss (Gadre et al. 2024;
the Llama 3 two-step forecast), observational scaling on public benchmark scores (Ruan et al. 2024), and emergence
as a property of the metric (Schaeffer et al. 2023).

Data (with sources) are in :mod:`.data`, figures in :mod:`.figures`, the emergence explorer widget in :mod:`.widgets`.
"""

from .data import BENCHMARK_TABLE, BENCHMARKS, GADRE_RUNS, BenchmarkRow, GadreRun
from .downstream import (
    GADRE_2024_RPJ_ERROR,
    DownstreamErrorLaw,
    fit_downstream_error,
    fit_power_law_with_floor,
    fit_sigmoid_accuracy,
    power_law_with_floor,
    sigmoid_accuracy,
)
from .emergence import (
    DEMO_ALPHA,
    DEMO_SCALE,
    emergence_size,
    exact_match,
    measured_accuracy,
    per_token_accuracy,
    per_token_cross_entropy,
    token_edit_distance,
)
from .observational import CapabilityPCA, capability_pca, line_fit, loo_benchmark_prediction, score_matrix

__all__ = [
    "BENCHMARK_TABLE",
    "BENCHMARKS",
    "GADRE_RUNS",
    "BenchmarkRow",
    "GadreRun",
    "GADRE_2024_RPJ_ERROR",
    "DownstreamErrorLaw",
    "fit_downstream_error",
    "fit_power_law_with_floor",
    "fit_sigmoid_accuracy",
    "power_law_with_floor",
    "sigmoid_accuracy",
    "DEMO_SCALE",
    "DEMO_ALPHA",
    "per_token_cross_entropy",
    "per_token_accuracy",
    "exact_match",
    "token_edit_distance",
    "emergence_size",
    "measured_accuracy",
    "CapabilityPCA",
    "capability_pca",
    "score_matrix",
    "line_fit",
    "loo_benchmark_prediction",
]
