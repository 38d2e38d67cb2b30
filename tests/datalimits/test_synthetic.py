"""Training on generated data (Gerstgrasser et al. 2024, arXiv:2404.01413): replace grows, accumulate is bounded."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from scaling_helpers.datalimits import collapse_error, collapse_error_factor, ols_error, simulate_collapse
from scaling_helpers.datalimits.quality_figures import plot_collapse


def test_one_ols_fit():
    assert ols_error(10, 100) == pytest.approx(10 / 89)
    assert ols_error(10, 100, sigma=2.0) == pytest.approx(40 / 89)


def test_replace_grows_linearly_accumulate_converges_to_pi_squared_over_six():
    assert [collapse_error_factor(n, "replace") for n in (1, 2, 10)] == [1.0, 2.0, 10.0]
    assert collapse_error_factor(2, "accumulate") == pytest.approx(1.25)
    assert collapse_error_factor(3, "accumulate") == pytest.approx(1 + 1 / 4 + 1 / 9)
    assert collapse_error_factor(10_000, "accumulate") == pytest.approx(math.pi**2 / 6, rel=1e-3)
    assert collapse_error_factor(10_000, "accumulate") < math.pi**2 / 6


@pytest.mark.parametrize("mode", ["replace", "accumulate"])
def test_simulation_matches_the_expectation(mode):
    sim = simulate_collapse(8, mode, d=5, T=60, trials=600, seed=3)
    expected = np.array([collapse_error(n, mode, d=5, T=60) for n in range(1, 9)])
    assert np.allclose(sim, expected, rtol=0.12)


def test_first_generation_is_the_same_in_both_modes():
    a = simulate_collapse(3, "replace", trials=50, seed=1)
    b = simulate_collapse(3, "accumulate", trials=50, seed=1)
    assert a[0] == b[0]
    assert b[2] < a[2]


@pytest.mark.parametrize("kwargs,match", [({"mode": "mix"}, "replace"), ({"T": 11}, "exceed"),
                                          ({"generations": 0}, "generations")])
def test_bad_input(kwargs, match):
    args = {"generations": 3, "mode": "replace", "d": 10, "T": 100}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        collapse_error(args.pop("generations"), args.pop("mode"), **args)


def test_figure():
    assert isinstance(plot_collapse(generations=5, trials=20), Figure)
