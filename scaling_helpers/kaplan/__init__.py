"""Chapter 2, Kaplan et al. (2020): their scaling laws, and the two papers that explain why their allocation over-sized models.

Kaplan, McCandlish, Henighan, et al. (2020), "Scaling Laws for Neural Language Models", arXiv:2001.08361.
Their conventions differ from Chinchilla's and from the rest of this course:

* ``N`` counts **non-embedding** parameters (Eq. 2.1: ``N ≈ 12 n_layer d_model**2``);
* the loss is WebText2 cross-entropy in **nats per token** (GPT-2 BPE, vocabulary 50257);
* compute in the fitted laws is ``C_min`` in **PF-days** (1 PF-day = 8.64e19 FLOPs, Sec. 1.3), the compute
  needed at a batch size far below the critical batch size.

Every compute function here therefore takes an explicit, keyword-only ``unit="flops"`` or ``unit="pf_days"``
and rejects values that are implausible in the stated unit (a "FLOPs" value below 1e9, a "PF-days" value above
1e12): that mix-up is the most common slip with these laws.

Constants
---------
TABLE5
    The single-variable fits (Eq. 1.1-1.4, Appendix A Table 5): alpha_N 0.076, N_c 8.8e13, alpha_D 0.095,
    D_c 5.4e13, alpha_C^min 0.050, C_c^min 3.1e8 PF-days, alpha_B 0.21, B_* 2.1e8 tokens, alpha_S 0.76, S_c 2.1e3.
TABLE2_JOINT
    The fit of the joint law L(N, D) (Eq. 1.5, Table 2): alpha_N 0.076, alpha_D 0.103, N_c 6.4e13, D_c 1.8e13.
    Not the single-variable 0.095 / 5.4e13.
TABLE3_STEPS
    The fit of L(N, S_min) (Eq. 1.6, Table 3): alpha_N 0.077, alpha_S 0.76, N_c 6.5e13, S_c 2.1e3.
TABLE6
    Compute-efficient allocation (Table 6, Figure 14), C_min in PF-days: N_opt = 1.3e9 C^0.73,
    B = 2.0e6 C^0.24, S_min = 5.4e3 C^0.03, D_opt = 2e10 C^0.27.
EQ_6_7_TOKENS
    The alternative data rule of Sec. 6.3, Eq. 6.7: D = 4e10 C_min^0.26 (C = 2 C_min when training at B_crit).
PEARCE_SONG_GAMMA
    47491: Pearce & Song's (2024, arXiv:2406.12907) fit N_T = N_E + 47491 N_E^(1/3) to the Chinchilla configurations.
PORIAN_STEPS_REFINEDWEB, PORIAN_STEPS_OWT2
    Porian et al. (2024, arXiv:2406.19146): the exponent a of N* ∝ C^a as Kaplan's set-up is corrected one step
    at a time.

Provenance: every constant is printed in the paper's tables, equations or figure legends, cited at each one.

Modules: :mod:`.laws` (loss laws), :mod:`.batch` (critical batch size), :mod:`.allocation` (Table 6),
:mod:`.reconciliation` (Pearce & Song, Porian et al.), :mod:`.constants`, :mod:`.inputs` (units); figures in
:mod:`.figures`, the allocation widget in :mod:`.widgets`.
"""

from .allocation import (
    AllocationComparison,
    ComputeEfficientAllocation,
    compare_allocations,
    compute_efficient_allocation,
    optimal_params,
    optimal_tokens,
)
from .batch import (
    PRINTED_ALPHA_C_MIN_PREDICTION,
    PRINTED_N_EXPONENT_PREDICTION,
    critical_batch_size,
    min_compute,
    min_steps,
    predicted_alpha_c_min,
)
from .constants import (
    B_STAR_TEXT,
    EQ_6_7_TOKENS,
    FIG1_LEGEND_C_C_MIN,
    FIG14_UNADJUSTED,
    KAPLAN_N_RANGE,
    TABLE2_JOINT,
    TABLE3_STEPS,
    TABLE5,
    TABLE6,
    AllocationRule,
    JointLawConstants,
    KaplanConstants,
    StepsLawConstants,
)
from .inputs import Unit, to_pf_days
from .laws import (
    loss_params_steps,
    loss_params_tokens,
    loss_vs_compute,
    loss_vs_params,
    loss_vs_tokens,
    overfitting_penalty,
    tokens_to_avoid_overfitting,
)
from .reconciliation import (
    PEARCE_SONG_GAMMA,
    PORIAN_STEPS_OWT2,
    PORIAN_STEPS_REFINEDWEB,
    FrontierSimulation,
    PorianStep,
    embedding_fraction,
    frontier_local_exponent,
    simulate_kaplan_regime,
    total_params,
)

__all__ = [
    "Unit",
    "to_pf_days",
    "KaplanConstants",
    "JointLawConstants",
    "StepsLawConstants",
    "AllocationRule",
    "TABLE5",
    "TABLE2_JOINT",
    "TABLE3_STEPS",
    "TABLE6",
    "EQ_6_7_TOKENS",
    "FIG1_LEGEND_C_C_MIN",
    "FIG14_UNADJUSTED",
    "B_STAR_TEXT",
    "KAPLAN_N_RANGE",
    "loss_vs_params",
    "loss_vs_tokens",
    "loss_vs_compute",
    "loss_params_tokens",
    "loss_params_steps",
    "overfitting_penalty",
    "tokens_to_avoid_overfitting",
    "critical_batch_size",
    "min_steps",
    "min_compute",
    "predicted_alpha_c_min",
    "PRINTED_ALPHA_C_MIN_PREDICTION",
    "PRINTED_N_EXPONENT_PREDICTION",
    "ComputeEfficientAllocation",
    "compute_efficient_allocation",
    "optimal_params",
    "optimal_tokens",
    "AllocationComparison",
    "compare_allocations",
    "PEARCE_SONG_GAMMA",
    "total_params",
    "embedding_fraction",
    "FrontierSimulation",
    "simulate_kaplan_regime",
    "frontier_local_exponent",
    "PorianStep",
    "PORIAN_STEPS_REFINEDWEB",
    "PORIAN_STEPS_OWT2",
]
