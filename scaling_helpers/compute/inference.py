"""Inference FLOPs, KV cache, and memory for weights and training.

* Inference ≈ **2N FLOPs per token** (forward only), training ≈ 6N (Kaplan et al. 2020, arXiv:2001.08361, Sec. 2.1); attention adds
  ``4 n_layers t d_attn`` for a token that attends to ``t`` positions (score and value products).
* KV cache per token = ``2 (K and V) x n_layers x n_kv_heads x head_dim x bytes``; grouped-query
  attention shrinks it by ``n_heads / n_kv_heads``.
* Activations kept for the backward pass: ``s b h (34 + 5 a s / h)`` bytes per layer without recomputation,
  ``34 s b h`` with selective and ``2 s b h`` with full recomputation (Korthikanti et al. 2022,
  arXiv:2205.05198, Sec. 4.1, Eq. 1 and Sec. 5).
* Mixed-precision Adam needs **16 bytes per parameter** before activations: fp16/bf16 weights (2) and
  gradients (2), plus fp32 master weights (4), momentum (4) and variance (4) (Rajbhandari et al. 2020,
  "ZeRO", arXiv:1910.02054, Sec. 3.1: ``2Ψ + 2Ψ + KΨ`` bytes with ``K = 12`` for Adam).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import Number, non_negative, positive, positive_int, positive_scalar
from .config import TransformerConfig

__all__ = [
    "PRECISION_BITS",
    "inference_flops_per_token",
    "generation_flops",
    "kv_cache_bytes_per_token",
    "kv_cache_bytes",
    "weights_memory_bytes",
    "TrainingMemory",
    "training_memory",
    "activation_memory_per_layer_bytes",
    "activation_memory_bytes",
    "GB",
    "GIB",
]

#: Bytes in a gigabyte (decimal, as in GPU datasheets: an "80 GB" A100 holds 80e9 bytes).
GB: float = 1e9
#: Bytes in a gibibyte.
GIB: float = 2.0**30

#: Bits per stored value for common number formats. Quantised formats (int8, int4) also store
#: per-group scales in practice; that overhead (a few %) is not included.
PRECISION_BITS: dict[str, float] = {
    "fp32": 32,
    "float32": 32,
    "tf32": 32,
    "fp16": 16,
    "float16": 16,
    "bf16": 16,
    "bfloat16": 16,
    "fp8": 8,
    "int8": 8,
    "int4": 4,
    "fp4": 4,
}


def _bits(precision: str | float) -> float:
    if isinstance(precision, str):
        key = precision.lower().replace("-", "").replace("_", "")
        if key not in PRECISION_BITS:
            raise ValueError(
                f"unknown precision {precision!r}; use one of {sorted(set(PRECISION_BITS))} "
                "or a number of bits."
            )
        return float(PRECISION_BITS[key])
    return positive_scalar(precision, "precision (bits per value)")


def inference_flops_per_token(
    n_params: ArrayLike, *, context: float = 0, n_layers: int | None = None, d_attn: int | None = None
) -> Number:
    """Forward FLOPs to process or generate one token: ``2N`` plus ``4 n_layers context d_attn``.

    Parameters
    ----------
    n_params
        Parameters used per token (for a mixture of experts: the *active* parameters, chapter 7).
    context
        Number of positions the token attends to (0 ignores attention, the usual ``2N`` rule).
    n_layers, d_attn
        Needed when ``context > 0``.

    Examples
    --------
    >>> inference_flops_per_token(70e9)
    140000000000.0
    """
    n = positive(n_params, "n_params", unit="parameters")
    ctx = non_negative(context, "context")
    attn = 0.0
    if ctx > 0:
        if n_layers is None or d_attn is None:
            raise ValueError("pass n_layers and d_attn to include the attention term (context > 0).")
        attn = 4.0 * positive_int(n_layers, "n_layers") * ctx * positive_int(d_attn, "d_attn")
    out = 2.0 * np.asarray(n) + attn
    return float(out) if np.ndim(out) == 0 else out


def generation_flops(
    n_params: float,
    prompt_tokens: int,
    generated_tokens: int,
    *,
    n_samples: int = 1,
    n_layers: int | None = None,
    d_attn: int | None = None,
) -> float:
    """FLOPs to read a prompt and generate ``generated_tokens`` tokens, ``n_samples`` times.

    ``2 N (prompt + generated) n_samples``, plus, when ``n_layers`` and ``d_attn`` are
    given, the attention term with a KV cache: the token at position ``t`` (1-based) attends to ``t``
    positions, ``4 n_layers d_attn T (T + 1) / 2`` per sample with ``T = prompt + generated``.
    Re-using the prompt's KV cache across samples would save ``(n_samples - 1)`` prompt passes.

    Examples
    --------
    >>> generation_flops(70e9, 0, 100)     # a 70B model writing 100 tokens: 1.4e13 FLOPs
    14000000000000.0
    """
    n = positive_scalar(n_params, "n_params", unit="parameters")
    p = non_negative(prompt_tokens, "prompt_tokens")
    g = non_negative(generated_tokens, "generated_tokens")
    k = positive_int(n_samples, "n_samples")
    total_tokens = p + g
    if total_tokens == 0:
        raise ValueError("prompt_tokens + generated_tokens must be > 0.")
    flops = 2.0 * n * total_tokens
    if n_layers is not None or d_attn is not None:
        if n_layers is None or d_attn is None:
            raise ValueError("pass both n_layers and d_attn to include attention, or neither.")
        flops += (
            4.0
            * positive_int(n_layers, "n_layers")
            * positive_int(d_attn, "d_attn")
            * total_tokens
            * (total_tokens + 1)
            / 2.0
        )
    return k * flops


def kv_cache_bytes_per_token(cfg: TransformerConfig, bytes_per_value: float = 2) -> float:
    """KV-cache size per token: ``2 x n_layers x n_kv_heads x head_dim x bytes_per_value``.

    Examples
    --------
    >>> from scaling_helpers.compute import LLAMA2_70B
    >>> kv_cache_bytes_per_token(LLAMA2_70B)    # bf16, GQA with 8 KV heads: 320 KiB
    327680.0
    """
    if not isinstance(cfg, TransformerConfig):
        raise ValueError(f"cfg must be a TransformerConfig; got {type(cfg).__name__}.")
    b = positive_scalar(bytes_per_value, "bytes_per_value", unit="bytes")
    return 2.0 * cfg.n_layers * cfg.d_kv * b


def kv_cache_bytes(
    cfg: TransformerConfig, n_tokens: float, *, batch_size: int = 1, bytes_per_value: float = 2
) -> float:
    """KV cache for ``batch_size`` sequences of ``n_tokens`` tokens each, in bytes."""
    t = positive_scalar(n_tokens, "n_tokens", unit="tokens")
    return kv_cache_bytes_per_token(cfg, bytes_per_value) * t * positive_int(batch_size, "batch_size")


def weights_memory_bytes(n_params: ArrayLike, precision: str | float = "bf16") -> Number:
    """Memory for the weights alone: ``n_params x bits / 8`` bytes.

    Parameters
    ----------
    n_params
        Parameter count(s).
    precision
        ``"fp32"``, ``"bf16"``/``"fp16"``, ``"int8"``/``"fp8"``, ``"int4"``, or a number of bits per value.

    Examples
    --------
    >>> [weights_memory_bytes(70e9, p) / 1e9 for p in ("fp32", "bf16", "int8", "int4")]
    [280.0, 140.0, 70.0, 35.0]
    """
    n = positive(n_params, "n_params", unit="parameters")
    out = np.asarray(n) * _bits(precision) / 8.0
    return float(out) if np.ndim(out) == 0 else out


@dataclass(frozen=True)
class TrainingMemory:
    """Training memory in bytes, by component (no sharding: divide by the data-parallel degree under ZeRO-3).

    Attributes
    ----------
    weights, gradients, master_weights, optimizer_states, activations
        Bytes for each component.
    total
        Their sum.
    bytes_per_param
        ``(total - activations) / n_params``: 16 for mixed-precision Adam.
    """

    weights: float
    gradients: float
    master_weights: float
    optimizer_states: float
    activations: float
    total: float
    bytes_per_param: float

    def as_dict(self) -> dict[str, float]:
        """The breakdown as a plain ``dict``."""
        return asdict(self)

    @property
    def total_gb(self) -> float:
        """Total in decimal gigabytes."""
        return self.total / GB


def training_memory(
    n_params: float,
    *,
    weight_bytes: float = 2,
    gradient_bytes: float = 2,
    master_bytes: float = 4,
    optimizer_bytes: float = 8,
    activation_bytes: float = 0.0,
) -> TrainingMemory:
    """Memory to train ``n_params`` parameters with Adam; the defaults are mixed precision.

    Defaults: bf16/fp16 weights (2 B) and gradients (2 B), fp32 master copy (4 B), Adam momentum and
    variance in fp32 (8 B): **16 bytes per parameter** (ZeRO, Rajbhandari et al. 2020, Sec. 3.1).
    Other schemes: pure fp32 Adam ``weight_bytes=4, gradient_bytes=4, master_bytes=0`` (also 16);
    nanoGPT's checkpoint (fp32 weights + two AdamW buffers, no gradients)
    ``weight_bytes=4, gradient_bytes=0, master_bytes=0`` (12; nanoGPT ``transformer_sizing.ipynb``).

    Parameters
    ----------
    n_params
        Parameter count (> 0).
    weight_bytes, gradient_bytes, master_bytes, optimizer_bytes
        Bytes per parameter for each component (>= 0).
    activation_bytes
        Activation memory in bytes, e.g. from :func:`activation_memory_bytes` (default 0: not counted).
    """
    n = positive_scalar(n_params, "n_params", unit="parameters")
    parts = {
        "weights": non_negative(weight_bytes, "weight_bytes") * n,
        "gradients": non_negative(gradient_bytes, "gradient_bytes") * n,
        "master_weights": non_negative(master_bytes, "master_bytes") * n,
        "optimizer_states": non_negative(optimizer_bytes, "optimizer_bytes") * n,
    }
    act = non_negative(activation_bytes, "activation_bytes")
    states = sum(parts.values())
    return TrainingMemory(**parts, activations=act, total=states + act, bytes_per_param=states / n)


def activation_memory_per_layer_bytes(
    cfg: TransformerConfig, seq_len: int, micro_batch: int, *, recompute: str = "none"
) -> float:
    """Activation memory one transformer layer keeps for the backward pass, in bytes (16-bit activations).

    Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models"
    (arXiv:2205.05198), with ``s`` = seq_len, ``b`` = micro-batch, ``h`` = d_model, ``a`` = heads and no
    tensor or sequence parallelism:

    * ``recompute="none"``: ``s b h (34 + 5 a s / h)`` (Sec. 4.1, Eq. 1). The 34 is the attention block's
      ``11 s b h``, the MLP's ``19 s b h`` and the two LayerNorms' ``4 s b h``; the ``5 a s^2 b`` part is the
      attention scores, softmax output and dropout mask, quadratic in ``s``.
    * ``"selective"``: ``34 s b h`` (Sec. 5): recompute only the score/softmax/dropout part, which costs
      little compute and most of the memory at long sequences (fused attention such as FlashAttention
      never stores the scores either).
    * ``"full"``: ``2 s b h`` (Sec. 5): keep only each layer's 16-bit input and recompute the whole layer
      in the backward pass (one extra forward pass).

    The constants assume the GPT layout (d_ff = 4 d_model, multi-head attention); for other layouts
    treat the result as an order-of-magnitude estimate.

    Examples
    --------
    >>> from scaling_helpers.compute import GPT3_175B
    >>> [round(activation_memory_per_layer_bytes(GPT3_175B, 2048, 1, recompute=r) / 1e9, 3)
    ...  for r in ("none", "selective", "full")]
    [2.869, 0.856, 0.05]
    """
    if not isinstance(cfg, TransformerConfig):
        raise ValueError(f"cfg must be a TransformerConfig; got {type(cfg).__name__}.")
    s = positive_int(seq_len, "seq_len")
    b = positive_int(micro_batch, "micro_batch")
    h, a = cfg.d_model, cfg.n_heads
    if recompute == "none":
        return float(s * b * h * (34 + 5 * a * s / h))
    if recompute == "selective":
        return 34.0 * s * b * h
    if recompute == "full":
        return 2.0 * s * b * h
    raise ValueError(f"recompute must be 'none', 'selective' or 'full'; got {recompute!r}.")


def activation_memory_bytes(
    cfg: TransformerConfig, seq_len: int, micro_batch: int, *, recompute: str = "none"
) -> float:
    """Activation memory of one micro-batch over all layers: ``n_layers x`` the per-layer figure.

    See :func:`activation_memory_per_layer_bytes` for the formulas and their source (Korthikanti et al.
    2022, arXiv:2205.05198, Sec. 4.1, Eq. 1 and Sec. 5). Logits and embeddings are not included.
    """
    per_layer = activation_memory_per_layer_bytes(cfg, seq_len, micro_batch, recompute=recompute)
    return float(cfg.n_layers * per_layer)
