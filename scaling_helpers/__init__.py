"""scaling_helpers: every formula, fit, plot and widget of the course "Scaling Laws for LLMs".

The notebooks import from here; they never re-implement a formula. Course machinery
(exercise checking, building student copies, grading) lives in :mod:`scaling_helpers.course`.
"""

from .powerlaw import (
    PowerLawFit,
    SaturatingFit,
    doubling_factor,
    fit_power_law,
    fit_saturating_power_law,
    huber,
    huber_influence,
    local_exponent,
    power_law,
    saturating_power_law,
)
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
    "PF_DAY",
    "PowerLawFit",
    "SaturatingFit",
    "doubling_factor",
    "fit_power_law",
    "fit_saturating_power_law",
    "flops_to_pf_days",
    "format_count",
    "format_flops",
    "format_params",
    "format_pf_days",
    "format_tokens",
    "huber",
    "huber_influence",
    "local_exponent",
    "pf_days_to_flops",
    "power_law",
    "saturating_power_law",
]
__version__ = "0.1.0"
