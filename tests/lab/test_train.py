"""The scaling lab's model and training (scaling_helpers.lab.config, .train, .loss)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import zeta

from scaling_helpers.lab import (
    LabConfig,
    expected_loss,
    initial_loss,
    monte_carlo_loss,
    population_loss,
    theory_loss,
    train_model,
)

SMALL = LabConfig(V=400)  # small enough to draw every feature in a Monte-Carlo estimate


# ----------------------------------------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"a": 0.0}, "a (spectrum decay) must be > 0"),
        ({"kappa": 1.0}, "kappa must be > 1"),
        ({"sigma": -0.1}, "sigma"),
        ({"eta0": 1.5}, "eta0 must lie in (0, 1]"),
        ({"V": 10.5}, "V must be a whole number"),
        ({"batch": 0}, "batch must be >= 1"),
        ({"a": float("nan")}, "a must be finite"),
    ],
)
def test_config_rejects_bad_settings(kwargs, words):
    with pytest.raises(ValueError, match=None) as err:
        LabConfig(**kwargs)
    assert words in str(err.value)


def test_tail_is_the_unseen_signal():
    cfg = LabConfig(V=1000)
    i = np.arange(1, 1001, dtype=float)
    for n in (0, 1, 10, 999, 1000):
        assert cfg.tail(n) == pytest.approx(np.sum(i[n:] ** -2.5), rel=1e-10, abs=1e-15)
    with pytest.raises(ValueError, match="between 0 and V"):
        cfg.tail(1001)


def test_default_irreducible_loss_and_signal():
    cfg = LabConfig()
    assert cfg.E == pytest.approx(0.005)  # sigma^2 / 2, chapter 11, Sec. 1
    # truncation at V = 2e5 ignores about V^(1-kappa)/(kappa-1) = 7.5e-9 of signal (chapter 11, Sec. 1)
    assert zeta(2.5) - cfg.total_signal == pytest.approx(7.45e-9, rel=0.01)


# ----------------------------------------------------------------------------------------------- training


def test_training_decreases_the_loss():
    m = train_model(40, 20_000, rng=3, curve_points=30)
    start = initial_loss(40)
    assert m.loss < 0.1 * start
    assert m.curve_loss[-1] == pytest.approx(m.loss)
    assert m.curve_loss[-1] < m.curve_loss[len(m.curve_loss) // 2] < m.curve_loss[0]
    # the loss never goes below the model's capacity floor E + T(N)/2
    assert m.loss > m.config.E + m.capacity_error


def test_more_data_and_more_capacity_lower_the_expected_loss():
    ds = [1_000, 4_000, 16_000, 64_000]
    losses = [expected_loss(50, d) for d in ds]
    assert all(a > b for a, b in zip(losses, losses[1:], strict=False))
    sizes = [5, 20, 80]
    losses = [expected_loss(n, 1_000_000) for n in sizes]
    assert all(a > b for a, b in zip(losses, losses[1:], strict=False))


def test_reported_loss_is_the_population_loss_of_theta():
    m = train_model(30, 5_000, rng=1)
    assert m.loss == pytest.approx(population_loss(m.theta), rel=1e-10)
    assert m.loss == pytest.approx(m.config.E + m.capacity_error + m.estimation_error, rel=1e-12)


def test_exact_loss_matches_monte_carlo():
    """chapter 11, Sec. 1: the closed form equals half the MSE on fresh samples from the full V-dimensional model."""
    m = train_model(30, 3_000, rng=5, config=SMALL)
    exact = population_loss(m.theta, SMALL)
    mc, se = monte_carlo_loss(m.theta, 60_000, rng=11, config=SMALL)
    assert abs(mc - exact) < 4 * se
    assert se < 0.02 * exact  # the test has power: a 10% error in the formula would fail


@pytest.mark.parametrize("method", ["implicit", "explicit"])
def test_sgd_average_matches_expected_loss(method):
    """Both batch samplers are exact: the mean final loss over seeds equals the second-moment recursion."""
    reps = 300 if method == "implicit" else 120
    gen = np.random.default_rng(2024)
    losses = np.array([train_model(20, 2_000, rng=gen, method=method).loss for _ in range(reps)])
    exact = expected_loss(20, 2_000)
    se = losses.std(ddof=1) / np.sqrt(reps)
    assert abs(losses.mean() - exact) < 4 * se
    # SGD noise is real: the noise-free theory differs from the expectation by more than the test's resolution
    assert abs(theory_loss(20, 2_000) - exact) > 4 * se


def test_training_is_deterministic_given_a_seed():
    a = train_model(25, 3_000, rng=7).loss
    b = train_model(25, 3_000, rng=7).loss
    c = train_model(25, 3_000, rng=8).loss
    assert a == b
    assert a != c


@pytest.mark.parametrize(
    ("args", "kwargs", "words"),
    [
        ((10, 30), {}, "less than one batch"),
        ((0, 1000), {}, "N (model size) must be >= 1"),
        ((300_000, 10**6), {}, "exceeds the lab's dimension"),
        ((10.5, 1000), {}, "whole number"),
        ((10, 1000), {"method": "adam"}, "method must be"),
        ((10, 1000), {"rng": -1}, "rng must be"),
    ],
)
def test_train_model_rejects_bad_input(args, kwargs, words):
    with pytest.raises(ValueError) as err:
        train_model(*args, **kwargs)
    assert words in str(err.value)


def test_population_loss_rejects_bad_weights():
    with pytest.raises(ValueError, match="finite"):
        population_loss([0.1, float("nan")])
    with pytest.raises(ValueError, match="non-empty"):
        population_loss([])
