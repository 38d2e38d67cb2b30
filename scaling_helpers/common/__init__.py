"""Shared foundations of every topic: units and number formatting (:mod:`.units`), input validation
(:mod:`.validate`), the course figure style (:mod:`.plotting`), and the widget base (:mod:`.display` for
:class:`Labelled`, :mod:`.quick_check` for an ad-hoc quick-check widget).

Only the light pieces are imported here; ``plotting`` (matplotlib) and ``quick_check`` (ipywidgets) are imported
from their modules. :class:`~.widget_figure.WidgetFigure` (:mod:`.widget_figure`: how every explorer shows its
figure, sharp and at the static figures' size, blitted on a slider move) is exported lazily: matplotlib is loaded
only when it is first used.
"""

from typing import Any

from .display import Labelled
from .units import (
    PF_DAY,
    flops_to_pf_days,
    format_count,
    format_flops,
    format_params,
    format_pf_days,
    format_tokens,
    pf_days_to_flops,
)

__all__ = [
    "Labelled",
    "WidgetFigure",
    "PF_DAY",
    "flops_to_pf_days",
    "format_count",
    "format_flops",
    "format_params",
    "format_pf_days",
    "format_tokens",
    "pf_days_to_flops",
]


def __getattr__(name: str) -> Any:
    """Lazy export of :class:`~.widget_figure.WidgetFigure` (keeps ``import scaling_helpers.common`` light)."""
    if name == "WidgetFigure":
        from .widget_figure import WidgetFigure

        return WidgetFigure
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
