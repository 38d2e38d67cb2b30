"""Feedback rows for chapter 7's derivation and real-data items (6.9, 6.11)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..feedback_kit import COMMON, ORDER, key, mistake, put, rotate, scaled

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("7.9", lambda: rotate(key("7.9")), ORDER, COMMON),
    ("7.9", lambda: put("7.9", 0, mistake("7.9", 0)), f"ratio at E = 8, k = 2: {COMMON}", None),
    ("7.9", lambda: put("7.9", 1, mistake("7.9", 1)), f"E for a ratio of 10 at k = 2: {COMMON}", None),
    ("7.9", lambda: put("7.9", 2, mistake("7.9", 2)), f"ratio at E = 8, k = 1: {COMMON}", None),
    ("7.9", lambda: put("7.9", 0, mistake("7.9", 3)), f"ratio at E = 8, k = 2: {COMMON}", None),
    ("7.11", lambda: rotate(key("7.11")), ORDER, COMMON),
    ("7.11", lambda: put("7.11", 0, mistake("7.11", 0)), f"largest total/active: {COMMON}", None),
    ("7.11", lambda: put("7.11", 0, mistake("7.11", 2)), f"largest total/active: {COMMON}", None),
    ("7.11", lambda: scaled("7.11", 100, 1), "off by a factor of 10^2", None),
]
