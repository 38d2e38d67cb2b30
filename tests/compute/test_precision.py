"""Precision: the effective-parameter law, PTQ degradation, and the roofline speed-up of quantised weights."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import minimize

from scaling_helpers.compute import ACCELERATORS, LLAMA2_70B, count_parameters
from scaling_helpers.compute.precision import (
    KUMAR2024_MODEL_SIZES,
    KUMAR2024_OPTIMAL_TRAINING_BITS,
    KUMAR2024_RUNS,
    KUMAR2024_TABLE2,
    KUMAR2024_TOKEN_BUDGETS,
    LOW_PRECISION_PEAKS,
    compute_optimal_training_bits,
    decode_step_time,
    effective_parameters,
    low_precision_peak,
    precision_aware_loss,
    prefill_speedup,
    prefill_time,
    ptq_degradation,
    tokens_where_more_data_hurts,
    weight_only_decode_speedup,
)
from scaling_helpers.compute.precision_figures import (
    plot_effective_parameter_factor,
    plot_ptq_loss_vs_tokens,
    plot_quantisation_speedup,
)
from scaling_helpers.compute.roofline import decode_batch_at_ridge

PTQ = {"c_t": 0.05, "gamma_d": 0.5, "gamma_n": 0.4, "gamma_post": 0.6}


# -- datasheet peaks ---------------------------------------------------------------------------------
def test_low_precision_peaks_are_twice_dense_bf16_as_the_datasheets_print() -> None:
    # A100: INT8 624 TOPS dense vs BF16 312; H100 SXM: FP8 and INT8 3,958 sparse = 1,979 dense vs BF16 989.4.
    assert low_precision_peak("A100", "int8") == 624e12
    assert low_precision_peak("A100", "int8") / ACCELERATORS["A100"].peak_flops == pytest.approx(2.0)
    for fmt in ("fp8", "int8"):
        assert low_precision_peak("H100", fmt) / ACCELERATORS["H100-SXM"].peak_flops == pytest.approx(2.0, rel=1e-3)
    assert all("dense" in p.source for p in LOW_PRECISION_PEAKS.values())


def test_a100_has_no_fp8_peak() -> None:
    with pytest.raises(ValueError, match="no sourced 'fp8' peak for A100"):
        low_precision_peak("A100", "fp8")


# -- Kumar et al. 2024 (arXiv:2411.04330): printed constants and setup -----------------------------------
def test_table2_constants_as_printed() -> None:
    # App. K, Table 2 "Fitted constants and their values" (alpha = beta tied, App. K).
    printed = {"A": 4.299e3, "alpha": 0.4965, "B": 1.806e4, "E": 2.7648, "gamma_w": 2.6745, "n_w": 0.3037,
               "gamma_i": 2.2102, "n_i": 1.4072, "gamma_kv": 0.9578, "n_kv": 2.4185, "C_T": 0.0598,
               "gamma_D": 0.5068, "gamma_N": 0.3439, "gamma": 0.5907, "b": 1.1277}
    assert KUMAR2024_TABLE2 == printed
    assert KUMAR2024_OPTIMAL_TRAINING_BITS == (7.0, 8.0)  # Finding 3, Sec. 4.3.2
    assert KUMAR2024_RUNS == 465


def test_sweep_reaches_the_token_ratio_the_paper_states() -> None:
    # Sec. 2.2-2.3: "we perform experiments up to D/N ~ 10^3" on N in [30, ..., 220]M, D in [1.5, ..., 26]B.
    ratio = max(KUMAR2024_TOKEN_BUDGETS) / min(KUMAR2024_MODEL_SIZES)
    assert 500 < ratio < 2000
    assert len(KUMAR2024_MODEL_SIZES) * len(KUMAR2024_TOKEN_BUDGETS) == 20


@pytest.mark.parametrize(("a", "alpha", "b", "beta", "c"),
                         [(406.4, 0.34, 410.7, 0.28, 1e21), (4.299e3, 0.4965, 1.806e4, 0.4965, 1e23)])
def test_compute_optimal_bits_solve_eq5_numerically(a: float, alpha: float, b: float, beta: float, c: float) -> None:
    # Minimise Eq. 5 over N and P at fixed C = (6/16) N D P: the optimum precision is gamma * 1.904 whatever
    # A, alpha, B, beta and C are (the constants here are Chinchilla's and Table 2's, alpha = beta tied).
    gamma = 2.5

    def loss(x: np.ndarray) -> float:
        n, p = math.exp(x[0]), x[1]
        d = c / (6 / 16 * n * p)
        return a * (n * (1 - math.exp(-p / gamma)) ** 3) ** -alpha + b * d**-beta

    n0 = math.sqrt(c / 120)  # Chinchilla's 20 tokens per parameter at 16 bits: C = 6 N (20 N)
    best = minimize(loss, x0=[math.log(n0), 8.0], method="Nelder-Mead",
                    options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 20000})
    assert best.x[1] == pytest.approx(compute_optimal_training_bits(gamma), rel=1e-3)
    x = compute_optimal_training_bits(1.0)
    assert math.expm1(x) == pytest.approx(3 * x, rel=1e-12)


def test_table2_gammas_alone_do_not_give_the_papers_7_to_8_bits() -> None:
    # The paper's 7-8 bits come from fits with offsets; the bare mean gamma of Table 2 gives about 3.7 bits.
    mean_gamma = (KUMAR2024_TABLE2["gamma_w"] + KUMAR2024_TABLE2["gamma_i"] + KUMAR2024_TABLE2["gamma_kv"]) / 3
    assert compute_optimal_training_bits(mean_gamma) < KUMAR2024_OPTIMAL_TRAINING_BITS[0]
    with pytest.raises(ValueError, match="gamma"):
        compute_optimal_training_bits(0)


# -- effective parameters and loss ---------------------------------------------------------------------
def test_effective_parameters_matches_the_closed_form() -> None:
    got = effective_parameters(1e8, p_w=4, gamma_w=2.5, p_a=8, gamma_a=2.0, p_kv=3, gamma_kv=1.0)
    want = 1e8 * (1 - math.exp(-4 / 2.5)) * (1 - math.exp(-8 / 2.0)) * (1 - math.exp(-3 / 1.0))
    assert got == pytest.approx(want, rel=1e-12)


@given(st.floats(1, 32), st.floats(1, 32), st.floats(0.3, 5))
def test_more_bits_never_lose_effective_parameters(p1: float, p2: float, gamma: float) -> None:
    lo, hi = sorted((p1, p2))
    a = effective_parameters(1e9, p_w=lo, gamma_w=gamma)
    b = effective_parameters(1e9, p_w=hi, gamma_w=gamma)
    assert a <= b <= 1e9


def test_effective_parameters_needs_bits_and_gamma_together() -> None:
    with pytest.raises(ValueError, match="give both p_a and its gamma"):
        effective_parameters(1e9, p_w=8, gamma_w=2, p_a=8)
    with pytest.raises(ValueError, match="p_w"):
        effective_parameters(1e9, p_w=-4, gamma_w=2)


def test_precision_aware_loss_reduces_to_chinchilla_at_high_precision() -> None:
    # Chinchilla's fit (arXiv:2203.15556, Eq. 10): A=406.4, B=410.7, E=1.69, alpha=0.34, beta=0.28.
    chin = 406.4 / 70e9**0.34 + 410.7 / 1.4e12**0.28 + 1.69
    got = precision_aware_loss(70e9, 1.4e12, a=406.4, alpha=0.34, b=410.7, beta=0.28, e=1.69,
                               p_w=64, gamma_w=1.0)
    assert got == pytest.approx(chin, rel=1e-9)
    low = precision_aware_loss(70e9, 1.4e12, a=406.4, alpha=0.34, b=410.7, beta=0.28, e=1.69, p_w=3, gamma_w=2.0)
    assert low > got


# -- post-training quantisation -----------------------------------------------------------------------
def test_ptq_degradation_grows_with_tokens_per_parameter() -> None:
    d = np.array([1e10, 1e11, 1e12])
    out = ptq_degradation(1e9, d, 4, **PTQ)
    assert np.all(np.diff(out) > 0)
    assert out[1] / out[0] == pytest.approx(10**0.5)
    assert ptq_degradation(1e9, 1e11, 8, **PTQ) < ptq_degradation(1e9, 1e11, 4, **PTQ)
    assert ptq_degradation(1e10, 1e11, 4, **PTQ) < ptq_degradation(1e9, 1e11, 4, **PTQ)


def test_tokens_where_more_data_hurts_is_the_minimum_of_the_quantised_loss() -> None:
    b, beta = 410.7, 0.28
    d_star = tokens_where_more_data_hurts(1e9, 4, b=b, beta=beta, **PTQ)

    def loss(d: float) -> float:
        return b / d**beta + float(ptq_degradation(1e9, d, 4, **PTQ))

    assert loss(d_star) < loss(d_star * 1.5)
    assert loss(d_star) < loss(d_star / 1.5)
    # Kumar et al. App. E.1, Eq. 13: D_crit = (beta B N^gamma_N e^{P_post/gamma_post} / (gamma_D C_T))^(1/(gamma_D+beta))
    eq13 = (beta * b * 1e9 ** PTQ["gamma_n"] * math.exp(4 / PTQ["gamma_post"]) / (PTQ["gamma_d"] * PTQ["c_t"])) ** (
        1 / (PTQ["gamma_d"] + beta))
    assert d_star == pytest.approx(eq13, rel=1e-12)
    # more bits kept or a bigger model push the harmful point out
    assert tokens_where_more_data_hurts(1e9, 8, b=b, beta=beta, **PTQ) > d_star
    assert tokens_where_more_data_hurts(1e10, 4, b=b, beta=beta, **PTQ) > d_star


# -- roofline speed-ups ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("prec", "ratio"), [("int8", 2.0), ("int4", 4.0)])
def test_memory_bound_decoding_speeds_up_by_the_bytes_ratio(prec: str, ratio: float) -> None:
    assert weight_only_decode_speedup(LLAMA2_70B, 1, "H100", prec) == pytest.approx(ratio)
    assert weight_only_decode_speedup(LLAMA2_70B, 8, "A100", prec) == pytest.approx(ratio)


def test_compute_bound_decoding_gains_nothing_from_weight_only_quantisation() -> None:
    big = 2 * decode_batch_at_ridge("H100")
    assert decode_step_time(LLAMA2_70B, big, "H100").bound == "compute"
    assert weight_only_decode_speedup(LLAMA2_70B, big, "H100", "int4") == pytest.approx(1.0)


def test_kv_cache_dilutes_the_speed_up() -> None:
    assert 1.0 < weight_only_decode_speedup(LLAMA2_70B, 8, "H100", "int4", context=4096) < 4.0


def test_prefill_is_compute_bound_and_needs_low_precision_math() -> None:
    t = prefill_time(LLAMA2_70B, 2048, "H100")
    assert t.bound == "compute"
    n = count_parameters(LLAMA2_70B).total
    assert t.flops > 2 * n * 2048
    assert prefill_speedup(LLAMA2_70B, 2048, "H100", "int4") == pytest.approx(1.0)
    assert prefill_speedup(LLAMA2_70B, 2048, "H100", "int8", math="int8") == pytest.approx(2.0, rel=1e-3)
    assert prefill_speedup(LLAMA2_70B, 2048, "A100", "int8", math="int8") == pytest.approx(2.0, rel=1e-3)


def test_bad_inputs_get_clear_errors() -> None:
    with pytest.raises(ValueError, match="TransformerConfig"):
        decode_step_time("llama", 1, "H100")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="context"):
        decode_step_time(LLAMA2_70B, 1, "H100", context=-1)
    with pytest.raises(ValueError, match="batch_size"):
        decode_step_time(LLAMA2_70B, 0, "H100")


def test_figures_draw() -> None:
    fig = plot_quantisation_speedup()
    ax = fig.axes[0]
    assert len(ax.get_lines()) >= 5
    assert "bf16 math: 1.00x" in " ".join(t.get_text() for t in ax.get_legend().get_texts())
    fig2 = plot_effective_parameter_factor((1.0, 2.0))
    ys = fig2.axes[0].get_lines()[0].get_ydata()
    assert np.all(np.diff(ys) > 0) and ys[-1] < 1
    fig3 = plot_ptq_loss_vs_tokens(1e9, (3, 4))
    lines = fig3.axes[0].get_lines()
    base, after3 = lines[0].get_ydata(), lines[1].get_ydata()
    assert np.all(after3 > base) and np.argmin(after3) < len(after3) - 1  # a minimum inside the plotted range
