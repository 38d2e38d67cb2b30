"""FLOPs and memory of Mixture-of-Experts models: compute follows the active parameters, memory the total.

* Forward FLOPs per token ≈ ``2 · N_active`` (one multiply-add per used weight), training ≈
  ``6 · N_active · D`` (Kaplan et al. 2020, arXiv:2001.08361, Sec. 2.1, applied to the weights a token
  uses). Here ``N_active`` excludes the input-embedding
  table, whose lookup is not a matrix multiplication; attention's context-dependent products are added
  when a context length is given.
* Memory: **every** expert must be resident (any token may be routed to any expert), so weights take
  ``N_total x bytes`` — the formulas of :mod:`scaling_helpers.compute.inference` applied to the total.

The formulas themselves live in :mod:`scaling_helpers.compute` (``training_flops_6nd``,
``weights_memory_bytes``, ``training_memory``, ``implied_mfu``); this module only decides which
parameter count goes into which of them.

Examples
--------
>>> from scaling_helpers.moe import MIXTRAL_8X7B
>>> s = moe_summary(MIXTRAL_8X7B)
>>> f"{s.forward_flops_per_token / 1e9:.1f} GFLOPs/token, {s.weight_bytes / 1e9:.1f} GB of bf16 weights"
'25.5 GFLOPs/token, 93.4 GB of bf16 weights'
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..common.validate import non_negative, positive_scalar
from ..compute import (
    implied_mfu,
    inference_flops_per_token,
    training_flops_6nd,
    training_memory,
    weights_memory_bytes,
)
from .config import MoEConfig, count_moe_parameters

__all__ = [
    "forward_flops_per_token",
    "moe_training_flops",
    "MoESummary",
    "moe_summary",
    "DeepSeekV3Run",
    "DEEPSEEK_V3_RUN",
    "deepseek_v3_arithmetic",
]


def forward_flops_per_token(cfg: MoEConfig, context_length: float = 0) -> float:
    """Forward FLOPs per token: ``2 x active parameters (without the input embedding)`` + attention context.

    Parameters
    ----------
    cfg
        The MoE configuration.
    context_length
        Tokens attended to. 0 (default) gives the pure ``2·N_active`` rule; otherwise the query·key
        scores and the weighted sum of values over the full context are added,
        ``2 · n_layers · context · (w_qk + w_v)`` (the "full" count of Chinchilla App. F and PaLM).

    Examples
    --------
    >>> from scaling_helpers.moe import DEEPSEEK_V3
    >>> round(forward_flops_per_token(DEEPSEEK_V3) / 1e9, 1)   # ≈ 2 x 36.6B
    73.3
    """
    b = count_moe_parameters(cfg)
    ctx = non_negative(context_length, "context_length")
    flops = float(inference_flops_per_token(b.active_excluding_embedding))  # the 2N rule, compute.inference
    if ctx > 0:
        # compute.inference's 4·n_layers·context·d_attn, written for query/key and value widths that differ
        # (MLA's heads are 192 wide for q·k and 128 for values); identical for GQA, where both are d_attn.
        w_qk, w_v = cfg.attention_context_width()
        flops += 2.0 * cfg.n_layers * ctx * (w_qk + w_v)
    return flops


def moe_training_flops(cfg: MoEConfig, n_tokens: float) -> float:
    """Training compute ``6 · N_active · D`` with N_active from the configuration (no attention term).

    Uses :func:`scaling_helpers.compute.training_flops_6nd` with the *active* parameters; with the total
    it would overstate DeepSeek-V3's compute 18-fold.
    """
    return float(training_flops_6nd(count_moe_parameters(cfg).active_excluding_embedding, n_tokens))


@dataclass(frozen=True)
class MoESummary:
    """What an expert layout costs: parameters, FLOPs per token and memory.

    Attributes
    ----------
    name
        Configuration name.
    total, active
        Total and active parameters (active with the input embedding and output head, the convention
        Mistral and DeepSeek state).
    active_compute
        Active parameters without the input embedding (the basis of FLOPs).
    forward_flops_per_token
        ``2 x active_compute``.
    weight_bytes
        All weights at ``precision`` (every expert resident).
    training_bytes
        Weights, gradients and Adam states in mixed precision (16 bytes per parameter), no activations.
    dense_equivalent_weight_bytes
        Weights of a dense model with the same FLOPs per token (``active`` parameters) at ``precision``.
    precision
        Weight precision used for ``weight_bytes``.
    """

    name: str
    total: int
    active: int
    active_compute: int
    forward_flops_per_token: float
    weight_bytes: float
    training_bytes: float
    dense_equivalent_weight_bytes: float
    precision: str

    @property
    def memory_per_flop_ratio(self) -> float:
        """How many times more memory than a dense model of the same FLOPs: ``total / active``."""
        return self.total / self.active

    def html(self) -> str:
        """A small HTML table (used by the widget)."""
        rows = [
            ("total parameters", f"{self.total / 1e9:.3g} B"),
            ("active parameters per token", f"{self.active / 1e9:.3g} B ({100 * self.active / self.total:.1f}%)"),
            ("forward FLOPs per token (2·N_active)", f"{self.forward_flops_per_token / 1e9:.3g} GFLOPs"),
            (f"weights in memory ({self.precision})", f"{self.weight_bytes / 1e9:.3g} GB"),
            ("… a dense model with the same FLOPs", f"{self.dense_equivalent_weight_bytes / 1e9:.3g} GB"),
            ("training states (16 B/param, no activations)", f"{self.training_bytes / 1e9:.3g} GB"),
        ]
        body = "".join(f"<tr><td style='padding:1px 12px 1px 0'>{html.escape(k)}</td>"
                       f"<td style='text-align:right'><b>{html.escape(v)}</b></td></tr>" for k, v in rows)
        return (f"<div><b>{html.escape(self.name)}</b>"
                f"<table style='border-collapse:collapse'>{body}</table></div>")


def moe_summary(cfg: MoEConfig, *, precision: str = "bf16") -> MoESummary:
    """Parameters, FLOPs per token and memory of ``cfg`` (the pure function behind the MoE explorer)."""
    b = count_moe_parameters(cfg)
    return MoESummary(
        name=cfg.name or "MoE",
        total=b.total,
        active=b.active,
        active_compute=b.active_excluding_embedding,
        forward_flops_per_token=forward_flops_per_token(cfg),
        weight_bytes=float(weights_memory_bytes(b.total, precision)),
        training_bytes=training_memory(b.total).total,
        dense_equivalent_weight_bytes=float(weights_memory_bytes(b.active, precision)),
        precision=precision,
    )


@dataclass(frozen=True)
class DeepSeekV3Run:
    """The published facts of DeepSeek-V3's training run (DeepSeek-AI 2024, arXiv:2412.19437).

    Attributes
    ----------
    active_params, total_params
        37B activated and 671B total parameters (abstract).
    n_tokens
        14.8T pre-training tokens (abstract).
    gpu_hours_total
        2.788M H800 GPU-hours "for its full training" (abstract).
    gpu_hours_pretraining
        2,664K of them for pre-training, 119K for context extension and 5K for post-training (Table 1;
        the repository's README gives 2.664M and "0.1M" for the stages after pre-training).
    gpu
        Accelerator name in :data:`scaling_helpers.compute.ACCELERATORS`. NVIDIA publishes no dense BF16
        peak for the H800; the course assumes the H100 SXM's 989.4 TFLOP/s. The run used mostly FP8
        (Sec. 3.3), whose peak is twice that.
    """

    active_params: float = 37e9
    total_params: float = 671e9
    n_tokens: float = 14.8e12
    gpu_hours_total: float = 2.788e6
    gpu_hours_pretraining: float = 2.664e6
    gpu: str = "H800"


#: DeepSeek-V3's published run.
DEEPSEEK_V3_RUN = DeepSeekV3Run()


@dataclass(frozen=True)
class DeepSeekV3Arithmetic:
    """6·N·D and the implied MFU of DeepSeek-V3 (all in FLOPs or fractions)."""

    flops_active: float
    flops_if_dense_total: float
    mfu_full_training: float
    mfu_pretraining_only: float


def deepseek_v3_arithmetic(run: DeepSeekV3Run = DEEPSEEK_V3_RUN, *, gpu_hours: float | None = None
                           ) -> DeepSeekV3Arithmetic:
    """Training FLOPs of DeepSeek-V3 with 6·N_active·D, and the MFU its GPU-hours imply.

    ``flops_active`` = 6 x 37e9 x 14.8e12 = 3.29e24; ``flops_if_dense_total`` uses the 671B total (the
    mistake: 5.96e25, which would need an impossible MFU of ≈ 6). The MFU uses
    :func:`scaling_helpers.compute.implied_mfu` against the H800 BF16 dense peak, assumed equal to the H100 SXM's
    989.4 TFLOP/s: ≈ 33% for all 2.788M GPU-hours, ≈ 35% for the 2.664M pre-training hours.
    ``gpu_hours`` overrides the hours used for ``mfu_full_training``.

    Examples
    --------
    >>> a = deepseek_v3_arithmetic()
    >>> f"{a.flops_active:.3g} FLOPs, MFU {a.mfu_full_training:.3f}"
    '3.29e+24 FLOPs, MFU 0.331'
    """
    if not isinstance(run, DeepSeekV3Run):
        raise ValueError("run must be a DeepSeekV3Run (e.g. scaling_helpers.moe.DEEPSEEK_V3_RUN).")
    hours = run.gpu_hours_total if gpu_hours is None else positive_scalar(gpu_hours, "gpu_hours", unit="GPU-hours")
    flops = float(training_flops_6nd(run.active_params, run.n_tokens))
    return DeepSeekV3Arithmetic(
        flops_active=flops,
        flops_if_dense_total=float(training_flops_6nd(run.total_params, run.n_tokens)),
        mfu_full_training=implied_mfu(flops, hours, run.gpu),
        mfu_pretraining_only=implied_mfu(flops, run.gpu_hours_pretraining, run.gpu),
    )


__all__ += ["DeepSeekV3Arithmetic"]
