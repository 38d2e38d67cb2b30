"""How much room a cell takes on a slide, in lines of slide text (a simple, deterministic estimate).

The slide transforms split a slide that gets too long; this is the ruler they share. It does not
need to be exact, only monotone and roughly right: a slide is split when the estimated lines of
its cells exceed :data:`SLIDE_BUDGET`, and a slide that still overflows scrolls (the decks are
built with ``reveal_scroll``). The constants were set by measuring the built decks in Chromium:
a least-squares fit of 343 rendered slide heights gave 20-21 px per estimated line for prose,
code, figures and widgets alike (residual s.d. about 50 px), so the budget of 29 lines is about
620 px of reveal's 720 px canvas. What still overflows is a single cell taller than a slide
(the largest explorer widgets), which scrolls.
"""

from __future__ import annotations

import base64
import math
import re
import struct
from typing import Any

__all__ = ["SLIDE_BUDGET", "cell_lines", "markdown_lines", "output_lines", "code_lines", "widget_lines",
           "widget_state"]

#: Lines of slide text that fit on one slide (canvas 1280x720 at the course's slide font size).
SLIDE_BUDGET = 29.0
#: Characters of prose on one line of a slide.
CHARS_PER_LINE = 85
#: Characters of code on one line before it wraps, and the height of a code line in lines of
#: prose (code and printed output are set at 16 px, prose at 20 px).
CODE_CHARS_PER_LINE = 120
CODE_LINE = 1.1
#: Pixels of an image per estimated line; images are shown at most IMAGE_MAX_PX tall (the
#: course style sheet caps them, see :mod:`.add_course_css`).
LINE_PX = 19
IMAGE_MAX_PX = 540
#: Width of a slide's content in pixels (the 1280 px canvas less margins).
SLIDE_WIDTH_PX = 1200
#: A widget view whose saved state is missing (its size is unknown).
WIDGET_LINES = 8.0
_BLOCK_TAG_RE = re.compile(r"<(?:tr|br|p|li|div|h[1-6])\b", re.I)
_VIEW = "application/vnd.jupyter.widget-view+json"
_STATE = "application/vnd.jupyter.widget-state+json"


def markdown_lines(source: str) -> float:
    """Estimated lines of a markdown cell: wrapped prose, taller headings, display maths."""
    total = 0.0
    in_math = False
    for raw in source.splitlines():
        line = raw.strip()
        if not line:
            total += 0.4  # paragraph gap
            continue
        if line.startswith("$$") or in_math:
            if line.count("$$") == 1:
                in_math = not in_math
            total += 1.5 if line.startswith("$$") else 0.5
            continue
        if line.startswith("#"):
            total += 1.8
            continue
        if line.startswith("|"):  # a table row: its cells wrap within their column
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(set(c) <= set(":- ") for c in cells):
                continue  # the header separator
            width = CHARS_PER_LINE / max(1, len(cells))
            total += 0.3 + max(max(1, math.ceil(len(c) / width)) for c in cells)
            continue
        total += max(1, math.ceil(len(line.lstrip("*->0123456789. ")) / CHARS_PER_LINE))
    return total


def code_lines(source: str) -> float:
    """Estimated lines of a code cell's input (plus the box around it)."""
    lines = source.splitlines() or [""]
    return 0.8 + sum(CODE_LINE * max(1, math.ceil(len(line) / CODE_CHARS_PER_LINE)) for line in lines)


def widget_state(nb: Any) -> dict[str, Any]:
    """The saved widget models of a notebook (model id -> model), empty if none were saved."""
    widgets = nb.get("metadata", {}).get("widgets", {}).get(_STATE, {})
    return dict(widgets.get("state", {})) if isinstance(widgets, dict) else {}


def widget_lines(model_id: str, state: dict[str, Any], _depth: int = 0) -> float:
    """Estimated lines of a saved widget view, from its model and its children's."""
    model = state.get(model_id.removeprefix("IPY_MODEL_"))
    if model is None or _depth > 20:
        return WIDGET_LINES
    name, values = model.get("model_name", ""), model.get("state", {})
    children = [widget_lines(c, state, _depth + 1) for c in values.get("children", []) if isinstance(c, str)]
    if name in ("HBoxModel", "GridBoxModel"):
        return max(children, default=0.0)
    if children or name.endswith("BoxModel"):
        return sum(children) + 0.3
    if name == "ImageModel":
        # shown at its saved display width (layout or width trait), else stretched to the slide's width;
        # never wider than the slide, keeping the aspect ratio
        data = next((b.get("data", "") for b in model.get("buffers", []) if b.get("path") == ["value"]), "")
        size = _png_size(str(data))
        shown = min(_display_width(values, state) or SLIDE_WIDTH_PX, SLIDE_WIDTH_PX)
        height = size[1] * shown / size[0] if size and size[0] else IMAGE_MAX_PX
        return min(height, IMAGE_MAX_PX) / LINE_PX + 0.3
    if name in ("RadioButtonsModel", "SelectMultipleModel", "SelectModel"):
        return 1.1 * len(values.get("_options_labels", values.get("options", []))) + 0.3
    if name in ("HTMLModel", "HTMLMathModel", "LabelModel"):
        value = str(values.get("value", ""))
        text = re.sub(r"<[^>]+>", "", value)
        wrapped = sum(max(1, math.ceil(len(line) / CHARS_PER_LINE)) for line in text.splitlines() if line.strip())
        return max(wrapped, 1.6 * len(_BLOCK_TAG_RE.findall(value)))
    if name == "ButtonModel":
        return 1.6
    return 1.4


def _display_width(values: dict[str, Any], state: dict[str, Any]) -> float | None:
    """CSS pixels an ImageModel is shown wide: its layout's ``width`` ("920px"), else its ``width`` trait
    ("920"), else ``None`` (stretched)."""
    layout = state.get(str(values.get("layout", "")).removeprefix("IPY_MODEL_"), {}).get("state", {})
    for text in (layout.get("width"), values.get("width")):
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*", str(text or ""))
        if m and float(m.group(1)) > 0:
            return float(m.group(1))
    return None


def _png_size(b64: str) -> tuple[int, int] | None:
    """(width, height) of a base64 PNG from its header, or ``None``."""
    try:
        head = base64.b64decode(b64[:64] + "=" * (-len(b64[:64]) % 4))
    except ValueError:
        return None
    if head[:8] != b"\x89PNG\r\n\x1a\n" or len(head) < 24:
        return None
    return struct.unpack(">II", head[16:24])


def output_lines(output: Any, widgets: dict[str, Any] | None = None) -> float:
    """Estimated lines of one output, by the representation a slide shows.

    ``widgets`` is the notebook's saved widget state (:func:`widget_state`).
    """
    kind = output.get("output_type")
    if kind == "stream":
        return CODE_LINE * len(str(output.get("text", "")).splitlines())
    if kind == "error":
        return CODE_LINE * (len(output.get("traceback", [])) + 1)
    data = output.get("data", {})
    if _VIEW in data:
        model_id = data[_VIEW].get("model_id", "") if isinstance(data[_VIEW], dict) else ""
        return widget_lines(model_id, widgets or {})
    if "image/png" in data:
        size = _png_size(str(data["image/png"]).replace("\n", ""))
        height = size[1] if size else IMAGE_MAX_PX
        return min(height, IMAGE_MAX_PX) / LINE_PX + 0.5
    if "image/jpeg" in data or "image/svg+xml" in data:
        return IMAGE_MAX_PX / LINE_PX
    if "text/html" in data:
        html = str(data["text/html"])
        return max(0.9 * len(html.splitlines()), 1.3 * len(_BLOCK_TAG_RE.findall(html)))
    if "text/markdown" in data:
        return markdown_lines(str(data["text/markdown"]))
    return CODE_LINE * len(str(data.get("text/plain", "")).splitlines())


def cell_lines(cell: Any, widgets: dict[str, Any] | None = None) -> float:
    """Estimated lines of a cell on a slide (input and outputs); ``widgets`` as for :func:`output_lines`."""
    if cell.get("cell_type") == "markdown":
        return markdown_lines(cell.get("source", ""))
    if cell.get("cell_type") == "code":
        hidden = (cell.get("metadata", {}).get("transient") or {}).get("remove_source", False)
        source = 0.0 if hidden else code_lines(cell.get("source", ""))
        return source + sum(output_lines(o, widgets) for o in cell.get("outputs", []))
    return 0.0
