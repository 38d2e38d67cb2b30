"""Compute accounting: parameter counts, training and inference FLOPs, memory, hardware time and cost.

Modules
-------
config
    :class:`TransformerConfig` and named models (GPT-2, GPT-3, Chinchilla, Gopher, Llama 2/3), Table A9.
params
    Parameter counting under Kaplan's, Chinchilla's and PaLM's conventions.
flops
    6ND, Kaplan Table 1, Chinchilla App. F and Table A4, PaLM's formula, MLP vs attention.
inference
    2N per token, KV cache, weight, activation and training memory.
precision
    Kumar et al.'s precision laws (effective parameters, PTQ degradation) and quantisation speed-ups.
roofline
    Arithmetic intensity, ridge points, compute- vs memory-bound (matmul, attention, decoding).
hardware
    Accelerator peaks, training time, GPU-hours, cost and MFU.
runs
    Published runs (GPT-3, Chinchilla, Gopher, Llama 2/3, DeepSeek-V3) for cross-checks.
"""

from .config import (
    CHINCHILLA_70B,
    CHINCHILLA_TABLE_A9,
    GOPHER_280B,
    GPT2_SMALL,
    GPT2_SMALL_NO_BIAS,
    GPT3_175B,
    LLAMA2_70B,
    LLAMA3_8B,
    LLAMA3_70B,
    LLAMA3_405B,
    NAMED_CONFIGS,
    TransformerConfig,
    chinchilla_config,
    chinchilla_table_a9_configs,
)
from .flops import (
    CHINCHILLA_TABLE_A4,
    AppendixFFlops,
    AttentionMlpShare,
    TableA4Row,
    attention_crossover_context,
    attention_mlp_flop_share,
    chinchilla_forward_flops,
    chinchilla_table_a4,
    chinchilla_training_flops,
    config_attention_mlp_share,
    kaplan_forward_flops_per_token,
    kaplan_training_flops_per_token,
    palm_training_flops_per_token,
    training_flops_6nd,
)
from .hardware import (
    ACCELERATORS,
    Accelerator,
    TrainingTime,
    get_accelerator,
    gpu_hours_needed,
    implied_mfu,
    mfu,
    mfu_from_throughput,
    training_cost,
    training_time,
)
from .inference import (
    GB,
    GIB,
    PRECISION_BITS,
    TrainingMemory,
    activation_memory_bytes,
    activation_memory_per_layer_bytes,
    generation_flops,
    inference_flops_per_token,
    kv_cache_bytes,
    kv_cache_bytes_per_token,
    training_memory,
    weights_memory_bytes,
)
from .params import (
    ParameterBreakdown,
    count_parameters,
    kaplan_non_embedding,
    kaplan_table1_non_embedding,
    non_embedding_parameters,
    parameter_count,
)
from .precision import (
    LOW_PRECISION_PEAKS,
    effective_parameters,
    low_precision_peak,
    prefill_speedup,
    ptq_degradation,
    tokens_where_more_data_hurts,
    weight_only_decode_speedup,
)
from .roofline import (
    Bound,
    OperationIntensity,
    attainable_flops,
    attention_prefill_intensity,
    bound_by,
    decode_batch_at_ridge,
    decode_intensity,
    hbm_bandwidth,
    matmul_intensity,
    ridge_point,
)
from .runs import REFERENCE_RUNS, TrainingRun

__all__ = [
    # config
    "TransformerConfig",
    "NAMED_CONFIGS",
    "GPT2_SMALL",
    "GPT2_SMALL_NO_BIAS",
    "GPT3_175B",
    "CHINCHILLA_70B",
    "GOPHER_280B",
    "LLAMA2_70B",
    "LLAMA3_8B",
    "LLAMA3_70B",
    "LLAMA3_405B",
    "CHINCHILLA_TABLE_A9",
    "chinchilla_config",
    "chinchilla_table_a9_configs",
    # params
    "ParameterBreakdown",
    "count_parameters",
    "kaplan_non_embedding",
    "kaplan_table1_non_embedding",
    "non_embedding_parameters",
    "parameter_count",
    # flops
    "training_flops_6nd",
    "kaplan_forward_flops_per_token",
    "kaplan_training_flops_per_token",
    "AppendixFFlops",
    "chinchilla_forward_flops",
    "chinchilla_training_flops",
    "CHINCHILLA_TABLE_A4",
    "TableA4Row",
    "chinchilla_table_a4",
    "palm_training_flops_per_token",
    "AttentionMlpShare",
    "attention_mlp_flop_share",
    "config_attention_mlp_share",
    "attention_crossover_context",
    # inference and memory
    "PRECISION_BITS",
    "GB",
    "GIB",
    "inference_flops_per_token",
    "generation_flops",
    "kv_cache_bytes_per_token",
    "kv_cache_bytes",
    "weights_memory_bytes",
    "TrainingMemory",
    "training_memory",
    "activation_memory_bytes",
    "activation_memory_per_layer_bytes",
    # precision
    "LOW_PRECISION_PEAKS",
    "low_precision_peak",
    "effective_parameters",
    "ptq_degradation",
    "tokens_where_more_data_hurts",
    "weight_only_decode_speedup",
    "prefill_speedup",
    # roofline
    "Bound",
    "OperationIntensity",
    "hbm_bandwidth",
    "ridge_point",
    "attainable_flops",
    "bound_by",
    "matmul_intensity",
    "attention_prefill_intensity",
    "decode_intensity",
    "decode_batch_at_ridge",
    # hardware
    "Accelerator",
    "ACCELERATORS",
    "get_accelerator",
    "TrainingTime",
    "training_time",
    "gpu_hours_needed",
    "training_cost",
    "mfu",
    "implied_mfu",
    "mfu_from_throughput",
    # runs
    "TrainingRun",
    "REFERENCE_RUNS",
]
