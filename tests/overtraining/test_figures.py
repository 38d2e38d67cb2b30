"""Chapter-5 figures and the inference-demand explorer widget."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from scaling_helpers.chinchilla import BESIROGLU_2024, HOFFMANN_2022
from scaling_helpers.overtraining import (
    GADRE_2024_RPJ,
    RELEASED_MODELS,
    chinchilla_point,
    compare_with_chinchilla,
)
from scaling_helpers.overtraining.figures import (
    format_demand,
    lifetime_cost_curve,
    plot_lifetime_cost,
    plot_optimal_tokens_per_param,
    plot_overtraining_law,
    plot_released_models,
)
from scaling_helpers.overtraining.widgets import overtraining_explorer, render_overtraining_png


def test_format_demand():
    assert [format_demand(x) for x in (0, 2e12, 5e11, 1e15, 3e6)] == ["0", "2T", "500B", "1P", "3M"]


def test_lifetime_cost_curve_is_nan_below_the_minimum_size_and_minimal_at_the_optimum():
    target = chinchilla_point(BESIROGLU_2024, 13e9).loss
    n = np.logspace(9, 11, 2001)
    y = lifetime_cost_curve(BESIROGLU_2024, target, 1e13, n)
    assert np.isnan(y[0]) and np.isfinite(y[-1])
    best = compare_with_chinchilla(BESIROGLU_2024, 13e9, 1e13).optimum
    assert n[np.nanargmin(y)] == pytest.approx(best.n_params, rel=0.01)


def test_lifetime_cost_figure_marks_each_optimum():
    demands = (0.0, 2e12, 1e14)
    fig = plot_lifetime_cost(HOFFMANN_2022, 13e9, demands)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    circles = [line for line in ax.lines if line.get_marker() == "o"]
    assert len(circles) == len(demands)
    for line, d in zip(circles, demands, strict=True):
        assert line.get_xdata()[0] == pytest.approx(compare_with_chinchilla(HOFFMANN_2022, 13e9, d).optimum.n_params)
    assert "FLOPs" in ax.get_ylabel()


def test_tokens_per_param_figure_has_both_constant_sets():
    fig = plot_optimal_tokens_per_param([HOFFMANN_2022, BESIROGLU_2024], demands=np.logspace(10, 14, 5))
    ax1, ax2 = fig.axes
    labels = [t.get_text() for t in ax1.get_legend().get_texts()]
    assert labels == [HOFFMANN_2022.name, BESIROGLU_2024.name]
    assert ax1.get_yscale() == "log" and ax2.get_ylim() == (0, 100)


def _drawn_points(line, per_segment: int = 50) -> np.ndarray:
    """Display coordinates along a drawn line (segments interpolated, as they are drawn)."""
    pts = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
    pts = pts[np.isfinite(pts).all(axis=1)]
    t = np.linspace(0, 1, per_segment)[:, None]
    return np.vstack([a + t * (b - a) for a, b in zip(pts[:-1], pts[1:], strict=True)] or [pts])


def test_tokens_per_param_legend_leaves_the_dashed_lines_visible():
    """Issue 16: the legend used to sit on the dashed Chinchilla-optimal lines; no drawn line may pass under it."""
    fig = plot_optimal_tokens_per_param([HOFFMANN_2022, BESIROGLU_2024], 13e9)
    fig.canvas.draw()
    for ax in fig.axes:
        box = ax.get_legend().get_window_extent()
        dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
        assert ax is fig.axes[1] or len(dashed) == 2
        for line in ax.lines:
            pts = _drawn_points(line)
            inside = ((pts[:, 0] > box.x0) & (pts[:, 0] < box.x1) & (pts[:, 1] > box.y0) & (pts[:, 1] < box.y1))
            assert not inside.any(), (line.get_label(), line.get_linestyle())


def test_released_models_figure():
    fig = plot_released_models()
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    assert len(ax.texts) >= len(RELEASED_MODELS)


def test_overtraining_law_figure():
    fig = plot_overtraining_law(GADRE_2024_RPJ)
    ax1, ax2 = fig.axes
    assert len([ln for ln in ax1.lines if ln.get_label().startswith("M =")]) == 5
    with pytest.raises(ValueError):
        plot_overtraining_law(GADRE_2024_RPJ, multipliers=(20, -1))


def test_explorer_updates_numbers_and_picture():
    ex = overtraining_explorer("besiroglu_2024", 13e9, 2e12)
    assert repr(ex).startswith("Explorer: inference-aware optimum")
    laws, demand, size, row = ex.widget.children
    img, summary = row.children
    first_html, first_png = summary.value, img.value
    assert "6.1B" in first_html
    demand.value = 1e14
    assert summary.value != first_html and img.value != first_png
    assert "2.98B" in summary.value
    laws.value = "hoffmann_2022"
    assert "Hoffmann" in summary.value
    size.value = 7e10
    assert "70B" in summary.value
    bundle = ex._repr_mimebundle_()
    assert bundle["text/plain"] == repr(ex)


def test_explorer_rejects_unknown_constant_set():
    with pytest.raises(ValueError, match="constant set"):
        overtraining_explorer("kaplan")


def test_render_png():
    png = render_overtraining_png(HOFFMANN_2022, 13e9, 1e13)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
