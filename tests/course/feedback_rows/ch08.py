"""Feedback rows for chapter 8's sequential, matched-token and real-data items (7.9, 7.11)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..feedback_kit import COMMON, ORDER, key, mistake, put, scaled

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("8.9", lambda: [key("8.9")[1], key("8.9")[0], key("8.9")[2]], ORDER, COMMON),
    ("8.9", lambda: put("8.9", 0, mistake("8.9", 0)), f"sequential accuracy at 8,000 tokens: {COMMON}", None),
    ("8.9", lambda: put("8.9", 0, mistake("8.9", 1)), f"sequential accuracy at 8,000 tokens: {COMMON}", None),
    ("8.9", lambda: put("8.9", 1, mistake("8.9", 2)), f"majority vote, 8 x 1,000 tokens: {COMMON}", None),
    ("8.9", lambda: put("8.9", 1, mistake("8.9", 3)), f"majority vote, 8 x 1,000 tokens: {COMMON}", None),
    ("8.9", lambda: put("8.9", 2, mistake("8.9", 4)), f"tokens where the line reaches 60%: {COMMON}", None),
    ("8.9", lambda: scaled("8.9", 100, 0), "off by a factor of 10^2", None),
    ("8.11", lambda: list(reversed(key("8.11"))), ORDER, COMMON),
    ("8.11", lambda: put("8.11", 0, mistake("8.11", 0)),
     f"pass@1 gain per doubling of length (all checkpoints): {COMMON}", None),
    ("8.11", lambda: put("8.11", 1, mistake("8.11", 2)), f"early fit's pass@1 at the final length: {COMMON}", None),
    ("8.11", lambda: put("8.11", 1, mistake("8.11", 1)), f"early fit's pass@1 at the final length: {COMMON}", None),
]
