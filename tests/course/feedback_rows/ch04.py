"""Feedback rows of chapter 4 (training recipes at scale): typical wrong answers and what each line must say."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..feedback_kit import COMMON, ORDER, key, mistake, put


def _mup(keep_table3_lr: bool, keep_table3_std: bool) -> Callable[..., tuple[float, ...]]:
    def f(width: int, base_width: int) -> tuple[float, ...]:
        m = width / base_width
        std = 1 / (math.sqrt(width) * math.sqrt(m)) if keep_table3_std else 1 / math.sqrt(base_width)
        return 1 / m, 1 / m, std, 1 / m if keep_table3_lr else 1.0
    return f


def _wsd(sqrt: bool) -> Callable[..., float]:
    def f(t: float, total: float, peak: float, warmup: float, c: float) -> float:
        start = total * (1 - c)
        if t < warmup:
            return peak * t / warmup
        if t < start:
            return peak
        x = (t - start) / (total - start)
        return peak * (1 - (math.sqrt(x) if sqrt else x))
    return f


def _deepseek(attention: bool, six: float = 1.0) -> Callable[..., tuple[float, float]]:
    def f(n_layer: int, d_model: int, seq_len: int, tokens: float) -> tuple[float, float]:
        M = 72 * n_layer * d_model**2 + (12 * n_layer * d_model * seq_len if attention else 0)
        C = six * M * tokens
        return 0.3118 * C**-0.1250, 0.2920 * C**0.3271
    return f


def _best_batch(flip: bool) -> Callable[..., float]:
    def f(B_noise: float, a: float, b: float) -> float:
        return math.sqrt(b * B_noise / a) if flip else math.sqrt(a * B_noise / b)
    return f


def _cooldown(ratio_of_sums: bool) -> Callable[..., float]:
    def f(k: int, r: float, saving: float) -> float:
        cosine = (r**k - 1) / (r - 1)
        branches = (r ** (k - 1) - 1) / (r - 1)
        if ratio_of_sums:  # forgot that the largest run is paid in full
            return (1 - saving) * cosine / (cosine)
        return ((1 - saving) * cosine - r ** (k - 1)) / branches
    return f


REFERENCES: dict[str, Callable[..., Any]] = {
    "4.2": _mup(False, False), "4.4": _wsd(True), "4.5": _deepseek(True), "4.7": _best_batch(False),
    "4.8": _cooldown(False),
}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("4.2", lambda: _mup(True, False), "wrong result for mup_multiplier_form(96, 32): output LR mult", None),
    ("4.2", lambda: _mup(False, True), "wrong result for mup_multiplier_form(96, 32): output init std", None),
    ("4.3", lambda: list(reversed(key("4.3"))), ORDER, None),
    ("4.3", lambda: put("4.3", 0, 1 / key("4.3")[0]), "SP factor (width 32 over width 256)", None),
    ("4.4", lambda: _wsd(False), "wrong result for wsd_lr(850, 1000, 0.0003, 100, 0.2)", None),
    ("4.5", lambda: _deepseek(False), "wrong result for deepseek_hparams(30, 4096, 4096, 2e+12)", None),
    ("4.5", lambda: _deepseek(True, 6.0), "wrong result for deepseek_hparams(30, 4096, 4096, 2e+12)", None),
    ("4.6", lambda: list(reversed(key("4.6"))), ORDER, None),
    ("4.6", lambda: [mistake("4.6", 0), mistake("4.6", 1)], f"LR used / predicted: {COMMON}", None),
    ("4.6", lambda: put("4.6", 1, mistake("4.6", 2)), f"batch used / predicted: {COMMON}", None),
    ("4.6", lambda: [mistake("4.6", 3), mistake("4.6", 4)], f"LR used / predicted: {COMMON}", None),
    ("4.6", lambda: [mistake("4.6", 5), mistake("4.6", 6)], f"LR used / predicted: {COMMON}", None),
    ("4.7", lambda: _best_batch(True), "wrong result for best_batch(1e+06, 1, 4e-06)", None),
    ("4.7", lambda: (lambda B_noise, a, b: B_noise), "wrong result for best_batch(1e+06, 1, 4e-06)", None),
    ("4.8", lambda: _cooldown(True), "wrong result for cooldown_for_saving(5, 2, 0.35)", None),
]
