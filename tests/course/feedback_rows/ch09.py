"""Feedback rows for chapter 9's items on the data-constrained law, filtering, mixtures and generated data."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from scaling_helpers.datalimits.repetition import R_D_STAR, R_N_STAR

from ..feedback_kit import COMMON, ORDER, key, mistake, put, scaled

_A, _B, _E = math.exp(6.255414), math.exp(7.3049974), math.exp(0.6254804)
_ALPHA = _BETA = 0.3526596


def _constrained_loss(excess_params: bool) -> Callable[..., float]:
    def f(N: float, D: float, U: float) -> float:
        g = (_ALPHA * _A / (_BETA * _B)) ** (1 / (_ALPHA + _BETA))
        u_d = min(U, D)
        d_eff = u_d + u_d * R_D_STAR * (1 - math.exp(-(D / u_d - 1) / R_D_STAR))
        n_eff = N
        if excess_params:
            u_n = min(N, g * (g * U) ** (_BETA / _ALPHA))
            n_eff = u_n + u_n * R_N_STAR * (1 - math.exp(-(N / u_n - 1) / R_N_STAR))
        return _E + _A / n_eff**_ALPHA + _B / d_eff**_BETA
    return f


def _epochs_at_worth(first_epoch: float) -> Callable[[float], float]:
    def f(share: float) -> float:
        return first_epoch + R_D_STAR * math.log(1 / share)
    return f


def _filtered_error(shift: int = 0, scale: float = 1e5, floor_last: bool = False) -> Callable[..., float]:
    def f(n: float, S: float, b: float, tau: float) -> float:
        y = (min(n, S) / scale) ** b + (0.0 if floor_last else 0.1)
        k = 1
        while k * S < n:
            y *= (min((k + 1) * S, n) / (k * S)) ** (b * 2 ** (-(k + shift) / tau))
            k += 1
        return y + (0.1 if floor_last else 0.0)
    return f


REFERENCES: dict[str, Callable[..., Any]] = {
    "9.3": _constrained_loss(True), "9.4": _epochs_at_worth(1.0), "9.10": _filtered_error(),
}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("9.3", lambda: _constrained_loss(False), "wrong result for constrained_loss(6.34e+09, 2.42e+11, 2.5e+10)", None),
    ("9.4", lambda: _epochs_at_worth(0.0), "wrong result for epochs_at_worth(0.5)", None),
    ("9.9", lambda: mistake("9.9", 0), COMMON, None),
    ("9.9", lambda: scaled("9.9", 15.387756 / 9.0), "not within tolerance (1% of the expected value)", COMMON),
    ("9.10", lambda: _filtered_error(scale=1.0), "wrong result for filtered_error(5e+06, 1e+07, -0.1, 2)", None),
    ("9.10", lambda: _filtered_error(shift=1), "wrong result for filtered_error(3.5e+07, 1e+07, -0.12, 1)", None),
    ("9.10", lambda: _filtered_error(floor_last=True), "wrong result for filtered_error(3.5e+07", None),
    ("9.12", lambda: mistake("9.12", 0), COMMON, None),
    ("9.12", lambda: mistake("9.12", 1), COMMON, None),
    ("9.13", lambda: mistake("9.13", 0), COMMON, None),
    ("9.13", lambda: mistake("9.13", 1), COMMON, None),
    ("9.13", lambda: mistake("9.13", 2), COMMON, None),
    ("9.14", lambda: list(reversed(key("9.14"))), ORDER, None),
    ("9.14", lambda: put("9.14", 1, _constrained_loss(True)(8.67e9, 178e9, 44e9)),
     "predicted rise at 4 epochs not within tolerance", None),
    ("9.14", lambda: [100 * x / 2.336741 for x in key("9.14")], "measured rise at 4 epochs", None),
]
