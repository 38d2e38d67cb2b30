"""Observational scaling laws (Ruan, Maddison & Hashimoto 2024, arXiv:2405.10938) on a small public table.

Ruan et al. observe that the benchmark scores of many released models are well described by a few "principal
capabilities": the leading principal components of the model x benchmark score matrix. Within a model family a
principal component is close to linear in log training compute, and families differ mainly by an offset (their
compute efficiency). This module does the numerical part with NumPy only: standardise the scores, take the SVD,
regress a component on ``log10 C``, and predict a held-out benchmark from the others.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .data import BENCHMARK_TABLE, BENCHMARKS, BenchmarkRow

__all__ = ["CapabilityPCA", "capability_pca", "score_matrix", "line_fit", "loo_benchmark_prediction"]

Float64Array = NDArray[np.float64]


def score_matrix(rows: tuple[BenchmarkRow, ...] = BENCHMARK_TABLE) -> Float64Array:
    """Models x benchmarks array of scores (%), in the order of ``rows`` and :data:`BENCHMARKS`."""
    if not rows:
        raise ValueError("rows must hold at least one model.")
    return np.array([r.scores for r in rows], dtype=float)


@dataclass(frozen=True)
class CapabilityPCA:
    """Principal components of a standardised score matrix.

    ``components[i]`` is the i-th loading vector (unit length, sign chosen so that its loadings sum to a positive
    number: a higher score means more capability); ``scores[:, i]`` the models' coordinates on it;
    ``explained[i]`` the fraction of the standardised variance it explains.
    """

    mean: Float64Array
    scale: Float64Array
    components: Float64Array
    explained: Float64Array
    scores: Float64Array

    def project(self, scores: ArrayLike) -> Float64Array:
        """Coordinates of new rows of scores (same benchmarks) on the components."""
        x = np.atleast_2d(np.asarray(scores, dtype=float))
        if x.shape[1] != self.mean.size:
            raise ValueError(f"each row needs {self.mean.size} benchmark scores; got {x.shape[1]}.")
        return ((x - self.mean) / self.scale) @ self.components.T


def capability_pca(scores: ArrayLike) -> CapabilityPCA:
    """PCA by SVD of the column-standardised matrix (mean 0, sample standard deviation 1 per benchmark).

    Parameters
    ----------
    scores
        Models x benchmarks, at least 3 models and 2 benchmarks, all finite.
    """
    x = np.asarray(scores, dtype=float)
    if x.ndim != 2 or x.shape[0] < 3 or x.shape[1] < 2 or not np.all(np.isfinite(x)):
        raise ValueError("scores must be a finite models x benchmarks matrix with >= 3 models and >= 2 benchmarks.")
    mean, scale = x.mean(axis=0), x.std(axis=0, ddof=1)
    if np.any(scale == 0):
        raise ValueError("a benchmark has the same score for every model; drop it before the PCA.")
    z = (x - mean) / scale
    _, s, vt = np.linalg.svd(z, full_matrices=False)
    signs = np.where(vt.sum(axis=1) < 0, -1.0, 1.0)
    vt = vt * signs[:, None]
    return CapabilityPCA(mean=mean, scale=scale, components=vt, explained=s**2 / np.sum(s**2), scores=z @ vt.T)


def line_fit(x: ArrayLike, y: ArrayLike) -> tuple[float, float]:
    """Ordinary least-squares line ``y = intercept + slope x``; returns ``(slope, intercept)``."""
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if xa.shape != ya.shape or xa.size < 2 or not (np.all(np.isfinite(xa)) and np.all(np.isfinite(ya))):
        raise ValueError("x and y must be finite and of the same length (at least 2 points).")
    if np.ptp(xa) == 0:
        raise ValueError("x must not be constant: a line through one x value is undetermined.")
    slope, intercept = np.polyfit(xa, ya, 1)
    return float(slope), float(intercept)


def loo_benchmark_prediction(held_out_model: str, benchmark: str,
                             rows: tuple[BenchmarkRow, ...] = BENCHMARK_TABLE) -> tuple[float, float]:
    """Predict one model's score on one benchmark from the *other* benchmarks and the *other* models.

    PCA on the other models' scores without ``benchmark``; regress ``benchmark`` on PC1 across those models;
    apply the line to the held-out model's PC1 (projected from its other scores). Returns ``(predicted, actual)``.
    """
    names = [r.model for r in rows]
    if held_out_model not in names:
        raise ValueError(f"unknown model {held_out_model!r}; choose one of {names}.")
    if benchmark not in BENCHMARKS:
        raise ValueError(f"unknown benchmark {benchmark!r}; choose one of {list(BENCHMARKS)}.")
    x = score_matrix(rows)
    j, i = BENCHMARKS.index(benchmark), names.index(held_out_model)
    keep_rows = [k for k in range(len(rows)) if k != i]
    keep_cols = [k for k in range(len(BENCHMARKS)) if k != j]
    pca = capability_pca(x[np.ix_(keep_rows, keep_cols)])
    slope, intercept = line_fit(pca.scores[:, 0], x[keep_rows, j])
    pc1 = float(pca.project(x[i, keep_cols])[0, 0])
    return intercept + slope * pc1, float(x[i, j])
