"""Sweeps, Approaches 2 and 3 on the lab, their biases (chapter 11, Sec. 2-7), figures and the theory explorer."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from scaling_helpers.lab import (
    EXPERIMENT_BUDGET,
    LAB_BUDGETS,
    MAX_RUN_COMPUTE,
    Experiments,
    LabConfig,
    approach2,
    approach3,
    approach3_optimum,
    bootstrap_approach2,
    default_plan,
    isoflop_sizes,
    make_plan,
    noise_free_runs,
    parabola_bias,
    plan_compute,
    run_experiments,
    run_sweep,
    theory_optimum,
    train_model,
    true_optima,
)
from scaling_helpers.lab.figures import (
    plot_lab_isoflops,
    plot_lab_optima,
    plot_parabola_bias,
    plot_quanta,
    plot_theory_profiles,
    plot_training_curves,
)
from scaling_helpers.lab.quanta import quanta_curves
from scaling_helpers.lab.widgets import render_theory_png, theory_explorer


@pytest.fixture(scope="module")
def sweep():
    return run_sweep(seed=0, progress=False)


def test_default_plan_matches_lab_md():
    """chapter 11, Sec. 2: 50 models; the grids of the table (first and last budget shown)."""
    plan = default_plan()
    assert len(plan) == 50
    assert isoflop_sizes(4**9).tolist() == [9, 15, 25, 41, 68, 114, 190, 317, 529, 882]
    assert isoflop_sizes(4**13).tolist() == [81, 135, 226, 376, 628, 1047, 1747, 2914, 4860, 8107]
    assert plan.D.min() == 297 and plan.D.max() == 828_504
    assert sum(max(1, d // 64) for d in plan.D) == 55_838  # SGD steps per sweep
    assert np.all(plan.compute <= plan.C) and np.all(plan.C - plan.compute < plan.N)


def test_sweep_recovers_the_exponent(sweep):
    """chapter 11, Sec. 7: over seeded runs |xi_2 - 0.4| <= 0.045 and Approach 3 lands below the theory."""
    assert len(sweep) == 50 and np.all(np.isfinite(sweep.loss))
    assert np.all(sweep.loss > sweep.config.E)
    fit2 = approach2(sweep)
    assert fit2.a == pytest.approx(0.400, abs=0.045)
    fit3 = approach3(sweep)
    assert fit3.a < 0.400
    assert fit3.a == pytest.approx(0.36, abs=0.03)  # chapter 11, Sec. 7: 0.356-0.364
    assert fit3.E == pytest.approx(0.005, rel=0.1)  # chapter 11, Sec. 7: 0.0046-0.0058
    assert fit3.alpha > 1.5  # the capacity exponent is overestimated (chapter 11, Sec. 7)
    assert fit3.beta == pytest.approx(1.0, abs=0.08)


def test_sweep_is_reproducible(sweep):
    again = run_sweep(default_plan(LAB_BUDGETS[:2]), seed=0, progress=False)
    assert np.array_equal(again.loss, sweep.loss[:20])


def test_parabolas_on_log_loss_are_biased():
    """chapter 11, Sec. 7, noise-free: log-L parabolas 0.479 / 0.766 (x100 / x10 grids) vs 0.399 / 0.400 on L."""
    wide = parabola_bias(LAB_BUDGETS, 1.0)
    narrow = parabola_bias(LAB_BUDGETS, 0.5)
    assert (wide.log_L, wide.log_excess, wide.L) == pytest.approx((0.479, 0.413, 0.399), abs=0.002)
    assert (narrow.log_L, narrow.log_excess, narrow.L) == pytest.approx((0.766, 0.629, 0.400), abs=0.002)
    high = parabola_bias([4**k for k in range(15, 20)], 1.0, LabConfig(V=4_000_000))
    assert (high.log_L, high.L) == pytest.approx((0.404, 0.400), abs=0.002)  # the bias fades at high compute


def test_additive_law_is_biased_on_exact_data():
    """chapter 11, Sec. 7: Approach 3 on the noise-free loss gives 0.360 (alpha 1.782, beta 1.003) against 0.400."""
    fit = approach3(noise_free_runs())
    assert (fit.a, fit.alpha, fit.beta) == pytest.approx((0.360, 1.782, 1.003), abs=0.003)
    n, d, loss = approach3_optimum(fit, 4**13)
    assert n * d == pytest.approx(4**13, rel=1e-9)
    assert loss > 0.005


def test_off_centre_grids_bias_the_parabola_minima_upwards(sweep):
    """The default grid is centred at 0.6 C^0.4, ~4x above the optimum: the slope survives, the minima do not."""
    fit2 = approach2(sweep)
    truth = np.array([o.N for o in true_optima(LAB_BUDGETS)])
    assert np.all(fit2.N_opt > 1.2 * truth)


def test_bootstrap_gives_an_interval(sweep):
    slopes = bootstrap_approach2(sweep, n_boot=60, seed=1)
    lo, hi = np.percentile(slopes, [5, 95])
    assert lo < approach2(sweep).a < hi
    assert 0.005 < hi - lo < 0.2


def test_experiment_rules_are_enforced():
    ok = make_plan([1e6] * 4, [20, 40, 80, 160])
    assert plan_compute(ok) <= 4e6
    runs = run_experiments(ok, seed=3)
    assert len(runs) == 4 and runs.seed == 3
    with pytest.raises(ValueError, match="per-run limit"):
        run_experiments(make_plan([2 * MAX_RUN_COMPUTE], [100]))
    too_many = make_plan([MAX_RUN_COMPUTE] * 25, [100] * 25)
    with pytest.raises(ValueError, match="of the experiment budget"):
        run_experiments(too_many, budget=EXPERIMENT_BUDGET)
    lab = Experiments(seed=1, budget=1e7)
    first = lab.run(make_plan([4e6, 4e6], [40, 80]))
    assert lab.spent == pytest.approx(float(np.sum(first.compute)))
    with pytest.raises(ValueError, match="left"):  # the budget is shared by every call
        lab.run(make_plan([4e6], [60]))
    assert len(lab.all_runs) == 2 and "spent" in repr(lab)
    with pytest.raises(ValueError, match="one entry per run"):
        make_plan([1e6, 1e6], [10])
    with pytest.raises(ValueError, match="less than one batch"):
        make_plan([1e4], [500])
    with pytest.raises(ValueError, match="list of \\(C, N\\) pairs"):
        run_sweep([1, 2, 3], progress=False)
    with pytest.raises(ValueError, match="seed must be"):
        run_sweep(ok, seed=-2, progress=False)


def test_figures_and_explorer_render(sweep):
    fit2 = approach2(sweep)
    optima = true_optima(LAB_BUDGETS[:3])
    models = [train_model(n, 20_000, rng=0, curve_points=10) for n in (10, 40)]
    figs = [
        plot_training_curves(models),
        plot_lab_isoflops(sweep, fit2, optima),
        plot_lab_optima(fit2, approach3(sweep), optima),
        plot_parabola_bias(noise_free_runs(), 4**9),
        plot_quanta(quanta_curves(K=10_000, N=[10, 100, 1000], D=[100, 1000])),
        plot_theory_profiles(LabConfig(a=2.0)),
    ]
    assert all(isinstance(f, Figure) for f in figs)
    with pytest.raises(ValueError, match="curve_points"):
        plot_training_curves([train_model(10, 1000, rng=0)])
    assert render_theory_png(1.25, 2.25)[:4] == b"\x89PNG"
    box = theory_explorer()
    assert repr(box) == "Explorer: noise-free lab isoFLOP profiles (sliders a, κ)"
    img = box.widget.children[1]
    before = img.value
    box.widget.children[0].children[0].value = 2.0  # move the a slider: the picture is redrawn
    assert img.value != before


def test_theory_optimum_follows_a():
    for a in (1.25, 2.0):
        cfg = LabConfig(a=a)
        n1, n2 = theory_optimum(4**10, cfg)[0], theory_optimum(4**14, cfg)[0]
        assert np.log(n2 / n1) / np.log(4**4) == pytest.approx(1 / (1 + a), abs=0.01)
