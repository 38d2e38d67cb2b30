"""Chapter 6, over-training: lifetime compute, the inference-aware optimum (Sardana et al. 2024), break-even demand,
Gadre et al.'s (2024) token-multiplier law, and the tokens per parameter of released models.

Figures are in :mod:`.figures`, the cost explorer widget in :mod:`.widgets`.
"""

from .gadre import GADRE_2024_RPJ, OvertrainingLaw, size_and_tokens, token_multiplier
from .lifetime import (
    ChinchillaPoint,
    chinchilla_point,
    compute_optimal_params_for_loss,
    lifetime_flops,
    min_params_for_loss,
    training_tokens_for_loss,
)
from .optimum import (
    SARDANA_2024_CONSTANTS,
    InferenceOptimum,
    OvertrainingComparison,
    break_even_demand,
    compare_with_chinchilla,
    inference_aware_optimum,
    optimal_tokens_per_param,
)
from .released_models import (
    CHINCHILLA_TOKENS_PER_PARAM,
    RELEASED_MODELS,
    ReleasedModel,
    released_models_table,
)

__all__ = [
    "lifetime_flops",
    "training_tokens_for_loss",
    "min_params_for_loss",
    "compute_optimal_params_for_loss",
    "ChinchillaPoint",
    "chinchilla_point",
    "InferenceOptimum",
    "SARDANA_2024_CONSTANTS",
    "inference_aware_optimum",
    "optimal_tokens_per_param",
    "OvertrainingComparison",
    "compare_with_chinchilla",
    "break_even_demand",
    "token_multiplier",
    "size_and_tokens",
    "OvertrainingLaw",
    "GADRE_2024_RPJ",
    "ReleasedModel",
    "RELEASED_MODELS",
    "CHINCHILLA_TOKENS_PER_PARAM",
    "released_models_table",
]
