"""Feedback rows for chapter 12's from-scratch planner (10.2) and its derivation items (10.7, 10.8)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..feedback_kit import COMMON, ORDER, from_key, key, mistake, put

H100_DENSE_BF16 = 989.4e12


def _plan(six: float = 6.0, peak: float = H100_DENSE_BF16,
          days_use_mfu: bool = False) -> Callable[..., tuple[float, float, float]]:
    """Budget -> (N, D, days) by Hoffmann et al.'s Eq. 4; the typical bugs: C = 2ND, the sparse peak, the MFU
    applied to the wall-clock time."""
    def f(dollars: float, price: float, n_gpus: int, mfu: float, A: float, B: float, alpha: float,
          beta: float) -> tuple[float, float, float]:
        hours = dollars / price
        c = hours * 3600 * peak * mfu
        g = (alpha * A / (beta * B)) ** (1 / (alpha + beta))
        n = g * (c / six) ** (beta / (alpha + beta))
        return n, c / (six * n), hours / n_gpus / 24 / (mfu if days_use_mfu else 1.0)
    return f


REFERENCES: dict[str, Callable[..., Any]] = {"12.2": _plan()}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("12.2", lambda: _plan(six=2.0), "wrong result for plan_run(1e+06, 2, 1024, 0.4, 482.01", None),
    ("12.2", lambda: _plan(peak=2 * H100_DENSE_BF16), "wrong result for plan_run(", None),
    ("12.2", lambda: _plan(days_use_mfu=True), "days not within tolerance", None),
    ("12.2", lambda: from_key("12.2", lambda r: [r[1], r[0], r[2]]), ORDER, None),
    ("12.7", lambda: put("12.7", 1, mistake("12.7", 3)), f"max_chain: {COMMON}", None),
    ("12.7", lambda: put("12.7", 1, mistake("12.7", 4)), f"max_chain: {COMMON}", None),
    ("12.8", lambda: put("12.8", 3, mistake("12.8", 0)), f"break_even: {COMMON}", None),
    ("12.8", lambda: put("12.8", 3, mistake("12.8", 2)), f"break_even: {COMMON}", None),
    ("12.8", lambda: put("12.8", 3, -key("12.8")[3]), "the sign of break_even is wrong", None),
]
