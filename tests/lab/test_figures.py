"""Chapter-9 figures keep their legends off the data (issue 16): no run, curve or marker under a legend."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from scaling_helpers.lab import LAB_BUDGETS, LabConfig, approach2, noise_free_runs, true_optima
from scaling_helpers.lab.figures import plot_lab_isoflops, plot_parabola_bias, plot_theory_profiles


def _under_legend(fig: Figure, per_segment: int = 30) -> list[str]:
    """Labels of lines (sampled along their drawn segments) and scatter points that lie inside a legend box."""
    fig.canvas.draw()
    hits = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent()
        drawn = []
        for line in ax.lines:
            pts = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
            pts = pts[np.isfinite(pts).all(axis=1)]
            if line.get_linestyle() not in ("None", " ", "") and len(pts) > 1:
                t = np.linspace(0, 1, per_segment)[:, None]
                pts = np.vstack([a + t * (b - a) for a, b in zip(pts[:-1], pts[1:], strict=True)])
            drawn.append((line.get_label(), pts))
        for col in ax.collections:
            drawn.append((col.get_label(), col.get_offset_transform().transform(np.asarray(col.get_offsets(), float))))
        for label, pts in drawn:
            if len(pts) and ((pts[:, 0] > box.x0) & (pts[:, 0] < box.x1) & (pts[:, 1] > box.y0)
                             & (pts[:, 1] < box.y1)).any():
                hits.append(label)
    return hits


@pytest.fixture(scope="module")
def runs():
    return noise_free_runs()


def test_isoflop_legend_covers_no_run(runs):
    fig = plot_lab_isoflops(runs, approach2(runs), true_optima(LAB_BUDGETS))
    assert _under_legend(fig) == []


def test_parabola_bias_legend_covers_no_curve(runs):
    assert _under_legend(plot_parabola_bias(runs, 4**9)) == []


def test_theory_profiles_legend_covers_no_profile():
    assert _under_legend(plot_theory_profiles(LabConfig(a=1.5, kappa=2.5))) == []


def test_detector_sees_a_covered_point(runs):
    """The check can fail: a legend put back in the upper right of the isoFLOP figure covers runs."""
    fig = plot_lab_isoflops(runs, approach2(runs), true_optima(LAB_BUDGETS))
    fig.axes[0].legend(fontsize=8.5, loc="upper right")
    assert _under_legend(fig)
