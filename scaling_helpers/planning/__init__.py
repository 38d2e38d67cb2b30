"""Chapter 12, end-to-end planning: from a goal and a lifetime demand to a typed plan.

A plan answers, in order, the questions of chapters 3–8:

1. **How big, how long?** A budget ``C`` (in FLOPs, or in dollars on a :class:`Cluster`) buys the
   compute-optimal ``N_opt(C), D_opt(C)`` of a Chinchilla-form law (Hoffmann et al. 2022, arXiv:2203.15556,
   Eq. 4; :meth:`~scaling_helpers.chinchilla.ParametricLaw.compute_optimal`). A *target loss* instead gives the
   compute-optimal model for that loss (:func:`~scaling_helpers.overtraining.compute_optimal_params_for_loss`).
   A size can also be fixed (e.g. by a device), in which case ``D`` follows from the budget or the target.
2. **How good?** The law's predicted loss ``L(N, D)`` — in the units of the constant set (Hoffmann's and
   Epoch's are MassiveText nats per token, the data both were fitted on).
3. **How long, how much?** ``6ND`` FLOPs, days, GPU-hours and dollars on the cluster
   (:func:`~scaling_helpers.compute.calculators.estimate_training_cost`).
4. **How much memory?** Weights at the serving precision, the ≈ 16 bytes per parameter of mixed-precision
   Adam training (:func:`~scaling_helpers.compute.training_memory`), and the KV cache per token for a given
   shape (:func:`~scaling_helpers.compute.kv_cache_bytes_per_token`).
5. **What does it cost over its life?** ``6ND + 2N D_inf``
   (:func:`~scaling_helpers.overtraining.lifetime_flops`), and the inference-aware alternative of Sardana et
   al. (2024, arXiv:2401.00448): the model of the *same loss* with the least lifetime compute
   (:func:`~scaling_helpers.overtraining.inference_aware_optimum`) — smaller and trained longer.

Every formula comes from the modules named above; this module only composes them. It adds three small
formulas of its own, for on-device models: the largest model whose weights fit a memory
(:func:`max_params_for_memory`), the largest whose decoding reaches a speed (:func:`max_params_for_speed`),
and the memory-bandwidth bound on decoding speed (:func:`decode_tokens_per_second_bound`): at batch size 1
every generated token reads all weights and the KV cache once, so ``tokens/s <= bandwidth / bytes read``
(the memory-bound regime of small-batch decoding analysed by Pope et al. 2022, "Efficiently Scaling
Transformer Inference", arXiv:2211.05102).

:func:`decide` turns a plan into advice for four goals (research model, chat product, on-device model,
reasoning workload); the chapter-10 widget wraps it.

Assumptions that are not published numbers
-------------------------------------------
* ``DEFAULT_INFERENCE_MFU = 0.2``: decoding is limited by memory bandwidth, so inference uses a smaller
  fraction of the peak than training. 0.2 is an illustrative assumption; measure your own.
* ``SAVING_THRESHOLD = 0.05``: below a 5% lifetime saving the planner keeps the compute-optimal model. A
  judgement call, not a published value.
* :data:`EXAMPLE_EDGE_DEVICE` (8 GB for the model, 100 GB/s): illustrative values, not a product.
* The price per GPU-hour (default $2) is DeepSeek-V3's assumed H800 rental price (DeepSeek-AI 2024,
  arXiv:2412.19437); real prices depend on provider, contract and year.

Figures are in :mod:`.figures`, the planner widget in :mod:`.widgets`.
"""

from .cluster import Cluster
from .decide import GOALS, Decision, Goal, decide
from .devices import (
    EXAMPLE_EDGE_DEVICE,
    EdgeDevice,
    decode_speedup_bound,
    decode_tokens_per_second_bound,
    max_params_for_device,
    max_params_for_memory,
    max_params_for_speed,
)
from .plan import DEFAULT_INFERENCE_MFU, SAVING_THRESHOLD, Alternative, TrainingPlan, plan_training

__all__ = [
    "Cluster",
    "DEFAULT_INFERENCE_MFU",
    "SAVING_THRESHOLD",
    "Alternative",
    "TrainingPlan",
    "plan_training",
    "EdgeDevice",
    "EXAMPLE_EDGE_DEVICE",
    "max_params_for_memory",
    "max_params_for_speed",
    "max_params_for_device",
    "decode_tokens_per_second_bound",
    "decode_speedup_bound",
    "Goal",
    "GOALS",
    "Decision",
    "decide",
]
