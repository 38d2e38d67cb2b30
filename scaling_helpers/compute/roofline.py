"""Rooflines and arithmetic intensity: when is an operation compute-bound, when memory-bound?

A chip does at most ``peak`` FLOP/s and moves at most ``bandwidth`` bytes/s between its high-bandwidth
memory (HBM) and its compute units. An operation that does ``F`` FLOPs and moves ``Q`` bytes has the
**arithmetic intensity** ``I = F / Q`` (FLOPs per byte) and can run at most at

``attainable(I) = min(peak, bandwidth x I)``  (the roofline).

The two limits meet at the **ridge point** ``I* = peak / bandwidth``: below it the operation is
**memory-bound** (the compute units wait for data, MFU cannot exceed ``I / I*``), above it
**compute-bound**. With the dense bf16 peaks and HBM bandwidths of :data:`~scaling_helpers.compute.ACCELERATORS`
(NVIDIA's A100 80GB and H100 datasheets), ``I*`` is 312e12 / 2.039e12 = 153 FLOP/byte on an A100 SXM and
989.4e12 / 3.35e12 = 295 FLOP/byte on an H100 SXM.

Three operations of a transformer, in 16-bit numbers:

* a matrix multiply ``(m x k) @ (k x n)``: ``2 m k n`` FLOPs, ``(m k + k n + m n)`` values moved;
* attention during prefill, fused as in FlashAttention (the ``s x s`` scores never leave the chip):
  ``4 s^2 d_head`` FLOPs per head and sequence (scores and weighted values, full count), ``4 s d_head``
  values moved (Q, K, V read, output written), so ``I = s / bytes_per_value``;
* decoding one token per sequence at batch ``B``: ``2 N B`` FLOPs (plus the attention term) while every
  weight is read once (``N x bytes`` bytes) and each sequence's KV cache once. With bf16 weights and a
  short context ``I ≈ B``: decoding stays memory-bound until the batch reaches the ridge point.

Pope et al. 2022 ("Efficiently Scaling Transformer Inference", arXiv:2211.05102, abstract) report exactly
this split on PaLM 540B: 29 ms per token at low batch size (with int8 weights, which halve the bytes read)
and 76% MFU when processing input tokens at large batch size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import Number, non_negative, positive, positive_int, positive_scalar
from .config import TransformerConfig
from .hardware import ACCELERATORS, Accelerator, get_accelerator
from .inference import inference_flops_per_token, kv_cache_bytes, weights_memory_bytes
from .params import count_parameters

__all__ = [
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
]

Bound = Literal["memory", "compute"]


def hbm_bandwidth(gpu: str | Accelerator) -> float:
    """Peak HBM bandwidth of an accelerator in bytes/s (A100 SXM 80GB: 2.039e12; H100 SXM: 3.35e12).

    Raises ``ValueError`` for a catalogue entry without a sourced bandwidth.
    """
    acc = get_accelerator(gpu)
    if acc.memory_bandwidth is None:
        with_bw = sorted(k for k, a in ACCELERATORS.items() if a.memory_bandwidth is not None)
        raise ValueError(
            f"{acc.name} has no memory bandwidth in the catalogue; use one of {with_bw} or build an "
            "Accelerator with memory_bandwidth=... (bytes/s)."
        )
    return positive_scalar(acc.memory_bandwidth, "memory_bandwidth", unit="bytes/s")


def ridge_point(gpu: str | Accelerator) -> float:
    """Arithmetic intensity at which the roofline turns flat: ``dense peak FLOP/s / HBM bandwidth``.

    Examples
    --------
    >>> round(ridge_point("A100")), round(ridge_point("H100"))
    (153, 295)
    """
    acc = get_accelerator(gpu)
    return acc.peak_flops / hbm_bandwidth(acc)


def attainable_flops(intensity: ArrayLike, gpu: str | Accelerator) -> Number:
    """The roofline: ``min(peak, bandwidth x intensity)`` FLOP/s at the given intensity (FLOP/byte).

    Examples
    --------
    >>> attainable_flops(1.0, "H100") / 1e12      # 1 FLOP per byte: 3.35 TFLOP/s of 989
    3.35
    """
    i = positive(intensity, "intensity", unit="FLOP/byte")
    acc = get_accelerator(gpu)
    out = np.minimum(acc.peak_flops, hbm_bandwidth(acc) * np.asarray(i))
    return float(out) if np.ndim(out) == 0 else out


def bound_by(intensity: float, gpu: str | Accelerator) -> Bound:
    """``"memory"`` below the ridge point, ``"compute"`` at or above it."""
    i = positive_scalar(intensity, "intensity", unit="FLOP/byte")
    return "memory" if i < ridge_point(gpu) else "compute"


@dataclass(frozen=True)
class OperationIntensity:
    """FLOPs and bytes moved of one operation, and its arithmetic intensity.

    Attributes
    ----------
    name
        Short description, used in figure labels.
    flops
        Floating-point operations.
    bytes_moved
        Bytes read from and written to HBM.
    """

    name: str
    flops: float
    bytes_moved: float

    @property
    def intensity(self) -> float:
        """FLOPs per byte moved."""
        return self.flops / self.bytes_moved

    def bound(self, gpu: str | Accelerator) -> Bound:
        """``"memory"`` or ``"compute"`` on ``gpu`` (see :func:`bound_by`)."""
        return bound_by(self.intensity, gpu)

    def attainable(self, gpu: str | Accelerator) -> float:
        """Roofline FLOP/s on ``gpu``."""
        return float(attainable_flops(self.intensity, gpu))

    def max_utilisation(self, gpu: str | Accelerator) -> float:
        """Upper bound on the fraction of the dense peak this operation can use: ``min(1, I / I*)``."""
        return min(1.0, self.intensity / ridge_point(gpu))

    def seconds(self, gpu: str | Accelerator) -> float:
        """Lower bound on its run time: ``max(flops / peak, bytes / bandwidth)``."""
        acc = get_accelerator(gpu)
        return max(self.flops / acc.peak_flops, self.bytes_moved / hbm_bandwidth(acc))


def matmul_intensity(m: int, k: int, n: int, *, bytes_per_value: float = 2) -> OperationIntensity:
    """``(m x k) @ (k x n)``: ``2 m k n`` FLOPs; both inputs read and the output written once.

    Examples
    --------
    >>> round(matmul_intensity(4096, 4096, 4096).intensity)      # square bf16 matmul: n / 3
    1365
    >>> round(matmul_intensity(8, 8192, 8192).intensity, 2)      # 8 tokens through an 8192-wide layer
    7.98
    """
    mm, kk, nn = (positive_int(v, name) for v, name in ((m, "m"), (k, "k"), (n, "n")))
    b = positive_scalar(bytes_per_value, "bytes_per_value", unit="bytes")
    return OperationIntensity(
        f"matmul {mm}x{kk} @ {kk}x{nn}", 2.0 * mm * kk * nn, float(mm * kk + kk * nn + mm * nn) * b
    )


def attention_prefill_intensity(seq_len: int, head_dim: int, *, bytes_per_value: float = 2) -> OperationIntensity:
    """Fused attention of one head over one sequence of ``seq_len`` tokens (prefill, FlashAttention-style).

    ``4 s^2 d_head`` FLOPs (``Q K^T`` and the weighted sum of ``V``, full count as in Chinchilla's App. F)
    and ``4 s d_head`` values moved (Q, K, V read, the output written; the scores stay on chip), so the
    intensity is ``s / bytes_per_value``. An implementation that writes the ``s x s`` scores to HBM moves
    far more bytes.

    Examples
    --------
    >>> attention_prefill_intensity(2048, 128).intensity
    1024.0
    """
    s = positive_int(seq_len, "seq_len")
    d = positive_int(head_dim, "head_dim")
    b = positive_scalar(bytes_per_value, "bytes_per_value", unit="bytes")
    return OperationIntensity(f"attention prefill, {s} tokens", 4.0 * s * s * d, 4.0 * s * d * b)


def decode_intensity(
    cfg: TransformerConfig,
    batch_size: int,
    *,
    context: float = 0,
    weight_precision: str | float = "bf16",
    kv_bytes_per_value: float = 2,
) -> OperationIntensity:
    """One decoding step: each of ``batch_size`` sequences generates one token.

    FLOPs: ``batch_size x`` :func:`~scaling_helpers.compute.inference_flops_per_token` (``2N`` plus, for a
    context, the attention term ``4 n_layers context d_attn``). Bytes: all weights once
    (:func:`~scaling_helpers.compute.weights_memory_bytes`) plus every sequence's KV cache of ``context``
    tokens (:func:`~scaling_helpers.compute.kv_cache_bytes`). Activations are ignored (they are tiny).
    ``N`` is the total parameter count of ``cfg``.

    With bf16 weights and ``context = 0`` the intensity is exactly ``batch_size``: the weights are read
    once and used by every sequence of the batch. The KV cache is read per sequence, so it does not get
    cheaper with the batch: its part of the step has intensity ``n_heads / n_kv_heads`` whatever the batch.

    Examples
    --------
    >>> from scaling_helpers.compute import LLAMA2_70B
    >>> decode_intensity(LLAMA2_70B, 8).intensity
    8.0
    """
    if not isinstance(cfg, TransformerConfig):
        raise ValueError(f"cfg must be a TransformerConfig; got {type(cfg).__name__}.")
    b = positive_int(batch_size, "batch_size")
    ctx = non_negative(context, "context")
    n = float(count_parameters(cfg).total)
    flops = b * float(inference_flops_per_token(n, context=ctx, n_layers=cfg.n_layers, d_attn=cfg.d_attn))
    moved = float(weights_memory_bytes(n, weight_precision))
    if ctx > 0:
        moved += kv_cache_bytes(cfg, ctx, batch_size=b, bytes_per_value=kv_bytes_per_value)
    label = f"decode {cfg.name or 'model'}, batch {b}" + (f", {ctx:,.0f}-token context" if ctx else "")
    return OperationIntensity(label, flops, moved)


def decode_batch_at_ridge(gpu: str | Accelerator, *, weight_precision: str | float = "bf16") -> int:
    """Smallest batch whose decoding step (short context, no KV cache) reaches the ridge point.

    The intensity of a step is ``2 B / bytes_per_weight``, so ``B = ceil(I* x bytes_per_weight / 2)``:
    about the ridge point itself for bf16 weights, half of it for int8.

    Examples
    --------
    >>> decode_batch_at_ridge("A100"), decode_batch_at_ridge("H100")
    (154, 296)
    """
    bytes_per_weight = float(weights_memory_bytes(1.0, weight_precision))
    return int(np.ceil(ridge_point(gpu) * bytes_per_weight / 2.0 - 1e-9))
