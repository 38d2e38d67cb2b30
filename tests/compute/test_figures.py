"""Chapter-4 figures, calculators and widgets (compute.figures, compute.calculators, compute.widgets)."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from scaling_helpers.compute import (
    GPT2_SMALL_NO_BIAS,
    LLAMA2_70B,
    count_parameters,
    kv_cache_bytes,
    training_flops_6nd,
    training_time,
)
from scaling_helpers.compute import figures as F
from scaling_helpers.compute.calculators import estimate_memory, estimate_training_cost, peak_is_approximate
from scaling_helpers.compute.widgets import (
    COST_PRESETS,
    memory_calculator,
    render_memory_png,
    training_cost_calculator,
)

# --- calculators -----------------------------------------------------------------------------


def test_cost_matches_training_time():
    est = estimate_training_cost(70e9, 1.4e12, gpu="A100", n_gpus=2048, mfu=0.5, price_per_gpu_hour=2.0)
    t = training_time(training_flops_6nd(70e9, 1.4e12), 2048, "A100", 0.5)
    assert est.flops == pytest.approx(5.88e23)
    assert est.days == pytest.approx(t.days) == pytest.approx(21.3, abs=0.05)  # the often-quoted "~21 days"
    assert est.gpu_hours == pytest.approx(t.gpu_hours)
    assert est.cost == pytest.approx(2.0 * t.gpu_hours)
    assert est.peak_flops == 312e12


def test_peak_provenance():
    assert not peak_is_approximate("A100") and not peak_is_approximate("H100")  # datasheet figures
    assert peak_is_approximate("H800")  # NVIDIA publishes no dense BF16 peak: assumed equal to the H100 SXM's
    assert not estimate_training_cost(1e9, 1e10, gpu="A100").peak_approximate
    assert "approximate" in estimate_training_cost(1e9, 1e10, gpu="H800").html()
    assert "approximate" not in estimate_training_cost(1e9, 1e10, gpu="V100").html()


def test_cost_nanogpt_example():
    """nanoGPT: 124M params, 300B tokens, 8 x A100 at 30% MFU -> 3.46 days."""
    est = estimate_training_cost(124_337_664, 300e9, gpu="A100", n_gpus=8, mfu=0.3)
    assert round(est.days, 2) == 3.46


def test_cost_llama2_gpu_hours():
    """At 43.5% MFU, 6ND for Llama 2 70B takes its reported 1,720,320 A100-hours."""
    est = estimate_training_cost(70e9, 2e12, gpu="A100", n_gpus=1, mfu=0.43472333511396016)
    assert est.gpu_hours == pytest.approx(1_720_320, rel=1e-9)


def test_cost_gpu_hours_independent_of_gpu_count():
    a = estimate_training_cost(70e9, 1.4e12, n_gpus=512)
    b = estimate_training_cost(70e9, 1.4e12, n_gpus=4096)
    assert a.gpu_hours == pytest.approx(b.gpu_hours)
    assert a.days == pytest.approx(8 * b.days)


def test_cost_text_is_rounded():
    est = estimate_training_cost(70e9, 1.4e12, gpu="H100", n_gpus=1024, mfu=0.4)
    assert est.gpu == "H100-SXM"
    assert est.line() == ("6ND = 5.88e+23 FLOPs on 1024 x H100-SXM at 40% MFU: 16.8 days, 413,000 GPU-hours, "
                          "$825k at $2.00/GPU-hour")
    assert "<table" in est.html() and "70B parameters x 1.4T tokens" in est.html()


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"mfu": 40}, "percentage"),
        ({"gpu": "B300"}, "unknown accelerator"),
        ({"n_gpus": 0}, "positive integer"),
        ({"price_per_gpu_hour": -1}, "price_per_gpu_hour"),
    ],
)
def test_cost_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        estimate_training_cost(70e9, 1.4e12, **kwargs)


def test_memory_sixteen_bytes_for_mixed_precision_adam():
    est = estimate_memory(70e9, precision="bf16", optimizer="adam")
    assert est.bytes_per_param == 16.0
    assert (est.weights, est.gradients, est.master_weights, est.optimizer_states) == (140e9, 140e9, 280e9, 560e9)
    assert est.total == 1120e9
    assert est.gpus_needed(80e9) == 14
    fp32 = estimate_memory(70e9, precision="fp32", optimizer="adam")
    assert fp32.bytes_per_param == 16.0 and fp32.master_weights == 0  # fp32 weights are their own master
    assert estimate_memory(70e9, precision="bf16", optimizer="sgd-momentum").bytes_per_param == 12.0


@pytest.mark.parametrize("precision, gb", [("fp32", 280), ("bf16", 140), ("int8", 70), ("int4", 35)])
def test_memory_weights_by_precision(precision, gb):
    est = estimate_memory(70e9, precision=precision)
    assert est.weights == pytest.approx(gb * 1e9)
    assert est.total == est.weights and est.gradients == 0


def test_memory_kv_cache_matches_inference_module():
    est = estimate_memory("llama2-70b", context_tokens=4096, batch_size=2)
    assert est.kv_cache == kv_cache_bytes(LLAMA2_70B, 4096, batch_size=2)
    assert est.n_params == count_parameters(LLAMA2_70B).total
    assert est.name == "Llama 2 70B"
    assert est.total == est.weights + est.kv_cache
    assert est.line() == "Llama 2 70B, bf16, optimizer none: weights 138 GB, KV cache 2.68 GB; total 141 GB"


def test_memory_accepts_config():
    est = estimate_memory(GPT2_SMALL_NO_BIAS, precision="fp32")
    assert est.n_params == 124_337_664


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        ((70e9,), {"precision": "int4", "optimizer": "adam"}, "not modelled"),
        ((70e9,), {"context_tokens": 1024}, "needs the model's shape"),
        (("llama2-70b",), {"optimizer": "adam", "context_tokens": 1024}, "inference-time"),
        (("llama2-70b",), {"optimizer": "lion"}, "optimizer must be"),
        (("llama2-70b",), {"precision": "fp12"}, "precision must be"),
        (("gpt-5",), {}, "unknown model"),
        ((-1.0,), {}, "must be > 0"),
    ],
)
def test_memory_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        estimate_memory(*args, **kwargs)


# --- figures ---------------------------------------------------------------------------------


def _labelled(fig: Figure) -> None:
    """Every axis has an x label, and a y label unless its rows are named by tick labels (bar charts)."""
    assert isinstance(fig, Figure) and fig.axes
    for ax in fig.axes:
        assert ax.get_xlabel(), f"an axis of {ax.get_title()!r} has no x label"
        rows_named = any(t.get_text() for t in ax.get_yticklabels())
        assert ax.get_ylabel() or rows_named or len(ax.get_yticks()) == 0, ax.get_title()


FIGURES = {
    "parameter_breakdown": lambda: F.plot_parameter_breakdown(),
    "table_a9_check": lambda: F.plot_table_a9_check(),
    "flop_breakdown": lambda: F.plot_flop_breakdown(),
    "table_a4": lambda: F.plot_table_a4(),
    "attention_vs_mlp": lambda: F.plot_attention_vs_mlp(),
    "kv_cache": lambda: F.plot_kv_cache(),
    "memory_per_parameter": lambda: F.plot_memory_per_parameter(),
    "memory_breakdown": lambda: F.plot_memory_breakdown(estimate_memory("llama2-70b", optimizer="adam")),
    "cost_vs_mfu": lambda: F.plot_cost_vs_mfu(5.88e23, 2048),
    "reference_runs": lambda: F.plot_reference_runs(),
    "roofline": lambda: F.plot_roofline(),
    "activation_memory": lambda: F.plot_activation_memory(),
}


@pytest.mark.parametrize("name", list(FIGURES))
def test_figures_have_labelled_axes(name):
    _labelled(FIGURES[name]())


def test_attention_figure_marks_the_crossover():
    fig = F.plot_attention_vs_mlp(d_models=(1000,))
    left = fig.axes[0]
    dots = [ln for ln in left.lines if len(ln.get_xdata()) == 1]
    assert [float(ln.get_xdata()[0]) for ln in dots] == [4000.0]  # n_ctx = 4 d_model
    assert "4,000" in left.get_legend().texts[0].get_text()


def test_table_a4_figure_shows_printed_and_reproduced_ratios():
    ax = F.plot_table_a4().axes[0]
    heights = [round(p.get_height(), 2) for c in ax.containers for p in c]
    assert heights[:6] == [1.03, 1.10, 1.08, 1.04, 1.03, 0.99]  # printed
    assert heights[6:12] == [1.03, 1.10, 1.08, 1.04, 1.03, 0.99]  # reproduced without embeddings/logits


def test_reference_runs_figure_values():
    right = F.plot_reference_runs().axes[1]
    widths = [round(p.get_width(), 1) for p in right.containers[0]]
    assert widths[0] == 43.5  # Llama 2 70B
    assert widths[-1] == 50.7  # the claimed 21 days on 2048 A100


@pytest.mark.parametrize(
    "call",
    [
        lambda: F.plot_parameter_breakdown(()),
        lambda: F.plot_flop_breakdown(()),
        lambda: F.plot_attention_vs_mlp(()),
        lambda: F.plot_cost_vs_mfu(5.88e23, 2048, gpus=()),
    ],
)
def test_figures_reject_empty_input(call):
    with pytest.raises(ValueError, match="empty"):
        call()


# --- widgets ---------------------------------------------------------------------------------


def test_cost_calculator_updates_and_presets():
    lab = training_cost_calculator()
    assert repr(lab).startswith("Calculator: training time and cost")
    preset, n, d, acc, count, util, price, out = lab.widget.children
    first = out.value
    util.value = 0.5
    assert out.value != first and "21.3 days" in out.value and preset.value == "custom"
    key = next(k for k in COST_PRESETS if k.startswith("Llama 2"))
    preset.value = key
    assert preset.value == key and "1.72e+06 GPU-hours" in out.value


def test_memory_calculator_updates_html_and_image():
    lab = memory_calculator("llama2-70b")
    assert repr(lab) == "Calculator: memory for weights, gradients, optimizer states and KV cache"
    mdl, prec, opt, ctx, batch, out, img = lab.widget.children
    before_png = img.value
    opt.value = "adam"
    assert "optimizer states" in out.value and "not counted while training" in out.value
    assert img.value != before_png and img.value[:4] == b"\x89PNG"
    prec.value = "int4"
    assert "not modelled" in out.value  # an error message, not an exception


def test_render_memory_png():
    assert render_memory_png("gpt2-small", precision="fp32")[:4] == b"\x89PNG"


def test_roofline_figure_places_the_ridge_points():
    fig = F.plot_roofline()
    ax = fig.axes[0]
    ridges = sorted(ln.get_xdata()[0] for ln in ax.lines if ln.get_linestyle() == ":")
    assert ridges == pytest.approx([312 / 2.039, 989.4 / 3.35])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("batch 8: 8 FLOP/byte" in t for t in labels)
