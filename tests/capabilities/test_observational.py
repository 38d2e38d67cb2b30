"""PCA of the benchmark table and the observational predictions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from scaling_helpers.capabilities import (
    BENCHMARK_TABLE,
    capability_pca,
    line_fit,
    loo_benchmark_prediction,
    score_matrix,
)
from scaling_helpers.capabilities.figures import plot_capability_pca, plot_error_law, plot_two_step


def test_first_component_dominates():
    pca = capability_pca(score_matrix())
    assert pca.explained[0] > 0.85 and pca.explained[1] < 0.1
    assert np.all(pca.components[0] > 0)  # every benchmark loads positively: a general capability
    assert pca.explained.sum() == pytest.approx(1.0)


def test_pca_agrees_with_the_covariance_eigenvectors():
    x = score_matrix()
    z = (x - x.mean(0)) / x.std(0, ddof=1)
    w, v = np.linalg.eigh(np.cov(z, rowvar=False))
    pca = capability_pca(x)
    assert abs(v[:, -1] @ pca.components[0]) == pytest.approx(1.0)
    assert w[-1] / w.sum() == pytest.approx(pca.explained[0])


def test_pc1_grows_with_compute_within_each_family():
    pca = capability_pca(score_matrix())
    for fam in {r.family for r in BENCHMARK_TABLE}:
        idx = [i for i, r in enumerate(BENCHMARK_TABLE) if r.family == fam]
        slope, _ = line_fit(np.log10([BENCHMARK_TABLE[i].compute for i in idx]), pca.scores[idx, 0])
        assert slope > 0


def test_held_out_predictions_and_their_failures():
    pred, actual = loo_benchmark_prediction("Llama 1 65B", "MMLU")
    assert actual == 63.4 and abs(pred - actual) < 2
    pred, actual = loo_benchmark_prediction("Falcon 7B", "MMLU")
    assert pred < 25 < actual  # a line in PC1 ignores the chance floor


@given(st.integers(3, 8), st.integers(2, 5), st.integers(0, 1000))
def test_projection_reproduces_scores(n, k, seed):
    x = np.random.default_rng(seed).normal(50, 10, size=(n, k))
    pca = capability_pca(x)
    assert np.allclose(pca.project(x), pca.scores)


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match=">= 3 models"):
        capability_pca([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="same score"):
        capability_pca([[1, 2], [1, 4], [1, 5]])
    with pytest.raises(ValueError, match="unknown model"):
        loo_benchmark_prediction("GPT-5", "MMLU")
    with pytest.raises(ValueError, match="constant"):
        line_fit([1, 1, 1], [1, 2, 3])


def test_figures():
    for fig in (plot_capability_pca(), plot_error_law(), plot_two_step(), plot_two_step("mmlu")):
        assert isinstance(fig, Figure)
