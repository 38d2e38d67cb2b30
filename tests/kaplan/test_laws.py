"""Tests of Kaplan et al.'s constants and loss laws (scaling_helpers.kaplan: constants, inputs, laws), and the
helpful errors of the chapter-2 helpers.

Reference numbers: Kaplan et al. 2020, arXiv:2001.08361: Eq. 1.1-1.6, 4.3-4.4, Tables 2, 3, 5, 6;
§3.1-3.2 (Hoffmann et al. 2022, App. D.4), §3.11 (Pearce & Song 2024, arXiv:2406.12907) and §3.12 (Porian et al.
2024, arXiv:2406.19146). Worked values are arithmetic from the printed constants and are
reproduced here to the printed precision (rounding the computed value to the printed digits).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from scaling_helpers import PF_DAY
from scaling_helpers import kaplan as K
from scaling_helpers.chinchilla import BESIROGLU_2024

# ------------------------------------------------------------------------------------------- published constants


def test_table5_constants() -> None:
    t = K.TABLE5
    assert (t.alpha_N, t.N_c, t.alpha_D, t.D_c) == (0.076, 8.8e13, 0.095, 5.4e13)
    assert (t.alpha_C_min, t.C_c_min, t.alpha_C, t.C_c) == (0.050, 3.1e8, 0.057, 1.6e7)
    assert (t.alpha_B, t.B_star, t.alpha_S, t.S_c) == (0.21, 2.1e8, 0.76, 2.1e3)
    assert K.FIG1_LEGEND_C_C_MIN == 2.3e8 and K.B_STAR_TEXT == 2e8


def test_joint_and_steps_constants_are_their_own_tables() -> None:
    j = K.TABLE2_JOINT
    assert (j.alpha_N, j.alpha_D, j.N_c, j.D_c) == (0.076, 0.103, 6.4e13, 1.8e13)
    assert (j.alpha_D, j.D_c) != (K.TABLE5.alpha_D, K.TABLE5.D_c)
    s = K.TABLE3_STEPS
    assert (s.alpha_N, s.alpha_S, s.N_c, s.S_c) == (0.077, 0.76, 6.5e13, 2.1e3)


def test_table6_and_eq67() -> None:
    got = {k: (r.scale, r.exponent) for k, r in K.TABLE6.items()}
    assert got == {"N": (1.3e9, 0.73), "B": (2.0e6, 0.24), "S": (5.4e3, 0.03), "D": (2e10, 0.27)}
    assert (K.EQ_6_7_TOKENS.scale, K.EQ_6_7_TOKENS.exponent) == (4e10, 0.26)
    assert (K.FIG14_UNADJUSTED.scale, K.FIG14_UNADJUSTED.exponent) == (1.6e9, 0.88)


# ------------------------------------------------------------------------------------------- single-variable laws


@pytest.mark.parametrize(("n", "loss"), [(1e8, 2.830), (1e9, 2.376), (1e10, 1.994), (8.5e7, 2.865)])
def test_loss_vs_params_worked_values(n: float, loss: float) -> None:
    assert round(K.loss_vs_params(n), 3) == loss


def test_doubling_and_tenfold_factors() -> None:
    assert round(K.loss_vs_params(2e9) / K.loss_vs_params(1e9), 2) == 0.95  # 2^-0.076
    assert K.loss_vs_params(1e10) / K.loss_vs_params(1e9) == pytest.approx(10**-0.076, rel=1e-12)
    assert round(10**-0.076, 4) == 0.8395


def test_loss_vs_tokens_and_vectorisation() -> None:
    assert K.loss_vs_tokens(5.4e13) == pytest.approx(1.0)
    out = K.loss_vs_tokens([1e9, 1e10])
    assert isinstance(out, np.ndarray) and out.shape == (2,)
    assert out[1] / out[0] == pytest.approx(10**-0.095)
    assert isinstance(K.loss_vs_params(1e9), float)


def test_loss_vs_compute_units_agree() -> None:
    assert K.loss_vs_compute(1.0, unit="pf_days") == pytest.approx(3.1e8**0.05)
    assert K.loss_vs_compute(PF_DAY, unit="flops") == pytest.approx(K.loss_vs_compute(1.0, unit="pf_days"))
    assert K.loss_vs_compute(1.0, unit="PF-days") == K.loss_vs_compute(1.0, unit="pf_days")
    fig1 = K.loss_vs_compute(1.0, unit="pf_days", C_c_min=K.FIG1_LEGEND_C_C_MIN)
    assert fig1 / K.loss_vs_compute(1.0, unit="pf_days") == pytest.approx((2.3 / 3.1) ** 0.05)


def test_to_pf_days() -> None:
    assert K.to_pf_days(8.64e19, unit="flops") == pytest.approx(1.0)
    assert K.to_pf_days(2.5, unit="pf_days") == 2.5
    assert np.allclose(K.to_pf_days([8.64e19, 8.64e20], unit="flops"), [1.0, 10.0])


# ------------------------------------------------------------------------------------------- joint laws


def test_joint_law_table2_worked_values() -> None:
    assert round(K.loss_params_tokens(1e9, 2.3e10), 3) == 2.367
    assert round(K.loss_params_tokens(1e9, math.inf), 3) == 2.319
    # infinite data reduces to (N_c/N)^alpha_N with Table 2's N_c
    assert K.loss_params_tokens(1e9, np.inf) == pytest.approx((6.4e13 / 1e9) ** 0.076)


def test_joint_law_with_single_variable_constants_differs() -> None:
    wrong = K.JointLawConstants(alpha_N=0.076, alpha_D=0.095, N_c=8.8e13, D_c=5.4e13)
    right = K.loss_params_tokens(1e9, 2.3e10)
    assert abs(K.loss_params_tokens(1e9, 2.3e10, wrong) / right - 1) > 0.02


def test_joint_law_broadcasts_and_decreases() -> None:
    grid = K.loss_params_tokens(np.array([[1e7], [1e8]]), np.array([1e8, 1e9, 1e10]))
    assert grid.shape == (2, 3)
    assert np.all(np.diff(grid, axis=1) < 0) and np.all(np.diff(grid, axis=0) < 0)


def test_overfitting_penalty_and_eq44() -> None:
    assert K.overfitting_penalty(1e9, np.inf) == 0.0
    ratio = K.loss_params_tokens(1e9, 2.3e10) / K.loss_params_tokens(1e9, np.inf) - 1
    assert K.overfitting_penalty(1e9, 2.3e10) == pytest.approx(ratio, rel=1e-12)
    # Eq. 4.4 is the 2% seed-noise level of Eq. 4.3 (to within the rounding of 5e3 and 0.74)
    for n in (1e6, 1e8, 1e9):
        assert K.overfitting_penalty(n, K.tokens_to_avoid_overfitting(n)) == pytest.approx(0.02, abs=0.004)
    assert K.tokens_to_avoid_overfitting(1e9) == pytest.approx(5e3 * 1e9**0.74)


def test_steps_law() -> None:
    assert K.loss_params_steps(6.5e13, 2.1e3) == pytest.approx(2.0)
    assert K.loss_params_steps(1e9, 1e12) == pytest.approx((6.5e13 / 1e9) ** 0.077, rel=1e-6)




# ------------------------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(("call", "match"), [
    (lambda: K.loss_vs_compute(3.6e3, unit="flops"), "pf_days"),
    (lambda: K.loss_vs_compute(3.14e23, unit="pf_days"), "looks like FLOPs"),
    (lambda: K.optimal_params(1e21, unit="petaflops"), "unit must be"),
    (lambda: K.optimal_params(1e21, unit=None), "unit must be"),
    (lambda: K.to_pf_days([1e20, 5.0], unit="flops"), "PF-days"),
    (lambda: K.loss_vs_params(-1e9), "strictly positive"),
    (lambda: K.loss_vs_params([1e9, float("nan")]), "NaN"),
    (lambda: K.loss_vs_params("big"), "numbers"),
    (lambda: K.loss_vs_tokens(0.0), "strictly positive"),
    (lambda: K.loss_params_tokens(1e9, -5.0), "strictly positive"),
    (lambda: K.loss_params_tokens(1e9, float("nan")), "NaN"),
    (lambda: K.loss_params_tokens(np.inf, 1e9), "infinite"),
    (lambda: K.critical_batch_size(0.0), "strictly positive"),
    (lambda: K.critical_batch_size(3.0, B_star=-1.0), "B_star"),
    (lambda: K.optimal_tokens(1.0, unit="pf_days", rule="chinchilla"), "tokens_rule"),
    (lambda: K.simulate_kaplan_regime(BESIROGLU_2024, counting="embedding"), "counting"),
    (lambda: K.simulate_kaplan_regime(BESIROGLU_2024, n_models=2), "n_models"),
    (lambda: K.simulate_kaplan_regime(BESIROGLU_2024, log10_n_range=(9.0, 3.0)), "log10_n_range"),
    (lambda: K.simulate_kaplan_regime(BESIROGLU_2024, token_grid=1), "token_grid"),
    (lambda: K.frontier_local_exponent(BESIROGLU_2024, [1e6, 1e5, 1e7]), "increasing"),
    (lambda: K.total_params(1e6, gamma=0.0), "gamma"),
])
def test_bad_inputs_raise_helpful_errors(call: Callable[[], object], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()


def test_unit_is_keyword_only_and_required() -> None:
    with pytest.raises(TypeError):
        K.optimal_params(1e21)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        K.loss_vs_compute(1e21, "flops")  # type: ignore[misc]
