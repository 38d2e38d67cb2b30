"""Transform: execute a notebook in place with nbclient, storing fresh outputs.

Used for the lecture notebooks and for the solutions; for the solutions it sets
``SCALING_HELPERS_RECORD=1`` so each ``check`` records its answer key in the output.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["execute"]


@contextmanager
def _env(**values: str):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def execute(nb: Any, cwd: Path, *, record: bool = False, timeout: int = 300) -> Any:
    """Run every cell of ``nb`` with the current Python's kernel, working directory ``cwd``.

    Raises nbclient's ``CellExecutionError`` if a cell fails: a broken notebook is never
    written. Returns ``nb`` with outputs.
    """
    from nbclient import NotebookClient

    env = {"SCALING_HELPERS_RECORD": "1" if record else "0", "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    with _env(**env):
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(cwd)}})
        client.execute()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    return nb
