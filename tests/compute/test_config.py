"""TransformerConfig validation and the named configurations (scaling_helpers.compute.config)."""

from __future__ import annotations

import dataclasses

import pytest

from scaling_helpers.compute import (
    CHINCHILLA_70B,
    CHINCHILLA_TABLE_A9,
    GPT2_SMALL,
    LLAMA2_70B,
    LLAMA3_405B,
    NAMED_CONFIGS,
    TransformerConfig,
    chinchilla_table_a9_configs,
)

BASE = dict(n_layers=2, d_model=64, n_heads=4, vocab_size=100, context_length=32)


def test_defaults_are_resolved():
    cfg = TransformerConfig(**BASE)
    assert cfg.n_kv_heads == 4
    assert cfg.d_ff == 256
    assert cfg.head_dim == 16
    assert cfg.d_attn == cfg.d_kv == 64


def test_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        GPT2_SMALL.d_model = 1024  # type: ignore[misc]


def test_replace_rederives_when_asked():
    with pytest.raises(ValueError, match="n_kv_heads"):  # the resolved n_kv_heads=12 is copied
        dataclasses.replace(GPT2_SMALL, d_model=1024, n_heads=16)
    bigger = dataclasses.replace(
        GPT2_SMALL, d_model=1024, n_heads=16, n_kv_heads=None, d_ff=None, head_dim=None
    )
    assert bigger.d_ff == 4096 and bigger.head_dim == 64 and bigger.n_kv_heads == 16


def test_heads_must_divide_d_model():
    with pytest.raises(ValueError, match=r"n_heads \(12\) must divide d_model \(1000\)") as exc:
        TransformerConfig(**{**BASE, "d_model": 1000, "n_heads": 12})
    msg = str(exc.value)
    assert "head_dim" in msg  # says what to do
    assert "10" in msg  # suggests nearby divisors of 1000


def test_explicit_head_dim_allows_non_dividing_heads():
    cfg = TransformerConfig(**{**BASE, "d_model": 4608, "n_heads": 32, "head_dim": 128})  # Table A9 row
    assert cfg.d_attn == 4096


def test_kv_heads_must_divide_heads():
    with pytest.raises(ValueError, match=r"n_kv_heads \(3\) must divide n_heads \(4\)"):
        TransformerConfig(**BASE, n_kv_heads=3)
    with pytest.raises(ValueError, match="n_kv_heads"):
        TransformerConfig(**BASE, n_kv_heads=8)


@pytest.mark.parametrize("field", ["n_layers", "d_model", "n_heads", "vocab_size", "context_length", "d_ff"])
@pytest.mark.parametrize("bad", [0, -768])
def test_negative_or_zero_sizes_rejected(field, bad):
    with pytest.raises(ValueError, match=rf"{field} must be a positive integer"):
        TransformerConfig(**{**BASE, field: bad})


@pytest.mark.parametrize("bad", [768.5, "768", True, None])
def test_non_integer_sizes_rejected(bad):
    with pytest.raises(ValueError, match="d_model must be a positive integer"):
        TransformerConfig(**{**BASE, "d_model": bad})


def test_integral_float_accepted():
    assert TransformerConfig(**{**BASE, "d_model": 64.0}).d_model == 64


def test_bad_enums_and_flags():
    with pytest.raises(ValueError, match="positional must be one of"):
        TransformerConfig(**BASE, positional="alibi")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="norm must be one of"):
        TransformerConfig(**BASE, norm="batchnorm")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="tied_embeddings must be True or False"):
        TransformerConfig(**BASE, tied_embeddings="yes")  # type: ignore[arg-type]


def test_every_named_config_has_a_source_and_name():
    for key, cfg in NAMED_CONFIGS.items():
        assert cfg.name, key
        assert cfg.source, key
        # names where the numbers come from: a paper's table, a configuration file or a repository notebook
        assert any(loc in cfg.source for loc in ("Table", "config.json", "ipynb")), key
        assert str(cfg).startswith(cfg.name)


def test_named_shapes():
    assert (LLAMA2_70B.n_kv_heads, LLAMA2_70B.gated_mlp, LLAMA2_70B.norm) == (8, True, "rmsnorm")
    assert (LLAMA3_405B.n_layers, LLAMA3_405B.d_model, LLAMA3_405B.d_ff, LLAMA3_405B.n_heads) == (
        126,
        16384,
        53248,
        128,
    )
    assert CHINCHILLA_70B.d_ff == 4 * 8192 and CHINCHILLA_70B.head_dim == 128


def test_table_a9_has_50_rows():
    assert len(CHINCHILLA_TABLE_A9) == 50
    rows = chinchilla_table_a9_configs()
    assert [p for p, _ in rows] == sorted(p for p, _ in rows)
    assert rows[-1][1].d_model == 5120 and rows[-1][1].n_layers == 47
