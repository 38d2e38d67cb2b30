"""μP vs the standard parameterisation: a small MLP trained with Adam in numpy (Yang et al. 2022, arXiv:2203.03466).

Tensor Programs V, Table 3 gives, for Adam, how each layer's initialisation variance and learning rate scale with
its fan-in (SP values in brackets):

================  =====================  ====================  =====================
                  input weights          hidden weights        output weights
================  =====================  ====================  =====================
init. variance    1/fan_in  (1/fan_in)   1/fan_in  (1/fan_in)  1/fan_in² (1/fan_in)
Adam LR           η         (η)          η/fan_in  (η)         η/fan_in  (η)
================  =====================  ====================  =====================

The entries are scalings, not constants ("1/fan_in" means "halve it when the fan-in doubles"). As in the
authors' ``mup`` package, the constants are fixed at a base width ``n0``, where μP and SP coincide, and the
width multiplier ``m = n / n0`` carries the scaling: hidden and output learning rates are divided by ``m``, the
output weights' standard deviation by ``sqrt(m)`` on top of SP's ``1/sqrt(fan_in)``. (Table 8 of the paper is the
equivalent form with an output multiplier ``1/fan_in`` and an O(1) output initialisation.)

For SGD the same table prescribes learning rates η·fan_out (input), η (hidden) and η/fan_in (output), with the
same initialisation; :func:`layer_scalings` gives both.

The model is ``x (d_in) -> ReLU(W1 x) (n) -> ReLU(W2 h1) (n) -> W3 h2 (1)`` without biases. It is trained
full-batch on a fixed set of ``n_train`` inputs labelled by a random teacher network ``y = V tanh(U x)``
(synthetic regression), and the figure of merit is the training loss after ``steps`` steps, as in the paper's
Figure 1. Full batches keep the sweep free of sampling noise, so the optimum moves only because the width does.
All learning rates of a sweep train at once; everything is seeded and deterministic.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..common.validate import as_array, finite_scalar, positive_int, positive_scalar

__all__ = ["Parameterisation", "LayerScaling", "layer_scalings", "MLPTask", "LRSweep", "lr_sweep",
           "CoordCheck", "coord_check", "optimal_log2_lr", "DEFAULT_WIDTHS", "DEFAULT_LOG2_LRS"]

Parameterisation = Literal["sp", "mup"]
Float64Array = NDArray[np.float64]
#: The lecture's widths (a 16x range) and learning-rate grid (powers of two).
DEFAULT_WIDTHS: tuple[int, ...] = (32, 64, 128, 256, 512)
DEFAULT_LOG2_LRS: Float64Array = np.arange(-11.0, -1.0)


@dataclass(frozen=True)
class LayerScaling:
    """Initial standard deviation and learning-rate multiplier of one weight matrix."""

    init_std: float
    """Standard deviation of the Gaussian initialisation."""
    lr_mult: float
    """The layer's Adam learning rate is ``lr_mult`` times the global learning rate η."""


def _param(parameterisation: str) -> str:
    p = str(parameterisation).lower()
    if p not in ("sp", "mup"):
        raise ValueError(f"parameterisation must be 'sp' or 'mup'; got {parameterisation!r}.")
    return p


def layer_scalings(width: int, *, d_in: int = 8, base_width: int = 32, parameterisation: Parameterisation = "mup",
                   optimizer: Literal["adam", "sgd"] = "adam") -> dict[str, LayerScaling]:
    """Per-layer initialisation and learning-rate multipliers (Yang et al. 2022, Table 3).

    Parameters
    ----------
    width
        Hidden width ``n`` (both hidden layers).
    d_in
        Input dimension (fixed as the width grows).
    base_width
        Width ``n0`` at which μP equals SP (where the base learning rate is tuned).
    parameterisation
        ``"sp"`` (standard: variance 1/fan_in everywhere, one learning rate) or ``"mup"``.
    optimizer
        ``"adam"`` or ``"sgd"``: the learning-rate column of Table 3 to use.

    Returns
    -------
    dict
        ``{"input": ..., "hidden": ..., "output": ...}`` of :class:`LayerScaling`.

    Examples
    --------
    >>> s = layer_scalings(256, base_width=64)
    >>> s["hidden"].lr_mult, s["output"].lr_mult
    (0.25, 0.25)
    """
    n = positive_int(width, "width")
    d = positive_int(d_in, "d_in")
    n0 = positive_int(base_width, "base_width")
    opt = str(optimizer).lower()
    if opt not in ("adam", "sgd"):
        raise ValueError(f"optimizer must be 'adam' or 'sgd'; got {optimizer!r}.")
    m = n / n0
    if _param(parameterisation) == "sp":
        return {"input": LayerScaling(d**-0.5, 1.0), "hidden": LayerScaling(n**-0.5, 1.0),
                "output": LayerScaling(n**-0.5, 1.0)}
    lr = (1.0, 1.0 / m, 1.0 / m) if opt == "adam" else (m, 1.0, 1.0 / m)
    return {"input": LayerScaling(d**-0.5, lr[0]), "hidden": LayerScaling(n**-0.5, lr[1]),
            "output": LayerScaling(n**-0.5 / m**0.5, lr[2])}


@dataclass(frozen=True)
class MLPTask:
    """The synthetic regression task and training set-up (defaults are the lecture's)."""

    d_in: int = 8
    teacher_width: int = 32
    n_train: int = 32
    steps: int = 10
    base_width: int = 32
    optimizer: Literal["adam", "sgd"] = "adam"
    beta1: float = 0.9
    beta2: float = 0.99
    eps: float = 1e-12
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("d_in", "teacher_width", "n_train", "steps", "base_width"):
            positive_int(getattr(self, name), name)
        if self.optimizer not in ("adam", "sgd"):
            raise ValueError(f"optimizer must be 'adam' or 'sgd'; got {self.optimizer!r}.")

    def data(self) -> tuple[Float64Array, Float64Array]:
        """The fixed training set (seeded): inputs ``x`` and teacher labels ``y = V tanh(U x)`` scaled to unit variance."""
        rng = np.random.default_rng(1000 + self.seed)
        U = rng.standard_normal((self.teacher_width, self.d_in)) / np.sqrt(self.d_in)
        V = rng.standard_normal(self.teacher_width) / np.sqrt(self.teacher_width)
        x = rng.standard_normal((self.n_train, self.d_in))
        y = np.tanh(x @ U.T) @ V
        return x, y / y.std()


def _train(width: int, lrs: Float64Array, parameterisation: str, task: MLPTask,
           record: bool = False) -> tuple[Float64Array, Float64Array]:
    """Train one model per learning rate in ``lrs`` (same initialisation); return the final training losses and,
    if ``record``, the RMS size of the second hidden layer's activations after each step, ``(steps + 1, n_lr)``."""
    s = layer_scalings(width, d_in=task.d_in, base_width=task.base_width, parameterisation=parameterisation,
                       optimizer=task.optimizer)
    x, y = task.data()
    L, b = lrs.size, task.n_train
    rng = np.random.default_rng(task.seed * 7919 + width)
    W = [rng.standard_normal((task.d_in, width)) * s["input"].init_std,
         rng.standard_normal((width, width)) * s["hidden"].init_std,
         rng.standard_normal((width, 1)) * s["output"].init_std]
    # float64: measured faster than float32 for this sweep on x86 CPUs
    W = [np.broadcast_to(w, (L, *w.shape)).copy() for w in W]
    step = [(lrs * layer.lr_mult)[:, None, None] for layer in s.values()]
    mom = [np.zeros_like(w) for w in W]
    vel = [np.zeros_like(w) for w in W]
    sizes = np.zeros((task.steps + 1 if record else 0, L))
    dead = np.zeros(L, dtype=bool)

    def forward() -> tuple[Float64Array, Float64Array, Float64Array]:
        h1 = np.maximum(x @ W[0], 0.0)                      # (L, b, n)
        h2 = np.maximum(h1 @ W[1], 0.0)                     # (L, b, n)
        return h1, h2, (h2 @ W[2])[..., 0]                  # (L, b)

    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for t in range(task.steps + 1):
            h1, h2, out = forward()
            if record:
                sizes[t] = np.sqrt(np.mean(h2**2, axis=(1, 2)))
            if t == task.steps:
                break
            blown = ~np.all(np.abs(out) < 1e6, axis=1)   # diverged (or NaN): stop training it, report inf
            if blown.any():
                dead |= blown
                for arrays in (W, mom, vel):
                    for a in arrays:
                        a[dead] = 0.0                      # zeros keep later arithmetic cheap (no inf/NaN)
                h1, h2, out = forward()
            g_out = (out - y) / b                                # d(loss)/d(out), loss = mean squared error / 2
            g_h2 = g_out[..., None] * np.swapaxes(W[2], 1, 2) * (h2 > 0)
            g_h1 = (g_h2 @ np.swapaxes(W[1], 1, 2)) * (h1 > 0)
            grads = (x.T @ g_h1, np.swapaxes(h1, 1, 2) @ g_h2, np.swapaxes(h2, 1, 2) @ g_out[..., None])
            for i, g in enumerate(grads):
                if task.optimizer == "sgd":
                    W[i] -= step[i] * g
                    continue
                mom[i] = task.beta1 * mom[i] + (1 - task.beta1) * g
                vel[i] = task.beta2 * vel[i] + (1 - task.beta2) * g * g
                c1, c2 = 1 - task.beta1 ** (t + 1), 1 - task.beta2 ** (t + 1)
                W[i] -= step[i] * (mom[i] / c1) / (np.sqrt(vel[i] / c2) + task.eps)
        loss = 0.5 * np.mean((out - y) ** 2, axis=1)
    loss[dead | ~(np.abs(out) < 1e6).all(axis=1)] = np.inf
    return np.where(np.isfinite(loss), loss, np.inf), sizes


@dataclass(frozen=True)
class LRSweep:
    """Final training loss for every (width, learning rate) pair of one parameterisation."""

    parameterisation: str
    widths: tuple[int, ...]
    log2_lrs: Float64Array
    losses: Float64Array
    """Shape ``(len(widths), len(log2_lrs))``; diverged runs are ``inf``."""
    seconds: float
    """Wall-clock time the sweep took."""

    @property
    def best_log2_lr(self) -> Float64Array:
        """The grid learning rate (log2) with the lowest loss, per width."""
        return np.array([optimal_log2_lr(self.log2_lrs, row) for row in self.losses])


def lr_sweep(widths: ArrayLike = DEFAULT_WIDTHS, log2_lrs: ArrayLike = DEFAULT_LOG2_LRS,
             parameterisation: Parameterisation = "mup", task: MLPTask | None = None) -> LRSweep:
    """Train the MLP at every width and global learning rate ``2**log2_lr`` under one parameterisation.

    Parameters
    ----------
    widths
        Hidden widths (positive integers).
    log2_lrs
        Global learning rates as powers of two (finite).
    parameterisation
        ``"sp"`` or ``"mup"`` (Yang et al. 2022, Table 3; see :func:`layer_scalings`).
    task
        The task and training set-up (:class:`MLPTask`; defaults to the lecture's).

    Returns
    -------
    LRSweep
    """
    p = _param(parameterisation)
    task = task or MLPTask()
    ws = tuple(positive_int(w, "width") for w in np.atleast_1d(widths))
    grid = as_array(log2_lrs, "log2_lrs")
    t0 = time.perf_counter()
    losses = np.vstack([_train(w, 2.0**grid, p, task)[0] for w in ws])
    return LRSweep(p, ws, grid, losses, time.perf_counter() - t0)


def optimal_log2_lr(log2_lrs: ArrayLike, losses: ArrayLike) -> float:
    """The grid point with the lowest finite loss (log2 learning rate); ``ValueError`` if every run diverged."""
    grid = as_array(log2_lrs, "log2_lrs")
    loss = np.asarray(losses, dtype=float)
    if loss.shape != grid.shape:
        raise ValueError(f"losses must have one value per learning rate ({grid.size}); got shape {loss.shape}.")
    finite = np.isfinite(loss)
    if not finite.any():
        raise ValueError("every run diverged: lower the learning-rate grid.")
    return float(grid[np.argmin(np.where(finite, loss, np.inf))])


@dataclass(frozen=True)
class CoordCheck:
    """RMS size of the last hidden layer's activations after each step, per width (the 'coordinate check')."""

    parameterisation: str
    widths: tuple[int, ...]
    sizes: Float64Array
    """Shape ``(len(widths), steps + 1)``; column 0 is at initialisation."""


def coord_check(widths: ArrayLike = DEFAULT_WIDTHS, log2_lr: float = -4.0, steps: int = 3,
                parameterisation: Parameterisation = "mup", task: MLPTask | None = None) -> CoordCheck:
    """Activation size after each of ``steps`` steps at one learning rate, per width (Yang et al. 2022, Fig. 5).

    Under SP with Adam the size after a few steps grows with width (each step moves every hidden pre-activation
    by O(η · fan_in)); under μP it stays flat.
    """
    p = _param(parameterisation)
    lr = positive_scalar(2.0 ** finite_scalar(log2_lr, "log2_lr"), "2**log2_lr")
    base = task or MLPTask()
    task = replace(base, steps=positive_int(steps, "steps"))
    ws = tuple(positive_int(w, "width") for w in np.atleast_1d(widths))
    sizes = np.vstack([_train(w, np.array([lr]), p, task, record=True)[1][:, 0] for w in ws])
    return CoordCheck(p, ws, sizes)
