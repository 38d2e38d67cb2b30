"""Advice for the four goals of chapter 12 (research model, chat product, on-device model, reasoning workload):
:func:`decide` turns a plan into a recommendation; the chapter-10 widget wraps it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..chinchilla.laws import BESIROGLU_2024, ParametricLaw
from ..common.units import format_count
from ..common.validate import fraction
from ..testtime import matched_samples
from .cluster import Cluster
from .devices import EXAMPLE_EDGE_DEVICE, EdgeDevice, decode_tokens_per_second_bound, max_params_for_device
from .plan import SAVING_THRESHOLD, TrainingPlan, _gb, _money, plan_training

__all__ = ["Goal", "GOALS", "Decision", "decide"]


@dataclass(frozen=True)
class Goal:
    """A kind of project, with the defaults the widget starts from."""

    key: str
    title: str
    summary: str
    inference_tokens: float
    """Default lifetime inference demand (illustrative)."""
    serving_precision: str


#: The four goals of chapter 12. Demands are illustrative orders of magnitude: 1e11 tokens is an evaluation
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
      ``saving_threshold`` of lifetime compute; then over-train it (chapter 6).
    * **edge** — the device caps the size (:func:`max_params_for_device`, at the goal's int4 precision);
      if the demand-based choice does not fit, spend the budget on the largest model that does, trained on
      many tokens per parameter (small, quantised, over-trained).
    * **reasoning** — as chat for training (the demand must count every sample's tokens); at inference,
      one sample of the compute-optimal model costs as much as ``samples_per_query`` samples of the
      recommended one (:func:`~scaling_helpers.testtime.matched_samples`). With a verifier, repeated sampling
      is a good use of those FLOPs on problems the model solves sometimes (Snell et al. 2024,
      arXiv:2408.03314; chapter 8); without one, majority voting plateaus, so samples buy little.

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
                       "quality per active FLOP (chapter 7)")
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
                           "whose most likely answer is correct (chapter 8): buy accuracy with a better-trained "
                           "model rather than with samples")
        reasons.append("count every sample's tokens in the inference demand")
    return Decision(g, regime, tuple(reasons), base, rec, samples, speed)
