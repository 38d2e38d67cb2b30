import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_helpers.powerlaws import (
    doubling_factor,
    fit_power_law,
    fit_saturating_power_law,
    huber,
    huber_influence,
    kaplan_model_sweep,
    local_exponent,
    power_law,
    saturating_power_law,
    saturating_sweep,
    sweep_with_outliers,
)


def test_doubling_rule_kaplan():
    # Kaplan et al. 2020: alpha_N = 0.076, "doubling N multiplies L by 0.95"
    assert doubling_factor(0.076) == pytest.approx(0.9487, abs=1e-4)
    assert doubling_factor(0.076, factor=10) == pytest.approx(0.8395, abs=1e-4)


def test_huber_values_and_influence():
    r = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    assert huber(r, 1.0) == pytest.approx([2.5, 0.125, 0.0, 0.125, 2.5])
    assert huber_influence(r, 1.0) == pytest.approx([-1.0, -0.5, 0.0, 0.5, 1.0])


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=20), st.floats(1e-4, 10))
def test_huber_properties(rs, delta):
    r = np.array(rs)
    h = huber(r, delta)
    assert (h >= 0).all()
    assert (h <= 0.5 * r**2 + 1e-9 * (1 + r**2)).all()  # never above the squared loss
    assert (np.abs(huber_influence(r, delta)) <= delta).all()  # bounded influence


@settings(deadline=None, max_examples=40)
@given(st.floats(0.01, 2.0), st.floats(1e-3, 1e3), st.floats(1.0, 4.0), st.floats(3.0, 12.0))
def test_fit_power_law_recovers_noise_free(alpha, A, lo, span):
    x = np.logspace(lo, lo + span, 9)
    fit = fit_power_law(x, A * x**-alpha)
    assert fit.alpha == pytest.approx(alpha, rel=1e-8, abs=1e-10)
    assert fit.A == pytest.approx(A, rel=1e-7)
    assert fit.r2 == pytest.approx(1.0)


def test_fit_power_law_noisy_within_standard_errors():
    s = kaplan_model_sweep()
    fit = fit_power_law(s.x, s.y)
    assert abs(fit.alpha - 0.076) < 3 * fit.se_alpha
    assert 0 < fit.se_alpha < 0.005
    assert fit.log_residuals.std() == pytest.approx(0.01, rel=0.5)


def test_straight_line_is_biased_with_a_floor():
    s = saturating_sweep()
    assert fit_power_law(s.x, s.y).alpha < 0.1  # the true alpha is 0.34
    assert local_exponent([1e7], 1.69, 406.4, 0.34)[0] == pytest.approx(0.1702, abs=1e-4)


@pytest.mark.parametrize("loss", ["huber", "squared"])
def test_saturating_fit_recovers_noise_free(loss):
    x = np.logspace(6, 11, 15)
    fit = fit_saturating_power_law(x, saturating_power_law(x, 1.69, 406.4, 0.34), loss=loss)
    assert fit.E == pytest.approx(1.69, rel=1e-4)
    assert fit.A == pytest.approx(406.4, rel=1e-3)
    assert fit.alpha == pytest.approx(0.34, rel=1e-4)


def test_saturating_fit_noisy():
    s = saturating_sweep()
    fit = fit_saturating_power_law(s.x, s.y, delta=0.01)
    assert fit.E == pytest.approx(1.69, rel=0.03)
    assert fit.alpha == pytest.approx(0.34, rel=0.1)


def test_huber_resists_outliers_where_least_squares_does_not():
    s = sweep_with_outliers()
    ls = fit_saturating_power_law(s.x, s.y, loss="squared")
    hb = fit_saturating_power_law(s.x, s.y, loss="huber", delta=0.01)
    err_ls, err_hb = abs(ls.E - 1.69), abs(hb.E - 1.69)
    assert err_hb < 0.02
    assert err_ls > 0.05
    assert err_hb < err_ls / 5


@pytest.mark.parametrize(
    ("x", "y", "match"),
    [
        ([], [], "empty"),
        ([1, 2, -3], [1, 2, 3], "strictly positive"),
        ([1, 2, 3], [1, 0, 3], "strictly positive"),
        ([1, 2, np.nan], [1, 2, 3], "NaN"),
        ([1, 2, 3], [1, 2], "same length"),
        ([2, 2, 2], [1, 2, 3], "two different"),
        ([[1, 2], [3, 4]], [1, 2, 3, 4], "one-dimensional"),
        (["a", "b"], [1, 2], "numbers"),
    ],
)
def test_fit_power_law_rejects_bad_input(x, y, match):
    with pytest.raises(ValueError, match=match):
        fit_power_law(x, y)


def test_saturating_rejects_bad_options():
    x = np.logspace(6, 9, 6)
    with pytest.raises(ValueError, match="loss must be"):
        fit_saturating_power_law(x, x**-0.3, loss="l1")
    with pytest.raises(ValueError, match="delta"):
        fit_saturating_power_law(x, x**-0.3, delta=-1)
    with pytest.raises(ValueError, match="at least 4"):
        fit_saturating_power_law(x[:3], x[:3] ** -0.3)
    with pytest.raises(ValueError, match="inits"):
        fit_saturating_power_law(x, x**-0.3, inits=[[1.0, 2.0]])


def test_power_law_helpers_reject_bad_parameters():
    with pytest.raises(ValueError, match="A must be > 0"):
        power_law([1, 2], -1.0, 0.5)
    with pytest.raises(ValueError, match="E"):
        saturating_power_law([1, 2], -0.1, 1.0, 0.5)
    with pytest.raises(ValueError, match="finite"):
        doubling_factor(float("nan"))
