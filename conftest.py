"""Test-session setup shared by unit tests and nbval.

Kernels started by nbval inherit this process's environment: give them their own Jupyter and
IPython folders (nothing is written to the user's home) and colourless tracebacks (no ANSI
codes in JUnit XML).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import settings

# Property tests are deterministic: the same examples on every run and machine, so a red run is reproducible.
settings.register_profile("course", derandomize=True, database=None, deadline=None)
settings.load_profile("course")

_tmp = Path(tempfile.mkdtemp(prefix="scaling-tests-"))
_ipy = _tmp / "ipython" / "profile_default"
_ipy.mkdir(parents=True)
for name in ("ipython_config.py", "ipython_kernel_config.py"):
    (_ipy / name).write_text("c.InteractiveShell.colors = 'nocolor'\n", encoding="utf-8")
os.environ.setdefault("IPYTHONDIR", str(_tmp / "ipython"))
os.environ.setdefault("JUPYTER_CONFIG_DIR", str(_tmp / "jupyter_config"))
os.environ.setdefault("JUPYTER_DATA_DIR", str(_tmp / "jupyter_data"))
os.environ.setdefault("JUPYTER_RUNTIME_DIR", str(_tmp / "jupyter_runtime"))
os.environ.setdefault("MPLCONFIGDIR", str(_tmp / "mpl"))
os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
for key in [k for k in os.environ if k.startswith("SCALING_HELPERS_")]:
    del os.environ[key]

# Tests that start a process with a private HOME (the grader's CLI, JupyterLab) would not find the Chinchilla
# runs in the user cache, where the README's set-up command puts them: name the file for every child process.
if "SCALING_LAWS_DATA" not in os.environ:
    from scaling_helpers.chinchilla.data import DataNotFoundError, find_chinchilla_csv

    try:
        os.environ["SCALING_LAWS_DATA"] = str(find_chinchilla_csv(download=False))
    except DataNotFoundError:
        pass  # chapter 3's tests say what is missing
