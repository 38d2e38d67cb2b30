"""Filtering under repetition (Goyal et al. 2024, arXiv:2404.07177): utility decay, the error law, the crossover."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from scaling_helpers.datalimits import DEMO_POOLS, FilterPool, crossover_samples, pool_error, utility_exponent
from scaling_helpers.datalimits.quality_figures import plot_filtering


def test_utility_halves_every_tau_passes():
    assert utility_exponent(-0.2, 3.0, 0) == -0.2
    assert utility_exponent(-0.2, 3.0, 3) == pytest.approx(-0.1)
    assert utility_exponent(-0.2, 3.0, 6) == pytest.approx(-0.05)


def test_first_pass_is_a_plain_power_law_plus_floor():
    p = FilterPool("p", 1e8, b=-0.1, tau=2.0, a=1.0, d=0.1)
    for n in (1e6, 3e7, 1e8):
        assert pool_error(p, n) == pytest.approx((n / 1e5) ** -0.1 + 0.1, rel=1e-12)


def test_later_passes_follow_the_authors_recursion():
    """After the first pass, each pass k multiplies the error by (n_k / (k S))**(b 2**(-k/tau)), floor included
    (locuslab/scaling_laws_data_filtering, objective.py, func_effective_utility)."""
    p = FilterPool("p", 1e7, b=-0.12, tau=2.0, a=1.0, d=0.1)
    y1 = (1e7 / 1e5) ** -0.12 + 0.1
    y2 = y1 * (2.0) ** (-0.12 * 2 ** -0.5)
    assert pool_error(p, 2e7) == pytest.approx(y2, rel=1e-12)
    assert pool_error(p, 2.5e7) == pytest.approx(y2 * 1.25 ** (-0.12 * 0.5), rel=1e-12)


def test_error_never_rises_and_plateaus_when_utility_is_spent():
    p = DEMO_POOLS[0]
    n = np.geomspace(1e6, 1e10, 60)
    y = np.asarray(pool_error(p, n))
    assert np.all(np.diff(y) <= 1e-15)
    # the product of (1 + 1/k)**(b 2**(-k/tau)) converges: 200 more passes change almost nothing
    assert pool_error(p, 1000 * p.size) == pytest.approx(pool_error(p, 800 * p.size), rel=1e-6)


def test_with_no_decay_repeats_are_fresh_data():
    p = FilterPool("p", 1e7, b=-0.1, tau=1e9, a=1.0, d=0.0)
    assert pool_error(p, 5e7) == pytest.approx((5e7 / 1e5) ** -0.1, rel=1e-6)


def test_demo_pools_cross_over_after_a_few_passes():
    strict, permissive = DEMO_POOLS
    x = crossover_samples(strict, permissive)
    assert pool_error(strict, x) == pytest.approx(pool_error(permissive, x), rel=1e-6)
    assert pool_error(strict, x / 2) < pool_error(permissive, x / 2)
    assert pool_error(strict, 2 * x) > pool_error(permissive, 2 * x)
    assert 2 < x / strict.size < 10


@given(st.floats(-0.3, -0.01), st.floats(0.3, 10.0), st.floats(1.0, 50.0))
def test_decay_lowers_utility(b, tau, passes):
    assert abs(utility_exponent(b, tau, passes)) < abs(b)
    assert math.log2(b / utility_exponent(b, tau, passes)) == pytest.approx(passes / tau)


def test_no_crossover_is_an_error():
    strict, permissive = DEMO_POOLS
    with pytest.raises(ValueError, match="never overtakes"):
        crossover_samples(permissive, strict)


@pytest.mark.parametrize("kwargs,match", [({"b": 0.1}, "negative"), ({"tau": 0.0}, "tau"),
                                          ({"size": -1.0}, "size"), ({"d": -0.1}, "d")])
def test_bad_pools_are_rejected(kwargs, match):
    base = {"name": "p", "size": 1e7, "b": -0.1, "tau": 2.0}
    with pytest.raises(ValueError, match=match):
        FilterPool(**{**base, **kwargs})


def test_bad_sample_counts_are_rejected():
    with pytest.raises(ValueError, match="positive"):
        pool_error(DEMO_POOLS[0], [1e7, float("nan")])
    with pytest.raises(ValueError, match=">= 0"):
        utility_exponent(-0.1, 2.0, -1)


def test_figure():
    fig = plot_filtering()
    assert isinstance(fig, Figure) and len(fig.axes) == 2
