"""Term project: typical wrong answers and the first thing each verdict line must say."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from scipy.optimize import minimize_scalar

from ..feedback_kit import COMMON, ORDER, from_key, key, mistake, put, scaled

E, A, B, ALPHA, BETA = 1.8172, 482.01, 2085.43, 0.3478, 0.3658  # Besiroglu et al. 2024, Table 1


def _lifetime(inference_flops_per_token: float) -> Callable[[float, float], float]:
    """The lifetime-optimal size, with ``inference_flops_per_token`` per parameter (2 is right, 6 a typical bug)."""
    def f(target: float, d_inf: float) -> float:
        lo = math.log((A / (target - E)) ** (1 / ALPHA)) + 1e-9

        def log_cost(log_n: float) -> float:
            n = math.exp(log_n)
            d = (B / (target - E - A / n**ALPHA)) ** (1 / BETA)
            return math.log(6 * n * d + inference_flops_per_token * n * d_inf)

        return math.exp(minimize_scalar(log_cost, bounds=(lo, lo + 12), method="bounded",
                                        options={"xatol": 1e-10}).x)
    return f


REFERENCES: dict[str, Callable[..., Any]] = {"13.4": _lifetime(2.0)}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("13.1", lambda: list(reversed(key("13.1"))), ORDER, None),
    ("13.1", lambda: put("13.1", 0, mistake("13.1")), COMMON, None),
    ("13.1", lambda: put("13.1", 1, 1.69), "E not within tolerance (2% of the expected value)", None),
    ("13.2", lambda: from_key("13.2", lambda r: r * 10), "off by a factor of 10^1", None),
    ("13.2", lambda: from_key("13.2", lambda r: r * 1.5), "wrong result for chinchilla_params_for_loss(2.3)", None),
    ("13.4", lambda: _lifetime(6.0), "wrong result for lifetime_optimal_params(2.1, 1e+13)", None),
    ("13.4", lambda: from_key("13.4", lambda r: r / 1e9), "off by a factor of 10^-9", None),
    ("13.5", lambda: list(reversed(key("13.5"))), ORDER, None),
    ("13.5", lambda: scaled("13.5", 1.1, 2), "training days not within tolerance (1% of the expected value)", None),
    ("13.5", lambda: scaled("13.5", 1000, 3), "training dollars is off by a factor of 10^3", None),
    ("13.6", lambda: scaled("13.6", 1e9), "bf16 weights is off by a factor of 10^9", None),
    ("13.6", lambda: scaled("13.6", 1 / 1.073741824), "bf16 weights not within tolerance", None),
    ("13.7", lambda: mistake("13.7"), COMMON, None),
    ("13.7", lambda: key("13.7") * 1.05, "not within tolerance (0.2% of the expected value)", None),
]
