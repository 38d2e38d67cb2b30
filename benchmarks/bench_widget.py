"""One slider move of the chapter-1 explorer (recompute + redraw to PNG), against saving an
empty figure of the same size (baseline). Target (DESIGN.md): <= 100 ms median.

The side-by-side comparison of the old (72 dpi full redraw) and the new (200 dpi, blitted) rendering of every
explorer is ``benchmarks/bench_widgets.py``.

Run: ``python benchmarks/bench_widget.py``.
"""

from __future__ import annotations

import io

import numpy as np

from scaling_helpers.common.plotting import new_figure
from scaling_helpers.powerlaws.widgets import _LawFigure, law_explorer

from _common import report, timed


def main() -> None:
    fig, _ = new_figure(2, width=4.6, height=3.2, layout=None)
    base = timed(lambda: fig.savefig(io.BytesIO(), format="png", dpi=72), repeat=20)
    report("baseline: save an empty 2-panel figure", base, min(base))
    law = _LawFigure(1.69, 406.4, 0.34)
    alphas = iter(np.linspace(0.2, 0.6, 1000))
    secs = timed(lambda: law.render(1.69, 406.4, next(alphas)), repeat=30)
    report("explorer redraw (pure function)", secs, min(base))
    # through the widget: setting a slider triggers the observer that redraws the image
    box = law_explorer().widget
    slider = box.children[0].children[2]
    values = iter(np.linspace(0.2, 0.6, 1000))

    def move() -> None:
        slider.value = float(next(values))

    secs = timed(move, repeat=30)
    report("slider move through ipywidgets", secs, min(base))


if __name__ == "__main__":
    main()
