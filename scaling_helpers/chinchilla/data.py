"""Load the Chinchilla training runs extracted by Epoch AI (Hoffmann et al. 2022, Figure 4 left).

The file ``chinchilla_points_epoch.csv`` is a byte-for-byte copy of ``data/svg_extracted_data.csv`` in the
public repository epoch-research/analyzing-chinchilla (commit 92258837425e1b5f2851d624287f0120583a3d0e),
created for Besiroglu, Erdil, Barnett & You (2024), "Chinchilla Scaling: A replication attempt",
arXiv:2404.10102.
That repository has no licence file, so the course never commits a copy: :func:`load_chinchilla_points`
finds a local copy or downloads the public file into a user cache, and always checks its sha256. The
set-up command ``python -m scaling_helpers.fetch_data`` fetches it once (or says how to place it by hand).

Columns used: ``Model Size`` (parameters, total incl. embeddings), ``Training FLOP`` (FLOPs) and ``loss``
(final training loss in nats, decoded from the figure's colour bar, about ±0.015). Tokens are derived as
``D = FLOP / (6 N)``. The colour columns hold strings such as ``#faebdd``, so the file is read with the
:mod:`csv` module, which does not treat ``#`` as a comment.
"""

from __future__ import annotations

import csv
import hashlib
import os
import tempfile
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "DATA_FILENAME",
    "DATA_SHA256",
    "DATA_URL",
    "ENV_VAR",
    "N_OUTLIERS",
    "ChinchillaPoints",
    "ChecksumError",
    "DataNotFoundError",
    "cache_dir",
    "find_chinchilla_csv",
    "load_chinchilla_points",
    "sha256_of",
]

#: File name of the data set, wherever it is stored.
DATA_FILENAME = "chinchilla_points_epoch.csv"
#: sha256 of the published file (epoch-research/analyzing-chinchilla @ 92258837, data/svg_extracted_data.csv).
DATA_SHA256 = "193478df4e90f040016431996c45682659306840ecdadf83cfb9cd5ca0aa1b30"
#: Public download address of the same bytes (pinned to the commit, so the sha256 cannot change).
DATA_URL = (
    "https://raw.githubusercontent.com/epoch-research/analyzing-chinchilla/"
    "92258837425e1b5f2851d624287f0120583a3d0e/data/svg_extracted_data.csv"
)
#: Environment variable naming the CSV file, or a folder that contains it.
ENV_VAR = "SCALING_LAWS_DATA"
#: Number of outlier rows dropped by Besiroglu et al. (2024): the five highest losses, all at ≈ 1e19 FLOP
#: with D/N between 0.036 and 0.40 (they are the first five rows of the file). Dropping them leaves 240 runs.
N_OUTLIERS = 5
#: Seconds to wait for the download before giving up.
DOWNLOAD_TIMEOUT = 20.0

_REQUIRED_COLUMNS = ("Model Size", "Training FLOP", "loss")


class DataNotFoundError(FileNotFoundError):
    """The data file was found nowhere and could not be downloaded."""


class ChecksumError(ValueError):
    """A data file was found but its sha256 differs from the published one."""


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields explicitly
class ChinchillaPoints:
    """The Chinchilla training runs as parallel numpy arrays (one entry per run).

    Attributes
    ----------
    N
        Parameters (total, including embeddings).
    D
        Training tokens, derived as ``C / (6 N)``.
    C
        Training compute in FLOPs.
    loss
        Final training loss in nats per token.
    path
        The file the points were read from.
    n_dropped
        How many outlier rows were dropped (5 by default, 0 with ``drop_outliers=False``).
    """

    N: NDArray[np.float64]
    D: NDArray[np.float64]
    C: NDArray[np.float64]
    loss: NDArray[np.float64]
    path: Path
    n_dropped: int = 0
    source: str = field(default="Hoffmann et al. 2022 Fig. 4 (left), extracted by Besiroglu et al. 2024")

    def __len__(self) -> int:
        return int(self.N.size)

    @property
    def tokens_per_param(self) -> NDArray[np.float64]:
        """``D / N`` for every run."""
        return self.D / self.N

    def as_dict(self) -> dict[str, NDArray[np.float64]]:
        """The four arrays as a dict with keys ``N``, ``D``, ``C``, ``loss``."""
        return {"N": self.N, "D": self.D, "C": self.C, "loss": self.loss}


def sha256_of(path: str | os.PathLike[str]) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def cache_dir() -> Path:
    """The user cache: ``$XDG_CACHE_HOME/scaling_laws_course`` (default ``~/.cache/scaling_laws_course``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scaling_laws_course"


def _resolve(candidate: Path) -> Path:
    """A folder means ``folder / DATA_FILENAME``."""
    return candidate / DATA_FILENAME if candidate.is_dir() else candidate


def _default_candidates() -> list[Path]:
    """Local places searched after the argument and the environment variable, in order."""
    return [cache_dir() / DATA_FILENAME]


def _verify(path: Path) -> Path:
    digest = sha256_of(path)
    if digest != DATA_SHA256:
        raise ChecksumError(
            f"{path} is not the expected data file: its sha256 is {digest}, expected {DATA_SHA256}. "
            "The copy is corrupted, truncated or a different version. Delete it (the loader then looks "
            f"elsewhere or downloads a fresh copy), or set {ENV_VAR} to an intact copy of "
            f"{DATA_URL}"
        )
    return path


def _download(dest: Path, timeout: float) -> Path:
    """Download :data:`DATA_URL` to ``dest`` (atomically), verifying the sha256 before the file appears."""
    with urllib.request.urlopen(DATA_URL, timeout=timeout) as resp:  # noqa: S310 (fixed https URL)
        payload = resp.read()
    digest = hashlib.sha256(payload).hexdigest()
    if digest != DATA_SHA256:
        raise ChecksumError(f"downloaded {DATA_URL} but its sha256 is {digest}, expected {DATA_SHA256}.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".download-", suffix=".csv")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest


def find_chinchilla_csv(path: str | os.PathLike[str] | None = None, *, download: bool = True,
                        timeout: float = DOWNLOAD_TIMEOUT) -> Path:
    """Locate (or download) ``chinchilla_points_epoch.csv`` and verify its sha256.

    Lookup order:

    1. ``path`` (a file, or a folder containing :data:`DATA_FILENAME`); if given it must exist.
    2. The environment variable ``SCALING_LAWS_DATA`` (file or folder); if set it must exist.
    3. The user cache :func:`cache_dir` (where ``python -m scaling_helpers.fetch_data`` puts it).
    4. Download :data:`DATA_URL` into the cache (``download=True``).

    Parameters
    ----------
    path
        Explicit file or folder.
    download
        Allow step 6.
    timeout
        Download timeout in seconds.

    Returns
    -------
    pathlib.Path
        A file whose sha256 equals :data:`DATA_SHA256`.

    Raises
    ------
    ChecksumError
        If the file found has a different sha256 (a ``ValueError``).
    DataNotFoundError
        If nothing is found and the download fails (a ``FileNotFoundError``); the message lists every
        place searched.
    """
    if path is not None:
        p = _resolve(Path(path).expanduser())
        if not p.is_file():
            raise DataNotFoundError(f"path={str(path)!r} does not exist (looked for {p}). "
                                    f"Pass the CSV file or the folder that contains {DATA_FILENAME}.")
        return _verify(p)
    env = os.environ.get(ENV_VAR)
    if env:
        p = _resolve(Path(env).expanduser())
        if not p.is_file():
            raise DataNotFoundError(
                f"the environment variable {ENV_VAR}={env!r} points to {p}, which does not exist. Set it to "
                f"the CSV file or to the folder containing {DATA_FILENAME}, or unset it to use the default "
                "locations."
            )
        return _verify(p)
    searched = _default_candidates()
    for p in searched:
        if p.is_file():
            return _verify(p)
    target = cache_dir() / DATA_FILENAME
    reason = "downloading is disabled (download=False)"
    if download:
        try:
            return _download(target, timeout)
        except ChecksumError:
            raise
        except (OSError, urllib.error.URLError, ValueError) as exc:  # no network, timeout, HTTP error...
            reason = f"downloading {DATA_URL} failed: {exc}"
    places = "\n".join(f"  - {p}" for p in searched)
    raise DataNotFoundError(
        f"could not find {DATA_FILENAME}. Looked in:\n  - the environment variable {ENV_VAR} (not set)\n"
        f"{places}\nand {reason}.\n"
        f"Fix: download {DATA_URL}\n(sha256 {DATA_SHA256}) and set {ENV_VAR} to the file or its folder, "
        f"e.g. export {ENV_VAR}=/path/to/{DATA_FILENAME}"
    )


def _read_rows(path: Path) -> dict[str, NDArray[np.float64]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path} lacks the column(s) {missing}; found {reader.fieldnames}.")
        rows = list(reader)
    cols = {}
    for c in _REQUIRED_COLUMNS:
        try:
            cols[c] = np.array([float(r[c]) for r in rows], dtype=float)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"column {c!r} of {path} holds a non-numeric value: {exc}") from exc
    return cols


def load_chinchilla_points(path: str | os.PathLike[str] | None = None, drop_outliers: bool = True, *,
                           download: bool = True) -> ChinchillaPoints:
    """Load Hoffmann et al.'s training runs as extracted by Epoch AI (245 runs; 240 without outliers).

    Parameters
    ----------
    path
        Optional CSV file or folder; see :func:`find_chinchilla_csv` for the lookup order when omitted.
    drop_outliers
        Drop the five highest-loss runs, as Besiroglu et al. (2024) do (they are the file's first five rows:
        losses 3.45-5.01 at ≈ 1e19 FLOP with only 0.036-0.40 tokens per parameter), leaving 240 runs.
    download
        Allow downloading the public file into the user cache if no local copy exists.

    Returns
    -------
    ChinchillaPoints
        Arrays ``N``, ``D = C / (6 N)``, ``C`` and ``loss`` in file order.

    Raises
    ------
    ChecksumError, DataNotFoundError
        See :func:`find_chinchilla_csv`.

    Examples
    --------
    >>> pts = load_chinchilla_points()  # doctest: +SKIP
    >>> len(pts)  # doctest: +SKIP
    240
    """
    csv_path = find_chinchilla_csv(path, download=download)
    cols = _read_rows(csv_path)
    N, C, loss = cols["Model Size"], cols["Training FLOP"], cols["loss"]
    keep = np.ones(N.size, dtype=bool)
    if drop_outliers:
        # Epoch's rule: keep losses below the 5th-largest loss. In the verified file these are rows 0-4.
        order = np.argsort(loss, kind="stable")[::-1]
        keep[order[:N_OUTLIERS]] = False
        if set(order[:N_OUTLIERS]) != set(range(N_OUTLIERS)):  # pragma: no cover - file is sha-verified
            warnings.warn("the five highest losses are not the first five rows of the file", stacklevel=2)
    N, C, loss = N[keep], C[keep], loss[keep]
    return ChinchillaPoints(N=N, D=C / (6.0 * N), C=C, loss=loss, path=csv_path,
                            n_dropped=int((~keep).sum()))


def main(argv: list[str] | None = None) -> int:
    """``python -m scaling_helpers.fetch_data``: fetch the data once (set-up), or say how to place it by hand."""
    import argparse

    p = argparse.ArgumentParser(prog="python -m scaling_helpers.fetch_data",
                                description="Find or download the Chinchilla runs (pinned commit, sha256-checked) "
                                            "into the user cache, once.")
    p.parse_args(argv)
    try:
        path = find_chinchilla_csv()
    except (DataNotFoundError, ChecksumError) as exc:
        print(f"The Chinchilla data (chapter 3) is not available yet.\n{exc}\n\nBy hand: download {DATA_URL} "
              f"on a machine with internet access and copy it to {cache_dir() / DATA_FILENAME} "
              f"(or set {ENV_VAR} to its path). The rest of the course works without it.")
        return 1
    print(f"Chinchilla data ready: {path} (sha256 verified)")
    return 0
