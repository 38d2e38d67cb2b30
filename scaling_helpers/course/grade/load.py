"""Transform 1: read the submission without ever writing to it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat

__all__ = ["SubmissionError", "load_submission"]


class SubmissionError(Exception):
    """The submission cannot be read as a notebook; the message says why and what to do."""


def load_submission(path: Path) -> Any:
    """Parse ``path`` as a notebook (nbformat 4). Raises :class:`SubmissionError`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SubmissionError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SubmissionError(f"{path.name} is not UTF-8 text: is it really a .ipynb file?") from exc
    except json.JSONDecodeError as exc:
        raise SubmissionError(
            f"{path.name} is not valid notebook JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
            "It was probably edited outside Jupyter or truncated; re-download it from JupyterLab "
            "(File > Download) and submit again."
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise SubmissionError(f"{path.name} is JSON but not a notebook (no list of cells).")
    try:
        nb = nbformat.reads(json.dumps(data), as_version=4)
    except Exception as exc:  # noqa: BLE001 - nbformat raises several types
        raise SubmissionError(f"{path.name} is not a readable notebook: {exc}") from exc
    for cell in nb.cells:
        if not isinstance(cell.get("source", ""), str):
            raise SubmissionError(f"{path.name}: a cell's source is not text.")
        cell.setdefault("metadata", {})
    return nb
