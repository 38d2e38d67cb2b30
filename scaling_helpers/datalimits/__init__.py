"""Chapter 8, data limits and emergence: what repeated data is worth (Muennighoff et al. 2023), how much text exists,
and how a smooth per-token law looks emergent under exact-match metrics.

Figures are in :mod:`.figures`, the emergence explorer widget in :mod:`.widgets`.
"""

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
from .repetition import (
    DATA_EXHAUSTION_YEARS,
    DATA_STOCK_INTERVAL,
    DATA_STOCK_TOKENS,
    MUENNIGHOFF_2023,
    R_D_STAR,
    R_N_STAR,
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

__all__ = [
    "R_D_STAR",
    "R_N_STAR",
    "MUENNIGHOFF_2023",
    "DATA_STOCK_TOKENS",
    "DATA_STOCK_INTERVAL",
    "DATA_EXHAUSTION_YEARS",
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
    "DEMO_SCALE",
    "DEMO_ALPHA",
    "per_token_cross_entropy",
    "per_token_accuracy",
    "exact_match",
    "token_edit_distance",
    "emergence_size",
    "measured_accuracy",
]
