"""One move of the Chapter 3 isoFLOP explorer (recompute + redraw to PNG), against saving an empty figure of
the same size (baseline). Target (DESIGN.md): <= 100 ms median.

The side-by-side comparison of the old and the new rendering of every explorer is ``benchmarks/bench_widgets.py``.

Run: ``python benchmarks/bench_isoflop_widget.py``.
"""

from __future__ import annotations

import io
import itertools

import numpy as np

from scaling_helpers.chinchilla import CONSTANT_SETS
from scaling_helpers.chinchilla.widgets import DPI, _IsoFLOPFigure, isoflop_explorer
from scaling_helpers.common.plotting import new_figure

from _common import report, timed


def main() -> None:
    fig, _ = new_figure(1, width=6.4, height=3.9, layout=None)
    base = timed(lambda: fig.savefig(io.BytesIO(), format="png", dpi=DPI), repeat=20)
    report("baseline: save an empty 1-panel figure", base, min(base))
    figure = _IsoFLOPFigure(CONSTANT_SETS["besiroglu_2024"], 1e21)
    budgets = itertools.cycle(np.logspace(18, 26, 37))
    laws = itertools.cycle(CONSTANT_SETS.values())
    secs = timed(lambda: figure.render(next(laws), next(budgets)), repeat=30)
    report("explorer redraw (pure function)", secs, min(base))
    box = isoflop_explorer().widget
    slider, menu = box.children[0].children
    values = itertools.cycle(np.linspace(18.0, 26.0, 33))
    keys = itertools.cycle(CONSTANT_SETS)

    def move() -> None:
        slider.value = float(next(values))

    def pick() -> None:
        menu.value = next(keys)

    report("slider move through ipywidgets", timed(move, repeat=30), min(base))
    report("menu change through ipywidgets", timed(pick, repeat=12), min(base))


if __name__ == "__main__":
    main()
