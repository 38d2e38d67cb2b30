"""Held-out comparison of the functional forms: fit on the runs below a compute split, score on the runs above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import positive_array, positive_scalar, same_length
from .forms import FORMS, FormFit, _form, _nested_starts, fit_form

__all__ = ["HeldOutRow", "HeldOutComparison", "heldout_comparison"]


@dataclass(frozen=True)
class HeldOutRow:
    """One form's result in a held-out comparison (errors are in ``ln L``; 0.01 ≈ 1% of the loss)."""

    name: str
    """Form name."""
    n_params: int
    """Fitted parameters."""
    train_rmse: float
    """RMS log residual on the training runs."""
    test_rmse: float
    """RMS log residual on the held-out runs."""
    test_bias: float
    """Mean log residual (observed minus predicted) on the held-out runs: > 0 means the form predicts too low."""
    objective: float
    """Summed Huber objective on the training runs."""


@dataclass(frozen=True, eq=False)  # holds fits
class HeldOutComparison:
    """Forms fitted on the runs with ``C < split_C`` and evaluated on the runs with ``C >= split_C``."""

    split_C: float
    """Compute threshold (FLOPs) between training and held-out runs."""
    n_train: int
    """Training runs."""
    n_test: int
    """Held-out runs."""
    rows: tuple[HeldOutRow, ...]
    """One row per form, in the order requested."""
    fits: dict[str, FormFit]
    """The fitted forms (on the training runs), by name."""

    def best(self) -> str:
        """Name of the form with the lowest held-out RMSE."""
        return min(self.rows, key=lambda r: r.test_rmse).name

    def table(self) -> str:
        """A fixed-width text table, rounded so that it prints identically on every machine."""
        lines = [f"fit on {self.n_train} runs with C < {self.split_C:.2g} FLOPs, tested on {self.n_test} runs above",
                 f"{'form':<12}{'params':>7}{'train RMSE':>12}{'held-out RMSE':>15}{'held-out bias':>15}"]
        for r in self.rows:
            lines.append(f"{r.name:<12}{r.n_params:>7}{r.train_rmse:>12.4f}{r.test_rmse:>15.4f}{r.test_bias:>+15.4f}")
        return "\n".join(lines)


def heldout_comparison(N: ArrayLike, D: ArrayLike, L: ArrayLike, *, split_C: float = 8e20,
                       C: ArrayLike | None = None, forms: Sequence[str] = tuple(FORMS),
                       delta: float = 1e-3) -> HeldOutComparison:
    """Fit each form on the small-compute runs and measure its error on the largest budgets.

    Extrapolation to larger compute is what a scaling law is for, so the held-out runs are the ones with the
    largest budgets, not a random subset.

    Parameters
    ----------
    N, D, L
        Parameters, tokens and losses of all runs.
    split_C
        Runs with ``C < split_C`` are fitted; the others are held out.
    C
        Compute of every run; default ``6 N D``.
    forms
        Names in :data:`FORMS`.
    delta
        Huber threshold.

    Returns
    -------
    HeldOutComparison
    """
    n = positive_array(N, "N (parameters)")
    d = positive_array(D, "D (tokens)")
    loss = positive_array(L, "L (loss)")
    same_length(("N", n), ("D", d), ("L", loss))
    c = 6.0 * n * d if C is None else positive_array(C, "C (FLOPs)")
    same_length(("N", n), ("C", c))
    if isinstance(forms, str):
        forms = (forms,)
    names = [_form(f).name for f in forms]
    if not names:
        raise ValueError("forms is empty: name at least one form.")
    split = positive_scalar(split_C, "split_C", unit="FLOPs")
    train = c < split
    if train.sum() == 0 or (~train).sum() == 0:
        raise ValueError(f"split_C = {split:.3g} leaves {int(train.sum())} training and {int((~train).sum())} "
                         f"held-out runs; choose a value between {c.min():.3g} and {c.max():.3g}.")
    rows, fits = [], {}
    base: FormFit | None = None
    for name in sorted(names, key=lambda k: k != "chinchilla"):  # the nested forms start from this fit
        starts = None
        if name in ("curvature", "broken_n"):
            if base is None:
                base = fit_form("chinchilla", n[train], d[train], loss[train], delta=delta)
            starts = _nested_starts(FORMS[name], base.params, np.log(n[train]))
        fit = fit_form(name, n[train], d[train], loss[train], delta=delta, starts=starts)
        if name == "chinchilla":
            base = fit
        fits[name] = fit
    for name in names:
        fit = fits[name]
        res = fit.log_residuals(n[~train], d[~train], loss[~train])
        rows.append(HeldOutRow(name=name, n_params=fit.form.n_params, train_rmse=fit.rmse,
                               test_rmse=float(np.sqrt(np.mean(res * res))), test_bias=float(np.mean(res)),
                               objective=fit.objective))
    return HeldOutComparison(split_C=split, n_train=int(train.sum()), n_test=int((~train).sum()), rows=tuple(rows),
                             fits=fits)
