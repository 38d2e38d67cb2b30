"""Tokens per parameter of released models."""

from __future__ import annotations

from datetime import date

import pytest

from scaling_helpers.overtraining import (
    CHINCHILLA_TOKENS_PER_PARAM,
    RELEASED_MODELS,
    ReleasedModel,
    released_models_table,
)

BY_NAME = {m.name: m for m in RELEASED_MODELS}

#: Tokens per parameter D/N from each entry's published N and D (rounded to 2-3 digits).
PUBLISHED_TPP = {
    "GPT-3 175B": 1.7,
    "Chinchilla 70B": 20,
    "Llama 2 7B": 286,
    "Llama 2 70B": 29,
    "Llama 3 8B": 1875,
    "Llama 3 70B": 214,
    "Llama 3.1 405B": 38.5,
    "Gemma 2B": 1200,
    "Gemma 7B": 700,
    "Gemma 2 2B": 770,
    "Gemma 2 9B": 890,
    "Gemma 2 27B": 480,
    "Gemma 3 1B": 2000,
    "Gemma 3 27B": 520,
    "Qwen2.5 72B": 250,
    "Qwen2.5 0.5B": 36000,
    "DeepSeek-V3": 400,
}


@pytest.mark.parametrize(("name", "tpp"), PUBLISHED_TPP.items())
def test_tokens_per_param_match_published(name, tpp):
    assert BY_NAME[name].tokens_per_param == pytest.approx(tpp, rel=0.02)


def test_deepseek_counts_active_parameters():
    ds = BY_NAME["DeepSeek-V3"]
    assert ds.total_params == 671e9
    assert ds.tokens / ds.total_params == pytest.approx(22, rel=0.02)


def test_llama3_70b_is_about_ten_times_chinchilla_not_200():
    """A widespread claim says '15T tokens, 200x Chinchilla-optimal' for the 70B model; it is ≈ 10.7x."""
    factor = BY_NAME["Llama 3 70B"].over_training_factor()
    assert factor == pytest.approx(10.7, rel=0.01)
    assert BY_NAME["Chinchilla 70B"].over_training_factor() == pytest.approx(1.0)


def test_every_entry_is_sourced_dated_and_sorted():
    dates = [m.released for m in RELEASED_MODELS]
    assert dates == sorted(dates)
    assert all(date(2020, 1, 1) <= d <= date(2025, 12, 31) for d in dates)
    for m in RELEASED_MODELS:
        assert "arXiv" in m.source or "Meta" in m.source
        assert any(loc in m.source for loc in ("Table", "Sec.", "abstract", "Introducing", "model card"))
    names = [m.name for m in RELEASED_MODELS]
    assert len(names) == len(set(names))


def test_lower_bound_and_corpus_size_entries_are_flagged():
    for name in ("Llama 3 8B", "Llama 3 70B", "Qwen2.5 72B"):
        assert BY_NAME[name].approximate
    for name in ("Chinchilla 70B", "Llama 3.1 405B", "Llama 2 70B", "Gemma 3 1B", "Gemma 3 27B"):
        assert not BY_NAME[name].approximate


def test_year_fraction():
    m = ReleasedModel("x", "f", 1e9, 1e12, date(2024, 7, 2), "test")
    assert 2024.49 < m.year < 2024.51


def test_rejects_bad_numbers():
    with pytest.raises(ValueError, match="params"):
        ReleasedModel("x", "f", -1e9, 1e12, date(2024, 1, 1), "s")
    with pytest.raises(ValueError, match="reference"):
        BY_NAME["Chinchilla 70B"].over_training_factor(0)


def test_table_text():
    text = released_models_table()
    lines = text.splitlines()
    assert len(lines) == len(RELEASED_MODELS) + 1
    assert "DeepSeek-V3*" in text and "~" in text
    assert CHINCHILLA_TOKENS_PER_PARAM == 20.0
