"""Training a lab model: one pass of minibatch SGD with a linearly decaying learning rate (chapter 11, Sec. 1).

A model of size ``N`` predicts ``y_hat = sum_{i<=N} theta_i x_i`` and starts at ``theta = 0``. Each of its
``T = max(1, D // B)`` steps draws a fresh batch of ``B`` samples and updates

.. math:: \\theta \\leftarrow \\theta - \\frac{\\eta_t}{B} X^\\top (X\\theta - y), \\qquad
          \\eta_t = \\eta_0 (1 - t/T).

Two ways to draw the batch give the same random trajectory law:

``method="explicit"``
    Materialise ``X`` (``B x N`` Gaussians per step) exactly as chapter 11, Sec. 1 describes. Its cost is dominated by
    drawing ``B·N`` normal numbers per step.
``method="implicit"`` (default)
    Work with the scaled error ``u = sqrt(lambda) * (theta - b)``; the step is
    ``u <- u - (eta_t/B) * lambda * g`` with ``g = Z^T r``, ``r = Z u - s·eps``, ``Z`` a ``B x N`` matrix of
    standard normals and ``s**2 = T(N) + sigma**2``. Split each row of ``Z`` into its component along ``u``
    (``w_s = z_s·u/|u|``, standard normal) and the rest (a Gaussian orthogonal to ``u``, independent of ``w``).
    Then ``r_s = |u| w_s - s·eps_s`` and, given ``r``, the orthogonal parts sum to ``|r|`` times a standard normal
    vector projected orthogonally to ``u``:

    .. math:: g = \\hat u\\,(r\\cdot w) + |r|\\,\\bigl(\\xi - \\hat u(\\hat u\\cdot\\xi)\\bigr),
              \\qquad \\xi \\sim N(0, I_N).

    This is an exact identity in distribution (not an approximation): the update only ever uses ``g``, and ``g``
    has the same law given ``u`` either way. It needs ``N + 2B`` normal numbers per step instead of ``B·(N+1)``,
    which is what makes 50 models train in seconds. Tests check both methods against the exact expected loss
    (:func:`scaling_helpers.lab.loss.expected_loss`).

Arithmetic is float64 throughout (float32 would do; float64 costs nothing here because no ``B x N``
matrix is formed, and it keeps rounded results identical across machines).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from .config import DEFAULT, LabConfig, check_samples, check_size

__all__ = ["TrainedModel", "train_model", "as_generator"]

Float64Array = NDArray[np.float64]
Method = Literal["implicit", "explicit"]

#: Normal numbers drawn per chunk (memory cap: 2**21 float64 = 16 MB).
_CHUNK = 2**21


def as_generator(rng: np.random.Generator | int | None) -> np.random.Generator:
    """A numpy ``Generator`` from a generator, a seed, or ``None`` (seed 0, so results are reproducible)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng(0)
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool) and rng >= 0:
        return np.random.default_rng(int(rng))
    raise ValueError(f"rng must be a numpy Generator or a non-negative integer seed; got {rng!r:.60}.")


@dataclass(frozen=True, eq=False)  # holds arrays
class TrainedModel:
    """A trained lab model and its exact population loss.

    Attributes
    ----------
    N, D
        Model size (parameters) and training samples requested; compute ``C = N·D``.
    steps
        SGD steps taken, ``T = max(1, D // B)``; the samples consumed are ``B·T`` (< ``D + B``).
    loss
        Exact population loss ``½ [sum_{i<=N} lambda_i (theta_i - b_i)**2 + T(N) + sigma**2]`` (chapter 11, Sec. 1).
    scaled_error
        ``u = sqrt(lambda) * (theta - b)``, length ``N``; ``sum(u**2)`` is twice the estimation error.
    config
        The lab settings used.
    curve_steps, curve_loss
        Exact loss after the listed steps (empty unless ``curve_points`` was requested).
    """

    N: int
    D: int
    steps: int
    loss: float
    scaled_error: Float64Array = field(repr=False)
    config: LabConfig = DEFAULT
    curve_steps: NDArray[np.int_] = field(default_factory=lambda: np.zeros(0, dtype=int), repr=False)
    curve_loss: Float64Array = field(default_factory=lambda: np.zeros(0), repr=False)

    @property
    def compute(self) -> int:
        """Compute ``C = N·D`` in sample x parameter units (chapter 11, Sec. 1)."""
        return self.N * self.D

    @property
    def theta(self) -> Float64Array:
        """The trained weights ``theta_i = b_i + u_i / sqrt(lambda_i)``."""
        lam = self.config.eigenvalues(self.N)
        return self.config.target_weights(self.N) + self.scaled_error / np.sqrt(lam)

    @property
    def estimation_error(self) -> float:
        """``½ sum_{i<=N} lambda_i (theta_i - b_i)**2``: what more data would remove."""
        return 0.5 * float(self.scaled_error @ self.scaled_error)

    @property
    def capacity_error(self) -> float:
        """``½ T(N)``: what a larger model would remove."""
        return 0.5 * float(self.config.tail(self.N))


def _checkpoints(T: int, points: int) -> set[int]:
    if points <= 0:
        return set()
    return {int(round(x)) for x in np.geomspace(1, T, min(points, T))} | {T}


def train_model(N: int, D: int, *, rng: np.random.Generator | int | None = None, config: LabConfig = DEFAULT,
                method: Method = "implicit", curve_points: int = 0) -> TrainedModel:
    """Train one lab model of size ``N`` on ``D`` fresh samples with one-pass SGD (chapter 11, Sec. 1).

    Parameters
    ----------
    N
        Model size: the number of leading features (= trainable parameters), 1 <= N <= V.
    D
        Training samples; the model takes ``T = max(1, D // B)`` steps of batch ``B``. Needs ``D >= B``.
    rng
        A numpy ``Generator`` (consumed: pass the same one to successive models, as a sweep does), or an integer
        seed. ``None`` means seed 0.
    config
        Lab settings (:data:`~scaling_helpers.lab.config.DEFAULT`).
    method
        ``"implicit"`` (exact in distribution, fast) or ``"explicit"`` (materialises every batch; slow).
        See the module docstring.
    curve_points
        If > 0, record the exact loss at about this many log-spaced steps (for training-curve plots).

    Returns
    -------
    TrainedModel

    Raises
    ------
    ValueError
        For a size outside ``[1, V]``, ``D < B`` (not even one full batch), a bad ``rng`` or an unknown method.
    """
    n = check_size(N, config)
    d = check_samples(D)
    B = config.batch
    if d < B:
        raise ValueError(f"D = {d} samples is less than one batch (B = {B}); use D >= {B} (a smaller N or a larger "
                         "compute budget).")
    if method not in ("implicit", "explicit"):
        raise ValueError(f"method must be 'implicit' or 'explicit'; got {method!r}.")
    gen = as_generator(rng)
    T = config.steps(d)
    lam = config.eigenvalues(n)
    u = -np.sqrt(config.signal(n))  # theta = 0: u = sqrt(lambda) * (0 - b)
    s2 = float(config.tail(n)) + config.sigma**2
    s = math.sqrt(s2)
    marks = _checkpoints(T, int(curve_points))
    curve: list[tuple[int, float]] = []
    step = _implicit_steps if method == "implicit" else _explicit_steps
    t0 = 0
    per_step = n + 2 * B if method == "implicit" else B * (n + 1)
    chunk = max(1, _CHUNK // per_step)
    while t0 < T:
        k = min(chunk, T - t0)
        step(u, lam, s, s2, B, config.eta0, T, t0, k, gen, marks, curve)
        t0 += k
    loss = 0.5 * (float(u @ u) + s2)
    cs = np.array([c[0] for c in curve], dtype=int)
    cl = np.array([c[1] for c in curve], dtype=float)
    return TrainedModel(N=n, D=d, steps=T, loss=loss, scaled_error=u, config=config, curve_steps=cs, curve_loss=cl)


def _implicit_steps(u: Float64Array, lam: Float64Array, s: float, s2: float, B: int, eta0: float, T: int,
                    t0: int, k: int, gen: np.random.Generator, marks: set[int],
                    curve: list[tuple[int, float]]) -> None:
    """Steps ``t0 .. t0+k-1`` of the implicit-batch update, in place on ``u``."""
    we = gen.standard_normal((k, 2, B))
    w, e = we[:, 0, :], we[:, 1, :]
    w11 = np.einsum("ij,ij->i", w, w).tolist()
    w12 = np.einsum("ij,ij->i", w, e).tolist()
    w22 = np.einsum("ij,ij->i", e, e).tolist()
    xis = gen.standard_normal((k, u.size))
    buf = np.empty_like(u)
    buf2 = np.empty_like(u)
    scale = eta0 / B
    for j in range(k):
        t = t0 + j
        xi = xis[j]
        uu = float(u @ u)
        nu = math.sqrt(uu)
        ux = float(u @ xi)
        rr = uu * w11[j] - 2.0 * nu * s * w12[j] + s2 * w22[j]
        nr = math.sqrt(max(rr, 0.0))
        lr = scale * (1.0 - t / T)
        np.multiply(xi, lr * nr, out=buf)
        if nu > 0.0:
            rw = nu * w11[j] - s * w12[j]
            c = (rw - nr * ux / nu) / nu  # g = |r| xi + c u
            np.multiply(u, lr * c, out=buf2)
            buf += buf2
        buf *= lam
        u -= buf
        if t + 1 in marks:
            curve.append((t + 1, 0.5 * (float(u @ u) + s2)))


def _explicit_steps(u: Float64Array, lam: Float64Array, s: float, s2: float, B: int, eta0: float, T: int,
                    t0: int, k: int, gen: np.random.Generator, marks: set[int],
                    curve: list[tuple[int, float]]) -> None:
    """Steps ``t0 .. t0+k-1`` with a materialised batch ``X = Z sqrt(lambda)``, in place on ``u``."""
    scale = eta0 / B
    for j in range(k):
        t = t0 + j
        z = gen.standard_normal((B, u.size))
        eps = gen.standard_normal(B)
        r = z @ u - s * eps  # X theta - y, in scaled coordinates
        u -= (scale * (1.0 - t / T)) * lam * (r @ z)
        if t + 1 in marks:
            curve.append((t + 1, 0.5 * (float(u @ u) + s2)))
