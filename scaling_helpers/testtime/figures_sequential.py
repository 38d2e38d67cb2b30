"""Figures of chapter 8's sequential section: s1 budget forcing and DeepSeek-R1-Zero's RL curves.

Every point drawn is a value read from a published figure (:mod:`scaling_helpers.testtime.sequential`);
every line is the course's log-linear fit, drawn solid where it was fitted and dotted beyond.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator, PercentFormatter

from ..common.plotting import PALETTE, new_figure
from .sequential import (
    R1_ZERO_AIME_PASS1,
    R1_ZERO_PRINTED,
    R1_ZERO_RESPONSE_LENGTH,
    S1_AIME24_BUDGET_FORCING,
    LogLinearFit,
    fit_log_linear,
)

__all__ = ["plot_budget_forcing", "plot_r1_zero"]

_PCT = PercentFormatter(xmax=1.0, decimals=0)
_TOK = FuncFormatter(lambda v, _: f"{v:,.0f}")


def _log2_axis(ax, ticks: tuple[float, ...]) -> None:
    ax.set_xscale("log", base=2)
    ax.xaxis.set_major_locator(FixedLocator(list(ticks)))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(_TOK)


def plot_budget_forcing(fit: LogLinearFit | None = None, n_fit: int = 6) -> Figure:
    """s1-32B on AIME24: accuracy against average thinking tokens under budget forcing, with a log-linear fit.

    Points: read from Figure 4(a) of Muennighoff et al. (2025, arXiv:2501.19393). Line: the course's fit
    ``a + s·log2(tokens)`` on the first ``n_fit`` points (solid), extended dotted to show where it stops
    holding.
    """
    t = np.asarray(S1_AIME24_BUDGET_FORCING["tokens"])
    acc = np.asarray(S1_AIME24_BUDGET_FORCING["accuracy"])
    if fit is None:
        fit = fit_log_linear(t[:n_fit], acc[:n_fit])
    fig, ax = new_figure(1, width=6.4, height=4.0)
    fitted = (t >= fit.t_min) & (t <= fit.t_max)
    ax.scatter(t[fitted], acc[fitted], s=45, color=PALETTE[0], zorder=3, label="s1-32B, points fitted")
    ax.scatter(t[~fitted], acc[~fitted], s=55, facecolor="white", edgecolor=PALETTE[0], lw=2, zorder=3,
               label="s1-32B, not fitted")
    inside = np.geomspace(fit.t_min, fit.t_max, 50)
    beyond = np.geomspace(fit.t_max, 16_000, 30)
    ax.plot(inside, fit.predict(inside), color=PALETTE[1],
            label=f"fit: +{100 * fit.slope:.1f} points per doubling")
    ax.plot(beyond, fit.predict(beyond), color=PALETTE[1], ls=":", label="fit, extrapolated")
    _log2_axis(ax, (1000, 2000, 4000, 8000, 16000))
    ax.set_xlim(800, 18_000)
    ax.set_ylim(0, 0.8)
    ax.yaxis.set_major_formatter(_PCT)
    ax.set_xlabel("average thinking tokens per problem (log scale)")
    ax.set_ylabel("AIME24 accuracy")
    ax.set_title("Sequential scaling: budget forcing (s1)")
    ax.legend(loc="upper left", fontsize=9)
    return fig


def plot_r1_zero() -> Figure:
    """DeepSeek-R1-Zero during RL: AIME 2024 pass@1 and average response length against training steps.

    Both curves read from Figures 2 and 3 of DeepSeek-AI (2025, arXiv:2501.12948); the dashed line is
    OpenAI-o1-0912's pass@1 from the same paper's Table 2; the star marks the printed final 71.0%.
    """
    fig, (left, right) = new_figure(2, width=4.6, height=3.7)
    steps = np.asarray(R1_ZERO_AIME_PASS1["steps"])
    p1 = np.asarray(R1_ZERO_AIME_PASS1["pass1"])
    left.plot(steps, p1, marker="o", ms=4, color=PALETTE[0], label="R1-Zero pass@1 (read from Fig. 2)")
    left.axhline(R1_ZERO_PRINTED["o1_0912_pass1"], color=PALETTE[2], ls="--", lw=1.5,
                 label="o1-0912 pass@1 (Table 2)")
    left.scatter([steps[-1]], [R1_ZERO_PRINTED["pass1_end"]], marker="*", s=160, color=PALETTE[1], zorder=4,
                 label="printed final 71.0%")
    left.set_ylim(0, 0.9)
    left.yaxis.set_major_formatter(_PCT)
    left.set_xlabel("RL training steps")
    left.set_ylabel("AIME 2024 pass@1")
    left.legend(loc="lower right", fontsize=8)
    left.set_title("accuracy during RL")

    ls = np.asarray(R1_ZERO_RESPONSE_LENGTH["steps"])
    lt = np.asarray(R1_ZERO_RESPONSE_LENGTH["tokens"])
    right.plot(ls, lt, marker="s", ms=4, color=PALETTE[3], label="average response length (read from Fig. 3)")
    right.set_xlabel("RL training steps")
    right.set_ylabel("tokens per response")
    right.yaxis.set_major_formatter(_TOK)
    right.set_ylim(0, 11_000)
    right.legend(loc="upper left", fontsize=8)
    right.set_title("thinking length during RL")
    return fig
