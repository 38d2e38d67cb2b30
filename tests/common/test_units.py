import math

import pytest

from scaling_helpers import (
    PF_DAY,
    flops_to_pf_days,
    format_count,
    format_flops,
    format_params,
    format_pf_days,
    format_tokens,
    pf_days_to_flops,
)


def test_pf_day_is_kaplan_definition():
    # Kaplan et al. 2020, Sec. 1.3: 1 PF-day = 1e15 * 24 * 3600 FLOPs
    assert PF_DAY == 8.64e19
    assert flops_to_pf_days(8.64e19) == pytest.approx(1.0)
    assert pf_days_to_flops(3.1e8) == pytest.approx(3.1e8 * 8.64e19)


@pytest.mark.parametrize(
    ("value", "text"),
    [(1.4e12, "1.4T tokens"), (7e10, "70B tokens"), (124_337_664, "124M tokens"), (2048, "2.05k tokens"), (12, "12 tokens")],
)
def test_format_tokens(value, text):
    assert format_tokens(value) == text


def test_format_flops_and_pf_days():
    assert format_flops(5.76e23) == "5.76e23 FLOPs"
    assert format_flops(3.14e23) == "3.14e23 FLOPs"
    assert format_flops(9.999e23) == "1e24 FLOPs"
    # GPT-3: 3.14e23 FLOPs = 3.6e3 PF-days (Brown et al. 2020 report 3.64e3)
    assert format_pf_days(3.14e23) == "3.6e3 PF-days"
    assert format_params(7e10) == "70B params"
    assert format_count(0) == "0"


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), "many", None])
def test_formatting_rejects_bad_input(bad):
    with pytest.raises(ValueError):
        format_tokens(bad)


def test_pf_days_rejects_non_positive():
    with pytest.raises(ValueError, match="must be > 0"):
        flops_to_pf_days(0)
    assert math.isclose(flops_to_pf_days(PF_DAY * 2), 2.0)
