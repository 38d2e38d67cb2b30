"""Chapter 4, training recipes at scale: hyperparameters that follow the compute (μP, LR and batch laws, schedules).

* :mod:`.mup`: the maximal update parameterisation (Yang et al. 2022, arXiv:2203.03466, Table 3) against the
  standard one, on a small MLP trained with Adam in numpy: learning-rate sweeps per width and the coordinate check.
* :mod:`.lr_batch`: DeepSeek LLM's η_opt(C) and B_opt(C) (arXiv:2401.02954, Eq. 1), its FLOPs per token
  ``M`` (Eq. 2) and Table 2; McCandlish et al.'s steps/examples trade-off (arXiv:1812.06162); a planner that
  adds Kaplan's critical batch size (arXiv:2001.08361, Eq. 5.3, from :mod:`scaling_helpers.kaplan`).
* :mod:`.schedules`: cosine with warm-up and WSD with linear or 1-sqrt cooldown (Hägele et al. 2024,
  arXiv:2405.18392), and the cost of a token sweep with each.
* :mod:`.figures`, :mod:`.widgets`: the chapter's figures and its schedule explorer.
"""

from .lr_batch import (
    DEEPSEEK_BATCH,
    DEEPSEEK_LR,
    DEEPSEEK_TABLE2,
    DeepSeekModel,
    HyperparameterPlan,
    PowerLaw,
    deepseek_compute,
    deepseek_flops_per_token,
    examples_factor,
    optimal_batch_size,
    optimal_learning_rate,
    plan_hyperparameters,
    steps_factor,
)
from .mup import (
    DEFAULT_LOG2_LRS,
    DEFAULT_WIDTHS,
    CoordCheck,
    LayerScaling,
    LRSweep,
    MLPTask,
    coord_check,
    layer_scalings,
    lr_sweep,
    optimal_log2_lr,
)
from .schedules import SweepCost, cosine_schedule, sweep_cost, wsd_schedule

__all__ = [
    "LayerScaling", "layer_scalings", "MLPTask", "LRSweep", "lr_sweep", "CoordCheck", "coord_check",
    "optimal_log2_lr", "DEFAULT_WIDTHS", "DEFAULT_LOG2_LRS",
    "PowerLaw", "DEEPSEEK_LR", "DEEPSEEK_BATCH", "DeepSeekModel", "DEEPSEEK_TABLE2", "deepseek_flops_per_token",
    "deepseek_compute", "optimal_learning_rate", "optimal_batch_size", "steps_factor", "examples_factor",
    "HyperparameterPlan", "plan_hyperparameters",
    "cosine_schedule", "wsd_schedule", "SweepCost", "sweep_cost",
]
