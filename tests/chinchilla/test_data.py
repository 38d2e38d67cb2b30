"""Tests of scaling_helpers.chinchilla.data: finding, verifying and reading the Epoch-extracted Chinchilla runs.

The data file has no licence, so it is never copied into the repository: the set-up command
``python -m scaling_helpers.fetch_data`` puts it in the user cache (or ``SCALING_LAWS_DATA`` names a copy).
Tests that need a modified copy write it to pytest's ``tmp_path``.
"""

from __future__ import annotations

import io
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from scaling_helpers.chinchilla import (
    DATA_FILENAME,
    DATA_SHA256,
    DATA_URL,
    ENV_VAR,
    ChecksumError,
    DataNotFoundError,
    find_chinchilla_csv,
    load_chinchilla_points,
    sha256_of,
)
from scaling_helpers.chinchilla import data as data_mod

REPO = Path(__file__).resolve().parents[2]


def _real() -> Path:
    try:
        return find_chinchilla_csv(download=False).resolve()
    except DataNotFoundError as exc:  # pragma: no cover - set-up not done
        raise AssertionError(f"the data tests need the Chinchilla runs: run `python -m scaling_helpers.fetch_data` "
                             f"once (or set {ENV_VAR}).\n{exc}") from None


SHARED = _real()


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No environment variable, an empty cache, no network."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    work = tmp_path / "somewhere" / "deep"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)

    def no_network(*args: object, **kwargs: object) -> None:
        raise urllib.error.URLError("network disabled in tests")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    return tmp_path


class _FakeResponse(io.BytesIO):
    def __enter__(self) -> _FakeResponse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def test_the_set_up_copy_is_the_published_file() -> None:
    assert sha256_of(SHARED) == DATA_SHA256


def test_fetch_command_uses_the_cache_and_explains_when_offline(isolated: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert data_mod.main([]) == 1
    out = capsys.readouterr().out
    assert "By hand" in out and DATA_URL in out and str(isolated / "cache") in out
    monkeypatch.setattr(urllib.request, "urlopen", lambda url, timeout: _FakeResponse(SHARED.read_bytes()))
    assert data_mod.main([]) == 0
    assert (isolated / "cache" / "scaling_laws_course" / DATA_FILENAME).is_file()
    assert "sha256 verified" in capsys.readouterr().out


def test_240_points_after_dropping_outliers() -> None:
    pts = load_chinchilla_points(download=False)
    allpts = load_chinchilla_points(drop_outliers=False, download=False)
    assert len(pts) == 240 and pts.n_dropped == 5
    assert len(allpts) == 245 and allpts.n_dropped == 0  # '#' colours are data, not comments
    # the dropped runs are the first five rows, which are the five highest losses (Besiroglu et al. 2024, §2)
    np.testing.assert_array_equal(pts.loss, allpts.loss[5:])
    assert allpts.loss[:5].min() > pts.loss.max()
    np.testing.assert_allclose(allpts.loss[:5], [5.006, 4.665, 3.766, 3.794, 3.447], atol=1e-3)
    np.testing.assert_allclose(allpts.N[:5], [6.7956e9, 2.9795e9, 2.6386e9, 2.2828e9, 2.0067e9], rtol=1e-4)
    ratio = allpts.tokens_per_param[:5]
    assert ratio.min() == pytest.approx(0.036, abs=1e-3) and ratio.max() == pytest.approx(0.404, abs=1e-3)
    # D is derived as C / (6 N)
    np.testing.assert_allclose(pts.D, pts.C / (6 * pts.N), rtol=1e-15)
    # ranges of the extracted runs
    assert allpts.N.min() == pytest.approx(5.73e7, rel=0.01)
    assert allpts.N.max() == pytest.approx(1.62e10, rel=0.01)
    assert allpts.C.min() == pytest.approx(1.40e18, rel=0.01)
    assert allpts.C.max() == pytest.approx(1.30e22, rel=0.01)
    assert allpts.loss.min() == pytest.approx(2.077, abs=1e-3)
    assert allpts.D.min() == pytest.approx(2.45e8, rel=0.01)
    assert allpts.D.max() == pytest.approx(3.18e11, rel=0.01)
    assert set(pts.as_dict()) == {"N", "D", "C", "loss"}


def test_env_var_file_and_folder(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = isolated / "mydata"
    folder.mkdir()
    copy = folder / DATA_FILENAME
    shutil.copyfile(SHARED, copy)
    monkeypatch.setenv(ENV_VAR, str(copy))
    assert load_chinchilla_points().path == copy
    monkeypatch.setenv(ENV_VAR, str(folder))
    assert load_chinchilla_points().path == copy


def test_env_var_pointing_nowhere(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(isolated / "missing.csv"))
    with pytest.raises(DataNotFoundError, match=ENV_VAR):
        load_chinchilla_points()


def test_explicit_path(isolated: Path) -> None:
    copy = isolated / "x.csv"
    shutil.copyfile(SHARED, copy)
    assert len(load_chinchilla_points(copy)) == 240
    with pytest.raises(DataNotFoundError, match="does not exist"):
        load_chinchilla_points(isolated / "nope.csv")


def test_corrupted_copy_is_rejected(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = SHARED.read_bytes()
    bad = isolated / DATA_FILENAME
    bad.write_bytes(raw.replace(b"5.005581996196243", b"5.005581996196244", 1))
    assert bad.stat().st_size == SHARED.stat().st_size
    with pytest.raises(ChecksumError, match="sha256") as info:
        load_chinchilla_points(bad)
    assert isinstance(info.value, ValueError)
    assert ENV_VAR in str(info.value)
    monkeypatch.setenv(ENV_VAR, str(bad))
    with pytest.raises(ChecksumError):
        load_chinchilla_points()


def test_clear_error_when_nothing_found(isolated: Path) -> None:
    with pytest.raises(DataNotFoundError) as info:
        load_chinchilla_points()
    msg = str(info.value)
    assert isinstance(info.value, FileNotFoundError)
    assert ENV_VAR in msg and DATA_URL in msg and DATA_SHA256 in msg
    assert "network disabled" in msg  # the download was attempted and its failure is reported
    assert str(isolated / "cache") in msg
    with pytest.raises(DataNotFoundError, match="download=False"):
        load_chinchilla_points(download=False)


def test_download_into_cache(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, float]] = []

    def fake_urlopen(url: str, timeout: float) -> _FakeResponse:
        calls.append((url, timeout))
        return _FakeResponse(SHARED.read_bytes())

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    pts = load_chinchilla_points()
    cached = isolated / "cache" / "scaling_laws_course" / DATA_FILENAME
    assert pts.path == cached and cached.is_file() and len(pts) == 240
    assert calls == [(DATA_URL, data_mod.DOWNLOAD_TIMEOUT)]
    # second call: served from the cache, no network
    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: pytest.fail("should not download"))
    assert load_chinchilla_points().path == cached


def test_download_with_wrong_bytes(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = b"<html>rate limited</html>"
    monkeypatch.setattr(urllib.request, "urlopen", lambda url, timeout: _FakeResponse(page))
    with pytest.raises(ChecksumError, match="sha256"):
        load_chinchilla_points()
    cache = isolated / "cache" / "scaling_laws_course"
    assert not (cache / DATA_FILENAME).exists()
    assert not cache.exists() or not any(cache.iterdir())


def test_repository_holds_no_copy_of_the_data() -> None:
    """The source repository has no licence: the CSV must not be committed."""
    names = {DATA_FILENAME, "svg_extracted_data.csv"}
    for path in REPO.rglob("*.csv"):
        if ".git" in path.parts:
            continue
        assert path.name not in names, f"{path} looks like a copy of the Chinchilla data"
        assert sha256_of(path) != DATA_SHA256, f"{path} is a copy of the Chinchilla data"


def test_missing_columns_are_reported(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = isolated / "bad.csv"
    bad.write_text("x,y\n1,2\n")
    monkeypatch.setattr(data_mod, "DATA_SHA256", sha256_of(bad))
    with pytest.raises(ValueError, match="Model Size"):
        load_chinchilla_points(bad)
