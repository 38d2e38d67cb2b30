"""One slider move of every explorer, old rendering path against new, measured side by side in one process.

Old: a full ``savefig`` at the explorer's former 72-90 dpi (default PNG compression). New: the figure at 200 dpi
(2x the static figures' 100 px per inch, sharp on a high-density screen), static parts blitted, fast PNG
encoding (:mod:`scaling_helpers.common.widget_figure`). Both explorers are built in the same process (the old
one inside ``legacy_rendering()``) and their sliders are moved alternately, old then new, through the same
sequence of values: a random walk of 1-4 slider steps (seeded), as a lecturer drags a slider back and forth.
The machine may be loaded by other work; the interleaving keeps the comparison fair.

Run: ``python benchmarks/bench_widgets.py [repeats]`` (default 24 moves per explorer and path).
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable

import ipywidgets as w
import numpy as np

from scaling_helpers.common.widget_figure import WidgetFigure, legacy_rendering

from _common import timed


def _explorers() -> dict[str, tuple[Callable[[], object], str]]:
    """Name -> (factory of the Labelled explorer, description of the slider moved)."""
    from scaling_helpers.chinchilla.widgets import isoflop_explorer
    from scaling_helpers.compute.widgets import memory_calculator
    from scaling_helpers.kaplan.widgets import allocation_explorer
    from scaling_helpers.lab.widgets import theory_explorer
    from scaling_helpers.moe.widgets import moe_explorer
    from scaling_helpers.overtraining.widgets import overtraining_explorer
    from scaling_helpers.planning.widgets import planner_explorer
    from scaling_helpers.powerlaws.widgets import law_explorer
    from scaling_helpers.testtime.widgets import difficulty_explorer

    return {
        "ch1 power law (α)": (law_explorer, "α"),
        "ch2 Kaplan vs Chinchilla (log10 C)": (allocation_explorer, "log10 C"),
        "ch3 isoFLOP (log10 C)": (isoflop_explorer, "log10 C"),
        "ch5 memory (KV cache tokens)": (memory_calculator, "KV cache: tokens"),
        "ch6 overtraining (D_inf)": (overtraining_explorer, "inference demand D_inf (tokens)"),
        "ch7 MoE (experts per layer)": (moe_explorer, "experts per layer"),
        "ch8 difficulty (α)": (difficulty_explorer, "α (Beta)"),
        "ch11 lab theory (a)": (theory_explorer, "a"),
        "ch12 planner (budget)": (planner_explorer, "training budget ($)"),
    }


def _slider(box: w.Widget, description: str) -> w.Widget:
    stack = [box]
    while stack:
        x = stack.pop()
        if getattr(x, "description", None) == description and hasattr(x, "max"):
            return x
        stack.extend(getattr(x, "children", ()))
    raise LookupError(description)


def _walk(slider: w.Widget, n: int, seed: int) -> list[float]:
    """``n`` slider values of a seeded random walk of 1-4 steps, reflected at the ends of the range."""
    rng = np.random.default_rng(seed)
    if isinstance(slider, w.FloatLogSlider):  # min/max/step are exponents
        lo, hi, step, x = slider.min, slider.max, slider.step, float(np.log10(slider.value))
    else:
        lo, hi, step, x = slider.min, slider.max, slider.step, float(slider.value)
    out = []
    for _ in range(n):
        x += float(rng.choice([-1, 1]) * rng.integers(1, 5) * step)
        x = min(max(x, lo), hi)
        out.append(10.0**x if isinstance(slider, w.FloatLogSlider) else x)
    if isinstance(slider, w.IntSlider):
        out = [int(round(v)) for v in out]
    return out


def main(repeat: int = 24) -> None:
    print(f"{'explorer (slider)':<38} {'old ms':>8} {'new ms':>8} {'new/old':>8}   full redraws (new)")
    ratios = []
    for seed, (name, (make, description)) in enumerate(_explorers().items()):
        with legacy_rendering():
            old = _slider(make().widget, description)
        new = _slider(make().widget, description)
        values = _walk(new, repeat + 2, seed)
        old_t, new_t = [], []
        full = 0
        for i, v in enumerate(values):
            t_old = timed(lambda v=v, s=old: setattr(s, "value", v))[0]
            before = WidgetFigure.full_draws_total
            t_new = timed(lambda v=v, s=new: setattr(s, "value", v))[0]
            if i >= 2:
                full += WidgetFigure.full_draws_total - before  # the first moves warm caches (fonts, simulations) for both paths
                old_t.append(t_old)
                new_t.append(t_new)
        mo, mn = statistics.median(old_t), statistics.median(new_t)
        ratios.append(mn / mo)
        print(f"{name:<38} {mo * 1000:8.1f} {mn * 1000:8.1f} {mn / mo:8.2f}   {full}/{len(new_t)}")
    print(f"{'median ratio over explorers':<38} {'':>8} {'':>8} {statistics.median(ratios):8.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 24)
