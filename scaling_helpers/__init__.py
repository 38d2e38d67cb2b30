"""scaling_helpers: every formula, fit, plot and widget of the course "Scaling Laws for LLMs".

The notebooks import from here; they never re-implement a formula. One subpackage per topic holds that topic's
laws and fits (exported by the topic), its figures (``<topic>.figures``) and widgets (``<topic>.widgets``):

:mod:`~scaling_helpers.powerlaws` (chapter 1), :mod:`~scaling_helpers.kaplan` (2),
:mod:`~scaling_helpers.chinchilla` (3), :mod:`~scaling_helpers.compute` (4), :mod:`~scaling_helpers.overtraining` (5),
:mod:`~scaling_helpers.moe` (6), :mod:`~scaling_helpers.testtime` (7), :mod:`~scaling_helpers.datalimits` (8),
:mod:`~scaling_helpers.lab` (9), :mod:`~scaling_helpers.planning` (10).

Shared foundations (units, validation, figure style, widget base) live in :mod:`scaling_helpers.common`, the
lectures' quick checks in :mod:`scaling_helpers.quizzes`, and the course machinery (exercise checking, building
student copies, grading, slides) in :mod:`scaling_helpers.course`. The top level re-exports only the units and
number formatting that every chapter uses.
"""

from .common.units import (
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
    "PF_DAY",
    "flops_to_pf_days",
    "format_count",
    "format_flops",
    "format_params",
    "format_pf_days",
    "format_tokens",
    "pf_days_to_flops",
]
__version__ = "0.1.0"
