"""Routed scaling laws (Clark et al. 2022, Krajewski et al. 2024) and the geometric-mean heuristic."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_helpers.moe import (
    CLARK_2022,
    KRAJEWSKI_2024_DENSE,
    KRAJEWSKI_2024_MOE,
    ClarkLaw,
    KrajewskiLaw,
    dense_compute_for_loss,
    dense_compute_optimal,
    geometric_mean_params,
    krajewski_compute_optimal,
    krajewski_flops_per_token,
    routed_total_params,
)

S_BASE = CLARK_2022["s-base"]

# --- Clark et al. 2022 ------------------------------------------------------------------------


def test_clark_table3_constants_as_documented():
    assert (S_BASE.a, S_BASE.b, S_BASE.c, S_BASE.d) == (-0.082, -0.108, 0.009, 1.104)
    assert (S_BASE.e_start, S_BASE.e_max) == (1.847, 314.478)
    assert set(CLARK_2022) == {"s-base", "rl-r", "hash"}
    for law in CLARK_2022.values():
        assert law.a < 0 and law.b < 0 and law.c > 0  # c > 0: the benefit of experts shrinks with N
        assert "Table 3" in law.source and "2202.01169" in law.source


def test_e_hat_saturates():
    assert S_BASE.e_hat(1) == pytest.approx(S_BASE.e_start)
    e = np.array([1, 2, 8, 64, 512, 1e6])
    eh = S_BASE.e_hat(e)
    assert np.all(np.diff(eh) > 0)
    assert eh[-1] == pytest.approx(S_BASE.e_max, rel=1e-3)
    assert S_BASE.e_hat(8) == pytest.approx(8.615, abs=1e-3)  # ≈ E + 0.86 for small E


def test_log_loss_is_the_bilinear_form():
    n, e = 3e8, 32
    ln, le = math.log10(n), math.log10(S_BASE.e_hat(e))
    assert S_BASE.log10_loss(n, e) == pytest.approx(-0.082 * ln - 0.108 * le + 0.009 * ln * le + 1.104)
    assert S_BASE.loss(n, e) == pytest.approx(10 ** S_BASE.log10_loss(n, e))


def test_effective_params_round_trip_and_paper_example():
    for n, e in ((5e6, 128), (1e8, 64), (1e10, 8)):
        nbar = S_BASE.effective_params(n, e)
        assert S_BASE.loss(nbar, 1) == pytest.approx(S_BASE.loss(n, e), rel=1e-12)
    # the paper: a 5M base model with 128 experts ≈ a 55M dense model; rounded constants give 52M
    assert S_BASE.effective_params(5e6, 128) == pytest.approx(55e6, rel=0.08)
    assert S_BASE.effective_params(1e8, 1) == pytest.approx(1e8)
    assert S_BASE.effective_params(1e8, 64) == pytest.approx(4.593e8, rel=1e-3)


def test_routing_stops_helping_at_the_cutoff():
    cut = S_BASE.cutoff_params()
    assert cut == pytest.approx(1e12, rel=1e-9)  # 10^(0.108/0.009); the paper: 937B from unrounded constants
    for e in (8, 64, 512):
        assert S_BASE.effective_params(cut, e) == pytest.approx(cut, rel=1e-9)
        assert S_BASE.effective_params(cut / 10, e) > cut / 10
        assert S_BASE.effective_params(cut * 10, e) < cut * 10
    gains = [S_BASE.effective_params(n, 64) / n for n in (1e8, 1e9, 1e10, 1e11)]
    assert all(a > b for a, b in zip(gains[:-1], gains[1:], strict=True))


def test_clark_rejects_bad_input():
    with pytest.raises(ValueError, match="n_experts must be >= 1"):
        S_BASE.loss(1e8, 0.5)
    with pytest.raises(ValueError, match="n_params"):
        S_BASE.loss(-1e8, 8)
    with pytest.raises(ValueError, match="NaN|finite"):
        S_BASE.effective_params(float("nan"), 8)
    with pytest.raises(ValueError, match="e_start .* must be below e_max"):
        ClarkLaw(a=-0.08, b=-0.1, c=0.01, d=1.0, e_start=500, e_max=300)


# --- Krajewski et al. 2024 ---------------------------------------------------------------------


def test_krajewski_constants_and_form():
    m, d = KRAJEWSKI_2024_MOE, KRAJEWSKI_2024_DENSE
    assert (m.a, m.alpha, m.b, m.beta, m.g, m.gamma, m.c) == (18.1, 0.115, 30.8, 0.147, 2.1, 0.58, 0.47)
    assert (d.a, d.alpha, d.b, d.beta, d.c, d.g) == (16.3, 0.126, 26.7, 0.127, 0.47, 0.0)
    n, tok = 1e9, 2e10
    assert m.loss(n, tok, 4) == pytest.approx(0.47 + (2.1 / 4**0.58 + 18.1) / n**0.115 + 30.8 / tok**0.147)
    # finer experts always help at fixed N and D, with diminishing returns
    losses = [m.loss(n, tok, g) for g in (1, 2, 4, 8, 16)]
    assert all(a > b for a, b in zip(losses[:-1], losses[1:], strict=True))
    assert m.loss(n, tok, 1e12) == pytest.approx(0.47 + 18.1 / n**0.115 + 30.8 / tok**0.147, rel=1e-6)


def test_compute_model_router_share():
    n = 1e10
    f1, f16 = krajewski_flops_per_token(n, 1), krajewski_flops_per_token(n, 16)
    assert f16 > f1  # more, smaller experts: more router work
    # with E = 64: active = 12/(4 + 512) of the total
    assert f1 == pytest.approx(6 * n * 12 / 516, rel=0.05)


def test_moe_beats_dense_and_the_gap_grows():
    """Krajewski et al.: MoE wins at every compute-optimal budget (≈ 21x at 1e20 here), gap widening."""
    factors = []
    for budget in (1e18, 1e20, 1e22, 1e24):
        moe, dense = krajewski_compute_optimal(budget), dense_compute_optimal(budget)
        assert moe.loss < dense.loss
        assert 1 <= moe.granularity <= 16
        assert moe.compute == budget
        factors.append(dense_compute_for_loss(moe.loss) / budget)
    assert all(a < b for a, b in zip(factors[:-1], factors[1:], strict=True))
    assert 15 < factors[1] < 30  # the course's compute model gives 21x at 1e20
    g1 = krajewski_compute_optimal(1e20, granularities=(1,))
    assert g1.loss > krajewski_compute_optimal(1e20).loss


def test_dense_optimum_is_consistent():
    o = dense_compute_optimal(1e21)
    assert 6 * o.n_params * o.n_tokens == pytest.approx(1e21)
    assert dense_compute_for_loss(o.loss) == pytest.approx(1e21, rel=0.02)
    assert o.tokens_per_param == pytest.approx(o.n_tokens / o.n_params)


def test_krajewski_rejects_bad_input():
    with pytest.raises(ValueError, match="granularity"):
        KRAJEWSKI_2024_MOE.loss(1e9, 1e10, 0)
    with pytest.raises(ValueError, match="compute must be > 0"):
        krajewski_compute_optimal(-1e20)
    with pytest.raises(ValueError, match="irreducible"):
        dense_compute_for_loss(0.3)
    with pytest.raises(ValueError, match="alpha must be > 0"):
        KrajewskiLaw(a=1, alpha=-0.1, b=1, beta=0.1, c=0.5)


# --- the geometric-mean heuristic -------------------------------------------------------------


def test_geometric_mean_is_just_arithmetic():
    assert geometric_mean_params(671e9, 37e9) == pytest.approx(1.5757e11, rel=1e-4)  # the rule of thumb's "~1.6e11"
    assert geometric_mean_params(1e9, 1e9) == pytest.approx(1e9)
    with pytest.raises(ValueError, match="argument order"):
        geometric_mean_params(37e9, 671e9)
    with pytest.raises(ValueError, match="total must be > 0 parameters"):
        geometric_mean_params(0, 1)
    with pytest.raises(ValueError, match="strictly positive"):
        geometric_mean_params([1e9, -1.0], [1e8, 1e8])


def test_heuristic_disagrees_with_the_law():
    """The heuristic's multiplier does not depend on N; the law's shrinks towards 1 at the cutoff."""
    for e in (8, 64, 256):
        heur = geometric_mean_params(routed_total_params(1.0, e), 1.0)
        law_small, law_big = (S_BASE.effective_params(n, e) / n for n in (1e8, 1e11))
        assert law_big < law_small < heur
    assert routed_total_params(1e8, 64) == pytest.approx(1e8 * (1 / 3 + 2 / 3 * 64))
    with pytest.raises(ValueError, match="expert_fraction"):
        routed_total_params(1e8, 8, expert_fraction=1.5)


@settings(max_examples=40, deadline=None)
@given(st.floats(6, 11.5), st.sampled_from([2, 4, 16, 128]))
def test_effective_params_between_bounds_below_cutoff(log_n, e):
    n = 10.0**log_n
    nbar = S_BASE.effective_params(n, e)
    assert n < nbar < routed_total_params(n, e)
