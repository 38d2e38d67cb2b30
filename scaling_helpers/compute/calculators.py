"""Pure calculators behind the chapter-4 widgets: training time and cost, and memory.

Both functions only combine the formulas of :mod:`~scaling_helpers.compute.flops`,
:mod:`~scaling_helpers.compute.hardware` and :mod:`~scaling_helpers.compute.inference`; the widgets in
:mod:`scaling_helpers.compute.widgets` call them on every slider move, and the lecture calls them once
without a widget.

Examples
--------
>>> est = estimate_training_cost(70e9, 1.4e12, gpu="A100", n_gpus=2048, mfu=0.5)
>>> round(est.days, 1)       # the often-quoted "~21 days on 2048 A100" needs about 50% MFU
21.3
>>> estimate_memory(70e9, precision="bf16", optimizer="adam").bytes_per_param
16.0
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..common.units import format_count
from ..common.validate import positive_int, positive_scalar
from .config import NAMED_CONFIGS, TransformerConfig
from .flops import training_flops_6nd
from .hardware import Accelerator, get_accelerator, training_time
from .inference import GB, PRECISION_BITS, kv_cache_bytes

__all__ = [
    "peak_is_approximate",
    "CostEstimate",
    "estimate_training_cost",
    "OPTIMIZERS",
    "MemoryEstimate",
    "estimate_memory",
]


def _sig(x: float, digits: int = 3) -> str:
    """Three significant digits, without an exponent below a million: ``1104.2 -> '1,100'``."""
    rounded = float(f"{x:.{digits}g}")
    return f"{rounded:,g}" if 1e-3 <= abs(rounded) < 1e6 else f"{x:.{digits}g}"


def _money(x: float) -> str:
    """``$825k``, ``$5.58M``: three significant digits and a suffix."""
    for scale, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if x >= scale:
            return f"${x / scale:.3g}{suffix}"
    return f"${x:.3g}"


def _table(rows: list[tuple[str, str]], title: str) -> str:
    body = "".join(
        f"<tr><td style='padding:1px 10px 1px 0'>{html.escape(k)}</td>"
        f"<td style='text-align:right'><b>{html.escape(v)}</b></td></tr>"
        for k, v in rows
    )
    return f"<div><b>{html.escape(title)}</b><table style='border-collapse:collapse'>{body}</table></div>"


# --------------------------------------------------------------------------------------------
# Training time and cost
# --------------------------------------------------------------------------------------------


def peak_is_approximate(gpu: str | Accelerator) -> bool:
    """True if the accelerator's peak is an assumption rather than a figure its maker publishes.

    Only the H800's peak is assumed (NVIDIA publishes no dense BF16 figure for it; the course takes the
    H100 SXM's, see :data:`~scaling_helpers.compute.ACCELERATORS`). Show such a peak as approximate.
    """
    return get_accelerator(gpu).peak_assumed


@dataclass(frozen=True)
class CostEstimate:
    """A training run planned with ``C = 6ND`` and ``time = C / (n_gpus x dense peak x MFU)``.

    Attributes
    ----------
    n_params, n_tokens
        Parameters N and training tokens D.
    flops
        ``6 N D``.
    gpu
        Accelerator name (catalogue key).
    peak_flops
        Its dense 16-bit peak in FLOP/s.
    peak_approximate
        True when that peak is an assumption, not a published figure (:func:`peak_is_approximate`).
    n_gpus
        Number of accelerators.
    mfu
        Model FLOPs utilisation, a fraction.
    price_per_gpu_hour
        Assumed price of one accelerator-hour (any currency; dollars in the text).
    seconds, days, gpu_hours, cost
        Wall-clock seconds and days, accelerator-hours, and ``gpu_hours x price_per_gpu_hour``.
    """

    n_params: float
    n_tokens: float
    flops: float
    gpu: str
    peak_flops: float
    peak_approximate: bool
    n_gpus: int
    mfu: float
    price_per_gpu_hour: float
    seconds: float
    days: float
    gpu_hours: float
    cost: float

    def line(self) -> str:
        """One deterministic line with rounded numbers (for printing)."""
        return (
            f"6ND = {self.flops:.3g} FLOPs on {self.n_gpus} x {self.gpu} at {self.mfu:.0%} MFU: "
            f"{_sig(self.days)} days, {_sig(self.gpu_hours)} GPU-hours, {_money(self.cost)} "
            f"at ${self.price_per_gpu_hour:.2f}/GPU-hour"
        )

    def html(self) -> str:
        """A small HTML table of the inputs' consequences (for the widget)."""
        rows = [
            ("training compute 6ND", f"{self.flops:.3g} FLOPs"),
            ("cluster peak (dense" + (", approximate)" if self.peak_approximate else ")"),
             f"{self.n_gpus * self.peak_flops:.3g} FLOP/s"),
            ("achieved at this MFU", f"{self.n_gpus * self.peak_flops * self.mfu:.3g} FLOP/s"),
            ("wall-clock time", f"{_sig(self.days)} days"),
            ("accelerator-hours", f"{_sig(self.gpu_hours)} GPU-hours"),
            ("cost", f"{_money(self.cost)} at ${self.price_per_gpu_hour:.2f}/GPU-hour"),
        ]
        return _table(rows, f"{format_count(self.n_params)} parameters x {format_count(self.n_tokens)} tokens")


def estimate_training_cost(
    n_params: float,
    n_tokens: float,
    *,
    gpu: str = "A100",
    n_gpus: int = 1024,
    mfu: float = 0.4,
    price_per_gpu_hour: float = 2.0,
) -> CostEstimate:
    """Days, accelerator-hours and cost of training ``n_params`` parameters on ``n_tokens`` tokens.

    Parameters
    ----------
    n_params
        Parameters N (> 0); total parameters as in Chinchilla, or active ones for a mixture of experts.
    n_tokens
        Training tokens D (> 0).
    gpu
        Accelerator name from :data:`~scaling_helpers.compute.ACCELERATORS` (dense peaks: A100 312,
        H100-SXM 989.4 TFLOP/s).
    n_gpus
        Number of accelerators (a positive integer).
    mfu
        Model FLOPs utilisation as a fraction in (0, 1]: 0.4, not 40. Large runs reach 0.35-0.45
        (Llama 3 405B: 38-43%, Llama 3 paper, arXiv:2407.21783, Table 4).
    price_per_gpu_hour
        Assumed rental price of one accelerator-hour. There is no single true value: it depends on the
        provider, the contract and the year. $2 is DeepSeek-V3's assumption for an H800 (DeepSeek-AI 2024,
        arXiv:2412.19437, Sec. 1, Table 1).

    Returns
    -------
    CostEstimate
        Uses :func:`~scaling_helpers.compute.training_flops_6nd` and
        :func:`~scaling_helpers.compute.training_time`, so its numbers match theirs exactly.
    """
    flops = float(training_flops_6nd(n_params, n_tokens))
    t = training_time(flops, n_gpus, gpu, mfu)
    price = positive_scalar(price_per_gpu_hour, "price_per_gpu_hour", unit="per GPU-hour")
    return CostEstimate(
        n_params=float(n_params),
        n_tokens=float(n_tokens),
        flops=flops,
        gpu=t.gpu,
        peak_flops=get_accelerator(gpu).peak_flops,
        peak_approximate=peak_is_approximate(gpu),
        n_gpus=t.n_gpus,
        mfu=t.mfu,
        price_per_gpu_hour=price,
        seconds=t.seconds,
        days=t.days,
        gpu_hours=t.gpu_hours,
        cost=t.gpu_hours * price,
    )


# --------------------------------------------------------------------------------------------
# Memory
# --------------------------------------------------------------------------------------------

#: Bytes per parameter *besides the weights* for each optimizer setting:
#: ``(gradients, fp32 master copy, optimizer states)``. ``None`` for gradients means "same precision as
#: the weights"; the master copy is only kept when the weights are not already fp32.
#: Adam keeps two fp32 moments (8 B); SGD with momentum one (4 B). Mixed-precision Adam with 16-bit
#: weights is the ZeRO paper's 2 + 2 + 12 = 16 bytes per parameter (Rajbhandari et al. 2020,
#: arXiv:1910.02054, Sec. 3.1: ``2Ψ + 2Ψ + KΨ`` bytes with ``K = 12``).
OPTIMIZERS: dict[str, tuple[float | None, float, float]] = {
    "none": (0.0, 0.0, 0.0),
    "sgd-momentum": (None, 4.0, 4.0),
    "adam": (None, 4.0, 8.0),
}

_TRAINABLE = {"fp32", "float32", "tf32", "fp16", "float16", "bf16", "bfloat16"}


@dataclass(frozen=True)
class MemoryEstimate:
    """Memory of a model in bytes, by component (one replica, no sharding, no activations).

    Attributes
    ----------
    name
        Model name (or ``""`` for a bare parameter count).
    n_params
        Parameters.
    precision
        Number format of the weights.
    optimizer
        ``"none"`` (inference), ``"sgd-momentum"`` or ``"adam"``.
    weights, gradients, master_weights, optimizer_states
        Bytes of each component (0 when not used).
    kv_cache
        KV-cache bytes for ``context_tokens x batch_size`` tokens (0 without a config).
    context_tokens, batch_size
        What the KV cache is sized for.
    total
        Sum of all components.
    bytes_per_param
        ``(weights + gradients + master_weights + optimizer_states) / n_params``.
    """

    name: str
    n_params: float
    precision: str
    optimizer: str
    weights: float
    gradients: float
    master_weights: float
    optimizer_states: float
    kv_cache: float
    context_tokens: int
    batch_size: int
    total: float
    bytes_per_param: float

    def components(self) -> dict[str, float]:
        """The non-zero components in bytes, in a fixed order (for tables and bar charts)."""
        parts = {
            "weights": self.weights,
            "gradients": self.gradients,
            "fp32 master weights": self.master_weights,
            "optimizer states": self.optimizer_states,
            "KV cache": self.kv_cache,
        }
        return {k: v for k, v in parts.items() if v > 0}

    def gpus_needed(self, gpu_memory_bytes: float = 80e9) -> int:
        """Accelerators needed just to *hold* this (``ceil(total / memory)``), ignoring activations."""
        mem = positive_scalar(gpu_memory_bytes, "gpu_memory_bytes", unit="bytes")
        return max(1, -int(-self.total // mem))

    def line(self) -> str:
        """One deterministic line with rounded numbers (for printing)."""
        parts = ", ".join(f"{k} {_sig(v / GB)} GB" for k, v in self.components().items())
        what = self.name or f"{self.n_params:.3g} params"
        return f"{what}, {self.precision}, optimizer {self.optimizer}: {parts}; total {_sig(self.total / GB)} GB"

    def html(self) -> str:
        """A small HTML table (for the widget)."""
        rows = [(k, f"{_sig(v / GB)} GB") for k, v in self.components().items()]
        rows.append(("total (before activations)", f"{_sig(self.total / GB)} GB"))
        rows.append(("bytes per parameter (no KV cache)", f"{self.bytes_per_param:.3g}"))
        rows.append(("80 GB GPUs just to hold it", f"{self.gpus_needed()}"))
        title = f"{self.name or 'model'} ({format_count(self.n_params)} parameters)"
        return _table(rows, title)


def _resolve_model(model: TransformerConfig | str | float) -> tuple[str, float, TransformerConfig | None]:
    from .params import count_parameters

    if isinstance(model, TransformerConfig):
        return model.name, float(count_parameters(model).total), model
    if isinstance(model, str):
        if model not in NAMED_CONFIGS:
            raise ValueError(f"unknown model {model!r}; use one of {sorted(NAMED_CONFIGS)}, a TransformerConfig "
                             "or a parameter count.")
        cfg = NAMED_CONFIGS[model]
        return cfg.name, float(count_parameters(cfg).total), cfg
    return "", positive_scalar(model, "model (a parameter count)", unit="parameters"), None


def estimate_memory(
    model: TransformerConfig | str | float,
    *,
    precision: str = "bf16",
    optimizer: str = "none",
    context_tokens: int = 0,
    batch_size: int = 1,
    kv_precision: str = "bf16",
) -> MemoryEstimate:
    """Memory for the weights, gradients, optimizer states and KV cache of one model replica.

    Parameters
    ----------
    model
        A :class:`~scaling_helpers.compute.TransformerConfig`, a key of
        :data:`~scaling_helpers.compute.NAMED_CONFIGS` (e.g. ``"llama2-70b"``), or a parameter count.
        The KV cache needs a config (its layers and key/value heads).
    precision
        Format of the weights: ``"fp32"`` (4 bytes), ``"bf16"``/``"fp16"`` (2), ``"int8"``/``"fp8"`` (1),
        ``"int4"`` (0.5). Quantised formats are for inference only (their per-group scales, a few %, are
        not counted).
    optimizer
        ``"none"`` (inference: weights only), ``"sgd-momentum"`` or ``"adam"``. Training keeps gradients in
        the weights' precision and, with 16-bit weights, an fp32 master copy (4 B) besides fp32 optimizer
        moments (Adam 8 B, momentum 4 B): mixed-precision Adam is **16 bytes per parameter**.
    context_tokens, batch_size
        Size the KV cache for ``batch_size`` sequences of ``context_tokens`` tokens (0: no KV cache).
        Inference only: with an optimizer, ``context_tokens`` must be 0.
    kv_precision
        Number format of the cached keys and values (default bf16, 2 bytes).

    Notes
    -----
    Activations are not included (they depend on batch, sequence length and recomputation; see
    :func:`~scaling_helpers.compute.activation_memory_bytes`), nor is sharding: ZeRO-3 or FSDP divide the
    weight, gradient and optimizer memory by the number of data-parallel replicas.
    """
    name, n, cfg = _resolve_model(model)
    if not isinstance(precision, str) or precision.lower() not in PRECISION_BITS:
        raise ValueError(f"precision must be one of {sorted(PRECISION_BITS)}; got {precision!r}.")
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {sorted(OPTIMIZERS)}; got {optimizer!r}.")
    p = precision.lower()
    w_bytes = PRECISION_BITS[p] / 8.0
    grad, master, states = OPTIMIZERS[optimizer]
    if optimizer != "none":
        if p not in _TRAINABLE:
            raise ValueError(
                f"training with {precision} weights is not modelled: train in fp32 or bf16/fp16 (mixed "
                "precision) and quantise afterwards, or use optimizer='none' for inference."
            )
        grad = w_bytes if grad is None else grad
        if w_bytes >= 4:  # fp32 weights are their own master copy
            master = 0.0
    ctx = 0 if context_tokens == 0 else positive_int(context_tokens, "context_tokens")
    batch = positive_int(batch_size, "batch_size")
    kv = 0.0
    if ctx and optimizer != "none":
        raise ValueError("the KV cache is an inference-time cost (generation re-uses past keys and values); "
                         "use context_tokens=0 with an optimizer, or optimizer='none' for inference.")
    if ctx:
        if cfg is None:
            raise ValueError("the KV cache needs the model's shape: pass a TransformerConfig or a named model "
                             "instead of a bare parameter count, or set context_tokens=0.")
        kp = kv_precision.lower() if isinstance(kv_precision, str) else kv_precision
        if kp not in PRECISION_BITS:
            raise ValueError(f"kv_precision must be one of {sorted(PRECISION_BITS)}; got {kv_precision!r}.")
        kv = kv_cache_bytes(cfg, ctx, batch_size=batch, bytes_per_value=PRECISION_BITS[kp] / 8.0)
    parts = (w_bytes * n, float(grad) * n, master * n, states * n)
    states_total = sum(parts)
    return MemoryEstimate(
        name=name,
        n_params=n,
        precision=p,
        optimizer=optimizer,
        weights=parts[0],
        gradients=parts[1],
        master_weights=parts[2],
        optimizer_states=parts[3],
        kv_cache=kv,
        context_tokens=ctx,
        batch_size=batch,
        total=states_total + kv,
        bytes_per_param=states_total / n,
    )
