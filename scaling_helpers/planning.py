"""End-to-end planning: from a goal and a lifetime demand to a typed plan (chapter 10).

A plan answers, in order, the questions of chapters 3–7:

1. **How big, how long?** A budget ``C`` (in FLOPs, or in dollars on a :class:`Cluster`) buys the
   compute-optimal ``N_opt(C), D_opt(C)`` of a Chinchilla-form law (Hoffmann et al. 2022, arXiv:2203.15556,
   Eq. 4; :meth:`~scaling_helpers.laws.ParametricLaw.compute_optimal`). A *target loss* instead gives the
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
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

from ._validate import finite_scalar, fraction, positive_scalar
from .compute import (
    GB,
    TransformerConfig,
    count_parameters,
    get_accelerator,
    inference_flops_per_token,
    kv_cache_bytes_per_token,
    training_cost,
    training_flops_6nd,
    training_memory,
    weights_memory_bytes,
)
from .compute._common import non_negative, positive_int
from .compute.calculators import estimate_training_cost
from .laws import BESIROGLU_2024, ParametricLaw
from .overtraining import (
    compute_optimal_params_for_loss,
    inference_aware_optimum,
    lifetime_flops,
    training_tokens_for_loss,
)
from .testtime import matched_samples
from .units import format_count

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

#: Inference utilisation assumed when pricing inference FLOPs (illustrative; decoding is memory-bound).
DEFAULT_INFERENCE_MFU: float = 0.2
#: Smallest lifetime saving for which :func:`decide` recommends the inference-aware model (a judgement call).
SAVING_THRESHOLD: float = 0.05


def _money(x: float) -> str:
    """``$825k``, ``$5.58M``: three significant digits and a suffix."""
    for scale, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if x >= scale:
            return f"${x / scale:.3g}{suffix}"
    return f"${x:.3g}"


def _gb(x: float) -> str:
    return f"{x / GB:.3g} GB"


def _law(law: object) -> ParametricLaw:
    if not isinstance(law, ParametricLaw):
        raise ValueError(f"law must be a ParametricLaw such as BESIROGLU_2024 or HOFFMANN_2022 (from "
                         f"scaling_helpers.laws); got {type(law).__name__}.")
    return law


# ---------------------------------------------------------------------------------------------- the cluster
@dataclass(frozen=True)
class Cluster:
    """The hardware a run is planned on, and what an accelerator-hour costs.

    Parameters
    ----------
    gpu
        Accelerator name from :data:`~scaling_helpers.compute.ACCELERATORS` (dense 16-bit peaks: A100 312,
        H100-SXM 989.4 TFLOP/s; NVIDIA datasheets). ``"H100"`` means the SXM part.
    n_gpus
        Number of accelerators (sets wall-clock days, not GPU-hours or dollars).
    mfu
        Model FLOPs utilisation of training, a fraction (0.4, not 40). Large runs report 0.38–0.43
        (Llama 3 405B, arXiv:2407.21783, Table 4).
    price_per_gpu_hour
        Assumed price of one accelerator-hour, in dollars. Default $2: DeepSeek-V3's assumption for an H800
        (arXiv:2412.19437).
    """

    gpu: str = "H100-SXM"
    n_gpus: int = 1024
    mfu: float = 0.4
    price_per_gpu_hour: float = 2.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "gpu", get_accelerator(self.gpu).name)
        object.__setattr__(self, "n_gpus", positive_int(self.n_gpus, "n_gpus"))
        object.__setattr__(self, "mfu", fraction(self.mfu, "mfu (model FLOPs utilisation)"))
        object.__setattr__(self, "price_per_gpu_hour",
                           positive_scalar(self.price_per_gpu_hour, "price_per_gpu_hour", unit="dollars"))

    @property
    def memory_bytes(self) -> float:
        """Memory of one accelerator in bytes."""
        return get_accelerator(self.gpu).memory_bytes

    def dollars_for(self, flops: float, mfu: float | None = None) -> float:
        """Dollars to spend ``flops`` at ``mfu`` (default: the cluster's training MFU).

        :func:`~scaling_helpers.compute.training_cost`: GPU-hours at that utilisation times the price.
        """
        return training_cost(flops, self.gpu, self.mfu if mfu is None else mfu, self.price_per_gpu_hour)

    def flops_for_dollars(self, dollars: float) -> float:
        """Training FLOPs a budget of ``dollars`` buys: ``dollars / (dollars per FLOP at the MFU)``.

        Examples
        --------
        >>> f"{Cluster('H100', 1024, 0.4, 2.0).flops_for_dollars(1e6):.3g}"   # $1M -> 500k H100-hours
        '7.12e+23'
        """
        d = positive_scalar(dollars, "dollars (training budget)", unit="dollars")
        return d / self.dollars_for(1.0)

    def label(self) -> str:
        """``'1024 x H100-SXM at 40% MFU, $2.00/GPU-hour'``."""
        return f"{self.n_gpus} x {self.gpu} at {self.mfu:.0%} MFU, ${self.price_per_gpu_hour:.2f}/GPU-hour"


# ---------------------------------------------------------------------------------------------- the plan
@dataclass(frozen=True)
class Alternative:
    """The inference-aware model of the plan's loss: least lifetime compute ``6ND + 2N D_inf``.

    Sardana et al. (2024, arXiv:2401.00448); :func:`~scaling_helpers.overtraining.inference_aware_optimum`.
    Dollars use the plan's cluster: training at its MFU, inference at the plan's inference MFU.
    """

    n_params: float
    """Parameters N*."""
    train_tokens: float
    """Training tokens D* that bring N* to the plan's loss."""
    training_flops: float
    """6 N* D*."""
    inference_flops: float
    """2 N* D_inf."""
    lifetime_flops: float
    """Their sum."""
    saving_flops: float
    """Plan's lifetime FLOPs minus this model's (>= 0: the optimum is never worse)."""
    saving_fraction: float
    """``saving_flops`` as a fraction of the plan's lifetime FLOPs."""
    training_dollars: float
    """Training cost on the plan's cluster."""
    inference_dollars: float
    """Inference cost at the plan's inference MFU and price."""
    weights_bytes: float
    """Weights at the plan's serving precision."""

    @property
    def tokens_per_param(self) -> float:
        """D* / N*."""
        return self.train_tokens / self.n_params

    @property
    def lifetime_dollars(self) -> float:
        """Training plus inference dollars."""
        return self.training_dollars + self.inference_dollars


@dataclass(frozen=True)
class TrainingPlan:
    """A run planned end to end: size, tokens, loss, compute, time, money, memory and lifetime cost.

    Built by :func:`plan_training`; every number comes from a helper of the course package (see the module
    docstring). Dollars are training dollars unless named otherwise.
    """

    goal: str
    """What was asked for, e.g. ``"$1M on 1024 x H100-SXM at 40% MFU, $2.00/GPU-hour"``."""
    law_name: str
    """Constant set of the loss law."""
    size_fixed: bool
    """True if N was given (e.g. by a device) rather than chosen compute-optimally."""
    n_params: float
    """Parameters N."""
    train_tokens: float
    """Training tokens D."""
    loss: float
    """Predicted loss L(N, D) (nats per token, in the law's data and tokenizer)."""
    training_flops: float
    """6 N D."""
    cluster: Cluster
    """Where it trains (and, for pricing inference, where it is served)."""
    days: float
    """Wall-clock days on ``cluster.n_gpus`` accelerators."""
    gpu_hours: float
    """Accelerator-hours."""
    training_dollars: float
    """GPU-hours x price."""
    serving_precision: str
    """Number format of the served weights."""
    weights_bytes: float
    """Weights at ``serving_precision``."""
    training_memory_bytes: float
    """Weights, gradients, fp32 master copy and Adam moments: 16 bytes per parameter, before activations."""
    gpus_to_hold_training_state: int
    """Accelerators needed just to hold ``training_memory_bytes`` (no activations; before sharding)."""
    kv_bytes_per_token: float | None
    """KV cache per token for ``kv_config`` (None without a config)."""
    kv_config: str
    """Name and size of the shape the KV cache was computed for (``""`` without one)."""
    inference_tokens: float
    """Lifetime inference demand D_inf (prompt and generated tokens of every request)."""
    inference_flops: float
    """2 N D_inf."""
    lifetime_flops: float
    """6 N D + 2 N D_inf."""
    inference_mfu: float
    """Utilisation assumed when pricing inference FLOPs."""
    inference_dollars: float
    """Inference FLOPs priced at ``inference_mfu`` on the cluster's accelerator and price."""
    alternative: Alternative = field(repr=False)
    """The inference-aware model of the same loss."""

    @property
    def tokens_per_param(self) -> float:
        """D / N (Chinchilla's rule of thumb: about 20)."""
        return self.train_tokens / self.n_params

    @property
    def inference_share(self) -> float:
        """Inference FLOPs as a fraction of lifetime FLOPs: ``D_inf / (3 D + D_inf)``."""
        return self.inference_flops / self.lifetime_flops

    @property
    def lifetime_dollars(self) -> float:
        """Training plus inference dollars."""
        return self.training_dollars + self.inference_dollars

    def lines(self) -> list[str]:
        """The plan as short lines with rounded numbers (deterministic output for notebooks)."""
        a = self.alternative
        kv = "no config given" if self.kv_bytes_per_token is None else \
            f"{self.kv_bytes_per_token / 1024:,.0f} KiB per token ({self.kv_config})"
        size = "fixed" if self.size_fixed else "compute-optimal"
        return [
            f"goal:       {self.goal}",
            f"model:      N = {format_count(self.n_params)} params ({size}), D = {format_count(self.train_tokens)} "
            f"tokens, {self.tokens_per_param:,.0f} tokens/param",
            f"loss:       {self.loss:.3f} nats/token ({self.law_name})",
            f"training:   {self.training_flops:.3g} FLOPs = {self.days:,.3g} days on {self.cluster.n_gpus} x "
            f"{self.cluster.gpu}, {self.gpu_hours:.3g} GPU-hours, {_money(self.training_dollars)}",
            f"memory:     weights {_gb(self.weights_bytes)} ({self.serving_precision}); training state "
            f"{_gb(self.training_memory_bytes)} (>= {self.gpus_to_hold_training_state} GPUs); KV cache {kv}",
            f"lifetime:   D_inf = {self.inference_tokens:.3g} tokens -> {self.lifetime_flops:.3g} FLOPs "
            f"({self.inference_share:.0%} inference), {_money(self.lifetime_dollars)} at {self.inference_mfu:.0%} "
            "inference MFU",
            f"alternative: N* = {format_count(a.n_params)}, D* = {format_count(a.train_tokens)} "
            f"({a.tokens_per_param:,.0f} tokens/param), same loss, lifetime {a.lifetime_flops:.3g} FLOPs: "
            f"saves {a.saving_fraction:.0%}",
        ]

    def text(self) -> str:
        """:meth:`lines` joined by newlines."""
        return "\n".join(self.lines())

    def html(self) -> str:
        """A small HTML table (for widgets)."""
        rows = [line.split(":", 1) for line in self.lines()]
        body = "".join(f"<tr><td style='padding:1px 10px 1px 0;vertical-align:top'><b>{html.escape(k)}</b></td>"
                       f"<td>{html.escape(v.strip())}</td></tr>" for k, v in rows)
        return f"<table class='training-plan'>{body}</table>"


def plan_training(
    *,
    flops: float | None = None,
    dollars: float | None = None,
    target_loss: float | None = None,
    inference_tokens: float = 0.0,
    law: ParametricLaw = BESIROGLU_2024,
    cluster: Cluster | None = None,
    n_params: float | None = None,
    serving_precision: str = "bf16",
    config: TransformerConfig | None = None,
    kv_bytes_per_value: float = 2.0,
    inference_mfu: float = DEFAULT_INFERENCE_MFU,
) -> TrainingPlan:
    """Plan a training run end to end. Give exactly one of ``flops``, ``dollars`` or ``target_loss``.

    Parameters
    ----------
    flops
        Training budget in FLOPs.
    dollars
        Training budget in dollars; converted to FLOPs on ``cluster`` (:meth:`Cluster.flops_for_dollars`).
    target_loss
        A loss to reach (nats per token, in the units of ``law``); must exceed the law's ``E``.
    inference_tokens
        Lifetime inference demand ``D_inf`` in tokens (>= 0): prompts plus generated tokens of every request.
    law
        Loss law and constant set (default: Epoch AI's refit of Chinchilla, ``BESIROGLU_2024``, whose
        compute-optimal models train on ≈ 20 tokens per parameter; Besiroglu et al. 2024, arXiv:2404.10102,
        Table 1).
    cluster
        Accelerator, count, training MFU and price (default :class:`Cluster()`: 1,024 H100-SXM, 40%, $2).
    n_params
        Fix the model size instead of choosing it (e.g. the largest that fits a device). With a budget the
        tokens are ``C / (6N)``; with a target loss, the tokens that bring ``N`` to it.
    serving_precision
        Format of the served weights: ``"bf16"``, ``"int8"``, ``"int4"``, ...
    config
        A :class:`~scaling_helpers.compute.TransformerConfig` whose KV cache per token is reported (its own
        parameter count is shown next to it; it need not equal ``N``).
    kv_bytes_per_value
        Bytes per cached key/value element (2 for bf16).
    inference_mfu
        Utilisation assumed when pricing inference FLOPs (default 0.2, an illustrative assumption).

    Returns
    -------
    TrainingPlan

    Raises
    ------
    ValueError
        If not exactly one goal is given, a number is out of range, the target is at or below ``E``, or a
        fixed size cannot reach the target.

    Examples
    --------
    >>> p = plan_training(dollars=1e6, inference_tokens=1e14)
    >>> f"{p.n_params:.3g} params, {p.tokens_per_param:.0f} tokens/param, {p.days:.3g} days"
    '8.06e+10 params, 18 tokens/param, 20.3 days'
    >>> f"alternative {p.alternative.n_params:.3g} params saves {p.alternative.saving_fraction:.0%}"
    'alternative 2.38e+10 params saves 60%'
    """
    law = _law(law)
    cluster = Cluster() if cluster is None else cluster
    if not isinstance(cluster, Cluster):
        raise ValueError(f"cluster must be a Cluster(gpu, n_gpus, mfu, price_per_gpu_hour); got "
                         f"{type(cluster).__name__}.")
    given = [name for name, v in (("flops", flops), ("dollars", dollars), ("target_loss", target_loss))
             if v is not None]
    if len(given) != 1:
        raise ValueError("pass exactly one goal: flops=<training FLOPs>, dollars=<training budget> or "
                         f"target_loss=<nats per token>; got {given or 'none'}.")
    d_inf = non_negative(inference_tokens, "inference_tokens (lifetime demand in tokens)")
    inf_mfu = fraction(inference_mfu, "inference_mfu")
    n_fixed = None if n_params is None else positive_scalar(n_params, "n_params (parameters)")

    if target_loss is not None:
        t = finite_scalar(target_loss, "target_loss (nats per token)")
        n = n_fixed if n_fixed is not None else compute_optimal_params_for_loss(law, t)
        d = float(training_tokens_for_loss(law, n, t))
        goal = f"reach loss {t:.4g} ({law.name})"
    else:
        if dollars is not None:
            budget = cluster.flops_for_dollars(dollars)
            goal = f"{_money(float(dollars))} on {cluster.label()}"
        else:
            budget = positive_scalar(flops, "flops (training budget)", unit="FLOPs")
            goal = f"{budget:.3g} training FLOPs"
        if n_fixed is None:
            n_opt, d_opt = law.compute_optimal(budget)
            n, d = float(n_opt), float(d_opt)
        else:
            n = n_fixed
            d = budget / float(training_flops_6nd(n, 1.0))   # C / (6N): the tokens the budget buys
    est = estimate_training_cost(n, d, gpu=cluster.gpu, n_gpus=cluster.n_gpus, mfu=cluster.mfu,
                                 price_per_gpu_hour=cluster.price_per_gpu_hour)
    loss = float(law.loss(n, d))
    weights = float(weights_memory_bytes(n, serving_precision))
    train_mem = training_memory(n).total
    inf_flops = float(inference_flops_per_token(n)) * d_inf
    life = float(lifetime_flops(n, d, d_inf))

    if config is None:
        kv, kv_name = None, ""
    else:
        kv = kv_cache_bytes_per_token(config, kv_bytes_per_value)
        kv_name = f"shape of {config.name or 'the config'}, {format_count(count_parameters(config).total)} params"

    opt = inference_aware_optimum(law, loss, d_inf)
    saving = max(0.0, life - opt.total_flops)
    alt = Alternative(
        n_params=opt.n_params,
        train_tokens=opt.train_tokens,
        training_flops=opt.training_flops,
        inference_flops=opt.inference_flops,
        lifetime_flops=opt.total_flops,
        saving_flops=saving,
        saving_fraction=saving / life,
        training_dollars=cluster.dollars_for(opt.training_flops),
        inference_dollars=cluster.dollars_for(opt.inference_flops, inf_mfu) if opt.inference_flops > 0 else 0.0,
        weights_bytes=float(weights_memory_bytes(opt.n_params, serving_precision)),
    )
    return TrainingPlan(
        goal=goal,
        law_name=law.name,
        size_fixed=n_fixed is not None,
        n_params=n,
        train_tokens=d,
        loss=loss,
        training_flops=est.flops,
        cluster=cluster,
        days=est.days,
        gpu_hours=est.gpu_hours,
        training_dollars=est.cost,
        serving_precision=serving_precision.lower(),
        weights_bytes=weights,
        training_memory_bytes=train_mem,
        gpus_to_hold_training_state=max(1, math.ceil(train_mem / cluster.memory_bytes)),
        kv_bytes_per_token=kv,
        kv_config=kv_name,
        inference_tokens=d_inf,
        inference_flops=inf_flops,
        lifetime_flops=life,
        inference_mfu=inf_mfu,
        inference_dollars=cluster.dollars_for(inf_flops, inf_mfu) if inf_flops > 0 else 0.0,
        alternative=alt,
    )


# ---------------------------------------------------------------------------------------------- devices
@dataclass(frozen=True)
class EdgeDevice:
    """A device a model must run on: memory available to the model and memory bandwidth.

    Parameters
    ----------
    name
        Label.
    memory_bytes
        Memory available for the weights and the KV cache (after the operating system and the app).
    bandwidth_bytes_per_s
        Memory bandwidth in bytes per second.
    source
        Where the numbers come from.
    """

    name: str
    memory_bytes: float
    bandwidth_bytes_per_s: float
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "memory_bytes", positive_scalar(self.memory_bytes, "memory_bytes", unit="bytes"))
        object.__setattr__(self, "bandwidth_bytes_per_s",
                           positive_scalar(self.bandwidth_bytes_per_s, "bandwidth_bytes_per_s", unit="bytes/s"))


#: An illustrative on-device budget: 8 GB for the model and 100 GB/s of memory bandwidth. Not a specific
#: product; chosen to be of the order of recent laptop and phone chips.
EXAMPLE_EDGE_DEVICE = EdgeDevice("illustrative edge device (8 GB for the model, 100 GB/s)", 8e9, 100e9,
                                 "illustrative values, not a specific product")


def _bytes_per_param(precision: str | float) -> float:
    return float(weights_memory_bytes(1.0, precision))


def max_params_for_memory(memory_bytes: float, precision: str | float = "int4", *,
                          kv_cache_bytes: float = 0.0) -> float:
    """Largest model whose weights (plus a KV cache of ``kv_cache_bytes``) fit in ``memory_bytes``.

    ``(memory - KV cache) / bytes per parameter``, bytes per parameter from
    :func:`~scaling_helpers.compute.weights_memory_bytes` (fp32 4, bf16 2, int8 1, int4 0.5; quantisation
    scales not counted).

    Examples
    --------
    >>> max_params_for_memory(8e9, "int4") / 1e9
    16.0
    """
    mem = positive_scalar(memory_bytes, "memory_bytes", unit="bytes")
    kv = non_negative(kv_cache_bytes, "kv_cache_bytes")
    if kv >= mem:
        raise ValueError(f"the KV cache ({kv / GB:.3g} GB) leaves no memory for the weights "
                         f"({mem / GB:.3g} GB available): shorten the context or batch, or quantise the cache.")
    return (mem - kv) / _bytes_per_param(precision)


def decode_tokens_per_second_bound(n_params: float, precision: str | float, bandwidth_bytes_per_s: float, *,
                                   kv_cache_bytes: float = 0.0) -> float:
    """Upper bound on decoding speed at batch size 1: ``bandwidth / (weight bytes + KV-cache bytes)``.

    Each generated token reads every weight and the whole KV cache once, and small-batch decoding is
    limited by that memory traffic, not by arithmetic (Pope et al. 2022, arXiv:2211.05102). Real speeds are
    lower (kernels reach a fraction of the bandwidth).

    Examples
    --------
    >>> decode_tokens_per_second_bound(8e9, "int4", 100e9)      # 4 GB of weights at 100 GB/s
    25.0
    """
    weights = float(weights_memory_bytes(positive_scalar(n_params, "n_params", unit="parameters"), precision))
    bw = positive_scalar(bandwidth_bytes_per_s, "bandwidth_bytes_per_s", unit="bytes/s")
    return bw / (weights + non_negative(kv_cache_bytes, "kv_cache_bytes"))


def decode_speedup_bound(n_params: float, precision: str | float, baseline: str | float = "bf16", *,
                         kv_cache_bytes: float = 0.0) -> float:
    """Most that quantising the weights from ``baseline`` to ``precision`` can speed up memory-bound decoding.

    The ratio of two :func:`decode_tokens_per_second_bound` values (the bandwidth cancels):
    ``(baseline weight bytes + KV cache) / (quantised weight bytes + KV cache)``. Without a KV cache it is the
    ratio of bytes per weight, 2 for bf16 → int8 and 4 for bf16 → int4; a KV cache that stays in 16 bits
    lowers it. This is an upper bound for small-batch decoding (Pope et al. 2022, arXiv:2211.05102):
    dequantisation kernels reach less, and at large batch decoding becomes compute-bound, where weight-only
    quantisation saves memory but little time. It is why fixed rules such as "int8: 1.5x faster, int4: 2x"
    are not laws: the achievable speed-up depends on bytes moved, context length, batch and kernels.

    Examples
    --------
    >>> decode_speedup_bound(8e9, "int8"), decode_speedup_bound(8e9, "int4")
    (2.0, 4.0)
    """
    kv = non_negative(kv_cache_bytes, "kv_cache_bytes")
    n = positive_scalar(n_params, "n_params", unit="parameters")
    slow = float(weights_memory_bytes(n, baseline)) + kv
    fast = float(weights_memory_bytes(n, precision)) + kv
    return slow / fast


def max_params_for_speed(bandwidth_bytes_per_s: float, min_tokens_per_s: float, precision: str | float = "int4",
                         *, kv_cache_bytes: float = 0.0) -> float:
    """Largest model that still decodes at ``min_tokens_per_s`` under the bandwidth bound.

    Inverts :func:`decode_tokens_per_second_bound`: ``(bandwidth / speed - KV cache) / bytes per parameter``.
    """
    bw = positive_scalar(bandwidth_bytes_per_s, "bandwidth_bytes_per_s", unit="bytes/s")
    speed = positive_scalar(min_tokens_per_s, "min_tokens_per_s", unit="tokens/s")
    budget = bw / speed - non_negative(kv_cache_bytes, "kv_cache_bytes")
    if budget <= 0:
        raise ValueError(f"reading the KV cache alone takes longer than 1/{speed:g} s per token at this "
                         "bandwidth: lower min_tokens_per_s or shrink the cache.")
    return budget / _bytes_per_param(precision)


def max_params_for_device(device: EdgeDevice, precision: str | float = "int4", min_tokens_per_s: float = 20.0, *,
                          kv_cache_bytes: float = 0.0) -> float:
    """Largest model that both fits ``device`` and decodes at ``min_tokens_per_s``: the smaller of the two caps.

    Examples
    --------
    >>> f"{max_params_for_device(EXAMPLE_EDGE_DEVICE, 'int4', 20):.3g}"   # speed binds: 5 GB per token
    '1e+10'
    >>> f"{max_params_for_device(EXAMPLE_EDGE_DEVICE, 'int4', 5):.3g}"    # memory binds: 8 GB / 0.5 B
    '1.6e+10'
    """
    if not isinstance(device, EdgeDevice):
        raise ValueError(f"device must be an EdgeDevice(name, memory_bytes, bandwidth_bytes_per_s); got "
                         f"{type(device).__name__}.")
    return min(max_params_for_memory(device.memory_bytes, precision, kv_cache_bytes=kv_cache_bytes),
               max_params_for_speed(device.bandwidth_bytes_per_s, min_tokens_per_s, precision,
                                    kv_cache_bytes=kv_cache_bytes))


# ---------------------------------------------------------------------------------------------- decisions
@dataclass(frozen=True)
class Goal:
    """A kind of project, with the defaults the widget starts from."""

    key: str
    title: str
    summary: str
    inference_tokens: float
    """Default lifetime inference demand (illustrative)."""
    serving_precision: str


#: The four goals of chapter 10. Demands are illustrative orders of magnitude: 1e11 tokens is an evaluation
#: campaign; 1e14 is e.g. 1e8 requests a day of 1,000 tokens for about three years.
GOALS: dict[str, Goal] = {
    "research": Goal("research", "research model",
                     "trained to be measured and compared (scaling studies, ablations); served little", 1e11, "bf16"),
    "chat": Goal("chat", "chat product", "served to many users for a long time: inference-heavy", 1e14, "bf16"),
    "edge": Goal("edge", "on-device model", "must fit a device's memory and decode fast enough on it", 1e13,
                 "int4"),
    "reasoning": Goal("reasoning", "reasoning workload",
                      "long answers and several samples per question: inference-heavy, accuracy-driven", 1e14,
                      "bf16"),
}


@dataclass(frozen=True)
class Decision:
    """What :func:`decide` recommends, why, and the plans behind it."""

    goal: Goal
    regime: str
    """Short name of the recommended regime."""
    reasons: tuple[str, ...]
    """Why, with the numbers that decided it."""
    baseline: TrainingPlan
    """The compute-optimal plan for the budget."""
    recommended: TrainingPlan
    """The plan to follow (may equal ``baseline``)."""
    samples_per_query: float | None = None
    """Reasoning goal: samples of the recommended model that cost one sample of the baseline."""
    tokens_per_second: float | None = None
    """Edge goal: decoding-speed bound of the recommended model on the device."""

    def text(self) -> str:
        """One deterministic line."""
        r, b = self.recommended, self.baseline
        change = "" if r is b else (f" instead of {format_count(b.n_params)} x {format_count(b.train_tokens)}; "
                                    f"lifetime compute {r.lifetime_flops / b.lifetime_flops - 1:+.0%}, "
                                    f"loss {r.loss - b.loss:+.3f}")
        return (f"{self.goal.title}: {self.regime} -> {format_count(r.n_params)} params x "
                f"{format_count(r.train_tokens)} tokens ({r.tokens_per_param:,.0f} tokens/param){change}")

    def html(self) -> str:
        """Headline, reasons and a baseline-vs-recommended table (for the widget)."""
        b, r = self.baseline, self.recommended
        rows = [
            ("parameters", format_count(b.n_params), format_count(r.n_params)),
            ("training tokens", format_count(b.train_tokens), format_count(r.train_tokens)),
            ("tokens per parameter", f"{b.tokens_per_param:,.0f}", f"{r.tokens_per_param:,.0f}"),
            ("predicted loss", f"{b.loss:.3f}", f"{r.loss:.3f}"),
            ("training days / dollars", f"{b.days:,.3g} d / {_money(b.training_dollars)}",
             f"{r.days:,.3g} d / {_money(r.training_dollars)}"),
            (f"weights ({r.serving_precision})", _gb(b.weights_bytes), _gb(r.weights_bytes)),
            ("lifetime FLOPs", f"{b.lifetime_flops:.3g}", f"{r.lifetime_flops:.3g}"),
            ("lifetime dollars", _money(b.lifetime_dollars), _money(r.lifetime_dollars)),
        ]
        body = "".join(f"<tr><td style='padding:1px 10px 1px 0'>{html.escape(k)}</td>"
                       f"<td style='padding:1px 10px'>{html.escape(x)}</td><td><b>{html.escape(y)}</b></td></tr>"
                       for k, x, y in rows)
        reasons = "".join(f"<li>{html.escape(s)}</li>" for s in self.reasons)
        return (f"<div class='decision'><b>{html.escape(self.goal.title)}: {html.escape(self.regime)}</b>"
                f"<ul style='margin:2px 0'>{reasons}</ul><table><tr><th></th><th>compute-optimal</th>"
                f"<th>recommended</th></tr>{body}</table></div>")


def decide(goal: str, *, dollars: float, inference_tokens: float | None = None, cluster: Cluster | None = None,
           law: ParametricLaw = BESIROGLU_2024, verifier: bool = True, device: EdgeDevice = EXAMPLE_EDGE_DEVICE,
           min_tokens_per_s: float = 20.0, prompt_tokens: int = 500, generated_tokens: int = 1000,
           saving_threshold: float = SAVING_THRESHOLD) -> Decision:
    """Recommend a regime for a goal, a training budget in dollars and a lifetime inference demand.

    The rules, with the chapter that backs each:

    * **research, chat** — the demand decides, not the label: keep the compute-optimal model (Hoffmann et
      al. 2022) unless the inference-aware model of the same loss (Sardana et al. 2024) saves at least
      ``saving_threshold`` of lifetime compute; then over-train it (chapter 5).
    * **edge** — the device caps the size (:func:`max_params_for_device`, at the goal's int4 precision);
      if the demand-based choice does not fit, spend the budget on the largest model that does, trained on
      many tokens per parameter (small, quantised, over-trained).
    * **reasoning** — as chat for training (the demand must count every sample's tokens); at inference,
      one sample of the compute-optimal model costs as much as ``samples_per_query`` samples of the
      recommended one (:func:`~scaling_helpers.testtime.matched_samples`). With a verifier, repeated sampling
      is a good use of those FLOPs on problems the model solves sometimes (Snell et al. 2024,
      arXiv:2408.03314; chapter 7); without one, majority voting plateaus, so samples buy little.

    Parameters
    ----------
    goal
        A key of :data:`GOALS`: ``"research"``, ``"chat"``, ``"edge"`` or ``"reasoning"``.
    dollars
        Training budget in dollars.
    inference_tokens
        Lifetime inference demand in tokens (default: the goal's illustrative default).
    cluster, law
        As in :func:`plan_training`.
    verifier
        Reasoning goal only: whether answers can be checked (unit tests, a proof checker).
    device, min_tokens_per_s
        Edge goal only: the device and the decoding speed it must reach.
    prompt_tokens, generated_tokens
        Reasoning goal only: tokens read and written per sample.
    saving_threshold
        Smallest lifetime saving for which the inference-aware model is recommended (default 5%).
    """
    if goal not in GOALS:
        raise ValueError(f"unknown goal {goal!r}; use one of {sorted(GOALS)}.")
    g = GOALS[goal]
    demand = g.inference_tokens if inference_tokens is None else inference_tokens
    thr = fraction(saving_threshold, "saving_threshold", closed_low=True)
    base = plan_training(dollars=dollars, inference_tokens=demand, law=law, cluster=cluster,
                         serving_precision=g.serving_precision)
    alt = base.alternative
    over = alt.saving_fraction >= thr
    share = f"inference is {base.inference_share:.0%} of the compute-optimal model's lifetime FLOPs"
    if over:
        rec = plan_training(target_loss=base.loss, n_params=alt.n_params, inference_tokens=demand, law=law,
                            cluster=base.cluster, serving_precision=g.serving_precision)
        why = (f"{share}; a {format_count(alt.n_params)} model trained on {alt.tokens_per_param:,.0f} tokens/param "
               f"reaches the same loss with {alt.saving_fraction:.0%} less lifetime compute")
    else:
        rec = base
        why = (f"{share}; over-training would save only {alt.saving_fraction:.1%} (< {thr:.0%}), so train "
               "compute-optimally")
    regime = "over-train (inference-aware)" if over else "compute-optimal (Chinchilla)"
    reasons: list[str] = [why]
    samples = speed = None

    if goal == "research":
        reasons.append("compute-optimal minimises training FLOPs for a loss: right when the model is trained to be "
                       "measured, not served")
    elif goal == "chat":
        reasons.append("if a stronger teacher already exists, distilling it into the small model can beat training "
                       "it alone (Busbridge et al. 2025, arXiv:2502.08606); with plenty of GPU memory an MoE buys "
                       "quality per active FLOP (chapter 6)")
    elif goal == "edge":
        cap = max_params_for_device(device, g.serving_precision, min_tokens_per_s)
        limit = (f"{device.name}: at {g.serving_precision} and >= {min_tokens_per_s:g} tokens/s the model can have "
                 f"at most {format_count(cap)} parameters")
        if rec.n_params > cap:
            rec = plan_training(dollars=dollars, n_params=cap, inference_tokens=demand, law=law, cluster=base.cluster,
                                serving_precision=g.serving_precision)
            regime = "small, quantised, over-trained (size capped by the device)"
            reasons = [limit, f"the budget trains it on {rec.tokens_per_param:,.0f} tokens/param; loss {rec.loss:.3f} "
                              f"vs {base.loss:.3f} for the compute-optimal model, which would not fit"]
        else:
            regime = f"{regime}, quantised to {g.serving_precision}"
            reasons.append(limit + ", so the device does not bind")
        speed = decode_tokens_per_second_bound(rec.n_params, g.serving_precision, device.bandwidth_bytes_per_s)
        reasons.append(f"decoding bound {speed:.3g} tokens/s at batch 1 (bandwidth / weight bytes); an MoE would "
                       "need all its experts in memory")
    else:  # reasoning
        samples = matched_samples(rec.n_params, base.n_params, prompt_tokens, generated_tokens)
        per_query = (f"one sample of the compute-optimal {format_count(base.n_params)} model costs {samples:.3g} "
                     f"samples of the {format_count(rec.n_params)} model")
        if verifier:
            regime = f"{regime} + repeated sampling with a verifier"
            reasons.append(f"{per_query}; with a verifier, repeated sampling wins on problems the model solves "
                           "sometimes (Snell et al. 2024, arXiv:2408.03314); the hardest problems need a stronger "
                           "model, i.e. a larger budget")
        else:
            regime = f"{regime}, few samples per query (no verifier)"
            reasons.append(f"{per_query}, but without a verifier majority voting plateaus at the share of problems "
                           "whose most likely answer is correct (chapter 7): buy accuracy with a better-trained "
                           "model rather than with samples")
        reasons.append("count every sample's tokens in the inference demand")
    return Decision(g, regime, tuple(reasons), base, rec, samples, speed)
