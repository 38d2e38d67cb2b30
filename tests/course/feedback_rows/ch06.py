"""Feedback rows for chapter 6's derivation, from-scratch and real-data items (5.5, 5.6, 5.8, 5.10)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy.optimize import minimize_scalar

from ..feedback_kit import COMMON, ORDER, from_key, key, mistake, put


def _optimum(inference_flops_per_token: float) -> Callable[..., tuple[float, float]]:
    """Sardana et al.'s optimum by a bounded minimiser; the typical bug: 6 FLOPs per inference token."""
    def f(E: float, A: float, B: float, alpha: float, beta: float, target: float,
          d_inf: float) -> tuple[float, float]:
        lo = math.log(A / (target - E)) / alpha

        def d_tr(x: float) -> float:
            gap = target - E - A * math.exp(-alpha * x)
            return (B / gap) ** (1 / beta) if gap > 0 else math.inf

        def cost(x: float) -> float:
            return math.log(6 * math.exp(x) * d_tr(x) + inference_flops_per_token * math.exp(x) * d_inf)

        res = minimize_scalar(cost, bounds=(lo + 1e-9, lo + 15), method="bounded", options={"xatol": 1e-10})
        return math.exp(res.x), d_tr(res.x)
    return f


def _grid_optimum(points: int) -> Callable[..., tuple[float, float]]:
    """A grid search: fine grids pass the 1% tolerance, coarse ones do not."""
    def f(E: float, A: float, B: float, alpha: float, beta: float, target: float,
          d_inf: float) -> tuple[float, float]:
        lo = math.log(A / (target - E)) / alpha
        x = np.linspace(lo + 1e-6, lo + 8, points)
        d = (B / (target - E - A * np.exp(-alpha * x))) ** (1 / beta)
        cost = 6 * np.exp(x) * d + 2 * np.exp(x) * d_inf
        j = int(np.argmin(cost))
        return float(np.exp(x[j])), float(d[j])
    return f


REFERENCES: dict[str, Callable[..., Any]] = {"6.8": _optimum(2.0)}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("6.5", lambda: list(reversed(key("6.5"))), ORDER, COMMON),
    ("6.5", lambda: put("6.5", 1, mistake("6.5", 4)), f"optimal_at: {COMMON}", None),
    ("6.5", lambda: put("6.5", 1, mistake("6.5", 5)), f"optimal_at: {COMMON}", None),
    ("6.5", lambda: put("6.5", 1, key("6.5")[0]), "optimal_at not within tolerance", COMMON),
    ("6.6", lambda: put("6.6", 2, mistake("6.6", 3)), f"M_star: {COMMON}", None),
    ("6.6", lambda: put("6.6", 3, mistake("6.6", 5)), f"penalty_320: {COMMON}", None),
    ("6.6", lambda: put("6.6", 3, mistake("6.6", 6)), f"penalty_320: {COMMON}", None),
    ("6.8", lambda: _optimum(6.0), "wrong result for lifetime_optimum(1.69, 406.4, 410.7, 0.336, 0.283, 2.0453", None),
    ("6.8", lambda: from_key("6.8", lambda r: (r[0], r[1] / r[0])), "wrong result for lifetime_optimum(", None),
    ("6.8", lambda: _grid_optimum(40), "wrong result for lifetime_optimum(", None),
    ("6.10", lambda: put("6.10", 0, mistake("6.10", 0)), f"median tokens/param: {COMMON}", None),
    ("6.10", lambda: put("6.10", 0, mistake("6.10", 1)), f"median tokens/param: {COMMON}", None),
    ("6.10", lambda: put("6.10", 1, -key("6.10")[1]), "the sign of log-log slope is wrong", None),
]
