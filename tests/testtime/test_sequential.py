"""Sequential test-time compute (testtime.sequential, testtime.figures_sequential)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from scaling_helpers.testtime import (
    R1_ZERO_AIME_PASS1,
    R1_ZERO_PRINTED,
    R1_ZERO_RESPONSE_LENGTH,
    S1_AIME24_BUDGET_FORCING,
    S1_FIGURE1,
    control_share,
    fit_log_linear,
    r1_zero_accuracy_vs_length,
    scaling_slope,
)
from scaling_helpers.testtime.figures_sequential import plot_budget_forcing, plot_r1_zero

S1 = S1_AIME24_BUDGET_FORCING


def test_s1_points_are_whole_problems_of_aime24():
    """AIME24 has 30 problems: every accuracy read from the figure is a multiple of 1/30."""
    for acc in (*S1["accuracy"], *S1_FIGURE1["AIME24"]["accuracy"]):
        assert abs(acc * 30 - round(acc * 30)) < 1e-9
    for acc in S1_FIGURE1["MATH500"]["accuracy"]:
        assert abs(acc * 500 - round(acc * 500)) < 1e-6


def test_s1_abstract_numbers():
    """Abstract of arXiv:2501.19393: budget forcing takes AIME24 'from 50% to 57%'."""
    acc = np.asarray(S1["accuracy"])
    assert 0.50 in np.round(acc, 3)
    assert round(acc.max(), 2) == 0.57
    assert S1_FIGURE1["AIME24"]["accuracy"][1:] == S1["accuracy"][:6]   # Fig. 1 and Fig. 4(a) agree


def test_s1_log_linear_fit_and_where_it_stops():
    t, acc = np.asarray(S1["tokens"]), np.asarray(S1["accuracy"])
    fit = fit_log_linear(t[:6], acc[:6])
    assert 0.14 < fit.slope < 0.155                      # about 15 points per doubling of thinking
    assert np.abs(fit.residuals(t[:6], acc[:6])).max() < 0.015
    assert fit.residuals(t[6:], acc[6:])[0] < -0.02      # six 'Wait's: flat, below the line
    assert fit.tokens_for(1.0) > 40_000                  # the line reaches 100%: it cannot hold for ever
    assert fit.predict(fit.tokens_for(0.5)) == pytest.approx(0.5)


def test_r1_zero_readings_match_printed_endpoints():
    p1 = R1_ZERO_AIME_PASS1["pass1"]
    assert p1[0] == pytest.approx(R1_ZERO_PRINTED["pass1_start"], abs=0.005)
    assert p1[-1] == pytest.approx(R1_ZERO_PRINTED["pass1_end"], abs=0.005)
    assert R1_ZERO_PRINTED["cons64_end"] > R1_ZERO_PRINTED["o1_0912_cons64"]  # 'exceeding o1-0912'
    assert max(p1) < R1_ZERO_PRINTED["o1_0912_pass1"]                         # pass@1 stays below
    lengths = R1_ZERO_RESPONSE_LENGTH["tokens"]
    assert lengths[-1] / lengths[0] > 15                  # a few hundred to about ten thousand tokens
    assert (np.diff(R1_ZERO_RESPONSE_LENGTH["steps"]) > 0).all()


def test_r1_zero_accuracy_against_length():
    length, p1 = r1_zero_accuracy_vs_length()
    assert length.shape == p1.shape == (len(R1_ZERO_AIME_PASS1["steps"]),)
    fit = fit_log_linear(length, p1)
    assert 0.10 < fit.slope < 0.17
    assert np.corrcoef(np.log2(length), p1)[0, 1] > 0.9


def test_control_share():
    assert control_share([500, 1000, 3000], a_max=2048) == pytest.approx(2 / 3)
    assert control_share([500, 1000, 3000], a_min=600, a_max=2048) == pytest.approx(1 / 3)
    assert control_share([500, 1000]) == 1.0
    with pytest.raises(ValueError, match="swap"):
        control_share([500], a_min=2000, a_max=1000)


def test_scaling_slope_of_a_line_is_its_slope():
    t = [1000, 2000, 4000, 8000]
    acc = [0.1 + 0.12 * math.log2(x / 1000) for x in t]
    assert scaling_slope(t, acc) == pytest.approx(0.12)
    assert scaling_slope(t, acc[::-1]) == pytest.approx(-0.12)      # inverse scaling is negative


@given(st.floats(0.0, 0.5), st.floats(-0.1, 0.2), st.integers(2, 8))
def test_fit_recovers_a_line(a, s, n):
    t = 500.0 * 2.0 ** np.arange(n)
    acc = np.clip(a + s * np.log2(t / 500.0), 0, 1)
    if np.ptp(acc) == 0 or (acc == 0).any() or (acc == 1).any():
        return
    fit = fit_log_linear(t, acc)
    assert fit.slope == pytest.approx(s, abs=1e-9)
    assert scaling_slope(t, acc) == pytest.approx(s, abs=1e-9)


@pytest.mark.parametrize("bad,match", [
    (dict(tokens=[1000, -5], accuracy=[0.1, 0.2]), "tokens"),
    (dict(tokens=[1000, 2000], accuracy=[10, 20]), "percentage"),
    (dict(tokens=[1000, 1000], accuracy=[0.1, 0.2]), "two different"),
    (dict(tokens=[1000, 2000, 4000], accuracy=[0.1, 0.2]), "length|same|match"),
    (dict(tokens=[1000, float("nan")], accuracy=[0.1, 0.2]), "NaN|finite"),
])
def test_bad_input(bad, match):
    with pytest.raises(ValueError, match=match):
        fit_log_linear(**bad)


def test_figures():
    fig = plot_budget_forcing()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    assert "thinking tokens" in ax.get_xlabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("not fitted" in x for x in labels) and any("extrapolated" in x for x in labels)
    fig2 = plot_r1_zero()
    assert len(fig2.axes) == 2
    line = fig2.axes[0].lines[0]
    assert list(line.get_ydata()) == list(R1_ZERO_AIME_PASS1["pass1"])
