"""Call a student's function safely: exceptions become messages, loops are stopped."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["CallResult", "call_with_timeout"]


class _Timeout(BaseException):
    """Raised inside the student's function when its time is up (BaseException so that a
    bare ``except Exception`` in student code cannot swallow it)."""


@dataclass(frozen=True)
class CallResult:
    """Outcome of one call."""

    ok: bool
    """True if the function returned."""
    value: Any = None
    """The returned value when ``ok``."""
    error: str = ""
    """What went wrong otherwise, e.g. ``"raised ZeroDivisionError: division by zero"``."""


def call_with_timeout(fn: Callable[..., Any], args: tuple[Any, ...], timeout: float) -> CallResult:
    """Call ``fn(*args)``; never raises (except KeyboardInterrupt).

    In the main thread a ``SIGALRM`` timer interrupts a function that runs longer than
    ``timeout`` seconds (an infinite loop). Elsewhere the call runs without a time limit.
    """
    use_alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def _raise(signum: int, frame: Any) -> None:
        raise _Timeout

    old = None
    try:
        if use_alarm:
            old = signal.signal(signal.SIGALRM, _raise)
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            value = fn(*args)
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
        return CallResult(ok=True, value=value)
    except _Timeout:
        return CallResult(ok=False, error=f"did not finish within {timeout:g} s (an endless loop?)")
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - student code may raise anything, even SystemExit
        msg = str(exc).splitlines()[0][:120] if str(exc) else ""
        return CallResult(ok=False, error=f"raised {type(exc).__name__}" + (f": {msg}" if msg else ""))
    finally:
        if use_alarm and old is not None:
            signal.signal(signal.SIGALRM, old)
