"""Feedback rows for chapter 1's from-scratch, derive and real-data items (1.8-1.13)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from scipy.optimize import least_squares

from ..feedback_kit import ORDER, key, put, scaled


def _loglog(bug: str = "") -> Callable[..., tuple[float, float]]:
    """Least squares of ln y on ln x; ``bug`` puts one typical slip in."""

    def f(x: Any, y: Any) -> tuple[float, float]:
        u, v = np.log(np.asarray(x, float)), np.log(np.asarray(y, float))
        if bug == "log10":  # fitted in log10, then exponentiated with e
            u, v = np.log10(np.asarray(x, float)), np.log10(np.asarray(y, float))
        slope = np.sum((u - u.mean()) * (v - v.mean())) / np.sum((u - u.mean()) ** 2)
        intercept = v.mean() - slope * u.mean()
        if bug == "sign":
            return float(np.exp(intercept)), float(slope)
        if bug == "swap":
            return float(-slope), float(np.exp(intercept))
        return float(np.exp(intercept)), float(-slope)

    return f


def _saturating(bug: str = "") -> Callable[..., tuple[float, ...]]:
    def f(x: Any, y: Any) -> tuple[float, ...]:
        x, y = np.asarray(x, float), np.asarray(y, float)
        E0 = 0.9 * y.min()
        slope, icpt = np.polyfit(np.log(x), np.log(y - E0), 1)
        if bug == "no_floor":  # a straight line in log-log space: E = 0
            return 0.0, float(np.exp(np.polyfit(np.log(x), np.log(y), 1)[1])), float(-np.polyfit(np.log(x),
                                                                                               np.log(y), 1)[0])
        fit = least_squares(lambda p: p[0] + np.exp(p[1]) * x ** -p[2] - y, [E0, icpt, -slope], method="lm")
        E, log_a, alpha = fit.x
        if bug == "log_A":  # returned ln A instead of A
            return float(E), float(log_a), float(alpha)
        if bug == "two":
            return float(E), float(alpha)
        return float(E), float(np.exp(log_a)), float(alpha)

    return f


def _size_at(bug: str = "") -> Callable[..., float]:
    def f(frac: float, E: float, A: float, alpha: float) -> float:
        if bug == "no_one_minus_f":
            return (A / (frac * E)) ** (1 / alpha)
        if bug == "power_alpha":
            return (A * (1 - frac) / (frac * E)) ** alpha
        return (A * (1 - frac) / (frac * E)) ** (1 / alpha)

    return f


REFERENCES: dict[str, Callable[..., Any]] = {"1.8": _loglog(), "1.9": _saturating(), "1.10": _size_at()}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("1.8", lambda: _loglog("sign"), "the sign of alpha is wrong", None),
    ("1.8", lambda: _loglog("swap"), ORDER, None),
    ("1.8", lambda: _loglog("log10"), "wrong result for fit_loglog(x_pure1, y_pure1): A", None),
    ("1.9", lambda: _saturating("no_floor"), "fit_saturating(x_sat1, y_sat1): E not within tolerance", None),
    ("1.9", lambda: _saturating("log_A"), "A not within tolerance", None),
    ("1.9", lambda: _saturating("two"), "the result has 2 entries; expected 3", None),
    ("1.10", lambda: _size_at("no_one_minus_f"), "wrong result for size_at_fraction(0.5, 1.69, 406.4, 0.34)",
     None),
    ("1.10", lambda: _size_at("power_alpha"), "wrong result for size_at_fraction(0.5, 1.69, 406.4, 0.34)", None),
    ("1.12", lambda: list(reversed(key("1.12"))), ORDER, None),
    ("1.12", lambda: put("1.12", 1, key("1.12")[0]), "alpha large half not within tolerance", None),
    ("1.13", lambda: list(reversed(key("1.13"))), ORDER, None),
    ("1.13", lambda: scaled("1.13", -1), "the sign", None),
    ("1.13", lambda: scaled("1.13", np.log(10), 1), "alpha_C 6 largest budgets", None),
]
