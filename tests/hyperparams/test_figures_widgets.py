"""The chapter's figures draw, and the schedule explorer shows what sweep_cost computes."""

from __future__ import annotations

import numpy as np

from scaling_helpers.hyperparams import MLPTask, coord_check, lr_sweep, sweep_cost
from scaling_helpers.hyperparams import figures as f
from scaling_helpers.hyperparams.widgets import render_schedule_png, schedule_explorer, schedule_html


def test_static_figures_have_two_panels_or_one():
    assert len(f.plot_deepseek_laws().axes) == 2
    assert len(f.plot_schedules().axes) == 2
    for fig in (f.plot_batch_tradeoff(), f.plot_cosine_cycle(), f.plot_sweep_saving(), f.plot_porian_steps()):
        assert len(fig.axes) == 1 and fig.axes[0].lines


def test_mup_figures():
    task = MLPTask(steps=2)
    sp, mu = (lr_sweep((32, 64), [-6.0, -5.0], p, task) for p in ("sp", "mup"))
    assert len(f.plot_lr_sweeps(sp, mu).axes) == 2
    cc = [coord_check((32, 64), steps=2, parameterisation=p) for p in ("sp", "mup")]
    assert len(f.plot_coord_check(*cc).axes[0].lines) == 3


def test_explorer():
    assert render_schedule_png(3, 0.2)[:4] == b"\x89PNG"
    saving = sweep_cost(2.0 ** np.arange(4), 0.25).saving
    assert f"{saving:.0%} saved" in schedule_html(4, 0.25)
    assert "Explorer" in repr(schedule_explorer())
