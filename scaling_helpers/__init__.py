"""scaling_helpers: every formula, fit, plot and widget of the course "Scaling Laws for LLMs".

The notebooks import from here; they never re-implement a formula. Subpackages:
:mod:`scaling_helpers.compute` (parameters, FLOPs, memory, hardware),
:mod:`scaling_helpers.widgets`, :mod:`scaling_helpers.course` (checker, build, grade). Course machinery
(exercise checking, building student copies, grading) lives in :mod:`scaling_helpers.course`.
"""

from .data import load_chinchilla_points
from .laws import BESIROGLU_2024, CONSTANT_SETS, HOFFMANN_2022, HOFFMANN_2022_UNROUNDED, ParametricLaw
from .parametric import bootstrap_parametric, fit_parametric
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
    "BESIROGLU_2024",
    "CONSTANT_SETS",
    "HOFFMANN_2022",
    "HOFFMANN_2022_UNROUNDED",
    "PF_DAY",
    "ParametricLaw",
    "bootstrap_parametric",
    "fit_parametric",
    "load_chinchilla_points",
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
