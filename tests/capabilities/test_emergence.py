"""Emergence as a metric effect (Schaeffer et al. 2023): demo numbers and the widget."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from scaling_helpers.capabilities import (
    emergence_size,
    exact_match,
    measured_accuracy,
    per_token_accuracy,
    per_token_cross_entropy,
    token_edit_distance,
)
from scaling_helpers.capabilities.figures import plot_emergence
from scaling_helpers.capabilities.widgets import emergence_explorer, emergence_summary, render_emergence_png

SIZES = [1e7, 1e8, 1e9, 1e10, 1e11, 1e12]


@pytest.mark.parametrize(
    ("L", "expected"),
    [  # CE = (N/1e6)^-0.35, exact match at N = 1e7 ... 1e12
        (20, [0.000, 0.018, 0.17, 0.45, 0.70, 0.85]),
        (50, [0.000, 0.000, 0.012, 0.14, 0.41, 0.67]),
    ],
)
def test_demo_numbers(L, expected):
    got = exact_match(SIZES, L)
    digits = [3, 3, 2, 2, 2, 2] if L == 20 else [3, 3, 3, 2, 2, 2]
    assert [round(float(x), d) for x, d in zip(got, digits, strict=True)] == expected


def test_single_token_is_smooth():
    p = per_token_accuracy([1e7, 1e12])
    assert p == pytest.approx([0.64, 0.99], abs=0.005)
    assert exact_match(1e9, 1) == pytest.approx(per_token_accuracy(1e9))


def test_same_family_sharp_and_smooth():
    """Exact match jumps by orders of magnitude per decade of N; the edit distance falls by a constant factor."""
    n = np.logspace(7, 12, 6)
    em = exact_match(n, 50)
    assert em[1] < 1e-3 and em[4] > 0.4  # "emergent": from below 0.1% to above 40% within three decades
    wrong = token_edit_distance(n, 50)
    ratios = wrong[1:] / wrong[:-1]
    assert np.all(ratios < 1) and np.ptp(ratios) < 0.35  # smooth, nearly a power law
    ce = per_token_cross_entropy(n)
    assert np.allclose(np.diff(np.log10(ce)), -0.35)  # the underlying per-token law is exactly straight


def test_emergence_point_moves_with_the_answer_length():
    for L in (1, 20, 50):
        assert exact_match(emergence_size(L), L) == pytest.approx(0.5)
    assert emergence_size(40) / emergence_size(20) == pytest.approx(2 ** (1 / 0.35))
    assert exact_match(emergence_size(20, 0.9), 20) == pytest.approx(0.9)
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        emergence_size(20, 1.0)


def test_finite_benchmarks_read_small_accuracies_as_zero():
    true = exact_match([1e8, 1e9], 50)  # 1e-11 and 0.012
    got = measured_accuracy(true, 100, seed=1)
    assert got[0] == 0.0
    assert measured_accuracy(0.3, 10_000, seed=2) == pytest.approx(0.3, abs=0.02)
    with pytest.raises(ValueError, match="probabilities"):
        measured_accuracy(1.5, 100)


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="answer length"):
        exact_match(1e9, 0)
    with pytest.raises(ValueError, match="N \\(parameters\\)"):
        exact_match(-1.0, 5)


def test_figure_and_explorer():
    assert isinstance(plot_emergence(), Figure)
    assert render_emergence_png(30)[:4] == b"\x89PNG"
    box = emergence_explorer(20)
    assert repr(box) == "Explorer: exact match vs per-token metric (slider L)"
    slider, line, img = box.widget.children
    before = img.value
    slider.value = 50
    assert img.value != before and line.value == emergence_summary(50)
    assert "50% at N ≈ 2e+11" in emergence_summary(50)
    with pytest.raises(ValueError, match="between 1 and 100"):
        emergence_explorer(0)
