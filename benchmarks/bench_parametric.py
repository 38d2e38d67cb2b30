"""Benchmark: Hoffmann's Approach-3 grid fit on the 240 Chinchilla runs, fast vs reference.

Runs, in one process,

- the reference loop :func:`scaling_helpers.chinchilla.fit_parametric_reference`: one scipy L-BFGS-B run per
  start of Hoffmann's 4500-point grid (analytic gradient by default; ``--jac 2-point`` uses finite
  differences like Epoch AI's notebook and is many times slower), and
- the fast fitter :func:`scaling_helpers.chinchilla.fit_parametric` (batched L-BFGS + scipy polish),

and prints both wall-clock times, their ratio and both optima.

Usage::

    python benchmarks/bench_parametric.py              # full grid, analytic gradients
    python benchmarks/bench_parametric.py --starts 500 # a random subset of the grid (quicker)
    python benchmarks/bench_parametric.py --jac 2-point
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scaling_helpers.chinchilla import (
    ParametricFit,
    fit_parametric,
    fit_parametric_reference,
    hoffmann_grid,
    load_chinchilla_points,
)


def _describe(label: str, fit: ParametricFit, seconds: float) -> str:
    law = fit.law
    return (f"{label:<10} {seconds:8.2f} s   objective {fit.objective:.12e}   "
            f"A={law.A:9.3f} B={law.B:9.2f} E={law.E:.5f} alpha={law.alpha:.5f} beta={law.beta:.5f}   "
            f"converged {fit.n_converged}/{fit.n_starts}, within 1e-6 of best: {fit.n_near_best(1e-6)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=4500,
                        help="number of grid starts (random subset if < 4500)")
    parser.add_argument("--jac", choices=["analytic", "2-point"], default="analytic",
                        help="gradient of the reference loop")
    parser.add_argument("--repeat", type=int, default=3, help="timed repetitions of the fast fitter")
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="OpenBLAS threads during the reference loop (0: leave the default); scipy's "
                             "L-BFGS-B is much slower and erratic with several threads on a busy machine")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random subset of starts")
    args = parser.parse_args(argv)

    pts = load_chinchilla_points()
    grid = hoffmann_grid()
    if args.starts < grid.shape[0]:
        rng = np.random.default_rng(args.seed)
        grid = grid[np.sort(rng.choice(grid.shape[0], args.starts, replace=False))]
    print(f"{len(pts)} runs from {pts.path}; {grid.shape[0]} starts; "
          f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPU(s)")

    fast_times = []
    fast = None
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        fast = fit_parametric(pts.N, pts.D, pts.loss, grid=grid)
        fast_times.append(time.perf_counter() - t0)
    assert fast is not None

    t0 = time.perf_counter()
    ref = fit_parametric_reference(pts.N, pts.D, pts.loss, grid=grid, jac=args.jac,
                                   blas_threads=args.blas_threads or None)
    ref_time = time.perf_counter() - t0

    t_fast = min(fast_times)
    threads = args.blas_threads or "default"
    print(_describe("reference", ref, ref_time)
          + f"   [scipy L-BFGS-B loop, {args.jac} gradient, OpenBLAS threads: {threads}]")
    print(_describe("fast", fast, t_fast) + f"   [best of {len(fast_times)}; median "
          f"{statistics.median(fast_times):.2f} s; all: {', '.join(f'{t:.2f}' for t in fast_times)}]")
    print(f"speed-up (reference / fast, best): {ref_time / t_fast:.1f}x")
    rel = (fast.objective - ref.objective) / ref.objective
    print(f"objective: fast - reference = {fast.objective - ref.objective:+.3e} (relative {rel:+.2e}); "
          f"max |log-parameter difference| = {np.max(np.abs(fast.params - ref.params)):.2e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
