"""Precision as a scaling axis: what low-precision numbers cost in loss and what they buy in speed.

**Loss (Kumar et al. 2024, "Scaling Laws for Precision", arXiv:2411.04330, ICLR 2025).** Training in lower
precision reduces the model's *effective parameter count*. With weights, activations and the KV cache trained
in ``P_w``, ``P_a`` and ``P_kv`` bits, their Eq. 4 (Finding 2, Sec. 4.2) multiplies one saturating factor per
part:

``N_eff = N (1 - exp(-P_w / gamma_w)) (1 - exp(-P_a / gamma_a)) (1 - exp(-P_kv / gamma_kv))``

and the loss is Chinchilla's with ``N_eff`` in place of ``N``: ``L = A N_eff^-alpha + B D^-beta + E``
(Finding 2; Eq. 3 is the weights-only case). Post-training quantisation (PTQ) of the weights of a model
trained in BF16 or above to ``P_post`` bits adds (Eq. 2, Finding 1, Sec. 3.1)

``delta_PTQ(N, D, P_post) = C_T (D^gamma_D / N^gamma_N) exp(-P_post / gamma_post)``,

which grows with the data: "there exists an amount of pretraining data beyond which additional data is
actively harmful to performance at inference-time" (Sec. 3.1); its Appendix E.1 (Eq. 12-13) solves for that
critical data size (:func:`tokens_where_more_data_hurts`). Their Eq. 8-9 (Sec. 5) modify ``delta_PTQ`` for
models *trained* in low precision; that form is not implemented here.

The fits (Sec. 2.3) use OLMo-style models of N in {30, 60, 110, 220} million non-embedding parameters on
D in {1.5, 3, 6, 13, 26} billion tokens of Dolma V1.7 ("465 language models in 3 to 16 bit precisions",
Sec. 1), integer fake quantisation of the forward pass (App. D.1, D.3), validated "on model sizes up to 1.7B
parameters trained on up to 26B tokens" (abstract). Their fitted constants are :data:`KUMAR2024_TABLE2`
(App. K, Table 2), which the paper says "are unlikely to be useful" outside its setup and which include
offset terms the main-text forms leave out; every function here therefore takes its constants as arguments.
With all three parts at one precision ``P`` and the cost model ``C = (6/16) N D P`` (Eq. 5), the paper finds
"7-8 bits are compute-optimal" (Finding 3, Sec. 4.3.2; :data:`KUMAR2024_OPTIMAL_TRAINING_BITS`);
:func:`compute_optimal_training_bits` solves the same problem from its Appendix E.2.3 for a given ``gamma``.

**Speed (the roofline of :mod:`~scaling_helpers.compute.roofline`).** Weight-only quantisation (W8A16,
W4A16) shrinks the bytes a decoding step reads, so a *memory-bound* step gets faster by at most the bytes
ratio (16/8 = 2x, 16/4 = 4x, less once the KV cache is a large part of the bytes). The weights are
de-quantised to bf16 before the multiply, so a *compute-bound* step (prefill of a long prompt, decoding at
a large batch) gains nothing. Only when the activations are quantised too (W8A8) *and* the chip has
faster low-precision tensor cores does the compute roof rise: NVIDIA's datasheets print dense INT8 at
twice the dense BF16 peak on the A100 and dense FP8/INT8 at twice BF16 on the H100
(:data:`LOW_PRECISION_PEAKS`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import Number, positive, positive_int, positive_scalar
from .config import TransformerConfig
from .hardware import Accelerator, get_accelerator
from .inference import inference_flops_per_token, kv_cache_bytes, weights_memory_bytes
from .params import count_parameters
from .roofline import hbm_bandwidth

__all__ = [
    "KUMAR2024_TABLE2",
    "KUMAR2024_OPTIMAL_TRAINING_BITS",
    "KUMAR2024_MODEL_SIZES",
    "KUMAR2024_TOKEN_BUDGETS",
    "KUMAR2024_RUNS",
    "compute_optimal_training_bits",
    "LowPrecisionPeak",
    "LOW_PRECISION_PEAKS",
    "low_precision_peak",
    "effective_parameters",
    "precision_aware_loss",
    "ptq_degradation",
    "tokens_where_more_data_hurts",
    "StepTime",
    "decode_step_time",
    "prefill_time",
    "weight_only_decode_speedup",
    "prefill_speedup",
]


#: Kumar et al. 2024 (arXiv:2411.04330), App. K, Table 2 "Fitted constants and their values", as printed.
#: alpha = beta: "we tie alpha = beta" (App. K). The table prints the activation rows as gamma_i, n_i. The
#: n_* rows and ``b`` are the offsets of App. K ("a fit of the form e^{x/gamma_x} in the main text is really
#: computed with offset"); the table does not say how they enter each form, and it prints the last exponent
#: as a bare ``gamma``. So these values document the paper; plugging the gammas alone into Eq. 2-5 does not
#: reproduce the paper's fitted curves (see :func:`compute_optimal_training_bits`).
KUMAR2024_TABLE2: dict[str, float] = {
    "A": 4.299e3, "alpha": 0.4965, "B": 1.806e4, "E": 2.7648,
    "gamma_w": 2.6745, "n_w": 0.3037, "gamma_i": 2.2102, "n_i": 1.4072, "gamma_kv": 0.9578, "n_kv": 2.4185,
    "C_T": 0.0598, "gamma_D": 0.5068, "gamma_N": 0.3439, "gamma": 0.5907, "b": 1.1277,
}

#: "Our fits imply that 7-8 bits are compute-optimal" (Kumar et al. 2024, Finding 3, Sec. 4.3.2): the training
#: precision that minimises their Eq. 5 when N, D and P are chosen together, fitted on integer-type runs.
KUMAR2024_OPTIMAL_TRAINING_BITS: tuple[float, float] = (7.0, 8.0)

#: The sweep of Kumar et al. 2024, Sec. 2.3: N in [30, 60, 110, 220] million (non-embedding) parameters,
#: D in [1.5, 3, 6, 13, 26] billion tokens; "we pretrain a suite of 465 language models" (Sec. 1).
KUMAR2024_MODEL_SIZES: tuple[float, ...] = (30e6, 60e6, 110e6, 220e6)
KUMAR2024_TOKEN_BUDGETS: tuple[float, ...] = (1.5e9, 3e9, 6e9, 13e9, 26e9)
KUMAR2024_RUNS: int = 465


@dataclass(frozen=True)
class LowPrecisionPeak:
    """Dense tensor-core peak of one chip in one low-precision format."""

    gpu: str
    fmt: str
    peak_flops: float
    source: str


#: Dense low-precision peaks (half of the 2:4-sparsity figures NVIDIA prints first), in operations/s.
LOW_PRECISION_PEAKS: dict[tuple[str, str], LowPrecisionPeak] = {
    ("A100", "int8"): LowPrecisionPeak(
        "A100", "int8", 624e12,
        "NVIDIA A100 datasheet (nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf): INT8 Tensor Core 624 TOPS "
        "dense, 1,248 with sparsity; BF16 312 TFLOPS. The A100 has no FP8 tensor cores."),
    ("H100-SXM", "int8"): LowPrecisionPeak(
        "H100-SXM", "int8", 1978.9e12,
        "NVIDIA H100 datasheet, SXM column: INT8 Tensor Core 3,958 TOPS with sparsity, i.e. 1,979 dense "
        "(its footnote: one-half lower without sparsity); BF16 1,979 TFLOPS with sparsity, 989.4 dense"),
    ("H100-SXM", "fp8"): LowPrecisionPeak(
        "H100-SXM", "fp8", 1978.9e12,
        "NVIDIA H100 datasheet, SXM column: FP8 Tensor Core 3,958 TFLOPS with sparsity, i.e. 1,979 dense "
        "(its footnote: one-half lower without sparsity)"),
}


def low_precision_peak(gpu: str | Accelerator, fmt: str) -> float:
    """Dense peak (operations/s) of ``gpu`` in ``fmt`` (``"bf16"``, ``"int8"`` or ``"fp8"``).

    ``"bf16"`` returns the accelerator's dense bf16 peak. Raises ``ValueError`` for a format the chip has
    no sourced peak for (the A100 has no FP8 tensor cores).

    Examples
    --------
    >>> round(low_precision_peak("H100", "fp8") / low_precision_peak("H100", "bf16"), 3)
    2.0
    """
    acc = get_accelerator(gpu)
    f = str(fmt).lower().replace("-", "")
    if f in ("bf16", "fp16"):
        return acc.peak_flops
    key = (acc.name, f)
    if key not in LOW_PRECISION_PEAKS:
        known = sorted(f"{g} {k}" for g, k in LOW_PRECISION_PEAKS)
        raise ValueError(f"no sourced {fmt!r} peak for {acc.name}; known: {known} (and 'bf16' for any chip).")
    return LOW_PRECISION_PEAKS[key].peak_flops


def _saturation(bits: ArrayLike, gamma: float, name: str) -> Number:
    p = positive(bits, name, unit="bits")
    g = positive_scalar(gamma, f"gamma for {name}")
    out = 1.0 - np.exp(-np.asarray(p) / g)
    return float(out) if np.ndim(out) == 0 else out


def effective_parameters(
    n_params: ArrayLike,
    *,
    p_w: ArrayLike,
    gamma_w: float,
    p_a: ArrayLike | None = None,
    gamma_a: float | None = None,
    p_kv: ArrayLike | None = None,
    gamma_kv: float | None = None,
) -> Number:
    """``N_eff = N x prod(1 - exp(-P / gamma))`` over the quantised parts (Kumar et al. 2024, Eq. 4).

    Weights are always given (``p_w``, ``gamma_w``); activations and KV cache only when they are trained
    in low precision (give both the bits and the fitted ``gamma`` of a part, or neither). Each factor
    tends to 1 as the bits grow and to ``P / gamma`` for ``P << gamma``.

    Examples
    --------
    >>> round(effective_parameters(1e9, p_w=8, gamma_w=2.0) / 1e9, 4)   # 1 - e^-4
    0.9817
    """
    n = positive(n_params, "n_params", unit="parameters")
    out = np.asarray(n) * _saturation(p_w, gamma_w, "p_w")
    for bits, gamma, name in ((p_a, gamma_a, "p_a"), (p_kv, gamma_kv, "p_kv")):
        if (bits is None) != (gamma is None):
            raise ValueError(f"give both {name} and its gamma, or neither (a part left out stays in high precision).")
        if bits is not None:
            out = out * _saturation(bits, float(gamma), name)  # type: ignore[arg-type]
    return float(out) if np.ndim(out) == 0 else out


def precision_aware_loss(
    n_params: ArrayLike, tokens: ArrayLike, *, a: float, alpha: float, b: float, beta: float, e: float,
    **precision: float,
) -> Number:
    """Chinchilla's form with the effective parameter count: ``A N_eff^-alpha + B D^-beta + E``.

    Kumar et al. 2024, Finding 2 (Eq. 3 with weights only). ``precision`` holds the keyword arguments of :func:`effective_parameters` (``p_w``, ``gamma_w``, ...).
    """
    neff = np.asarray(effective_parameters(n_params, **precision))  # type: ignore[arg-type]
    d = np.asarray(positive(tokens, "tokens", unit="tokens"))
    a_, al, b_, be = (positive_scalar(v, k) for v, k in ((a, "a"), (alpha, "alpha"), (b, "b"), (beta, "beta")))
    out = a_ * neff**-al + b_ * d**-be + float(e)
    return float(out) if np.ndim(out) == 0 else out


def ptq_degradation(
    n_params: ArrayLike, tokens: ArrayLike, p_post: ArrayLike, *,
    c_t: float, gamma_d: float, gamma_n: float, gamma_post: float,
) -> Number:
    """Loss added by post-training quantisation of the weights to ``p_post`` bits (Kumar et al. 2024, Eq. 2).

    ``C_T (D^gamma_D / N^gamma_N) exp(-P_post / gamma_post)`` for a model trained in BF16 or above
    (Finding 1): it grows with the tokens ``D`` the model was trained on and falls with its size ``N`` and
    with the bits kept.
    """
    n = np.asarray(positive(n_params, "n_params", unit="parameters"))
    d = np.asarray(positive(tokens, "tokens", unit="tokens"))
    p = np.asarray(positive(p_post, "p_post", unit="bits"))
    c, gd, gn, gp = (positive_scalar(v, k) for v, k in
                     ((c_t, "c_t"), (gamma_d, "gamma_d"), (gamma_n, "gamma_n"), (gamma_post, "gamma_post")))
    out = c * np.exp(-p / gp) * d**gd / n**gn
    return float(out) if np.ndim(out) == 0 else out


def tokens_where_more_data_hurts(
    n_params: float, p_post: float, *, b: float, beta: float,
    c_t: float, gamma_d: float, gamma_n: float, gamma_post: float,
) -> float:
    """Training tokens beyond which more pre-training makes the post-train-quantised model *worse*.

    The loss after PTQ depends on ``D`` through ``B D^-beta + K D^gamma_D`` with
    ``K = C_T exp(-P_post / gamma_post) / N^gamma_N``; setting its derivative to zero gives

    ``D* = (beta B / (gamma_D K)) ** (1 / (beta + gamma_D))``,

    Kumar et al.'s critical data size ``D_crit`` (App. E.1, Eq. 12-13). A minimum exists for *any* positive
    constants: once the degradation grows as a power of ``D`` while the data term shrinks as one, more data
    eventually hurts. ``D*`` grows with ``N`` and, exponentially, with the bits kept: "a truly unreasonable
    amount of data is required for longer pretraining to be harmful at commonly used precisions (eg. 8-bit)"
    (App. E.1).
    """
    n = positive_scalar(n_params, "n_params", unit="parameters")
    p = positive_scalar(p_post, "p_post", unit="bits")
    b_, be = positive_scalar(b, "b"), positive_scalar(beta, "beta")
    c, gd, gn, gp = (positive_scalar(v, k) for v, k in
                     ((c_t, "c_t"), (gamma_d, "gamma_d"), (gamma_n, "gamma_n"), (gamma_post, "gamma_post")))
    k = c * np.exp(-p / gp) / n**gn
    return float((be * b_ / (gd * k)) ** (1.0 / (be + gd)))


def compute_optimal_training_bits(gamma: float) -> float:
    """Training precision ``P*`` that minimises Kumar et al.'s Eq. 5 when ``N``, ``D`` and ``P`` are all free.

    Eq. 5: minimise ``A [N (1 - e^{-P/gamma})^3]^-alpha + B D^-beta + E`` subject to ``C = (6/16) N D P``,
    with weights, activations and KV cache at one precision ``P`` and ``gamma`` their average (Finding 2).
    Setting the derivatives in ``N`` and ``P`` to zero (their App. E.2.3, Eq. 24-27) and dividing one by the
    other leaves ``3 (P/gamma) = e^{P/gamma} - 1``, free of ``A, alpha, B, beta`` and of ``C``: the optimum
    precision does not move with the budget (Finding 3). Its positive root is ``P/gamma = 1.904...``.

    The paper's "7-8 bits" (:data:`KUMAR2024_OPTIMAL_TRAINING_BITS`) comes from its fits with offsets; the
    bare gammas of Table 2 give a lower ``P*`` (about 3.7 bits for their mean), which is why the course
    quotes the paper's figure rather than recomputing it.

    Examples
    --------
    >>> round(compute_optimal_training_bits(1.0), 4)
    1.9038
    """
    g = positive_scalar(gamma, "gamma", unit="bits")
    x = 2.0  # Newton on f(x) = e^x - 1 - 3x from the right of its positive root (f is convex, f(2) > 0)
    for _ in range(50):
        step = (np.expm1(x) - 3.0 * x) / (np.exp(x) - 3.0)
        x -= step
        if abs(step) < 1e-15:
            break
    return float(g * x)


@dataclass(frozen=True)
class StepTime:
    """Roofline lower bound on the time of one step: ``max(FLOPs / peak, bytes / bandwidth)``."""

    flops: float
    bytes_moved: float
    peak_flops: float
    bandwidth: float

    @property
    def compute_seconds(self) -> float:
        """Time if only the arithmetic counted."""
        return self.flops / self.peak_flops

    @property
    def memory_seconds(self) -> float:
        """Time if only the memory traffic counted."""
        return self.bytes_moved / self.bandwidth

    @property
    def seconds(self) -> float:
        """The larger of the two: the roofline bound."""
        return max(self.compute_seconds, self.memory_seconds)

    @property
    def bound(self) -> str:
        """``"memory"`` or ``"compute"``: which roof limits the step."""
        return "memory" if self.memory_seconds > self.compute_seconds else "compute"


def _n(cfg: TransformerConfig) -> float:
    if not isinstance(cfg, TransformerConfig):
        raise ValueError(f"cfg must be a TransformerConfig; got {type(cfg).__name__}.")
    return float(count_parameters(cfg).total)


def decode_step_time(
    cfg: TransformerConfig, batch_size: int, gpu: str | Accelerator, *, weight_precision: str | float = "bf16",
    math: str = "bf16", context: float = 0, kv_bytes_per_value: float = 2,
) -> StepTime:
    """One decoding step (one new token for each of ``batch_size`` sequences) on one ``gpu``.

    FLOPs ``B x (2N + 4 n_layers context d_attn)``; bytes: the weights once in ``weight_precision`` plus
    every sequence's KV cache. ``math`` is the format of the multiplies (``"bf16"`` for weight-only
    quantisation, ``"int8"``/``"fp8"`` when activations are quantised too).
    """
    n = _n(cfg)
    b = positive_int(batch_size, "batch_size")
    ctx = float(context)
    if ctx < 0:
        raise ValueError(f"context must be >= 0 tokens; got {context}.")
    flops = b * float(inference_flops_per_token(n, context=ctx, n_layers=cfg.n_layers, d_attn=cfg.d_attn))
    moved = float(weights_memory_bytes(n, weight_precision))
    if ctx > 0:
        moved += kv_cache_bytes(cfg, ctx, batch_size=b, bytes_per_value=kv_bytes_per_value)
    return StepTime(flops, moved, low_precision_peak(gpu, math), hbm_bandwidth(gpu))


def prefill_time(
    cfg: TransformerConfig, prompt_tokens: int, gpu: str | Accelerator, *,
    weight_precision: str | float = "bf16", math: str = "bf16",
) -> StepTime:
    """Processing a prompt of ``prompt_tokens`` tokens in one pass (batch 1) on one ``gpu``.

    FLOPs ``T x (2N + 4 n_layers (T/2) d_attn)`` (each token attends to half the prompt on average,
    causal); bytes: the weights once (activations and the KV cache written are small beside them).
    """
    n = _n(cfg)
    t = positive_int(prompt_tokens, "prompt_tokens")
    flops = t * float(inference_flops_per_token(n, context=t / 2, n_layers=cfg.n_layers, d_attn=cfg.d_attn))
    moved = float(weights_memory_bytes(n, weight_precision))
    return StepTime(flops, moved, low_precision_peak(gpu, math), hbm_bandwidth(gpu))


def weight_only_decode_speedup(
    cfg: TransformerConfig, batch_size: int, gpu: str | Accelerator, weight_precision: str | float, *,
    context: float = 0,
) -> float:
    """Roofline speed-up of a decoding step from bf16 weights to ``weight_precision`` weights (bf16 math).

    At most ``16 / bits`` (memory-bound, no KV cache); 1 once both steps are compute-bound.

    Examples
    --------
    >>> from scaling_helpers.compute import LLAMA2_70B
    >>> weight_only_decode_speedup(LLAMA2_70B, 1, "H100", "int4")
    4.0
    """
    base = decode_step_time(cfg, batch_size, gpu, context=context)
    quant = decode_step_time(cfg, batch_size, gpu, weight_precision=weight_precision, context=context)
    return base.seconds / quant.seconds


def prefill_speedup(
    cfg: TransformerConfig, prompt_tokens: int, gpu: str | Accelerator, weight_precision: str | float, *,
    math: str = "bf16",
) -> float:
    """Roofline speed-up of a prefill from bf16 to quantised weights (and ``math``-format multiplies)."""
    base = prefill_time(cfg, prompt_tokens, gpu)
    quant = prefill_time(cfg, prompt_tokens, gpu, weight_precision=weight_precision, math=math)
    return base.seconds / quant.seconds
