"""Chapter-6 figures and the MoE design explorer (scaling_helpers.moe.figures, .widgets)."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from scaling_helpers.moe import DEEPSEEK_V3, MIXTRAL_8X7B, moe_summary, route_with_capacity
from scaling_helpers.moe import figures as F
from scaling_helpers.moe.widgets import moe_design, moe_explorer, render_design_png


@pytest.mark.parametrize(
    "make",
    [
        F.plot_total_vs_active,
        F.plot_flops_vs_memory,
        F.plot_routed_laws,
        F.plot_geometric_mean_vs_law,
        lambda: F.plot_router_loads(route_with_capacity([3, 1, 2], 2), mean_load=2),
        lambda: F.plot_moe_design(moe_summary(MIXTRAL_8X7B), reference=moe_summary(DEEPSEEK_V3)),
    ],
)
def test_figures_build_with_labelled_axes(make):
    fig = make()
    assert isinstance(fig, Figure)
    for ax in fig.axes:
        assert ax.get_xlabel() and ax.get_ylabel()


def test_total_vs_active_plots_every_model():
    fig = F.plot_total_vs_active()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    for name in ("Mixtral 8x7B", "DeepSeek-V3", "DBRX", "OLMoE-1B-7B"):
        assert name in labels
    assert any("announced only" in t for t in labels)  # DeepSeek-V2 has no config here


def test_moe_design_keeps_backbone():
    cfg, s = moe_design("mixtral-8x7b", n_experts=16)
    base = moe_summary(MIXTRAL_8X7B)
    assert cfg.n_experts == 16 and cfg.top_k == 2
    assert s.active == base.active + 32 * 4096 * 8  # same top-k: same compute, apart from a wider router
    assert s.total > 1.9 * base.total  # twice the experts: almost twice the memory
    with pytest.raises(ValueError, match="cannot exceed"):
        moe_design("mixtral-8x7b", n_experts=2, top_k=4)
    with pytest.raises(ValueError, match="one of"):
        moe_design("gpt-4")


def test_explorer_updates_without_printing(capsys):
    lab = moe_explorer()
    assert repr(lab).startswith("Explorer: MoE design")
    backbone, experts, topk, width, shared, out, img = lab.widget.children
    first = bytes(img.value)
    assert first.startswith(b"\x89PNG")
    assert "Mixtral 8x7B" in out.value
    topk.value = 4
    assert "(modified)" in out.value and bytes(img.value) != first
    topk.value, experts.value = 9, 4  # invalid: reported in the HTML, no exception
    assert "cannot exceed" in out.value
    backbone.value = "deepseek-v3"
    assert (experts.value, topk.value, width.value, shared.value) == (256, 8, 2048, 1)
    assert "DeepSeek-V3" in out.value
    assert capsys.readouterr().out == ""
    with pytest.raises(ValueError, match="one of"):
        moe_explorer("gpt-4")


def test_render_design_png():
    png = render_design_png(moe_summary(MIXTRAL_8X7B))
    assert png.startswith(b"\x89PNG")


def test_routed_laws_equivalences_sit_in_the_legend_not_on_the_curves():
    """Issue 16: the '= dense with Nx the compute' labels were drawn over the lines."""
    from matplotlib.text import Annotation

    from scaling_helpers.moe import dense_compute_for_loss, krajewski_compute_optimal

    fig = F.plot_routed_laws()
    right = fig.axes[1]
    assert not [t for t in right.texts if "dense with" in t.get_text()]
    assert not [c for c in right.get_children() if isinstance(c, Annotation)]
    legend = " ".join(t.get_text() for t in right.get_legend().get_texts())
    factor = dense_compute_for_loss(krajewski_compute_optimal(1e20).loss) / 1e20
    assert f"{factor:.0f}x" in legend and "dense with" in legend
