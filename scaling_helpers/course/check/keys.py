"""Where answer keys come from: the stored outputs of the solution notebooks.

When the build command executes ``solutions/NN_topic.ipynb`` it sets
``SCALING_HELPERS_RECORD=1``; every ``check(...)`` then stores the reference value in its
output's metadata (``metadata["scaling_helpers"]["key"]``). Checking an exercise reads that
value back, so the solutions are the single source of truth. Without a solutions folder
(private grading) there is no key and the checker says the answer was recorded.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

__all__ = ["SOLUTIONS_ENV", "find_solution_notebook", "load_explanations", "load_keys", "read_keys",
           "recording"]

#: Environment variable naming the folder that holds the solution notebooks.
SOLUTIONS_ENV = "SCALING_HELPERS_SOLUTIONS"
#: Environment variable that switches ``check`` to recording keys (set by the build command).
RECORD_ENV = "SCALING_HELPERS_RECORD"

_cache: dict[Path, tuple[float, tuple[dict[str, Any], dict[str, str]]]] = {}


def recording() -> bool:
    """True while the build command executes a solution notebook to record its keys."""
    return os.environ.get(RECORD_ENV, "") == "1"


def _candidates(stem: str) -> list[Path]:
    name = f"{stem}.ipynb"
    out: list[Path] = []
    env = os.environ.get(SOLUTIONS_ENV)
    if env:
        # An explicit folder is the only place looked: graders must not fall back.
        return [Path(env) / name]
    try:
        here = Path.cwd().resolve()
    except OSError:  # the working folder was deleted
        here = None
    for folder in [here, *here.parents][:4] if here else []:
        out.append(folder / "solutions" / name)
        if folder.name == "solutions":
            out.append(folder / name)
    repo = Path(__file__).resolve().parents[3]
    out.append(repo / "solutions" / name)
    return out


def find_solution_notebook(stem: str) -> Path | None:
    """The solution notebook for chapter ``stem``, or ``None`` if none is reachable."""
    for p in _candidates(stem):
        if p.is_file():
            return p
    return None


def read_keys(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """Keys and explanations recorded in one solutions notebook.

    Keys are in the check cells' output metadata (``scaling_helpers.key``); explanations (the
    idea to take away, which may state the answer, so they never ship in the package) are in
    the check cells' own metadata (``scaling_helpers.explanation``).

    Raises
    ------
    OSError, ValueError
        If the file cannot be read or is not JSON.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    keys: dict[str, Any] = {}
    explanations: dict[str, str] = {}
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        if not isinstance(cell, dict):
            continue
        cmeta = (cell.get("metadata") or {}).get("scaling_helpers") or {}
        if isinstance(cmeta, dict) and cmeta.get("role") == "check" and isinstance(cmeta.get("explanation"), str):
            explanations[str(cmeta.get("exercise"))] = cmeta["explanation"]
        for out in cell.get("outputs", []) or []:
            meta = (out.get("metadata") or {}).get("scaling_helpers") or {}
            if "exercise" in meta and "key" in meta:
                keys[str(meta["exercise"])] = meta["key"]
    return keys, explanations


def _load(stem: str) -> tuple[dict[str, Any], dict[str, str]]:
    path = find_solution_notebook(stem)
    if path is None:
        return {}, {}
    try:
        mtime = path.stat().st_mtime
        hit = _cache.get(path)
        if hit and hit[0] == mtime:
            return hit[1]
        found = read_keys(path)
        _cache[path] = (mtime, found)
        return found
    except (OSError, ValueError, AttributeError, TypeError, RecursionError):
        return {}, {}


def load_keys(stem: str) -> dict[str, Any]:
    """Exercise id -> recorded reference value for one chapter (empty if unavailable).

    Never raises: an unreadable or half-written solutions file gives an empty key set.
    """
    return _load(stem)[0]


def load_explanations(stem: str) -> dict[str, str]:
    """Exercise id -> explanation shown with a correct answer (empty if unavailable)."""
    return _load(stem)[1]
