"""Small timing helpers shared by the benchmarks (not tests: they print, they do not assert)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls of ``fn``."""
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def report(name: str, seconds: list[float], baseline: float) -> None:
    """Print median time and the ratio to the baseline measured in the same process."""
    med = statistics.median(seconds)
    print(f"{name:<44} median {med * 1000:9.1f} ms  (n={len(seconds)})  ratio to baseline {med / baseline:7.2f}x")
