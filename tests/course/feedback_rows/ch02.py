"""Feedback rows for chapter 2's derive and real-data items (2.9-2.13)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..feedback_kit import COMMON, ORDER, key, mistake, put, scaled

_AN, _AD, _NC, _DC = 0.076, 0.103, 6.4e13, 1.8e13  # Kaplan et al. 2020, Table 2


def _penalty(bug: str = "") -> Callable[..., float]:
    def f(N: float, delta: float) -> float:
        if bug == "single_variable":  # Table 5's alpha_D = 0.095, D_c = 5.4e13, N_c = 8.8e13
            return 5.4e13 * (N / 8.8e13) ** (0.076 / 0.095) / ((1 + delta) ** (1 / 0.095) - 1)
        if bug == "no_power":  # forgot that the bracket is raised to alpha_D: used delta instead of (1+delta)^(1/aD)-1
            return _DC * (N / _NC) ** (_AN / _AD) / delta
        return _DC * (N / _NC) ** (_AN / _AD) / ((1 + delta) ** (1 / _AD) - 1)

    return f


def _n_opt(bug: str = "") -> Callable[..., float]:
    def f(c: float) -> float:
        p = _AN / _AD
        if bug == "pf_days":  # converted the budget to PF-days although the law's D is in tokens and C = 6ND
            c = c / 8.64e19
        if bug == "no_six":
            return (p * _NC**p * c / _DC) ** (1 / (1 + p))
        if bug == "inverse_p":
            p = _AD / _AN
        return (p * _NC**p * c / (6 * _DC)) ** (1 / (1 + p))

    return f


REFERENCES: dict[str, Callable[..., Any]] = {"2.9": _penalty(), "2.11": _n_opt()}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    ("2.9", lambda: _penalty("single_variable"), "wrong result for tokens_for_penalty(1e+09, 0.02)", None),
    ("2.9", lambda: _penalty("no_power"), "wrong result for tokens_for_penalty(1e+09, 0.02)", None),
    ("2.11", lambda: _n_opt("no_six"), "wrong result for n_opt_joint(1e+19)", None),
    ("2.11", lambda: _n_opt("pf_days"), "wrong result for n_opt_joint(1e+19)", None),
    ("2.11", lambda: _n_opt("inverse_p"), "wrong result for n_opt_joint(1e+19)", None),
    ("2.12", lambda: mistake("2.12", 0), COMMON, None),
    ("2.12", lambda: mistake("2.12", 1), COMMON, None),
    ("2.12", lambda: -key("2.12"), "the sign is wrong", COMMON),
    ("2.13", lambda: list(reversed(key("2.13"))), ORDER, None),
    ("2.13", lambda: scaled("2.13", -1, 0), "the sign of a (total N, C) is wrong", None),
    ("2.13", lambda: put("2.13", 1, 0.73), "a (non-embedding N, 6 N D) not within tolerance", None),
]
