"""Chapter 9, data: what repeated data is worth (Muennighoff et al. 2023), how much text exists (Villalobos et al.
2024), why the best filter depends on compute (Goyal et al. 2024), how the mixture sets each domain's loss (Ye et
al. 2024) and what training on generated data does (Shumailov et al. 2024; Gerstgrasser et al. 2024).

Figures are in :mod:`.figures` (repetition, data stock) and :mod:`.quality_figures` (filtering, mixing, collapse).
"""

from .filtering import (
    DATACOMP_MEDIUM_POOL,
    DEMO_POOLS,
    FilterPool,
    crossover_samples,
    pool_error,
    utility_exponent,
)
from .mixing import (
    DEMO_LAWS,
    MixingLaw,
    best_mixture,
    fit_mixing_law,
    mixing_law_loss,
    synthetic_mixture_runs,
)
from .repetition import (
    DATA_EXHAUSTION_YEARS,
    DATA_STOCK_INTERVAL,
    DATA_STOCK_TOKENS,
    MUENNIGHOFF_2023,
    R_D_STAR,
    R_N_STAR,
    RUNS_8B7_178B,
    ConstrainedOptimum,
    data_constrained_loss,
    data_constrained_optimum,
    effective_data,
    effective_data_multiple,
    effective_params,
    epochs_for_token_value,
    optimal_params_for_tokens,
    repeated_token_value,
    repetitions,
)
from .synthetic import MODES, collapse_error, collapse_error_factor, ols_error, simulate_collapse

__all__ = [
    "R_D_STAR",
    "R_N_STAR",
    "MUENNIGHOFF_2023",
    "DATA_STOCK_TOKENS",
    "DATA_STOCK_INTERVAL",
    "DATA_EXHAUSTION_YEARS",
    "RUNS_8B7_178B",
    "repetitions",
    "effective_data",
    "effective_data_multiple",
    "repeated_token_value",
    "epochs_for_token_value",
    "optimal_params_for_tokens",
    "effective_params",
    "data_constrained_loss",
    "ConstrainedOptimum",
    "data_constrained_optimum",
    "FilterPool",
    "DEMO_POOLS",
    "DATACOMP_MEDIUM_POOL",
    "utility_exponent",
    "pool_error",
    "crossover_samples",
    "MixingLaw",
    "DEMO_LAWS",
    "mixing_law_loss",
    "fit_mixing_law",
    "best_mixture",
    "synthetic_mixture_runs",
    "MODES",
    "ols_error",
    "collapse_error_factor",
    "collapse_error",
    "simulate_collapse",
]
