"""Feedback rows for chapter 5's new items (4.10-4.14): typical wrong answers and what the verdict must say."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..feedback_kit import COMMON, ORDER, from_key, key, mistake, put


def _llama_params(*, gqa: bool = True, untied_head: bool = True, mlp_mats: int = 3,
                  norms: bool = True) -> Callable[..., int]:
    def f(hidden: int, intermediate: int, layers: int, heads: int, kv_heads: int, vocab: int, tied: bool) -> int:
        hd = hidden // heads
        kv = kv_heads if gqa else heads
        per = 2 * hidden * heads * hd + 2 * hidden * kv * hd + mlp_mats * hidden * intermediate
        per += 2 * hidden if norms else 0
        head = vocab * hidden if (untied_head and not tied) else 0
        return layers * per + vocab * hidden + head + (hidden if norms else 0)
    return f


def _ridge_batch(*, flops_per_mac: int = 2, rounding: Callable[[float], int] = math.ceil) -> Callable[..., int]:
    def f(peak_tflops: float, bandwidth_tbs: float, bits: int) -> int:
        ridge = peak_tflops / bandwidth_tbs
        return rounding(ridge * (bits / 8) / flops_per_mac - 1e-9)
    return f


def _harmful_tokens(*, factors: bool = True, bits: bool = True) -> Callable[..., float]:
    def f(n: float, p_post: float, b: float, beta: float, c_t: float, gamma_d: float, gamma_n: float,
          gamma_post: float) -> float:
        k = c_t * (math.exp(-p_post / gamma_post) if bits else 1.0) / n**gamma_n
        ratio = beta * b / (gamma_d * k) if factors else b / k
        return ratio ** (1 / (beta + gamma_d))
    return f


REFERENCES: dict[str, Callable[..., Any]] = {
    "5.10": _llama_params(), "5.11": _ridge_batch(), "5.15": _harmful_tokens(),
}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("5.10", lambda: _llama_params(gqa=False), COMMON, None),
    ("5.10", lambda: _llama_params(untied_head=False), COMMON, None),
    ("5.10", lambda: _llama_params(mlp_mats=2), COMMON, None),
    ("5.10", lambda: _llama_params(norms=False), COMMON, None),
    ("5.10", lambda: from_key("5.10", lambda r: r / 1e9), "off by a factor of 10^-9", None),
    ("5.11", lambda: _ridge_batch(flops_per_mac=1), COMMON, None),
    ("5.11", lambda: _ridge_batch(rounding=math.floor), COMMON, None),
    ("5.12", lambda: list(reversed(key("5.12"))), ORDER, COMMON),
    ("5.12", lambda: put("5.12", 1, mistake("5.12", 0)),
     f"speed-up at batch 8 with 4,096-token caches: {COMMON}", None),
    ("5.12", lambda: put("5.12", 1, mistake("5.12", 1)),
     f"speed-up at batch 8 with 4,096-token caches: {COMMON}", None),
    ("5.12", lambda: put("5.12", 2, mistake("5.12", 2)),
     f"smallest batch at which int4 decoding reaches the ridge: {COMMON}", None),
    ("5.14", lambda: put("5.14", 0, mistake("5.14", 0)), f"Llama 3 70B, bf16 weights: {COMMON}", None),
    ("5.14", lambda: put("5.14", 0, mistake("5.14", 1)), f"Llama 3 70B, bf16 weights: {COMMON}", None),
    ("5.14", lambda: put("5.14", 1, mistake("5.14", 2)), f"Llama 3 405B, bf16 weights: {COMMON}", None),
    ("5.14", lambda: [key("5.14")[2], key("5.14")[1], key("5.14")[0]], ORDER, COMMON),
    ("5.15", lambda: _harmful_tokens(factors=False), COMMON, None),
    ("5.15", lambda: _harmful_tokens(bits=False), COMMON, None),
    ("5.15", lambda: from_key("5.15", lambda r: r / 1e12), "off by a factor of 10^-12", None),
]
