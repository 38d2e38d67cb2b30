"""Tests of the chapter-2 figures and the allocation explorer (scaling_helpers.kaplan.figures, .widgets).

Reference numbers: Kaplan et al. 2020, arXiv:2001.08361: Eq. 1.1-1.6, 4.3-4.4, Tables 2, 3, 5, 6;
§3.1-3.2 (Hoffmann et al. 2022, App. D.4), §3.11 (Pearce & Song 2024, arXiv:2406.12907) and §3.12 (Porian et al.
2024, arXiv:2406.19146). Worked values are arithmetic from the printed constants and are
reproduced here to the printed precision (rounding the computed value to the printed digits).
"""

from __future__ import annotations

import pytest

# ------------------------------------------------------------------------------------------- figures and widget


def test_figures_build() -> None:
    from matplotlib.figure import Figure

    from scaling_helpers.kaplan import figures as F

    figs = [F.plot_single_variable_laws(), F.plot_joint_law(), F.plot_batch_and_steps(),
            F.plot_allocation_rules(highlight=1e22), F.plot_pearce_song(), F.plot_porian_steps()]
    assert all(isinstance(f, Figure) for f in figs)
    for f in figs:
        for ax in f.axes:
            if ax.lines:
                assert ax.get_xlabel(), "every data axis carries a label"
            if ax.get_yscale() == "log":
                assert ax.get_ylabel()
    with pytest.raises(ValueError, match="c_max"):
        F.plot_allocation_rules(1e24, 1e20)


def test_allocation_explorer() -> None:
    from scaling_helpers.kaplan.widgets import allocation_explorer, allocation_html, render_allocation_png

    ex = allocation_explorer(1e22)
    assert repr(ex).startswith("Explorer: Kaplan vs Chinchilla allocation")
    slider, readout, img = ex.widget.children
    before = img.value
    slider.value = 24.0
    assert img.value != before and img.value[:4] == b"\x89PNG"
    assert readout.value == allocation_html(1e24)
    assert "23.2&times;" in readout.value
    assert render_allocation_png(1e20)[:4] == b"\x89PNG"


def test_kaplan_figure1_lines_are_the_laws_over_the_papers_ranges() -> None:
    import numpy as np

    from scaling_helpers import kaplan as K
    from scaling_helpers.kaplan.figures import FIG1_RANGES, plot_kaplan_figure1

    fig = plot_kaplan_figure1()
    a_c, a_d, a_n = fig.axes
    assert [ax.get_title() for ax in fig.axes] == ["Compute", "Dataset size", "Parameters"]

    def line(ax, gid):
        (ln,) = [ln for ln in ax.get_lines() if ln.get_gid() == gid]
        return np.asarray(ln.get_xdata()), np.asarray(ln.get_ydata())

    x, y = line(a_c, "fig1-legend")
    np.testing.assert_allclose(x[[0, -1]], FIG1_RANGES["compute"])
    np.testing.assert_allclose(y[[0, -1]], (x[[0, -1]] / 2.3e8) ** -0.050)
    x, y = line(a_c, "table5")
    np.testing.assert_allclose(y[[0, -1]], K.loss_vs_compute(x[[0, -1]], unit="pf_days"))
    x, y = line(a_d, "law")
    np.testing.assert_allclose(x[[0, -1]], (2.2e7, 2.3e10))
    np.testing.assert_allclose(y[[0, -1]], (x[[0, -1]] / 5.4e13) ** -0.095)
    x, y = line(a_n, "law")
    np.testing.assert_allclose(x[[0, -1]], (768.0, 1.5e9))
    np.testing.assert_allclose(y[[0, -1]], (x[[0, -1]] / 8.8e13) ** -0.076)
    assert "2.3·10⁸" in a_c.get_legend().get_texts()[0].get_text()
