"""A pytest plugin loaded into the grader's nbval run: notice a dead kernel at once.

nbval waits for a reply until the cell timeout even when the kernel process has died
(``os._exit``, a segfault, the out-of-memory killer), then reports a timeout. This plugin
makes the wait poll the kernel's liveness every half second and fail with a clear
``KernelDied`` message instead, so a crash costs a second, not the whole cell timeout.
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from nbval import kernel as _kernel

_original = _kernel.RunningKernel.await_reply


class KernelDied(RuntimeError):
    """The kernel process ended while a cell was running."""


def _await_reply(self: Any, msg_id: str, timeout: float | None = None) -> None:
    deadline = None if timeout is None else time.monotonic() + float(timeout)
    while True:
        step = 0.5 if deadline is None else max(0.0, min(0.5, deadline - time.monotonic()))
        try:
            return _original(self, msg_id, timeout=step)
        except Empty:
            if not self.is_alive():
                raise KernelDied("kernel died while running this cell") from None
            if deadline is not None and time.monotonic() >= deadline:
                raise


_kernel.RunningKernel.await_reply = _await_reply
