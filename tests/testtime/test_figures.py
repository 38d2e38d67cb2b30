"""Chapter-7 figures and the difficulty explorer (testtime.figures, testtime.widgets)."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from scaling_helpers.common import Labelled
from scaling_helpers.testtime import (
    compute_matched,
    coverage_sweep,
    fit_coverage_law,
    make_problem_set,
    simulate_strategies,
)
from scaling_helpers.testtime.figures import (
    plot_compute_matched,
    plot_coverage_law,
    plot_difficulty,
    plot_estimator_bias,
    plot_folk_formula,
    plot_strategies,
)
from scaling_helpers.testtime.widgets import DIFFICULTY_PRESETS, difficulty_explorer, render_difficulty_png


def _labels(fig: Figure) -> list[str]:
    return [ax.get_xlabel() for ax in fig.axes]


def test_estimator_bias_figure():
    fig = plot_estimator_bias()
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    left = fig.axes[0]
    truth, unbiased, plugin = (line.get_ydata() for line in left.lines[:3])
    assert abs(unbiased - truth).max() < 1e-12       # the unbiased mean lies on the truth
    assert (plugin[1:] < truth[1:]).all()            # the plug-in below it for k >= 2


def test_coverage_law_figure_marks_extrapolation():
    sw = coverage_sweep()
    fit = fit_coverage_law(sw.k[sw.k <= 128], sw.coverage[sw.k <= 128])
    fig = plot_coverage_law(sw, fit)
    assert len(fig.axes) == 2 and all("k (samples" in x for x in _labels(fig))
    assert fig.axes[0].get_xscale() == "log" and fig.axes[1].get_yscale() == "log"
    assert any(line.get_linestyle() == "--" for line in fig.axes[0].lines)


def test_strategy_and_matched_figures():
    ps = make_problem_set(200, seed=2)
    fig = plot_strategies(simulate_strategies(ps, 128, seed=2))
    assert len(fig.axes) == 1 and fig.axes[0].get_ylim() == (0.0, 1.0)
    cm = compute_matched(ps, ps.with_log_odds_shift(1.5), 5e9, 70e9, k_max=64)
    fig = plot_compute_matched(cm, small_label="5B", large_label="70B")
    assert len(fig.axes) == 2
    assert "FLOPs" in fig.axes[0].get_xlabel()


def test_folk_formula_and_difficulty_figures():
    fig = plot_folk_formula()
    assert max(fig.axes[0].lines[0].get_ydata()) > 1.0
    fig = plot_difficulty(0.4, 1.2, 16)
    assert len(fig.axes) == 2


def test_explorer_is_labelled_and_redraws():
    ex = difficulty_explorer()
    assert isinstance(ex, Labelled)
    assert repr(ex).startswith("Explorer: difficulty")
    box = ex.widget
    preset, sliders, text, img = box.children
    first_png, first_text = img.value, text.value
    sliders.children[2].value = 256           # k
    assert img.value != first_png and "k = 256" in text.value and text.value != first_text
    preset.value = "mostly easy: Beta(3, 1)"
    assert (sliders.children[0].value, sliders.children[1].value) == pytest.approx(DIFFICULTY_PRESETS[preset.value],
                                                                                   rel=0.05)
    sliders.children[2].value = 4             # k keeps the preset
    assert preset.value == "mostly easy: Beta(3, 1)"
    sliders.children[1].value = 2.0           # moving alpha or beta returns the dropdown to "custom"
    assert preset.value == "custom"
    assert render_difficulty_png(0.4, 1.2, 16)[:4] == b"\x89PNG"
