"""The scaling lab (chapter 11): time of the 50-model isoFLOP sweep, against a fixed numpy workload run in the
same process (baseline: a loop of 20,000 products of a 64 x 256 float64 matrix with a vector, the shape of
one explicit SGD step). Target (DESIGN.md): the 50 runs in <= 15 s on a 2-core machine.

Also reported: the whole sweep with explicitly materialised batches (the literal algorithm of LAB.md §5; same
random-trajectory law, much slower), the exact true optimum at the challenge's target budget, and one move of the
theory explorer's slider.

Run: ``python benchmarks/bench_lab.py``.
"""

from __future__ import annotations

import statistics

import numpy as np

from scaling_helpers.lab import TARGET_BUDGET, default_plan, run_sweep, true_optimum
from scaling_helpers.lab.widgets import theory_explorer

from _common import report, timed


def main() -> None:
    rng = np.random.default_rng(0)
    m, v = rng.standard_normal((64, 256)), rng.standard_normal(256)

    def baseline_work() -> None:
        for _ in range(20_000):
            m @ v

    base = timed(baseline_work, repeat=5)
    baseline = min(base)
    report("baseline: 20,000 matvecs 64x256 (float64)", base, baseline)

    sweep = timed(lambda: run_sweep(seed=0, progress=False), repeat=3)
    report("50-model sweep (implicit batches)", sweep, baseline)
    explicit = timed(lambda: run_sweep(default_plan(), seed=0, progress=False, method="explicit"), repeat=1)
    report("50-model sweep (explicit batches)", explicit, baseline)
    optimum = timed(lambda: true_optimum(TARGET_BUDGET), repeat=1)
    report("true optimum at the target budget 1e9", optimum, baseline)
    box = theory_explorer().widget
    slider = box.children[0].children[0]
    values = iter(np.linspace(1.2, 2.8, 100))

    def move() -> None:
        slider.value = float(round(next(values), 2))

    report("theory explorer: one slider move", timed(move, repeat=10), baseline)
    print(f"\n50-model sweep: median {statistics.median(sweep):.2f} s (target <= 15 s); with explicit batches "
          f"{statistics.median(explicit):.1f} s ({statistics.median(explicit) / statistics.median(sweep):.0f}x)")


if __name__ == "__main__":
    main()
