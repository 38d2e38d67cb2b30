"""Cosine and WSD schedules, and the cost of a token sweep."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaling_helpers.hyperparams import cosine_schedule, sweep_cost, wsd_schedule


def test_cosine_endpoints_and_middle():
    lr = cosine_schedule([0, 10, 55, 100, 150], 100, peak=2.0, warmup=10, final_fraction=0.1)
    assert lr[0] == 0.0 and lr[1] == pytest.approx(2.0)
    assert lr[2] == pytest.approx(2.0 * (0.1 + 0.9 * 0.5))  # half way through the decay
    assert lr[3] == pytest.approx(0.2) and lr[4] == pytest.approx(0.2)


def test_cosine_cycle_too_long_ends_high():
    # cycle 25% longer than the run: at the end cos(pi * 0.8) -> 0.1 + 0.9 * 0.5 * (1 + cos(0.8 pi))
    expected = 0.1 + 0.9 * 0.5 * (1 + np.cos(0.8 * np.pi))
    assert cosine_schedule(100, 100, cycle=125)[0] == pytest.approx(expected)
    assert expected > 0.18


def test_wsd_shapes():
    t = [0, 50, 80, 90, 100]
    lin = wsd_schedule(t, 100, warmup=10, cooldown_fraction=0.2, shape="linear")
    sq = wsd_schedule(t, 100, warmup=10, cooldown_fraction=0.2, shape="1-sqrt")
    assert list(lin[:3]) == [0.0, 1.0, 1.0] and lin[3] == pytest.approx(0.5) and lin[4] == 0.0
    assert sq[3] == pytest.approx(1 - np.sqrt(0.5)) and sq[4] == 0.0


@given(st.floats(0.01, 1.0), st.floats(0.0, 1.0))
def test_wsd_is_non_increasing_after_warmup(c, final):
    t = np.linspace(0, 1000, 400)
    lr = wsd_schedule(t, 1000, cooldown_fraction=c, final_fraction=final)
    assert np.all(np.diff(lr) <= 1e-12) and lr[-1] == pytest.approx(final)


def test_sweep_cost_by_hand():
    r = sweep_cost([16, 1, 4, 2, 8], 0.2)
    assert r.cosine == 31.0
    assert r.wsd == 16 + 0.2 * 15
    assert r.saving == pytest.approx(1 - 19 / 31)


@given(st.integers(1, 12), st.floats(0.05, 1.0))
def test_sweep_cost_geometric_closed_form(k, c):
    r = sweep_cost(2.0 ** np.arange(k), c)
    assert r.cosine == pytest.approx(2.0**k - 1)
    assert r.wsd == pytest.approx(2.0 ** (k - 1) + c * (2.0 ** (k - 1) - 1))
    assert 0 <= r.saving < 1


def test_single_budget_saves_nothing_and_full_cooldown_saves_nothing():
    assert sweep_cost([5.0]).saving == 0.0
    assert sweep_cost([1.0, 2.0, 4.0], 1.0).saving == pytest.approx(0.0)


@pytest.mark.parametrize("kwargs", [{"cooldown_fraction": 0.0}, {"cooldown_fraction": 20}, {"shape": "cosine"},
                                    {"warmup": 95}, {"final_fraction": 2.0}])
def test_wsd_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        wsd_schedule([1.0], 100, **kwargs)


def test_bad_inputs():
    with pytest.raises(ValueError):
        cosine_schedule([-1.0], 100)
    with pytest.raises(ValueError):
        cosine_schedule([1.0], 100, warmup=100)
    with pytest.raises(ValueError):
        sweep_cost([1.0, -2.0])
    with pytest.raises(ValueError, match="percentage"):
        sweep_cost([1.0, 2.0], 20)
