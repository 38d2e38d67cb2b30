"""Feedback rows for chapter 12 (from loss to capabilities): typical wrong answers and what the line must say."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from ..feedback_kit import COMMON, ORDER, from_key, key, mistake, put, scaled


def _benchmark(product: bool, per_token: bool) -> Callable[..., tuple[float, float]]:
    def f(answers: Any) -> tuple[float, float]:
        exact = [float(np.prod(a)) if product else float(np.mean(a)) for a in answers]
        wrong = [float(np.mean(1 - np.asarray(a))) if per_token else float(np.sum(1 - np.asarray(a)))
                 for a in answers]
        return float(np.mean(exact)), float(np.mean(wrong))
    return f


def _crossing(log: Callable[[float], float], sign: float) -> Callable[..., tuple[float, float]]:
    def f(L: float, q: float, c: float, alpha: float) -> tuple[float, float]:
        loss = log(1.0 / q) / L
        return loss, c * loss ** (sign / alpha)
    return f


REFERENCES: dict[str, Callable[..., Any]] = {
    "12.2": _benchmark(True, False),
    "12.3": _crossing(math.log, -1.0),
}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("12.1", lambda: mistake("12.1", 0), COMMON, None),
    ("12.1", lambda: mistake("12.1", 1), COMMON, None),
    ("12.1", lambda: mistake("12.1", 2), COMMON, None),
    ("12.1", lambda: mistake("12.1", 3), COMMON, None),
    ("12.1", lambda: scaled("12.1", 100), "off by a factor of 10^2", None),
    ("12.2", lambda: _benchmark(False, False), "wrong result for benchmark_metrics", None),
    ("12.2", lambda: _benchmark(True, True), "wrong result for benchmark_metrics", None),
    ("12.3", lambda: _crossing(math.log10, -1.0), "wrong result for crossing", None),
    ("12.3", lambda: _crossing(math.log, 1.0), "wrong result for crossing", None),
    ("12.3", lambda: from_key("12.3", lambda r: tuple(reversed(r))), "wrong result for crossing", None),
    ("12.4", lambda: list(reversed(key("12.4"))), ORDER, None),
    ("12.4", lambda: [mistake("12.4", 0), mistake("12.4", 1)], COMMON, None),
    ("12.4", lambda: [mistake("12.4", 2), mistake("12.4", 3)], COMMON, None),
    ("12.6", lambda: list(reversed(key("12.6"))), ORDER, None),
    ("12.6", lambda: put("12.6", 0, mistake("12.6", 0)), COMMON, None),
    ("12.6", lambda: put("12.6", 0, mistake("12.6", 1)), COMMON, None),
    ("12.7", lambda: put("12.7", 0, mistake("12.7", 0)), COMMON, None),
    ("12.7", lambda: put("12.7", 0, mistake("12.7", 1)), COMMON, None),
    ("12.7", lambda: put("12.7", 0, mistake("12.7", 2)), COMMON, None),
    ("12.7", lambda: scaled("12.7", 100), "off by a factor of 10^2", None),
    ("12.8", lambda: list(reversed(key("12.8"))), ORDER, None),
    ("12.8", lambda: put("12.8", 0, mistake("12.8", 0)), COMMON, None),
    ("12.8", lambda: put("12.8", 1, mistake("12.8", 1)), COMMON, None),
    ("12.8", lambda: put("12.8", 1, mistake("12.8", 2)), COMMON, None),
]
