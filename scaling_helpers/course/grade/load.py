"""Transform 1: read the submission without ever writing to it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat

__all__ = ["MAX_BYTES", "SubmissionError", "load_submission"]

#: Largest submission read (a notebook with cleared outputs is a few hundred kB).
MAX_BYTES = 50 << 20


class SubmissionError(Exception):
    """The submission cannot be read as a notebook; the message says why and what to do."""


def load_submission(path: Path) -> Any:
    """Parse ``path`` as a notebook (nbformat 4). Raises :class:`SubmissionError`."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SubmissionError(f"{path.name} is larger than {MAX_BYTES >> 20} MB: clear the outputs "
                                  "(Edit > Clear Outputs of All Cells), save and submit again.")
        raw = path.read_bytes()
    except OSError as exc:
        raise SubmissionError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SubmissionError(f"{path.name} is not UTF-8 text: is it really a .ipynb file?") from exc
    except RecursionError:
        raise SubmissionError(f"{path.name} is nested too deeply to be a notebook.") from None
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
    except RecursionError:
        raise SubmissionError(f"{path.name} is nested too deeply to be a notebook.") from None
    except Exception as exc:  # noqa: BLE001 - nbformat raises several types
        raise SubmissionError(f"{path.name} is not a readable notebook: {exc}") from exc
    for i, cell in enumerate(nb.cells):
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            raise SubmissionError(f"{path.name}: cell {i} is not a notebook cell.")
        if "source" not in cell:
            cell["source"] = ""
        if isinstance(cell.get("source"), list) and all(isinstance(x, str) for x in cell["source"]):
            cell["source"] = "".join(cell["source"])
        if not isinstance(cell.get("source", ""), str):
            raise SubmissionError(f"{path.name}: the source of cell {i} is not text.")
        if not isinstance(cell.get("metadata"), dict):
            cell["metadata"] = nbformat.NotebookNode()
        if cell.get("cell_type") == "code" and not isinstance(cell.get("outputs", []), list):
            cell["outputs"] = []
    return nb
