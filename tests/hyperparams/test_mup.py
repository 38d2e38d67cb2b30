"""μP vs SP on the small MLP: Table 3's scalings, the learning-rate shift and the coordinate check."""

from __future__ import annotations

import numpy as np
import pytest

from scaling_helpers.hyperparams import MLPTask, coord_check, layer_scalings, lr_sweep, optimal_log2_lr

SMALL = MLPTask(steps=10)
WIDTHS = (32, 64, 128, 256)
GRID = np.arange(-10.0, -2.0)


def test_table3_scalings_adam():
    s = layer_scalings(512, d_in=8, base_width=32, parameterisation="mup")
    assert s["input"].lr_mult == 1.0 and s["hidden"].lr_mult == pytest.approx(1 / 16)
    assert s["output"].lr_mult == pytest.approx(1 / 16)
    assert s["output"].init_std**2 == pytest.approx(1 / 512 / 16)  # 1/fan_in^2 up to the base-width constant
    assert s["hidden"].init_std**2 == pytest.approx(1 / 512) and s["input"].init_std**2 == pytest.approx(1 / 8)


def test_table3_scalings_sgd_and_sp():
    s = layer_scalings(128, base_width=32, optimizer="sgd")
    assert (s["input"].lr_mult, s["hidden"].lr_mult, s["output"].lr_mult) == (4.0, 1.0, 0.25)
    sp = layer_scalings(128, base_width=32, parameterisation="sp")
    assert {v.lr_mult for v in sp.values()} == {1.0}
    assert sp["output"].init_std == pytest.approx(128**-0.5)


def test_mup_equals_sp_at_base_width():
    assert layer_scalings(32, base_width=32) == layer_scalings(32, base_width=32, parameterisation="sp")


@pytest.fixture(scope="module")
def sweeps():
    return {p: lr_sweep(WIDTHS, GRID, p, SMALL) for p in ("sp", "mup")}


def test_sp_optimum_shifts_down_by_at_least_a_factor_4(sweeps):
    best = sweeps["sp"].best_log2_lr
    assert best[0] - best[-1] >= 2  # >= 4x smaller learning rate at 8x the width
    assert np.all(np.diff(best) <= 0)


def test_mup_optimum_stays_within_one_grid_step(sweeps):
    best = sweeps["mup"].best_log2_lr
    assert best.max() - best.min() <= 1


def test_same_runs_at_base_width(sweeps):
    np.testing.assert_allclose(sweeps["sp"].losses[0], sweeps["mup"].losses[0])


def test_deterministic():
    a = lr_sweep((32, 64), [-6.0, -5.0], "sp", SMALL)
    b = lr_sweep((32, 64), [-6.0, -5.0], "sp", SMALL)
    np.testing.assert_array_equal(a.losses, b.losses)


def test_coordinate_check():
    sp = coord_check((32, 256), parameterisation="sp")
    mu = coord_check((32, 256), parameterisation="mup")
    assert sp.sizes[1, -1] / sp.sizes[0, -1] > 2.5   # grows with width under SP
    assert 0.5 < mu.sizes[1, -1] / mu.sizes[0, -1] < 1.6  # flat under μP
    np.testing.assert_allclose(sp.sizes[:, 0], mu.sizes[:, 0])  # same initial hidden activations


def test_optimal_log2_lr_and_errors():
    assert optimal_log2_lr([-3, -2, -1], [0.5, 0.2, np.inf]) == -2
    with pytest.raises(ValueError, match="diverged"):
        optimal_log2_lr([-3, -2], [np.inf, np.nan])
    with pytest.raises(ValueError, match="one value per"):
        optimal_log2_lr([-3, -2], [0.1])
    with pytest.raises(ValueError, match="parameterisation"):
        layer_scalings(64, parameterisation="ntk")
    with pytest.raises(ValueError, match="width"):
        lr_sweep((0,), [-5.0])
    with pytest.raises(ValueError, match="optimizer"):
        MLPTask(optimizer="lion")
