"""Tests of the shared explorer figure (scaling_helpers.common.widget_figure): blitting draws what a full redraw
draws, the image is shown at the static figures' size from a PNG of twice that resolution, the old path stays
available, and the PNG encoder is lossless."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from scaling_helpers.common.plotting import new_figure
from scaling_helpers.common.widget_figure import (
    DISPLAY_DPI,
    SCALE,
    WidgetFigure,
    encode_png,
    legacy_rendering,
    sticky_limits,
)


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _figure() -> tuple[WidgetFigure, object]:
    fig, ax = new_figure(width=4.0, height=3.0, layout=None)
    x = np.linspace(0, 1, 50)
    (line,) = ax.plot(x, x**2, label="moving")
    ax.plot(x, 1 - x, "o", label="static", markersize=3)
    ax.legend(loc="upper center")
    ax.set_ylim(0, 1.1)
    return WidgetFigure(fig, [line, ax.title]), line


def test_a_blitted_move_draws_what_a_full_redraw_draws() -> None:
    wf, line = _figure()
    first = wf.png()
    x = line.get_xdata()
    line.set_ydata(x**0.5)
    wf.fig.axes[0].set_title("exponent 0.5")  # an animated title: no full redraw
    moved = wf.png()
    assert wf.full_draws == 1
    wf.invalidate()
    assert np.array_equal(_pixels(wf.png()), _pixels(moved)) and wf.full_draws == 2
    assert not np.array_equal(_pixels(first), _pixels(moved))


def test_a_change_of_limits_redraws_everything() -> None:
    wf, line = _figure()
    wf.png()
    wf.fig.axes[0].set_ylim(0, 2)
    wf.png()
    assert wf.full_draws == 2


def test_the_image_is_shown_at_the_static_size_from_a_png_of_twice_that() -> None:
    wf, _ = _figure()
    img = wf.image()
    width = int(4.0 * DISPLAY_DPI)
    assert img.layout.width == f"{width}px" and img.layout.max_width == "100%" and img.width == str(width)
    assert Image.open(io.BytesIO(img.value)).size == (int(width * SCALE), int(3.0 * DISPLAY_DPI * SCALE))


def test_the_legacy_path_is_a_full_savefig_at_the_old_resolution() -> None:
    with legacy_rendering():
        wf, _ = _figure()
    assert wf.legacy
    img = wf.image()
    assert Image.open(io.BytesIO(img.value)).size == (288, 216)  # 72 dpi
    assert img.layout.width is None and wf.full_draws == 0
    assert not _figure()[0].legacy  # the mode ends with the block


def test_encode_png_is_lossless_and_checks_its_input() -> None:
    rng = np.random.default_rng(0)
    rgba = rng.integers(0, 256, size=(7, 5, 4), dtype=np.uint8)
    back = np.asarray(Image.open(io.BytesIO(encode_png(rgba))).convert("RGBA"))
    assert np.array_equal(back, rgba)
    with pytest.raises(ValueError, match="RGBA"):
        encode_png(rgba[..., :3])


def test_sticky_limits_keep_the_axes_until_the_data_leave_or_shrink() -> None:
    assert sticky_limits((0.0, 10.0), 1.0, 8.0, log=False) == (0.0, 10.0)
    lo, hi = sticky_limits((0.0, 10.0), 1.0, 12.0, log=False, floor=0.0)
    assert lo == 0.0 and hi > 12.0  # headroom above the new data
    lo, hi = sticky_limits((0.0, 10.0), 4.0, 4.5, log=False)
    assert 3.0 < lo < 4.0 and 4.5 < hi < 5.5  # data fill too little: refit
    assert sticky_limits((1.0, 1e3), 10.0, 500.0, log=True) == (1.0, 1e3)
    with pytest.raises(ValueError, match="positive"):
        sticky_limits((1.0, 10.0), 0.0, 5.0, log=True)


def _explorers():
    from scaling_helpers.chinchilla.widgets import isoflop_explorer
    from scaling_helpers.compute.widgets import memory_calculator
    from scaling_helpers.kaplan.widgets import allocation_explorer
    from scaling_helpers.lab.widgets import theory_explorer
    from scaling_helpers.moe.widgets import moe_explorer
    from scaling_helpers.overtraining.widgets import overtraining_explorer
    from scaling_helpers.planning.widgets import planner_explorer
    from scaling_helpers.powerlaws.widgets import law_explorer
    from scaling_helpers.testtime.widgets import difficulty_explorer

    return {"ch1": law_explorer, "ch2": allocation_explorer, "ch3": isoflop_explorer, "ch4": memory_calculator,
            "ch5": overtraining_explorer, "ch6": moe_explorer, "ch7": difficulty_explorer, "ch9": theory_explorer,
            "ch12": planner_explorer}


@pytest.mark.parametrize("chapter", list(_explorers()))
def test_every_explorer_saves_a_fixed_width_and_a_png_of_twice_that(chapter) -> None:
    """What a handout renders from: the saved widget state (the browser gallery test checks the same on screen)."""
    import base64

    import ipywidgets as w
    from ipywidgets.embed import embed_data

    box = _explorers()[chapter]().widget
    state = embed_data(views=[box])["manager_state"]["state"]
    stack, images = [box], []
    while stack:
        x = stack.pop()
        images += [x] if isinstance(x, w.Image) else []
        stack.extend(getattr(x, "children", ()))
    assert len(images) == 1
    model = state[images[0].model_id]
    layout = state[model["state"]["layout"].removeprefix("IPY_MODEL_")]["state"]
    width = int(layout["width"].removesuffix("px"))
    assert layout["max_width"] == "100%" and layout["height"] == "auto" and model["state"]["width"] == str(width)
    assert width <= 1100  # no wider than the widest static figure (two 5-inch panels at 100 px per inch)
    png = base64.b64decode(model["buffers"][0]["data"])
    assert Image.open(io.BytesIO(png)).size[0] == width * SCALE
