"""Chapter 7: Mixture-of-Experts — total vs active parameters, FLOPs, memory, routing and routed scaling laws.

Modules
-------
config
    :class:`MoEConfig`, exact total/active parameter counts, Mixtral, DBRX, OLMoE and DeepSeek-V3 shapes.
accounting
    FLOPs per token (2·N_active), training FLOPs (6·N_active·D), memory (all experts resident), and the
    DeepSeek-V3 training arithmetic (implied MFU).
routing
    Tokens per expert, expert capacity and dropped tokens.
laws
    Clark et al. (2022) and Krajewski et al. (2024) routed scaling laws; the geometric-mean heuristic.
figures, widgets
    The chapter's figures and the MoE design explorer.
"""

from .accounting import (
    DEEPSEEK_V3_RUN,
    DeepSeekV3Arithmetic,
    DeepSeekV3Run,
    MoESummary,
    deepseek_v3_arithmetic,
    forward_flops_per_token,
    moe_summary,
    moe_training_flops,
)
from .config import (
    DBRX,
    DEEPSEEK_V3,
    DEEPSEEK_V3_STATED_ACTIVE,
    MIXTRAL_8X7B,
    MIXTRAL_8X22B,
    MIXTRAL_PAPER_ROUNDED,
    MOE_CONFIGS,
    OLMOE_1B_7B,
    PUBLISHED_MOE,
    MoEConfig,
    MoEParameterBreakdown,
    PublishedMoE,
    active_params,
    count_moe_parameters,
    total_params,
    with_experts,
)
from .laws import (
    CLARK_2022,
    KRAJEWSKI_2024_DENSE,
    KRAJEWSKI_2024_MOE,
    KRAJEWSKI_EXPANSION_RATE,
    ClarkLaw,
    ComputeOptimum,
    KrajewskiLaw,
    dense_compute_for_loss,
    dense_compute_optimal,
    geometric_mean_params,
    krajewski_compute_optimal,
    krajewski_flops_per_token,
    routed_total_params,
)
from .routing import RoutingOutcome, expert_capacity, mean_tokens_per_expert, route_with_capacity

__all__ = [
    "MoEConfig",
    "MoEParameterBreakdown",
    "count_moe_parameters",
    "total_params",
    "active_params",
    "with_experts",
    "MIXTRAL_8X7B",
    "MIXTRAL_8X22B",
    "DBRX",
    "OLMOE_1B_7B",
    "DEEPSEEK_V3",
    "MOE_CONFIGS",
    "PublishedMoE",
    "PUBLISHED_MOE",
    "DEEPSEEK_V3_STATED_ACTIVE",
    "MIXTRAL_PAPER_ROUNDED",
    "forward_flops_per_token",
    "moe_training_flops",
    "MoESummary",
    "moe_summary",
    "DeepSeekV3Run",
    "DeepSeekV3Arithmetic",
    "DEEPSEEK_V3_RUN",
    "deepseek_v3_arithmetic",
    "mean_tokens_per_expert",
    "expert_capacity",
    "RoutingOutcome",
    "route_with_capacity",
    "ClarkLaw",
    "CLARK_2022",
    "KrajewskiLaw",
    "KRAJEWSKI_2024_MOE",
    "KRAJEWSKI_2024_DENSE",
    "KRAJEWSKI_EXPANSION_RATE",
    "krajewski_flops_per_token",
    "ComputeOptimum",
    "krajewski_compute_optimal",
    "dense_compute_optimal",
    "dense_compute_for_loss",
    "geometric_mean_params",
    "routed_total_params",
]
