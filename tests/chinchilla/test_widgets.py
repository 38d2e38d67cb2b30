"""Tests of the Chapter 3 isoFLOP explorer (scaling_helpers.chinchilla.widgets). No timing assertions here:
redraw speed is measured in benchmarks/bench_isoflop_widget.py."""

from __future__ import annotations

import pytest

from scaling_helpers.chinchilla.widgets import LOG10_C_RANGE, isoflop_explorer, render_isoflop_png
from scaling_helpers.common import Labelled

PNG = b"\x89PNG\r\n\x1a\n"


def test_explorer_is_labelled_and_redraws() -> None:
    out = isoflop_explorer()
    assert isinstance(out, Labelled)
    assert repr(out).startswith("IsoFLOP explorer:")
    box = out.widget
    slider, menu = box.children[0].children
    img = box.children[1]
    first = bytes(img.value)
    assert first.startswith(PNG)
    slider.value = 21.0
    after_slider = bytes(img.value)
    assert after_slider.startswith(PNG) and after_slider != first
    menu.value = "hoffmann_2022"
    assert bytes(img.value) != after_slider
    assert slider.min == LOG10_C_RANGE[0] and slider.max == LOG10_C_RANGE[1]


def test_render_matches_the_widget_picture() -> None:
    a = render_isoflop_png("besiroglu_2024", 5.76e23)
    b = bytes(isoflop_explorer(C=5.76e23, law="besiroglu_2024").widget.children[1].value)
    assert a.startswith(PNG) and a == b


@pytest.mark.parametrize(("kwargs", "match"), [({"law": "chinchilla"}, "constant set"), ({"C": -1.0}, "C"),
                                               ({"C": float("nan")}, "finite")])
def test_bad_inputs(kwargs, match) -> None:
    with pytest.raises(ValueError, match=match):
        isoflop_explorer(**kwargs)
    if "law" in kwargs:
        with pytest.raises(ValueError, match="unknown constant set"):
            render_isoflop_png(kwargs["law"], 1e21)
