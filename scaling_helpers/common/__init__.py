"""Shared foundations of every topic: units and number formatting (:mod:`.units`), input validation
(:mod:`.validate`), the course figure style (:mod:`.plotting`), and the widget base (:mod:`.display` for
:class:`Labelled`, :mod:`.quick_check` for an ad-hoc quick-check widget).

Only the light pieces are imported here; ``plotting`` (matplotlib) and ``quick_check`` (ipywidgets) are imported
from their modules.
"""

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
    "PF_DAY",
    "flops_to_pf_days",
    "format_count",
    "format_flops",
    "format_params",
    "format_pf_days",
    "format_tokens",
    "pf_days_to_flops",
]
