"""The chapter's data tables: every row sourced, every number in range."""

from __future__ import annotations

import numpy as np

from scaling_helpers.capabilities import BENCHMARK_TABLE, BENCHMARKS, GADRE_RUNS


def test_benchmark_table_is_complete_and_sourced():
    assert len(BENCHMARK_TABLE) == 12 and len(BENCHMARKS) == 8
    assert len({r.model for r in BENCHMARK_TABLE}) == len(BENCHMARK_TABLE)
    for r in BENCHMARK_TABLE:
        assert len(r.scores) == len(BENCHMARKS)
        assert all(0 < s < 100 for s in r.scores)
        assert "arXiv:2307.09288, Table 3" in r.score_source
        assert r.size_source and ("arXiv" in r.size_source or "model card" in r.size_source)
        assert 1e9 < r.params < 1e11 and 5e11 <= r.tokens <= 2e12
        assert 1e22 < r.compute < 1e24


def test_published_cells():
    """Spot checks against Llama 2's Table 3 as printed."""
    t = {r.model: dict(zip(BENCHMARKS, r.scores, strict=True)) for r in BENCHMARK_TABLE}
    assert t["Llama 2 70B"]["MMLU"] == 68.9 and t["Llama 1 65B"]["MMLU"] == 63.4
    assert t["Falcon 7B"]["Code"] == 5.6 and t["MPT 30B"]["BBH"] == 38.0
    assert t["Llama 1 7B"]["Math"] == 6.95


def test_bigger_models_of_a_family_score_higher_on_average():
    for fam in {r.family for r in BENCHMARK_TABLE}:
        rows = sorted((r for r in BENCHMARK_TABLE if r.family == fam), key=lambda r: r.compute)
        means = [np.mean(r.scores) for r in rows]
        assert means == sorted(means)


def test_gadre_runs_are_consistent():
    assert len(GADRE_RUNS) == 35
    for r in GADRE_RUNS:
        assert abs(r.tokens / r.params - r.multiplier) / r.multiplier < 0.01
        assert 2.0 < r.c4_loss < 6.5
        for acc in (r.err_17, r.arc_easy, r.arc_challenge, r.hellaswag, r.mmlu):
            assert 0 < acc < 1
    by_size = {}
    for r in GADRE_RUNS:
        by_size.setdefault(r.params, []).append((r.tokens, r.c4_loss))
    for pts in by_size.values():  # more tokens, lower loss, for every size
        losses = [loss for _, loss in sorted(pts)]
        assert losses == sorted(losses, reverse=True)
