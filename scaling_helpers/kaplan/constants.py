"""The fitted constants of Kaplan et al. (2020), arXiv:2001.08361: Tables 2, 3, 5 and 6, Eq. 6.7 and figure legends.
"""

from __future__ import annotations

from dataclasses import dataclass

from numpy.typing import ArrayLike

from .inputs import _out, _positive, _Result

__all__ = [
    "KaplanConstants",
    "JointLawConstants",
    "StepsLawConstants",
    "AllocationRule",
    "TABLE5",
    "TABLE2_JOINT",
    "TABLE3_STEPS",
    "TABLE6",
    "EQ_6_7_TOKENS",
    "FIG1_LEGEND_C_C_MIN",
    "FIG14_UNADJUSTED",
    "B_STAR_TEXT",
    "KAPLAN_N_RANGE",
]


@dataclass(frozen=True)
class KaplanConstants:
    """The single-variable power laws of Kaplan et al. (2020), Eq. 1.1-1.4, Appendix A Table 5.

    Scales are tokenisation-dependent (WebText2, GPT-2 BPE) and only meaningful with Kaplan's conventions.
    """

    alpha_N: float
    """Exponent of L(N) (Eq. 1.1; Table 5: 0.076)."""
    N_c: float
    """Scale of L(N), non-embedding parameters (Table 5: 8.8e13)."""
    alpha_D: float
    """Exponent of L(D) (Eq. 1.2; Table 5: 0.095)."""
    D_c: float
    """Scale of L(D), tokens (Table 5: 5.4e13)."""
    alpha_C_min: float
    """Exponent of L(C_min) (Eq. 1.3; Table 5: 0.050)."""
    C_c_min: float
    """Scale of L(C_min), PF-days (Eq. 1.3 and Table 5: 3.1e8; Figure 1's legend prints 2.3e8)."""
    alpha_C: float
    """Exponent of the naive fixed-batch law L(C) (Table 5: 0.057)."""
    C_c: float
    """Scale of the naive law L(C), PF-days (Table 5: 1.6e7)."""
    alpha_B: float
    """Exponent of the critical batch size B_crit(L) = B_* / L^(1/alpha_B) (Eq. 1.4 / 5.3; Table 5: 0.21)."""
    B_star: float
    """Scale of B_crit, tokens (Table 5: 2.1e8; the text of Eq. 1.4 / 5.3 says B_* ≈ 2e8)."""
    alpha_S: float
    """Exponent of the steps term of L(N, S) (Eq. 1.6; Table 5: 0.76)."""
    S_c: float
    """Scale of the steps term, optimiser steps (Table 5: 2.1e3)."""
    source: str = "Kaplan et al. 2020, arXiv:2001.08361, Table 5 (Eq. 1.1-1.4)"
    """Citation."""


#: Kaplan et al. (2020), arXiv:2001.08361, Appendix A Table 5 (single-variable fits; Eq. 1.1-1.4).
TABLE5 = KaplanConstants(alpha_N=0.076, N_c=8.8e13, alpha_D=0.095, D_c=5.4e13, alpha_C_min=0.050, C_c_min=3.1e8,
                         alpha_C=0.057, C_c=1.6e7, alpha_B=0.21, B_star=2.1e8, alpha_S=0.76, S_c=2.1e3)

#: The value of C_c^min printed in the legend of Kaplan et al. (2020) Figure 1 (right panel):
#: L = (C_min / 2.3e8)^-0.050. Eq. 1.3 and Table 5 say 3.1e8: the legend disagrees with the paper's own
#: tables (a typo in one of them); use 3.1e8.
FIG1_LEGEND_C_C_MIN = 2.3e8

#: B_* as rounded in the text of Kaplan et al. (2020), Eq. 1.4 / 5.3 ("B_* ≈ 2e8 tokens"); Table 5 prints 2.1e8.
B_STAR_TEXT = 2e8

#: Kaplan's model sizes, non-embedding parameters: "768 to 1.5 billion" (Sec. 2). Pearce & Song simulate
#: 10^2.9 to 10^9.2.
KAPLAN_N_RANGE = (768.0, 1.5e9)


@dataclass(frozen=True)
class JointLawConstants:
    """Constants of Kaplan's joint law ``L(N, D) = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D`` (Eq. 1.5)."""

    alpha_N: float
    """Exponent of the model-size term."""
    alpha_D: float
    """Exponent of the data term."""
    N_c: float
    """Scale of the model-size term, non-embedding parameters."""
    D_c: float
    """Scale of the data term, tokens."""
    source: str = ""
    """Citation."""


#: Kaplan et al. (2020), arXiv:2001.08361, Table 2: the fit of the joint law Eq. 1.5. These are NOT the
#: single-variable values (alpha_D 0.095, D_c 5.4e13 of Table 5).
TABLE2_JOINT = JointLawConstants(alpha_N=0.076, alpha_D=0.103, N_c=6.4e13, D_c=1.8e13,
                                 source="Kaplan et al. 2020, arXiv:2001.08361, Table 2 (fit of Eq. 1.5)")


@dataclass(frozen=True)
class StepsLawConstants:
    """Constants of ``L(N, S) = (N_c/N)^alpha_N + (S_c/S_min)^alpha_S`` (Kaplan et al. 2020, Eq. 1.6)."""

    alpha_N: float
    """Exponent of the model-size term."""
    alpha_S: float
    """Exponent of the steps term."""
    N_c: float
    """Scale of the model-size term, non-embedding parameters."""
    S_c: float
    """Scale of the steps term, optimiser steps."""
    source: str = ""
    """Citation."""


#: Kaplan et al. (2020), arXiv:2001.08361, Table 3: the fit of L(N, S_min) (Eq. 1.6).
TABLE3_STEPS = StepsLawConstants(alpha_N=0.077, alpha_S=0.76, N_c=6.5e13, S_c=2.1e3,
                                 source="Kaplan et al. 2020, arXiv:2001.08361, Table 3 (fit of Eq. 1.6)")


@dataclass(frozen=True)
class AllocationRule:
    """A compute-efficient allocation ``X = scale * C_min**exponent`` with ``C_min`` in PF-days."""

    scale: float
    """The value at C_min = 1 PF-day."""
    exponent: float
    """The power of C_min."""
    quantity: str
    """What is allocated, with its unit."""
    source: str = ""
    """Citation."""

    def __call__(self, c_pf_days: ArrayLike) -> _Result:
        """Evaluate the rule at ``c_pf_days`` (PF-days; use :func:`to_pf_days` to convert)."""
        return _out(self.scale * _positive(c_pf_days, "C_min (PF-days)") ** self.exponent)


#: Kaplan et al. (2020), arXiv:2001.08361, Table 6 (and Figure 14), C_min in PF-days.
TABLE6: dict[str, AllocationRule] = {
    "N": AllocationRule(1.3e9, 0.73, "non-embedding parameters", "Kaplan et al. 2020, Table 6 (Fig. 14 left)"),
    "B": AllocationRule(2.0e6, 0.24, "batch size, tokens (B << B_crit)", "Kaplan et al. 2020, Table 6"),
    "S": AllocationRule(5.4e3, 0.03, "minimum optimiser steps (lower bound)",
                        "Kaplan et al. 2020, Table 6 (Fig. 14 right)"),
    "D": AllocationRule(2e10, 0.27, "training tokens (1 epoch)", "Kaplan et al. 2020, Table 6"),
}

#: Kaplan et al. (2020), Sec. 6.3, Eq. 6.7: D(C_min) = 2 C_min / (6 N(C_min)) ≈ 4e10 tokens x C_min^0.26
#: (training at B_crit costs C = 2 C_min). An alternative to Table 6's 2e10 C_min^0.27: say which one you use.
EQ_6_7_TOKENS = AllocationRule(4e10, 0.26, "training tokens (Eq. 6.7, C = 2 C_min)",
                               "Kaplan et al. 2020, Sec. 6.3, Eq. 6.7")

#: Figure 14 (left) legend of Kaplan et al. (2020) for the unadjusted fixed-batch compute: N = 1.6e9 C^0.88
#: (C in PF-days); Porian et al.'s plotting code uses the same form as their "Kaplan law".
FIG14_UNADJUSTED = AllocationRule(1.6e9, 0.88, "non-embedding parameters (fixed-batch C, not C_min)",
                                  "Kaplan et al. 2020, Figure 14 (left) legend")
