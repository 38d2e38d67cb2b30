"""The sandbox a submission's kernel runs in: bubblewrap, resource limits, optional cgroups.

The grader treats the student's kernel as hostile. Each notebook's kernel is started inside
its own `bubblewrap <https://github.com/containers/bubblewrap>`_ sandbox (``bwrap``):

* its own user, PID, network, IPC, UTS and cgroup namespaces: no network at all (not even the
  host's loopback), it cannot see or signal the grader or other kernels, and everything it
  starts dies with it (``--die-with-parent``; the namespace's init is the kernel's parent);
* a read-only view of the system (``/usr``, ``/etc``, ``/lib``...), of the Python installation
  and of the course package, and nothing else of the host: not the solutions, not the
  grader's temporary folder, not other submissions, not the repository, not HOME;
* a private scratch folder (a size-limited tmpfs, also its HOME and working folder) holding
  only read-only copies of the data files a chapter needs; ``/tmp`` is a tmpfs too;
* resource limits set inside before the kernel starts: address space, processes, file size,
  CPU time, open files, no core files; when the grader may create cgroups (v1 or v2), a
  process and memory ceiling for the whole sandbox as well.

The kernel's sockets live in the scratch tmpfs; the grader reaches them through the
sandbox's root as the host sees it (``/proc/PID/root/...``), so no host folder is writable
from inside. The kernel talks to nbval over ZeroMQ IPC sockets, which cross mount namespaces
through that path but not network namespaces.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
import sysconfig
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["BWRAP_ENV", "Limits", "SandboxConfig", "SandboxUnavailable", "bwrap_argv", "find_bwrap",
           "make_cgroups", "remove_cgroups", "sandbox_child_pid", "SCRATCH", "CONN"]

#: Environment variable naming the ``bwrap`` executable (tests point it at a missing file).
BWRAP_ENV = "SCALING_HELPERS_BWRAP"
#: The kernel's scratch folder, HOME and working folder inside the sandbox.
SCRATCH = "/home/student"
#: Where the kernel's connection file and sockets live inside the sandbox.
CONN = "/run/kernel"


class SandboxUnavailable(RuntimeError):
    """No usable sandbox tool; the message says what to install."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission's kernel."""

    memory_mb: int = 3072
    """Address space of each process (``RLIMIT_AS``) and, with cgroups, memory of the whole sandbox."""
    processes: int = 64
    """Processes and threads (``RLIMIT_NPROC``; with cgroups, ``pids.max`` of the sandbox)."""
    file_mb: int = 64
    """Largest file it may write (``RLIMIT_FSIZE``)."""
    scratch_mb: int = 256
    """Size of the scratch tmpfs and of ``/tmp`` (each)."""
    cpu_seconds: int = 900
    """CPU time of each process (``RLIMIT_CPU``); the wall-clock limits are the grader's timeouts."""
    open_files: int = 256
    """Open file descriptors (``RLIMIT_NOFILE``)."""
    output_mb: int = 8
    """Output one cell may send back to the grader before the kernel is stopped."""


@dataclass
class SandboxConfig:
    """Everything the grader's nbval plugin needs to start sandboxed kernels (written as JSON)."""

    bwrap: str
    """Path of the ``bwrap`` executable."""
    python: str
    """The interpreter that runs the kernel (the grader's own)."""
    ro_binds: list[str]
    """Host folders made visible read-only at the same path (system, Python, course package)."""
    symlinks: dict[str, str] = field(default_factory=dict)
    """Top-level system paths that are symbolic links on the host (``/bin -> usr/bin``), recreated."""
    data_files: dict[str, str] = field(default_factory=dict)
    """Name inside the scratch ``data/`` folder -> host file, bound read-only."""
    env: dict[str, str] = field(default_factory=dict)
    """Environment of the kernel (everything else is cleared)."""
    limits: Limits = field(default_factory=Limits)
    """Resource limits."""
    mpl_cache: str = ""
    """A host folder holding matplotlib's prebuilt font cache (bound read-only into the scratch)."""
    cgroup_root: dict[str, str] = field(default_factory=dict)
    """Controller (``pids``, ``memory``) -> a writable cgroup folder under which each sandbox gets its own."""

    def write(self, path: Path) -> None:
        """Save as JSON."""
        path.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> SandboxConfig:
        """Load from :meth:`write`'s JSON."""
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        d["limits"] = Limits(**d.get("limits", {}))
        return cls(**d)


def find_bwrap() -> str:
    """The ``bwrap`` executable that works here, or :class:`SandboxUnavailable` saying what to do."""
    name = os.environ.get(BWRAP_ENV) or shutil.which("bwrap") or ""
    if not name or not os.access(name, os.X_OK):
        raise SandboxUnavailable(
            "the grader runs each submission in a bubblewrap sandbox, but 'bwrap' was not found. Install it "
            "(Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap) and grade again. "
            "Only for notebooks you trust (your own solutions), pass --no-sandbox.")
    return name


def _python_roots() -> list[str]:
    """Folders the interpreter and its packages need, deduplicated and outermost only."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        p = sysconfig.get_paths().get(key)
        if p:
            paths.add(p)
    real = os.path.realpath(sys.executable)
    paths.add(str(Path(real).parent.parent))
    return _outermost(p for p in paths if p and os.path.isdir(p))


def _outermost(paths: object) -> list[str]:
    out: list[str] = []
    for p in sorted({os.path.realpath(str(x)) for x in paths}, key=len):  # type: ignore[attr-defined]
        if not any(p == o or p.startswith(o.rstrip("/") + "/") for o in out):
            out.append(p)
    return sorted(out)


def package_root() -> str:
    """The folder of the installed ``scaling_helpers`` package (only it, not its checkout)."""
    import scaling_helpers

    return str(Path(scaling_helpers.__file__).resolve().parent)


def make_config(*, limits: Limits | None = None, data_files: dict[str, str] | None = None,
                mpl_cache: str = "") -> SandboxConfig:
    """A :class:`SandboxConfig` for this interpreter. Raises :class:`SandboxUnavailable`."""
    bwrap = find_bwrap()
    top = [d for d in ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32") if os.path.exists(d)]
    links = {d: os.readlink(d) for d in top if os.path.islink(d)}
    system = [d for d in top if d not in links]
    binds = system + [p for p in _python_roots() + [package_root()]
                      if not any(p == s or p.startswith(s + "/") for s in system)]
    env = {
        "HOME": SCRATCH, "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8", "IPYTHONDIR": f"{SCRATCH}/.ipython", "MPLCONFIGDIR": f"{SCRATCH}/.mpl",
        "MPLBACKEND": "Agg", "NO_COLOR": "1", "TERM": "dumb", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": "/tmp", "JUPYTER_PLATFORM_DIRS": "1",
    }
    if data_files:
        for name in data_files:
            if name == "chinchilla_points_epoch.csv":
                env["SCALING_LAWS_DATA"] = f"{SCRATCH}/data/{name}"
    env["PYTHONPATH"] = str(Path(package_root()).parent)  # only the package itself is visible there
    return SandboxConfig(bwrap=bwrap, python=sys.executable, ro_binds=_outermost(binds), symlinks=links,
                         data_files=dict(data_files or {}), env=env, limits=limits or Limits(),
                         mpl_cache=mpl_cache, cgroup_root=_cgroup_roots())


_LAUNCH = (
    "import os,resource,sys\n"
    "for k,v in {limits}:\n"
    "    try: resource.setrlimit(getattr(resource,k),(v,v))\n"
    "    except (ValueError,OSError): pass\n"
    "os.execv(sys.executable,[sys.executable,'-m','ipykernel_launcher','-f',sys.argv[1],"
    "'--InteractiveShell.colors=nocolor','--HistoryManager.enabled=False'])\n"
)


def bwrap_argv(cfg: SandboxConfig, *, cgroups: list[str] | None = None) -> list[str]:
    """The command that starts one sandboxed kernel; ``{connection_file}`` is its last argument."""
    lim = cfg.limits
    rl = [("RLIMIT_AS", lim.memory_mb << 20), ("RLIMIT_NPROC", lim.processes), ("RLIMIT_FSIZE", lim.file_mb << 20),
          ("RLIMIT_CPU", lim.cpu_seconds), ("RLIMIT_NOFILE", lim.open_files), ("RLIMIT_CORE", 0)]
    argv = [cfg.bwrap, "--unshare-all", "--unshare-user", "--uid", "1000", "--gid", "1000",
            "--hostname", "sandbox", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    # tmpfs mounts first: a bind below /tmp (a virtual environment there) must come after them
    argv += ["--proc", "/proc", "--dev", "/dev",
             "--size", str(lim.scratch_mb << 20), "--tmpfs", "/tmp",
             "--size", str(lim.scratch_mb << 20), "--tmpfs", SCRATCH,
             "--size", str(1 << 20), "--tmpfs", "/run", "--dir", CONN, "--dir", f"{SCRATCH}/.mpl"]
    for p in cfg.ro_binds:
        argv += ["--ro-bind", p, p]
    for link, target in sorted(cfg.symlinks.items()):
        argv += ["--symlink", target, link]
    for name, host in sorted(cfg.data_files.items()):
        argv += ["--ro-bind", host, f"{SCRATCH}/data/{name}"]
    if cfg.mpl_cache and os.path.isdir(cfg.mpl_cache):
        for f in sorted(os.listdir(cfg.mpl_cache)):
            if f.endswith(".json"):
                argv += ["--ro-bind", os.path.join(cfg.mpl_cache, f), f"{SCRATCH}/.mpl/{f}"]
    argv += ["--remount-ro", "/", "--chdir", SCRATCH, "--clearenv"]
    for k, v in sorted(cfg.env.items()):
        argv += ["--setenv", k, v]
    argv += ["--", cfg.python, "-I", "-c", _LAUNCH.format(limits=rl), "{connection_file}"]
    if cgroups:
        # Join the cgroups first (the shell writes its own pid), then become bwrap: no race.
        joins = "; ".join(f"echo $$ > {shlex.quote(os.path.join(c, 'cgroup.procs'))}" for c in cgroups)
        argv = ["/bin/sh", "-c", f"{joins}; exec \"$@\"", "sh", *argv]
    return argv


def sandbox_child_pid(outer: int, timeout: float = 10.0) -> int | None:
    """The host pid of bwrap's child (the sandbox's init), whose ``/proc/PID/root`` is the sandbox's root."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = _children(outer)
        if kids:
            # /bin/sh exec'd into bwrap keeps the pid; bwrap's first child is the sandbox
            return kids[0]
        time.sleep(0.005)
    return None


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(x) for x in text.split()]
    except (OSError, ValueError):
        pass
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(d))
            except (OSError, ValueError, IndexError):
                continue
    return sorted(out)


def _cgroup_roots() -> dict[str, str]:
    """Writable cgroup folders for the pids and memory controllers (empty when there are none)."""
    out: dict[str, str] = {}
    for ctl in ("pids", "memory"):
        base = Path("/sys/fs/cgroup") / ctl  # cgroup v1
        own = _own_cgroup(ctl)
        for cand in ([base / own.lstrip("/")] if own is not None else []) + [base]:
            probe = cand / f"scaling-probe-{uuid.uuid4().hex[:8]}"
            try:
                probe.mkdir()
                probe.rmdir()
            except OSError:
                continue
            out[ctl] = str(cand)
            break
    return out


def _own_cgroup(ctl: str) -> str | None:
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, ctls, path = line.split(":", 2)
            if ctl in ctls.split(","):
                return path
    except OSError:
        pass
    return None


def make_cgroups(cfg: SandboxConfig) -> list[str]:
    """One fresh cgroup per controller for one sandbox, limits written; empty if not possible."""
    made: list[str] = []
    name = f"scaling-grade-{uuid.uuid4().hex[:12]}"
    for ctl, root in cfg.cgroup_root.items():
        d = Path(root) / name
        try:
            d.mkdir()
            if ctl == "pids":
                (d / "pids.max").write_text(str(cfg.limits.processes * 2))
            elif ctl == "memory":
                limit = str(cfg.limits.memory_mb << 20)
                (d / "memory.limit_in_bytes").write_text(limit)
                try:
                    (d / "memory.memsw.limit_in_bytes").write_text(limit)
                except OSError:
                    pass
            made.append(str(d))
        except OSError:
            try:
                d.rmdir()
            except OSError:
                pass
    return made


def remove_cgroups(paths: list[str]) -> None:
    """Remove a sandbox's cgroups (after its processes are gone); never raises."""
    for p in paths:
        for _ in range(50):
            try:
                os.rmdir(p)
                break
            except FileNotFoundError:
                break
            except OSError:
                try:
                    for pid in Path(p, "cgroup.procs").read_text().split():
                        os.kill(int(pid), 9)
                except (OSError, ValueError):
                    pass
                time.sleep(0.02)
