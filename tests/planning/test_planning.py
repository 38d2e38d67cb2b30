"""Chapter 12: the end-to-end planner, device limits, the decision rules, figures and the widget."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from scaling_helpers.chinchilla import BESIROGLU_2024, HOFFMANN_2022
from scaling_helpers.compute import (
    LLAMA3_8B,
    generation_flops,
    kv_cache_bytes_per_token,
    training_cost,
    weights_memory_bytes,
)
from scaling_helpers.compute.calculators import estimate_training_cost
from scaling_helpers.overtraining import chinchilla_point, compare_with_chinchilla
from scaling_helpers.planning import (
    EXAMPLE_EDGE_DEVICE,
    GOALS,
    Cluster,
    EdgeDevice,
    decide,
    decode_speedup_bound,
    decode_tokens_per_second_bound,
    max_params_for_device,
    max_params_for_memory,
    max_params_for_speed,
    plan_training,
)
from scaling_helpers.planning.figures import (
    plot_build_options,
    plot_decision,
    plot_device_fit,
    plot_regime_map,
    regime_grid,
)
from scaling_helpers.planning.widgets import planner_explorer, render_planner_png

H100 = Cluster("H100", 1024, 0.4, 2.0)


# ---------------------------------------------------------------------------------------------- cluster
def test_cluster_turns_dollars_into_flops_with_the_dense_peak():
    # $1M / $2 = 500,000 GPU-hours x 3600 s x 989.4e12 FLOP/s x 0.4
    assert H100.flops_for_dollars(1e6) == pytest.approx(5e5 * 3600 * 989.4e12 * 0.4, rel=1e-12)
    assert H100.dollars_for(H100.flops_for_dollars(3e5)) == pytest.approx(3e5, rel=1e-12)
    assert H100.gpu == "H100-SXM" and H100.memory_bytes == 80e9
    assert "1024 x H100-SXM at 40% MFU" in H100.label()


@pytest.mark.parametrize("kwargs, needle", [
    ({"gpu": "B9000"}, "unknown accelerator"),
    ({"mfu": 40}, "divide by 100"),
    ({"n_gpus": 0}, "positive integer"),
    ({"price_per_gpu_hour": -1}, "price_per_gpu_hour"),
])
def test_cluster_rejects_bad_input_with_advice(kwargs, needle):
    with pytest.raises(ValueError, match=needle):
        Cluster(**kwargs)


# ---------------------------------------------------------------------------------------------- plans
def test_a_dollar_budget_is_spent_exactly_and_split_compute_optimally():
    p = plan_training(dollars=1e6, cluster=H100)
    n, d = BESIROGLU_2024.compute_optimal(H100.flops_for_dollars(1e6))
    assert (p.n_params, p.train_tokens) == pytest.approx((n, d), rel=1e-12)
    assert p.training_dollars == pytest.approx(1e6, rel=1e-9)
    assert p.training_flops == pytest.approx(6 * p.n_params * p.train_tokens, rel=1e-12)
    est = estimate_training_cost(n, d, gpu="H100", n_gpus=1024, mfu=0.4, price_per_gpu_hour=2.0)
    assert (p.days, p.gpu_hours) == pytest.approx((est.days, est.gpu_hours), rel=1e-12)
    assert p.days == pytest.approx(20.3, abs=0.05)
    assert p.loss == pytest.approx(BESIROGLU_2024.loss(n, d), rel=1e-12)
    assert not p.size_fixed and "$1M" in p.goal


def test_flops_and_dollar_goals_agree():
    a = plan_training(dollars=3e6, cluster=H100)
    b = plan_training(flops=H100.flops_for_dollars(3e6), cluster=H100)
    assert (a.n_params, a.train_tokens, a.loss) == pytest.approx((b.n_params, b.train_tokens, b.loss), rel=1e-12)


def test_a_target_loss_gives_back_the_compute_optimal_model_of_that_loss():
    budget = plan_training(flops=1e23)
    back = plan_training(target_loss=budget.loss)
    assert back.loss == pytest.approx(budget.loss, abs=1e-12)
    assert (back.n_params, back.train_tokens) == pytest.approx((budget.n_params, budget.train_tokens), rel=1e-6)
    assert back.training_flops == pytest.approx(1e23, rel=1e-6)


def test_more_money_buys_a_bigger_model_and_a_lower_loss():
    plans = [plan_training(dollars=x) for x in (1e4, 1e5, 1e6, 1e7)]
    assert all(b.n_params > a.n_params and b.loss < a.loss for a, b in zip(plans, plans[1:], strict=False))
    # Hoffmann's rounded constants split the same budget differently
    assert plan_training(dollars=1e6, law=HOFFMANN_2022).tokens_per_param > 2 * plans[2].tokens_per_param


def test_a_fixed_size_spends_the_whole_budget_on_tokens():
    p = plan_training(flops=1e23, n_params=3e9)
    assert p.size_fixed and p.n_params == 3e9
    assert p.train_tokens == pytest.approx(1e23 / (6 * 3e9), rel=1e-12)
    assert p.loss > plan_training(flops=1e23).loss          # off the compute-optimal frontier


def test_fixed_size_and_target_loss():
    target = chinchilla_point(BESIROGLU_2024, 13e9).loss
    p = plan_training(target_loss=target, n_params=7e9)
    assert p.loss == pytest.approx(target, abs=1e-9)
    assert p.train_tokens == pytest.approx(BESIROGLU_2024.tokens_for_loss(7e9, target), rel=1e-12)
    with pytest.raises(ValueError, match="unreachable"):
        plan_training(target_loss=target, n_params=1e9)


def test_lifetime_accounting():
    p = plan_training(dollars=1e6, inference_tokens=1e13)
    assert p.inference_flops == pytest.approx(2 * p.n_params * 1e13, rel=1e-12)
    assert p.lifetime_flops == pytest.approx(p.training_flops + p.inference_flops, rel=1e-12)
    assert p.inference_share == pytest.approx(1e13 / (3 * p.train_tokens + 1e13), rel=1e-9)
    assert p.inference_dollars == pytest.approx(training_cost(p.inference_flops, "H100", 0.2, 2.0), rel=1e-12)
    assert p.lifetime_dollars == pytest.approx(p.training_dollars + p.inference_dollars)
    assert plan_training(dollars=1e6).inference_dollars == 0.0


def test_memory_and_kv_cache():
    p = plan_training(target_loss=2.1, serving_precision="int4", config=LLAMA3_8B)
    assert p.weights_bytes == pytest.approx(p.n_params / 2)
    assert p.training_memory_bytes == pytest.approx(16 * p.n_params)
    assert p.gpus_to_hold_training_state == math.ceil(16 * p.n_params / 80e9)
    assert p.kv_bytes_per_token == 2 * 32 * 8 * 128 * 2          # K and V, 32 layers, 8 KV heads of 128, bf16
    assert "Llama 3 8B" in p.kv_config
    assert plan_training(target_loss=2.1).kv_bytes_per_token is None


def test_zero_demand_alternative_is_the_plan_itself():
    p = plan_training(dollars=1e6)
    assert p.alternative.n_params == pytest.approx(p.n_params, rel=1e-6)
    assert p.alternative.saving_fraction == pytest.approx(0.0, abs=1e-9)


def test_alternative_reproduces_the_inference_aware_table():
    """Epoch constants, the Chinchilla-optimal 13B's loss, 2T tokens -> 6.1B, 121 tokens/param, 29%."""
    target = chinchilla_point(BESIROGLU_2024, 13e9).loss
    p = plan_training(target_loss=target, inference_tokens=2e12)
    assert p.n_params == pytest.approx(13e9, rel=1e-6)
    a = p.alternative
    assert a.n_params == pytest.approx(6.1e9, rel=0.01)
    assert a.tokens_per_param == pytest.approx(121, rel=0.01)
    assert a.saving_fraction == pytest.approx(0.29, abs=0.005)
    ref = compare_with_chinchilla(BESIROGLU_2024, 13e9, 2e12)
    assert a.saving_flops == pytest.approx(ref.saving_flops, rel=1e-6)


def test_heavier_demand_means_a_smaller_longer_trained_alternative_of_the_same_loss():
    alts = [plan_training(dollars=1e6, inference_tokens=x).alternative for x in (1e12, 1e13, 1e14, 1e15)]
    assert all(b.n_params < a.n_params and b.tokens_per_param > a.tokens_per_param and
               b.saving_fraction > a.saving_fraction for a, b in zip(alts, alts[1:], strict=False))
    p = plan_training(dollars=1e6, inference_tokens=1e14)
    a = p.alternative
    assert BESIROGLU_2024.loss(a.n_params, a.train_tokens) == pytest.approx(p.loss, abs=1e-9)
    assert a.saving_fraction == pytest.approx(1 - a.lifetime_flops / p.lifetime_flops, rel=1e-9)
    assert a.training_dollars > p.training_dollars        # costs more to train ...
    assert a.lifetime_dollars < p.lifetime_dollars        # ... and less over its life


def test_plan_lines_are_rounded_and_complete():
    text = plan_training(dollars=1e6, inference_tokens=1e14, config=LLAMA3_8B).text()
    for needle in ("80.6B params", "18 tokens/param", "1.969", "20.3 days", "$1M", "161 GB", "128 KiB",
                   "96% inference", "N* = 23.8B", "573 tokens/param", "saves 60%"):
        assert needle in text, needle
    assert "<table" in plan_training(dollars=1e6).html()


@pytest.mark.parametrize("kwargs, needle", [
    ({}, "exactly one goal"),
    ({"dollars": 1e6, "flops": 1e23}, "exactly one goal"),
    ({"dollars": -5}, "dollars"),
    ({"flops": 0}, "flops"),
    ({"target_loss": 1.5}, "irreducible"),
    ({"target_loss": 50.0}, "perplexity"),
    ({"dollars": 1e6, "inference_tokens": -1}, "inference_tokens"),
    ({"dollars": 1e6, "law": "chinchilla"}, "ParametricLaw"),
    ({"dollars": 1e6, "cluster": "H100"}, "Cluster"),
    ({"dollars": 1e6, "inference_mfu": 20}, "divide by 100"),
    ({"dollars": 1e6, "serving_precision": "int3"}, "unknown precision"),
    ({"dollars": 1e6, "n_params": 0}, "n_params"),
])
def test_plan_rejects_bad_input_with_advice(kwargs, needle):
    with pytest.raises(ValueError, match=needle):
        plan_training(**kwargs)


# ---------------------------------------------------------------------------------------------- devices
def test_memory_and_speed_caps():
    assert max_params_for_memory(8e9, "int4") == 16e9
    assert max_params_for_memory(8e9, "bf16", kv_cache_bytes=2e9) == 3e9
    assert decode_tokens_per_second_bound(8e9, "int4", 100e9) == pytest.approx(25.0)
    assert decode_tokens_per_second_bound(8e9, "int4", 100e9, kv_cache_bytes=1e9) == pytest.approx(20.0)
    n = max_params_for_speed(100e9, 20, "int8", kv_cache_bytes=5e8)
    assert decode_tokens_per_second_bound(n, "int8", 100e9, kv_cache_bytes=5e8) == pytest.approx(20.0)


@pytest.mark.parametrize("precision, speed, expected", [
    ("int4", 20, 10e9),     # speed binds: 100 GB/s / 20 = 5 GB per token
    ("int4", 5, 16e9),      # memory binds: 8 GB / 0.5 B
    ("bf16", 20, 2.5e9),
])
def test_device_cap_is_the_tighter_limit(precision, speed, expected):
    assert max_params_for_device(EXAMPLE_EDGE_DEVICE, precision, speed) == pytest.approx(expected)


def test_device_inputs_are_checked():
    with pytest.raises(ValueError, match="KV cache"):
        max_params_for_memory(8e9, "int4", kv_cache_bytes=9e9)
    with pytest.raises(ValueError, match="KV cache"):
        max_params_for_speed(100e9, 50, "int4", kv_cache_bytes=3e9)
    with pytest.raises(ValueError, match="min_tokens_per_s"):
        max_params_for_speed(100e9, 0)
    with pytest.raises(ValueError, match="EdgeDevice"):
        max_params_for_device("phone")
    with pytest.raises(ValueError, match="bandwidth"):
        EdgeDevice("x", 8e9, -1)


# ---------------------------------------------------------------------------------------------- decisions
def test_research_with_little_demand_stays_compute_optimal():
    d = decide("research", dollars=1e6)
    assert d.recommended is d.baseline
    assert d.regime.startswith("compute-optimal")
    assert d.baseline.inference_share < 0.05


def test_the_demand_decides_not_the_label():
    heavy_research = decide("research", dollars=1e6, inference_tokens=1e14)
    assert heavy_research.regime.startswith("over-train")
    light_chat = decide("chat", dollars=1e6, inference_tokens=1e10)
    assert light_chat.regime.startswith("compute-optimal")


def test_chat_over_trains_to_the_same_loss():
    d = decide("chat", dollars=1e6, inference_tokens=1e14)
    b, r = d.baseline, d.recommended
    assert r.n_params == pytest.approx(b.alternative.n_params, rel=1e-9)
    assert r.loss == pytest.approx(b.loss, abs=1e-9)
    assert r.lifetime_flops == pytest.approx(b.alternative.lifetime_flops, rel=1e-9)
    assert "distil" in " ".join(d.reasons)
    strict = decide("chat", dollars=1e6, inference_tokens=1e14, saving_threshold=0.99)
    assert strict.recommended is strict.baseline and strict.regime.startswith("compute-optimal")


def test_edge_caps_the_size_and_meets_the_speed():
    d = decide("edge", dollars=1e6, min_tokens_per_s=20)
    cap = max_params_for_device(EXAMPLE_EDGE_DEVICE, "int4", 20)
    assert d.recommended.n_params == pytest.approx(cap)
    assert d.recommended.training_dollars == pytest.approx(1e6, rel=1e-9)     # the whole budget, on tokens
    assert d.recommended.tokens_per_param > 1000
    assert d.tokens_per_second == pytest.approx(20.0)
    assert d.recommended.loss > d.baseline.loss
    roomy = EdgeDevice("big box", 1e12, 1e14)
    assert "does not bind" in " ".join(decide("edge", dollars=1e4, device=roomy).reasons)


def test_reasoning_prices_samples_at_matched_flops():
    d = decide("reasoning", dollars=1e6, inference_tokens=1e14, prompt_tokens=500, generated_tokens=1000)
    b, r = d.baseline, d.recommended
    assert d.samples_per_query == pytest.approx(generation_flops(b.n_params, 500, 1000)
                                                / generation_flops(r.n_params, 500, 1000))
    assert d.samples_per_query == pytest.approx(b.n_params / r.n_params)
    nv = decide("reasoning", dollars=1e6, inference_tokens=1e14, verifier=False)
    assert "verifier" in d.regime and "no verifier" in nv.regime
    assert nv.recommended.n_params == pytest.approx(r.n_params)


def test_decision_text_and_bad_goals():
    d = decide("chat", dollars=1e6, inference_tokens=1e14)
    assert d.text() == ("chat product: over-train (inference-aware) -> 23.8B params x 13.6T tokens (573 tokens/param) "
                        "instead of 80.6B x 1.47T; lifetime compute -60%, loss +0.000")
    assert "<table>" in d.html()
    with pytest.raises(ValueError, match="unknown goal"):
        decide("startup", dollars=1e6)
    assert set(GOALS) == {"research", "chat", "edge", "reasoning"}


# ---------------------------------------------------------------------------------------------- figures
def test_regime_grid_saving_grows_with_demand_and_falls_with_budget():
    g = regime_grid(dollars=[1e5, 1e7], demands=[1e10, 1e12, 1e14])
    assert g.saving.shape == (2, 3)
    assert np.all(np.diff(g.saving, axis=1) >= 0)
    assert g.saving[0, 1] > g.saving[1, 1]           # a bigger run amortises the same demand better
    assert g.tokens_per_param[0, 0] == pytest.approx(plan_training(dollars=1e5).tokens_per_param, rel=0.05)


def test_regime_map_figure():
    fig = plot_regime_map(regime_grid(dollars=np.logspace(4, 8, 5), demands=np.logspace(9, 16, 8)),
                          marks={"A": (1e6, 1e11)})
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert "demand" in ax.get_xlabel() and "dollars" in ax.get_ylabel()
    assert any(t.get_text() == "A" for t in ax.texts)


def test_decision_figure_bars():
    d = decide("chat", dollars=1e6, inference_tokens=1e14)
    fig = plot_decision(d)
    ax1, ax2 = fig.axes
    heights = [p.get_height() for p in ax1.patches]
    assert heights[0] + heights[2] == pytest.approx(1.0)        # baseline: training + inference = 1
    assert heights[1] + heights[3] == pytest.approx(d.recommended.lifetime_flops / d.baseline.lifetime_flops)
    assert ax2.patches[1].get_height() == pytest.approx(d.recommended.weights_bytes / 1e9)


def test_device_figure_marks_each_cap():
    fig = plot_device_fit(EXAMPLE_EDGE_DEVICE, 20, precisions=("bf16", "int4"))
    dots = [ln for ln in fig.axes[0].lines if ln.get_marker() == "o"]
    assert [ln.get_xdata()[0] for ln in dots] == pytest.approx([2.5e9, 10e9])


def test_build_options_figure():
    est = estimate_training_cost(8e9, 1e9, gpu="H100", n_gpus=8)
    assert isinstance(plot_build_options({"fine-tune": est}), Figure)
    with pytest.raises(ValueError, match="empty"):
        plot_build_options({})


def test_planner_widget_updates_numbers_and_picture():
    ex = planner_explorer("chat", dollars=1e6, inference_tokens=1e14)
    assert repr(ex).startswith("Explorer: goal, training budget")
    goals, budget, demand, verifier, row = ex.widget.children
    img, summary = row.children
    first_html, first_png = summary.value, img.value
    assert "23.8B" in first_html and "over-train" in first_html
    demand.value = 1e10
    assert summary.value != first_html and img.value != first_png
    assert "compute-optimal (Chinchilla)" in summary.value
    goals.value = "edge"
    assert "capped by the device" in summary.value
    goals.value = "reasoning"
    verifier.value = False
    assert "no verifier" in summary.value
    budget.value = 1e7
    assert "$10M" in summary.value
    assert ex._repr_mimebundle_()["text/plain"] == repr(ex)
    with pytest.raises(ValueError, match="unknown goal"):
        planner_explorer("startup")


def test_render_planner_png():
    assert render_planner_png("edge", 1e6, 1e13)[:8] == b"\x89PNG\r\n\x1a\n"


def test_weights_helper_agrees_with_the_caps():
    n = max_params_for_memory(8e9, "int8")
    assert weights_memory_bytes(n, "int8") == pytest.approx(8e9)


def test_quantisation_speedup_is_a_bandwidth_bound_not_a_fixed_factor():
    """The rule "int8: 2x memory, 1.5x speed; int4: 4x memory, 2x speed" is not a law (Pope et al. 2022)."""
    bw = EXAMPLE_EDGE_DEVICE.bandwidth_bytes_per_s
    bf16 = decode_tokens_per_second_bound(8e9, "bf16", bw)
    for precision, memory_factor, rule_speedup in (("int8", 2, 1.5), ("int4", 4, 2.0)):
        assert weights_memory_bytes(8e9, "bf16") / weights_memory_bytes(8e9, precision) == memory_factor
        ceiling = decode_speedup_bound(8e9, precision)
        assert ceiling == pytest.approx(decode_tokens_per_second_bound(8e9, precision, bw) / bf16)
        assert ceiling == pytest.approx(memory_factor) and ceiling > rule_speedup
    # a 16-bit KV cache is read too: the longer the context, the smaller the ceiling
    kv_4k = kv_cache_bytes_per_token(LLAMA3_8B) * 4096
    with_4k = decode_speedup_bound(8e9, "int4", kv_cache_bytes=kv_4k)
    with_32k = decode_speedup_bound(8e9, "int4", kv_cache_bytes=8 * kv_4k)
    assert 4.0 > with_4k > with_32k > 2.0
    assert round(with_4k, 2) == 3.64 and round(with_32k, 2) == 2.45


def test_decision_figure_keeps_bar_labels_off_the_memory_line():
    """Issue 16: the recommended bar's label used to sit on the "device memory" line and its label."""
    from scaling_helpers.planning.widgets import memory_limit

    d = decide("edge", dollars=1e6, inference_tokens=1e13, cluster=H100)
    limit, label = memory_limit(d)
    fig = plot_decision(d, limit, label)
    fig.canvas.draw()
    ax2 = fig.axes[1]
    line_y = ax2.transData.transform((0, limit / 1e9))[1]
    texts = [t for t in ax2.texts if t.get_text()]
    assert len(texts) == 2 and label in ax2.get_title()
    for t in texts:
        box = t.get_window_extent()
        assert not box.y0 - 1 <= line_y <= box.y1 + 1, t.get_text()
    # the value labels still sit on or above their bars
    for bar, t in zip(ax2.patches, texts, strict=True):
        assert t.get_position()[1] >= bar.get_height()
