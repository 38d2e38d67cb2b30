"""Chapter 1, power laws: the pure and saturating power law, their least-squares and Huber fits, local exponents,
and seeded synthetic sweeps.

Figures are in :mod:`.figures`, the law explorer widget in :mod:`.widgets`.
"""

from .datasets import Sweep, kaplan_model_sweep, saturating_sweep, sweep_with_outliers
from .fit import (
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

__all__ = [
    "PowerLawFit",
    "SaturatingFit",
    "doubling_factor",
    "fit_power_law",
    "fit_saturating_power_law",
    "huber",
    "huber_influence",
    "local_exponent",
    "power_law",
    "saturating_power_law",
    "Sweep",
    "kaplan_model_sweep",
    "saturating_sweep",
    "sweep_with_outliers",
]
