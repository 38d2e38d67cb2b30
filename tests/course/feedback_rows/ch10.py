"""Feedback rows for chapter 10 (from loss to capabilities): typical wrong answers and what the line must say."""

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
    "10.2": _benchmark(True, False),
    "10.3": _crossing(math.log, -1.0),
}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("10.1", lambda: mistake("10.1", 0), COMMON, None),
    ("10.1", lambda: mistake("10.1", 1), COMMON, None),
    ("10.1", lambda: mistake("10.1", 2), COMMON, None),
    ("10.1", lambda: mistake("10.1", 3), COMMON, None),
    ("10.1", lambda: scaled("10.1", 100), "off by a factor of 10^2", None),
    ("10.2", lambda: _benchmark(False, False), "wrong result for benchmark_metrics", None),
    ("10.2", lambda: _benchmark(True, True), "wrong result for benchmark_metrics", None),
    ("10.3", lambda: _crossing(math.log10, -1.0), "wrong result for crossing", None),
    ("10.3", lambda: _crossing(math.log, 1.0), "wrong result for crossing", None),
    ("10.3", lambda: from_key("10.3", lambda r: tuple(reversed(r))), "wrong result for crossing", None),
    ("10.4", lambda: list(reversed(key("10.4"))), ORDER, None),
    ("10.4", lambda: [mistake("10.4", 0), mistake("10.4", 1)], COMMON, None),
    ("10.4", lambda: [mistake("10.4", 2), mistake("10.4", 3)], COMMON, None),
    ("10.6", lambda: list(reversed(key("10.6"))), ORDER, None),
    ("10.6", lambda: put("10.6", 0, mistake("10.6", 0)), COMMON, None),
    ("10.6", lambda: put("10.6", 0, mistake("10.6", 1)), COMMON, None),
    ("10.7", lambda: put("10.7", 0, mistake("10.7", 0)), COMMON, None),
    ("10.7", lambda: put("10.7", 0, mistake("10.7", 1)), COMMON, None),
    ("10.7", lambda: put("10.7", 0, mistake("10.7", 2)), COMMON, None),
    ("10.7", lambda: scaled("10.7", 100), "off by a factor of 10^2", None),
    ("10.8", lambda: list(reversed(key("10.8"))), ORDER, None),
    ("10.8", lambda: put("10.8", 0, mistake("10.8", 0)), COMMON, None),
    ("10.8", lambda: put("10.8", 1, mistake("10.8", 1)), COMMON, None),
    ("10.8", lambda: put("10.8", 1, mistake("10.8", 2)), COMMON, None),
]
