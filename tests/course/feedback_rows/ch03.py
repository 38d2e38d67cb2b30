"""Feedback rows for chapter 3's from-scratch and real-data items (3.9-3.12)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..feedback_kit import COMMON, ORDER, key, mistake, put, scaled


def _vertex(bug: str = "") -> Callable[..., float]:
    """Least-squares parabola of L in ln N, N at its vertex; ``bug`` puts one typical slip in."""

    def f(N: Any, L: Any) -> float:
        u = np.log(np.asarray(N, float))
        y = np.asarray(L, float)
        if bug == "log_loss":  # fitted ln L instead of L
            y = np.log(y)
        if bug == "linear_N":  # parabola in N instead of ln N
            c2, c1, _ = np.polyfit(np.exp(u), y, 2)
            return float(-c1 / (2 * c2))
        c2, c1, _ = np.polyfit(u, y, 2)
        if bug == "no_exp":  # returned ln N at the vertex
            return float(-c1 / (2 * c2))
        if bug == "argmin":  # the sampled size with the lowest loss, not the vertex
            return float(np.exp(u[np.argmin(y)]))
        return float(np.exp(-c1 / (2 * c2)))

    return f


REFERENCES: dict[str, Callable[..., Any]] = {"3.9": _vertex()}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("3.9", lambda: _vertex("no_exp"), "wrong result for isoflop_vertex(N_profile1, L_profile1)", None),
    ("3.9", lambda: _vertex("argmin"), "wrong result for isoflop_vertex(N_profile1, L_profile1)", None),
    ("3.9", lambda: _vertex("linear_N"), "wrong result for isoflop_vertex(N_profile1, L_profile1)", None),
    ("3.9", lambda: _vertex("log_loss"), "wrong result for isoflop_vertex(N_profile1, L_profile1)", None),
    ("3.10", lambda: list(reversed(key("3.10"))), ORDER, None),
    ("3.10", lambda: scaled("3.10", -1, 2), "the sign of beta is wrong", None),
    ("3.10", lambda: put("3.10", 2, 0.28), "beta not within tolerance (1% of the expected value)", None),
    ("3.10", lambda: (1.69, 0.34, 0.28), "E not within tolerance", None),
    ("3.12", lambda: list(reversed(key("3.12"))), ORDER, None),
    ("3.12", lambda: put("3.12", 0, mistake("3.12", 0)), f"a (C ≥ 1e20): {COMMON}", None),
    ("3.12", lambda: put("3.12", 1, 0.5), "a (C < 1e20) not within tolerance", None),
]
