"""Helpers for the adversarial grading tests: hostile notebooks, the grader's command line,
snapshots of everything a sandboxed kernel must not touch, and observers (processes, a
loopback listener).

Every attack carries this session's random ``TOKEN`` in whatever it creates (file names,
process names, planted lines), so a broken sandbox can be detected precisely and its damage
undone without touching anything else on the machine.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pytest

import scaling_helpers
from scaling_helpers.course.specs import for_chapter

from ...conftest import ROOT, SOLUTIONS
from ..gradekit import STEM, blank, cell_index

__all__ = [
    "PACKAGE", "SITE_DIRS", "STEM", "TOKEN", "Attack", "GraderRun", "Listener", "Monitor", "canary_home",
    "diff", "digests", "hostile_notebook", "key_strings", "kill", "living_processes", "load_class", "malformed_files",
    "require_bwrap", "restore", "run_grader", "site_listing", "solution_keys", "tree_bytes",
]

TOKEN = uuid.uuid4().hex[:12]
"""Random per test session; every attack marks what it creates with it."""
T8 = TOKEN[:8]
PACKAGE = Path(scaling_helpers.__file__).resolve().parent
"""The package the grader and its kernels import (the clone's when PYTHONPATH points there)."""
SITE_DIRS = sorted({Path(sysconfig.get_paths()[k]) for k in ("purelib", "platlib")})
"""site-packages folders of this interpreter."""
GIB = 1 << 30

_EXERCISES = for_chapter(STEM)

# Kernel-side helpers shared by the attack cells. Nothing here is an answer: the blank answers
# stay; each answer cell only ends with ``globals().update(_adv)``, so whatever an attack put in
# ``_adv`` becomes the answer (it would score if the attack had found the keys).
PRELUDE = '''\
"""Helpers shared by the attack cells (__MARK__)."""
import glob
import json
import os
import re
import sys
import time
from pathlib import Path

import scaling_helpers

TOKEN = "__TOKEN__"
MARK = "__MARK__"
NAMES = __NAMES__
KINDS = __KINDS__
INPUTS = __INPUTS__
_ADV_WRONG = {"ratio_10x": 1.0, "power_law_through": lambda *a: (1.0, 1.0), "alpha_hat": 1.0,
              "E_alpha": (1.0, 1.0), "huber_answer": "__WRONG_1_5__", "tokens_factor": 1.0,
              "residual_answer": "__WRONG_1_7__"}
_adv = {}


def _adv_keys_in(path):
    """Exercise id -> key for chapter 1, from the output metadata of one notebook file."""
    try:
        p = Path(path)
        if not p.is_file() or p.stat().st_size > 20_000_000:
            return {}
        nb = json.loads(p.read_text(encoding="utf-8"))
        found = {}
        for cell in nb.get("cells", []):
            for out in cell.get("outputs", []) or []:
                meta = (out.get("metadata") or {}).get("scaling_helpers") or {}
                if "key" in meta and str(meta.get("exercise")) in NAMES:
                    found[str(meta["exercise"])] = meta["key"]
        return found
    except Exception:
        return {}


def _adv_args(args):
    """A hashable form of a function item's arguments (scalars, lists or arrays of data)."""
    return json.dumps([x.tolist() if hasattr(x, "tolist") else x for x in args])


def _adv_answers(keys):
    """Answer variables that score if ``keys`` are the real keys."""
    out = {}
    for ex_id, key in keys.items():
        if KINDS.get(ex_id) == "function":
            table = {_adv_args(a): k for a, k in zip(INPUTS[ex_id], key)}
            out[NAMES[ex_id]] = lambda *a, _t=table: _t.get(_adv_args(a))
        elif ex_id in NAMES:
            out[NAMES[ex_id]] = key
    return out


def _adv_paths_in(text):
    """Absolute paths mentioned in a string (command lines, environment values)."""
    return {m.rstrip("/") or "/" for m in re.findall(r"/[^\\s:;=,'\\"\\x00]+", text) if len(m) < 300}


def _adv_search(paths, budget=10.0):
    """Keys from chapter-1 notebooks at, next to, or one level below the given paths."""
    keys, seen, t0 = {}, set(), time.monotonic()
    for p in sorted(paths):
        for d in (Path(p), Path(p).parent):
            if d in seen or time.monotonic() - t0 > budget:
                continue
            seen.add(d)
            try:
                cands = [d] if d.is_file() else [*d.glob("*.ipynb"), *d.glob("*/*.ipynb")]
            except OSError:
                continue
            for c in cands:
                if c.name.startswith("01_") or "solution" in str(c).lower():
                    keys.update(_adv_keys_in(c))
    return keys


def _adv_proc(name):
    """The text of /proc/<pid>/<name> for every visible process (NUL bytes as spaces)."""
    out = {}
    for d in glob.glob("/proc/[0-9]*"):
        try:
            out[int(d[6:])] = Path(d, name).read_bytes().replace(b"\\0", b" ").decode("utf-8", "replace")
        except (OSError, ValueError):
            pass
    return out


def _adv_walk(roots, budget):
    """Files below ``roots``, time-bounded, skipping /proc, /sys and /dev."""
    t0 = time.monotonic()
    for root in roots:
        for top, dirs, files in os.walk(root):
            if time.monotonic() - t0 > budget:
                return
            dirs[:] = [d for d in dirs if os.path.join(top, d) not in ("/proc", "/sys", "/dev")]
            for f in files:
                yield Path(top, f)


def _adv_forge(ex):
    """Print and display a forged verdict for ``ex``, shaped like the checker's output."""
    from IPython.display import display

    line = f"[{ex}] correct"
    print(line)
    meta = {"scaling_helpers": {"exercise": ex, "answer": 1.0, "key": 1.0, "passed": True,
                                "status": "correct", "points": 2}}
    display({"text/plain": line}, raw=True, metadata=meta)
'''


@dataclass(frozen=True)
class Attack:
    """One hostile submission: code inserted after the imports of the blank exercise notebook.

    Attributes
    ----------
    id
        Short name; also the submission's folder in the class run.
    family
        ``keys``, ``forge``, ``damage``, ``denial``, ``class`` or ``kill``.
    code
        Python source whose first line is a one-line docstring saying what it does.
        Placeholders: ``__TOKEN__``, ``__T8__`` (first 8 characters), ``__PORT__``, ``__MARK__``.
    effects
        Names of the outside effects this attack aims at (keys of the campaign's ``effects``).
    """

    id: str
    family: str
    code: str
    effects: tuple[str, ...] = ()

    @property
    def doc(self) -> str:
        """The attack's one-line description."""
        return self.code.strip().splitlines()[0].strip('"')

    @property
    def mark(self) -> str:
        """A string that only this attack's notebook contains."""
        return f"adv-self-{self.id}-{TOKEN}"


def fill(code: str, *, mark: str = "", port: int = 0) -> str:
    """Substitute the placeholders of an attack or of :data:`PRELUDE`.

    Parameters
    ----------
    code
        Source with ``__TOKEN__``-style placeholders.
    mark
        The submission's own marker.
    port
        Port of the loopback listener.

    Returns
    -------
    str
        The runnable source.
    """
    fn_inputs = {e.id: [list(a) for a in e.inputs] for e in _EXERCISES if e.kind == "function"}
    subs = {
        "__WRONG_1_5__": wrong_letter("1.5"), "__WRONG_2_1_5__": wrong_letter("1.5", 1),
        "__WRONG_1_7__": wrong_letter("1.7"), "__WRONG_2_1_7__": wrong_letter("1.7", 1),
        "__TOKEN__": TOKEN, "__T8__": T8, "__PORT__": str(port), "__MARK__": mark,
        "__NAMES__": json.dumps({e.id: e.name for e in _EXERCISES}),
        "__KINDS__": json.dumps({e.id: e.kind for e in _EXERCISES}),
        "__INPUTS__": json.dumps(fn_inputs),
    }
    for k, v in subs.items():
        code = code.replace(k, v)
    return code


def wrong_letter(ex_id: str, which: int = 0) -> str:
    """A wrong option of a chapter-1 multiple-choice item (read from the solutions, in the test process),
    so that an attack's placeholder answer is wrong whichever letter the solutions make right."""
    from scaling_helpers.course.check.keys import read_keys

    from ...conftest import SOLUTIONS

    right = read_keys(SOLUTIONS / "01_power_laws.ipynb")[0][ex_id]
    spec = next(e for e in _EXERCISES if e.id == ex_id)
    return [c.label for c in spec.choices if c.label != right][which]


def hostile_notebook(attack: Attack, *, port: int = 0) -> nbformat.NotebookNode:
    """The blank chapter-1 exercises with the prelude and ``attack`` inserted after the imports.

    Parameters
    ----------
    attack
        The attack; its code becomes one cell (or several, separated by lines ``# %% cell``).
    port
        Port of the loopback listener, for attacks that use it.

    Returns
    -------
    nbformat.NotebookNode
        A new notebook; every answer cell keeps its blank answer and ends with
        ``globals().update(_adv)``.
    """
    nb = blank()
    at = next(i for i, c in enumerate(nb.cells)
              if c.cell_type == "code" and "scaling_helpers.course.check import" in c.source) + 1
    parts = [fill(PRELUDE, mark=attack.mark, port=port)]
    parts += [fill(p, mark=attack.mark, port=port) for p in attack.code.split("# %% cell\n")]
    nb.cells[at:at] = [nbformat.v4.new_code_cell(p) for p in parts]
    for cell in nb.cells:
        if (cell.get("metadata", {}).get("scaling_helpers") or {}).get("role") == "answer":
            cell.source = cell.source.rstrip() + "\nglobals().update(_adv)"
    return nb


# --- the grader -----------------------------------------------------------------------------

@dataclass
class GraderRun:
    """One run of ``python -m scaling_helpers.grade``."""

    returncode: int | None
    """Exit status; ``None`` if it had to be killed."""
    stdout: str
    """What it printed."""
    stderr: str
    """Its error stream."""
    seconds: float
    """Wall time."""

    @property
    def output(self) -> str:
        """stdout and stderr, shortened for assertion messages."""
        text = (self.stdout + "\n" + self.stderr).strip()
        return text if len(text) < 4000 else text[:2000] + "\n...\n" + text[-2000:]


def grader_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The grader's environment: ours without test/grader variables, HOME a canary folder.

    Parameters
    ----------
    home
        The folder the grader sees as HOME (see :func:`canary_home`).
    extra
        More variables, e.g. ``SCALING_HELPERS_BWRAP``.

    Returns
    -------
    dict
        The environment; ``ADV_GRADER_TOKEN`` marks the grader's processes for the attack that
        kills python processes, so it can never hit anyone else's.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCALING_HELPERS_", "PYTEST_"))}
    env.update({"HOME": str(home), "ADV_GRADER_TOKEN": TOKEN})
    env.update(extra or {})
    return env


def run_grader(args: list[str], *, home: Path, timeout: float,
               extra_env: dict[str, str] | None = None) -> GraderRun:
    """Run the grader's command line in its own session; kill its process group if it hangs.

    Parameters
    ----------
    args
        Arguments after ``python -m scaling_helpers.grade``.
    home
        HOME for the grader (a canary folder).
    timeout
        Seconds before the grader is killed (then ``returncode`` is ``None``).
    extra_env
        Extra environment variables.

    Returns
    -------
    GraderRun
        Exit status, output and wall time.
    """
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "scaling_helpers.grade", *args], cwd=ROOT,
                            env=grader_env(home, extra_env), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        out, err = proc.communicate()
        code = None
    return GraderRun(code, out, err, time.monotonic() - t0)


def require_bwrap() -> None:
    """Fail (never skip) when bubblewrap is missing: graded mode cannot be tested without it."""
    if shutil.which("bwrap") is None:
        pytest.fail("bubblewrap (bwrap) is not installed, so the sandboxed grader cannot be tested. "
                    "Install it (apt-get install bubblewrap); CI does.", pytrace=False)


def load_class(csv_path: Path, json_dir: Path) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, Any]]]:
    """CSV rows and JSON reports of a class run, by submission folder name.

    Parameters
    ----------
    csv_path
        The ``--csv`` file.
    json_dir
        The ``--json-dir`` folder.

    Returns
    -------
    tuple
        ``(rows, reports)``, both keyed by the name of the folder holding each submission.
    """
    rows: dict[str, dict[str, str]] = {}
    reports: dict[str, dict[str, Any]] = {}
    if csv_path.is_file():
        with csv_path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                rows[Path(row["submission"]).parent.name] = row
    if json_dir.is_dir():
        for p in sorted(json_dir.glob("*.json")):
            rep = json.loads(p.read_text(encoding="utf-8"))
            reports[Path(rep["submission"]).parent.name] = rep
    return rows, reports


# --- what must not change ---------------------------------------------------------------------

def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digests(root: Path, *, skip: tuple[str, ...] = ("__pycache__",)) -> dict[str, str]:
    """Relative path -> content hash of every file and folder below ``root``.

    Parameters
    ----------
    root
        A folder (or a single file).
    skip
        Folder names not descended into (``__pycache__`` is rewritten by ordinary imports).

    Returns
    -------
    dict
        ``"dir"`` for folders, ``"link:<target>"`` for symbolic links, a SHA-256 for files.
    """
    if root.is_file():
        return {".": _sha(root)}
    out: dict[str, str] = {}
    if not root.exists():
        return out
    for top, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in dirs + files:
            p = Path(top, name)
            rel = str(p.relative_to(root))
            if p.is_symlink():
                out[rel] = f"link:{os.readlink(p)}"
            elif p.is_dir():
                out[rel] = "dir"
            else:
                try:
                    out[rel] = _sha(p)
                except OSError as exc:
                    out[rel] = f"unreadable: {exc.strerror}"
    return out


def site_listing() -> dict[str, str]:
    """Top-level entries of site-packages, with the content hash of every ``.pth`` file."""
    out: dict[str, str] = {}
    for d in SITE_DIRS:
        for name in sorted(os.listdir(d)):
            p = d / name
            out[str(p)] = _sha(p) if name.endswith(".pth") and p.is_file() else "entry"
    return out


def diff(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """What changed between two :func:`digests`, one line per path."""
    lines = [f"deleted {k}" for k in before if k not in after]
    lines += [f"created {k}" for k in after if k not in before]
    lines += [f"changed {k}" for k in before if k in after and before[k] != after[k]]
    return sorted(lines)


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Relative path -> content of every file below ``root`` (small trees, to undo damage)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def restore(root: Path, saved: dict[str, bytes], *, deleted_too: bool) -> list[str]:
    """Undo what the attacks did below ``root``: only changes that carry :data:`TOKEN`.

    Someone may be editing the same tree meanwhile, so a change without the token is left
    alone (it is still reported as a failure by the tests that compare digests).

    Parameters
    ----------
    root
        The tree.
    saved
        Its :func:`tree_bytes` from before the attacks.
    deleted_too
        Also recreate files that disappeared (for the solutions, which attacks delete).

    Returns
    -------
    list of str
        What was undone.
    """
    undone = []
    for p in root.rglob("*"):
        if not p.is_file() or "__pycache__" in p.parts:
            continue
        rel = str(p.relative_to(root))
        try:
            data = p.read_bytes()
        except OSError:
            continue
        if TOKEN.encode() not in data and TOKEN not in rel:
            continue
        if rel in saved:
            p.write_bytes(saved[rel])
            undone.append(f"restored {p}")
        else:
            p.unlink()
            undone.append(f"removed {p}")
    if deleted_too:
        for rel, data in saved.items():
            p = root / rel
            if not p.exists():
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_bytes(data)
                undone.append(f"recreated {p}")
    return undone


def canary_home(path: Path) -> Path:
    """A HOME for the grader with canary files (a fake key, shell start-up file, config)."""
    files = {
        "canary.txt": f"canary {TOKEN}: the grader's home\n",
        ".bashrc": f"# canary {TOKEN}\n",
        ".config/canary.ini": f"[canary]\ntoken = {TOKEN}\n",
        ".ssh/id_canary": f"canary {TOKEN}: a private key\n",
        ".netrc": f"machine example.org login student password SECRET-{TOKEN}\n",
    }
    for rel, text in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text, encoding="utf-8")
    return path


def account_home() -> Path:
    """The home folder of this account according to the password database."""
    return Path(pwd.getpwuid(os.getuid()).pw_dir)


# --- answer keys (grader side: the tests may read them) --------------------------------------

def solution_keys() -> dict[str, Any]:
    """Exercise id -> key recorded in the chapter-1 solutions notebook."""
    nb = json.loads((SOLUTIONS / f"{STEM}.ipynb").read_text(encoding="utf-8"))
    keys: dict[str, Any] = {}
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            meta = (out.get("metadata") or {}).get("scaling_helpers") or {}
            if "key" in meta:
                keys[str(meta["exercise"])] = meta["key"]
    return keys


def key_strings(keys: dict[str, Any]) -> list[str]:
    """Distinctive renderings (4 and 5 significant digits) of the numeric keys, to find leaks."""
    flat: list[float] = []

    def walk(v: Any) -> None:
        if isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, (int, float)):
            flat.append(float(v))

    walk(list(keys.values()))
    out = set()
    for v in flat:
        for fmt in ("{:.4g}", "{:.5g}"):
            s = fmt.format(v)
            if len(s.replace("-", "").replace(".", "").lstrip("0")) >= 4:
                out.add(s)
    return sorted(out)


# --- processes ---------------------------------------------------------------------------------

def living_processes(marker: str) -> dict[int, str]:
    """Processes (not zombies) whose command line or name contains ``marker``."""
    out: dict[int, str] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == os.getpid():
            continue
        try:
            stat = (d / "stat").read_text()
            cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            comm = (d / "comm").read_text().strip()
        except OSError:
            continue
        if stat.rsplit(")", 1)[-1].split()[0] == "Z":
            continue
        if marker in cmd or marker in comm:
            out[int(d.name)] = f"{comm}: {cmd[:150]}"
    return out


def kill(pids: list[int]) -> None:
    """SIGKILL the given processes (started, through the attacks, by these tests)."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


@dataclass
class Monitor:
    """Samples /proc while the grader runs, for processes with given names (``/proc/PID/comm``,
    set by the bombs): the peak number alive at once, the peak resident memory of the largest
    one and the peak total resident memory of all of them.

    Attributes
    ----------
    names
        The process names to watch.
    interval
        Seconds between samples.
    """

    names: tuple[str, ...]
    interval: float = 0.5
    count: dict[str, int] = field(default_factory=dict)
    rss_max: dict[str, int] = field(default_factory=dict)
    rss_sum: dict[str, int] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def _sample(self) -> None:
        n = dict.fromkeys(self.names, 0)
        rss = {name: [0] for name in self.names}
        for d in Path("/proc").iterdir():
            if not d.name.isdigit():
                continue
            try:
                comm = (d / "comm").read_text().strip()
                if comm not in n:
                    continue
                n[comm] += 1
                for line in (d / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        rss[comm].append(int(line.split()[1]) * 1024)
            except (OSError, ValueError):
                continue
        for name in self.names:
            self.count[name] = max(self.count.get(name, 0), n[name])
            self.rss_max[name] = max(self.rss_max.get(name, 0), max(rss[name]))
            self.rss_sum[name] = max(self.rss_sum.get(name, 0), sum(rss[name]))

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> Monitor:
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(10)


@dataclass
class Listener:
    """A TCP listener on the host's loopback that records every connection it gets."""

    connections: list[bytes] = field(default_factory=list)
    port: int = 0
    _sock: socket.socket | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def _loop(self) -> None:
        assert self._sock is not None
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(2)
                try:
                    self.connections.append(conn.recv(4096))
                except OSError:
                    self.connections.append(b"")

    def __enter__(self) -> Listener:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.5)
        self.port = self._sock.getsockname()[1]
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(5)
        if self._sock:
            self._sock.close()


def malformed_files() -> dict[str, bytes]:
    """Submissions that are not readable notebooks (or barely): name -> file content."""
    nb = blank()
    text = json.dumps(nb)
    data = json.loads(text)
    no_source = json.loads(text)
    del no_source["cells"][cell_index(nb, "check", "1.1")]["source"]
    bad_source = json.loads(text)
    bad_source["cells"][cell_index(nb, "answer", "1.1")]["source"] = [1, None, {"x": 2}]
    return {
        "nested-json": b'{"cells": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
        "check-without-source": json.dumps(no_source).encode(),
        "source-not-strings": json.dumps(bad_source).encode(),
        "invalid-utf8": text.replace("YOUR ANSWER HERE", "YOUR \udcff ANSWER", 1).encode("utf-8", "surrogateescape"),
        "whitespace-only": b"  \n\t\n",
        "cells-not-a-list": json.dumps({**data, "cells": {"0": data["cells"][0]}}).encode(),
        "zero-bytes": b"",
    }
