"""Tests of Kaplan et al.'s compute-efficient allocation (scaling_helpers.kaplan.allocation).

Reference numbers: Kaplan et al. 2020, arXiv:2001.08361: Eq. 1.1-1.6, 4.3-4.4, Tables 2, 3, 5, 6;
§3.1-3.2 (Hoffmann et al. 2022, App. D.4), §3.11 (Pearce & Song 2024, arXiv:2406.12907) and §3.12 (Porian et al.
2024, arXiv:2406.19146). Worked values are arithmetic from the printed constants and are
reproduced here to the printed precision (rounding the computed value to the printed digits).
"""

from __future__ import annotations

import numpy as np
import pytest

from scaling_helpers import PF_DAY
from scaling_helpers import kaplan as K
from scaling_helpers.chinchilla import HOFFMANN_2022_UNROUNDED

# ------------------------------------------------------------------------------------------- allocation


def test_allocation_growth_factors() -> None:
    n1, n10 = K.optimal_params([1.0, 10.0], unit="pf_days")
    d1, d10 = K.optimal_tokens([1.0, 10.0], unit="pf_days")
    assert (round(n10 / n1, 2), round(d10 / d1, 2)) == (5.37, 1.86)


def test_allocation_at_one_pf_day_and_units() -> None:
    a = K.compute_efficient_allocation(1.0, unit="pf_days")
    assert (a.n_opt, a.batch_tokens, a.min_steps, a.tokens) == pytest.approx((1.3e9, 2.0e6, 5.4e3, 2e10))
    b = K.compute_efficient_allocation(PF_DAY, unit="flops")
    assert b.n_opt == pytest.approx(a.n_opt)
    assert K.optimal_tokens(1.0, unit="pf_days", rule="eq6.7") == pytest.approx(4e10)
    assert K.compute_efficient_allocation(1.0, unit="pf_days", tokens_rule="eq6.7").tokens == pytest.approx(4e10)


def test_hoffmann_appendix_d4_comparison() -> None:
    # Hoffmann et al. (2022) App. D.4: "Kaplan predicts 4.68B parameters at 1e21 FLOPs" = Table 6 at C_min = C/2.
    assert round(K.optimal_params(1e21 / 2, unit="flops") / 1e9, 2) == 4.68


def test_compare_allocations() -> None:
    cmp = K.compare_allocations(1e22)
    n_h, d_h = HOFFMANN_2022_UNROUNDED.compute_optimal(1e22)
    assert cmp.chinchilla_n == pytest.approx(n_h) and cmp.chinchilla_d == pytest.approx(d_h)
    assert cmp.kaplan_n == pytest.approx(K.optimal_params(1e22, unit="flops"))
    assert cmp.rule20_d == pytest.approx(20 * cmp.rule20_n)
    assert 6 * cmp.rule20_n * cmp.rule20_d == pytest.approx(1e22)
    assert cmp.ratio == pytest.approx(cmp.kaplan_n / cmp.chinchilla_n)
    # the two rules diverge: the ratio grows with compute
    ratios = [K.compare_allocations(c).ratio for c in (1e18, 1e20, 1e22, 1e24, 1e26)]
    assert np.all(np.diff(ratios) > 0) and ratios[0] < 1 < ratios[-1]
    assert "Kaplan/Chinchilla" in cmp.summary()
    assert K.compare_allocations(1.0, unit="pf_days").c_flops == pytest.approx(PF_DAY)
