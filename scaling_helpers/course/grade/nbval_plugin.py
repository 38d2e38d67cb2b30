"""The grader's pytest plugin for nbval: sandboxed kernels and verdicts computed outside them.

Loaded (``-p scaling_helpers.course.grade.nbval_plugin``) only into the grader's own nbval
run. It extends nbval in five places; everything else (running cells, timeouts, comparing
outputs, JUnit XML) is nbval's:

1. **Kernel start.** With ``--scaling-sandbox CONFIG`` every notebook's kernel starts in its
   own bubblewrap sandbox (:mod:`.sandbox`), talking to nbval over IPC sockets that the grader
   reaches through the sandbox's root. Interrupts are sent as messages (a signal to ``bwrap``
   would not reach the kernel).
2. **Comparison of check cells.** With ``--scaling-keys KEYS`` the output of an official check
   cell is not trusted: the plugin takes the answer *data* the cell emitted (output metadata
   ``scaling_helpers.answer``), judges it here, in the grader's process, against the key with
   the exercise's tolerance and mistake table (:func:`..check.judge`), and hands nbval the
   trusted verdict line to compare with the official expected line. A forged or patched
   checker can only emit answers, and an answer scores only if it is right. Each verdict is
   appended to ``--scaling-verdicts DIR/<notebook folder>.jsonl``.
3. **Dead kernels** are noticed within half a second instead of after the cell timeout.
4. **Output size**: a cell that sends more than the limit stops its kernel.
5. **Time per notebook** (``--scaling-notebook-timeout``): once a notebook has used it up,
   its remaining cells fail at once, so one endless submission cannot hold up a class.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from queue import Empty
from typing import Any

import pytest
from nbval import kernel as _kernel
from nbval import plugin as _plugin

from ..check import judge
from .sandbox import CONN, SandboxConfig, bwrap_argv, make_cgroups, remove_cgroups, sandbox_child_pid

_original_await = _kernel.RunningKernel.await_reply
_original_start = _kernel.start_new_kernel
_original_stop = _kernel.RunningKernel.stop
_original_compare = _plugin.IPyNbCell.compare_outputs
_original_runtest = _plugin.IPyNbCell.runtest
_original_get_message = _plugin.IPyNbFile.get_kernel_message

_state: dict[str, Any] = {"sandbox": None, "keys": None, "verdicts": None, "nb_timeout": 0.0,
                          "output_bytes": 8 << 20, "started": {}}


class KernelDied(RuntimeError):
    """The kernel process ended while a cell was running."""


class OutputLimit(RuntimeError):
    """A cell sent more output than the grader accepts; its kernel was stopped."""


def pytest_addoption(parser: Any) -> None:
    g = parser.getgroup("scaling_helpers grader")
    g.addoption("--scaling-sandbox", default=None, help="sandbox configuration (JSON) for every kernel")
    g.addoption("--scaling-keys", default=None, help="answer keys (JSON) used to judge check cells")
    g.addoption("--scaling-verdicts", default=None, help="folder receiving one JSONL file of verdicts per notebook")
    g.addoption("--scaling-notebook-timeout", type=float, default=0.0, help="seconds one notebook may run")


def pytest_configure(config: Any) -> None:
    opt = config.option
    if getattr(opt, "scaling_sandbox", None):
        _state["sandbox"] = SandboxConfig.read(Path(opt.scaling_sandbox))
        _state["output_bytes"] = _state["sandbox"].limits.output_mb << 20
    if getattr(opt, "scaling_keys", None):
        _state["keys"] = json.loads(Path(opt.scaling_keys).read_text(encoding="utf-8"))
    if getattr(opt, "scaling_verdicts", None):
        _state["verdicts"] = Path(opt.scaling_verdicts)
    _state["nb_timeout"] = float(getattr(opt, "scaling_notebook_timeout", 0.0) or 0.0)


def pytest_unconfigure(config: Any) -> None:
    remove_cgroups(_state.get("cgroups", []))


# -- 1. sandboxed kernels ------------------------------------------------------------------------


def _start_sandboxed(startup_timeout: float = 60, kernel_name: str = "python", **kwargs: Any) -> Any:
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    cfg: SandboxConfig = _state["sandbox"]
    host_dir = Path(tempfile.mkdtemp(prefix="kernel-", dir=os.environ.get("SCALING_HELPERS_CONN_DIR")))
    conn_file = host_dir / "kernel.json"
    cgroups = make_cgroups(cfg)
    argv = bwrap_argv(cfg, cgroups=cgroups)
    # The connection file is written on the host and bound read-only into the sandbox.
    i = argv.index("--remount-ro")
    argv[i:i] = ["--ro-bind", str(conn_file), f"{CONN}/kernel.json"]
    argv[-1] = f"{CONN}/kernel.json"

    class _Specs(KernelSpecManager):
        def get_kernel_spec(self, name: str) -> Any:
            return KernelSpec(argv=argv, display_name="sandboxed Python", language="python",
                              interrupt_mode="message")

    km = KernelManager(kernel_name="scaling-sandbox", kernel_spec_manager=_Specs(), transport="ipc",
                       ip=f"{CONN}/k")
    km.connection_file = str(conn_file)
    km._scaling_cgroups = cgroups  # type: ignore[attr-defined]
    _state.setdefault("cgroups", []).extend(cgroups)
    kwargs.pop("cwd", None)
    try:
        km.start_kernel(stderr=kwargs.get("stderr"))
        child = sandbox_child_pid(km.provisioner.process.pid)
        if child is None:
            raise RuntimeError("the sandbox did not start (bwrap exited at once)")
        km.ip = f"/proc/{child}/root{CONN}/k"
        # the control socket (interrupts, shutdown requests) was connected to the in-sandbox path
        km._close_control_socket()
        km._connect_control_socket()
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=startup_timeout)
    except BaseException:
        try:
            km.shutdown_kernel(now=True)
        finally:
            remove_cgroups(cgroups)
        raise
    return km, kc


def _start(startup_timeout: float = 60, kernel_name: str = "python", **kwargs: Any) -> Any:
    if _state["sandbox"] is not None:
        return _start_sandboxed(startup_timeout, kernel_name, **kwargs)
    return _original_start(startup_timeout=startup_timeout, kernel_name=kernel_name, **kwargs)


def _stop(self: Any) -> None:
    cgroups = getattr(getattr(self, "km", None), "_scaling_cgroups", [])
    try:
        _original_stop(self)
    finally:
        remove_cgroups(cgroups)


# -- 2. verdicts computed here, compared by nbval ------------------------------------------------


def _answers(outputs: list[Any], ex_id: str) -> list[Any]:
    found = []
    for out in outputs:
        meta = (out.get("metadata") or {}).get("scaling_helpers") if isinstance(out, dict) else None
        if isinstance(meta, dict) and meta.get("exercise") == ex_id and "answer" in meta:
            found.append(meta["answer"])
    return found


def _record(item: Any, record: dict[str, Any]) -> None:
    folder = _state["verdicts"]
    if folder is None:
        return
    name = Path(str(item.fspath)).parent.name
    with open(folder / f"{name}.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")


def _compare(self: Any, test: list[Any], ref: list[Any], skip_compare: Any = None) -> bool:
    role = (self.cell.metadata.get("scaling_helpers") or {}) if hasattr(self.cell, "metadata") else {}
    keys = _state["keys"]
    if keys is None or role.get("role") != "check":
        return _original_compare(self, test, ref, skip_compare)
    ex_id = str(role.get("exercise"))
    entry = keys.get(ex_id)
    answers = _answers(test, ex_id)
    if entry is None:
        verdict_line, passed, detail, n = f"[{ex_id}] not yet: no key for this exercise", False, "", 0
    elif not answers:
        verdict_line, passed, detail, n = (f"[{ex_id}] not yet: the check cell produced no answer "
                                           "(was the checker replaced?)", False, "", 0)
    else:
        v = judge(ex_id, answers[-1], entry.get("key"), entry.get("explanation", ""))
        verdict_line, passed, detail, n = v.line, v.passed, v.detail, len(answers)
    _record(self, {"exercise": ex_id, "passed": passed, "line": verdict_line, "detail": detail,
                   "answers": n, "cell": self.cell_num})
    trusted = [_plain(verdict_line)]
    expected = [_plain(line) for line in _lines(ref)]
    return _original_compare(self, trusted, expected, skip_compare)


def _plain(line: str) -> Any:
    from nbformat import NotebookNode

    return NotebookNode(output_type="display_data", data={"text/plain": line}, metadata={})


def _lines(outputs: list[Any]) -> list[str]:
    out = []
    for o in outputs:
        text = (o.get("data") or {}).get("text/plain") if isinstance(o, dict) else None
        if isinstance(text, str):
            out.append(text)
    return out


# -- 3. dead kernels -----------------------------------------------------------------------------


def _await_reply(self: Any, msg_id: str, timeout: float | None = None) -> None:
    deadline = None if timeout is None else time.monotonic() + float(timeout)
    while True:
        step = 0.5 if deadline is None else max(0.0, min(0.5, deadline - time.monotonic()))
        try:
            return _original_await(self, msg_id, timeout=step)
        except Empty:
            if not self.is_alive():
                raise KernelDied("kernel died while running this cell") from None
            if deadline is not None and time.monotonic() >= deadline:
                raise


# -- 4. output size and 5. time per notebook -----------------------------------------------------


def _size(msg: Any) -> int:
    content = msg.get("content") or {}
    n = len(str(content.get("text", "")))
    for v in (content.get("data") or {}).values():
        n += len(v) if isinstance(v, str) else len(str(v))
    n += sum(len(str(t)) for t in content.get("traceback", []) or [])
    n += len(str(content.get("metadata") or {})) if msg.get("msg_type") in ("display_data", "execute_result") else 0
    return n


#: A whole notebook may send this many times one cell's limit.
NOTEBOOK_OUTPUT_FACTOR = 4


def _get_message(self: Any, timeout: float | None = None, stream: str = "iopub") -> Any:
    msg = _original_get_message(self, timeout=timeout, stream=stream)
    size = _size(msg)
    self._scaling_bytes = getattr(self, "_scaling_bytes", 0) + size
    self._scaling_total = getattr(self, "_scaling_total", 0) + size
    limit = _state["output_bytes"]
    if self._scaling_bytes > limit or self._scaling_total > NOTEBOOK_OUTPUT_FACTOR * limit:
        if self.kernel is not None and self.kernel.is_alive():
            self.kernel.stop()
        what = "the cell" if self._scaling_bytes > limit else "the notebook"
        cap = limit if self._scaling_bytes > limit else NOTEBOOK_OUTPUT_FACTOR * limit
        raise OutputLimit(f"{what} sent more than {cap >> 20} MB of output; the kernel was stopped")
    return msg


def _runtest(self: Any) -> None:
    self.parent._scaling_bytes = 0
    limit = _state["nb_timeout"]
    if not limit:
        return _original_runtest(self)
    started = _state["started"].setdefault(str(self.parent.fspath), time.monotonic())
    left = limit - (time.monotonic() - started)
    if left <= 0:
        if self.parent.kernel is not None and self.parent.kernel.is_alive():
            self.parent.kernel.stop()
        pytest.fail(f"NotebookTimeout: the notebook used up its {limit:g} s; this cell did not run", pytrace=False)
    opt = self.config.option
    saved = opt.nbval_cell_timeout
    opt.nbval_cell_timeout = max(1, min(int(saved), int(left) + 1))
    try:
        return _original_runtest(self)
    finally:
        opt.nbval_cell_timeout = saved


_kernel.start_new_kernel = _start
_kernel.RunningKernel.stop = _stop
_kernel.RunningKernel.await_reply = _await_reply
_plugin.IPyNbCell.compare_outputs = _compare
_plugin.IPyNbCell.runtest = _runtest
_plugin.IPyNbFile.get_kernel_message = _get_message
