"""Feedback rows for chapter 11's from-scratch Approach 2 (9.2) and the extended Approach 3 item (9.3)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..feedback_kit import COMMON, ORDER, from_key, key, mistake, put


def _approach2(transform: Callable[[np.ndarray], np.ndarray] = lambda y: y,
               log: Callable[[np.ndarray], np.ndarray] = np.log) -> Callable[..., tuple[float, float]]:
    """Approach 2 by two least-squares fits; the typical bugs: parabolas on log L, or log10 of C against ln N*."""
    def f(C: Any, N: Any, L: Any, C_target: float) -> tuple[float, float]:
        c, log_n, y = np.asarray(C, float), np.log(np.asarray(N, float)), transform(np.asarray(L, float))
        budgets = np.unique(c)
        vertices = []
        for b in budgets:
            a2, a1, _ = np.polyfit(log_n[c == b], y[c == b], 2)
            vertices.append(-a1 / (2 * a2))
        xi, icpt = np.polyfit(log(budgets), vertices, 1)
        return float(xi), float(np.exp(icpt + xi * log(np.asarray(C_target))))
    return f


REFERENCES: dict[str, Callable[..., Any]] = {"11.2": _approach2()}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("11.2", lambda: _approach2(np.log), "wrong result for approach2_fit(<C of seed-3 runs>", "0.0163812"),
    ("11.2", lambda: _approach2(log=np.log10), "wrong result for approach2_fit(", None),
    ("11.2", lambda: from_key("11.2", lambda r: r[::-1]), ORDER, None),
    ("11.3", lambda: put("11.3", 3, mistake("11.3", 0)), f"xi_3 (3 largest budgets): {COMMON}", None),
    ("11.3", lambda: put("11.3", 2, mistake("11.3", 1)), f"xi_3: {COMMON}", None),
    ("11.3", lambda: put("11.3", 3, key("11.3")[2] * 0.9), "xi_3 (3 largest budgets) not within tolerance", None),
]
