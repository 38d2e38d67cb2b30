"""The training plan: from a budget (FLOPs or dollars on a :class:`~.cluster.Cluster`) or a target loss to the
model's size, tokens, loss, cost, memory and lifetime compute, with the inference-aware alternative
(:func:`plan_training`; see :mod:`scaling_helpers.planning` for the steps and the assumptions).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

from ..chinchilla.laws import BESIROGLU_2024, ParametricLaw
from ..common.units import format_count
from ..common.validate import finite_scalar, fraction, non_negative, positive_scalar
from ..compute import (
    GB,
    TransformerConfig,
    count_parameters,
    inference_flops_per_token,
    kv_cache_bytes_per_token,
    training_flops_6nd,
    training_memory,
    weights_memory_bytes,
)
from ..compute.calculators import estimate_training_cost
from ..overtraining.lifetime import compute_optimal_params_for_loss, lifetime_flops, training_tokens_for_loss
from ..overtraining.optimum import inference_aware_optimum
from .cluster import Cluster

__all__ = ["DEFAULT_INFERENCE_MFU", "SAVING_THRESHOLD", "Alternative", "TrainingPlan", "plan_training"]


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
                         f"scaling_helpers.chinchilla.laws); got {type(law).__name__}.")
    return law

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


