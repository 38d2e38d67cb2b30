"""Local copies of the JavaScript that slides and handouts load, fetched once from the npm registry.

nbconvert's templates load reveal.js, require.js, jQuery, MathJax and the widget renderer
(``@jupyter-widgets/html-manager``'s ``embed-amd.js``) from CDNs. A lecture hall may have no
internet, so the site ships its own copies: :func:`ensure_packages` runs the machine's ``npm pack``
(tarballs only, no dependency tree: every file we need is a prebuilt bundle) into a user cache,
and :func:`copy_assets` copies the few files each page needs into ``<site>/assets/``.

The versions are pinned. reveal.js 4.0.2 and MathJax 2.7.7 are the versions nbconvert 7's
templates name (``SlidesExporter.reveal_url_prefix``, ``HTMLExporter.mathjax_url``); the
html-manager is the 1.x line that renders ipywidgets 8 state (ipywidgets 8.1.9 names ``^1.0.1``); require.js
is the current 2.x (the templates name 2.1.10) and jQuery the current 3.x (the templates name
2.0.3; the reveal template's one ``$(...)`` call works unchanged).

The cache is ``$SCALING_LAWS_JS`` if set, else ``<user cache>/js`` (``~/.cache/scaling_laws_course/js``).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PACKAGES", "ENV_VAR", "AssetsUnavailable", "Asset", "ASSETS", "URLS", "js_cache",
           "ensure_packages", "copy_assets", "install_command"]

#: npm package -> pinned version.
PACKAGES: dict[str, str] = {
    "reveal.js": "4.0.2",
    "@jupyter-widgets/html-manager": "1.0.15",
    "requirejs": "2.3.7",
    "jquery": "3.7.1",
    "mathjax": "2.7.7",
}

ENV_VAR = "SCALING_LAWS_JS"


class AssetsUnavailable(RuntimeError):
    """npm or a package is missing; the message says what to install."""


@dataclass(frozen=True)
class Asset:
    """Files of one npm package copied into the site: ``patterns`` (globs in the package) -> ``dest``."""

    package: str
    dest: str
    patterns: tuple[str, ...]


#: What each page loads, and where it lands under ``<site>/assets/`` (folder structure inside a
#: package is kept, since reveal's theme and MathJax load further files relative to themselves).
ASSETS: tuple[Asset, ...] = (
    Asset("reveal.js", "reveal.js", ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css",
                                     "dist/theme/fonts/source-sans-pro/*", "plugin/notes/notes.js",
                                     "LICENSE")),
    Asset("requirejs", "requirejs", ("require.js", "package.json")),
    Asset("jquery", "jquery", ("dist/jquery.min.js", "LICENSE.txt")),
    # The renderer resolves its icon fonts relative to its own URL: keep them beside it.
    Asset("@jupyter-widgets/html-manager", "html-manager",
          ("dist/embed-amd.js", "dist/*.woff", "dist/*.woff2", "dist/*.ttf", "dist/*.eot", "dist/*.svg",
           "package.json")),
    # MathJax 2 loads its config, input/output jax, extensions and web fonts on demand: the files
    # that the TeX-AMS_CHTML-full configuration can ask for (CommonHTML output, woff fonts).
    Asset("mathjax", "mathjax", ("MathJax.js", "LICENSE", "config/TeX-AMS_CHTML-full.js", "config/Safe.js",
                                 "extensions/**/*",
                                 "jax/input/TeX/**/*", "jax/output/CommonHTML/**/*", "jax/element/**/*",
                                 "fonts/HTML-CSS/TeX/woff/**/*", "localization/en/**/*")),
)

#: URLs of the local copies, relative to ``<site>/assets/`` (the exporters prefix ``../assets/``).
URLS: dict[str, str] = {
    "reveal": "reveal.js",  # reveal_url_prefix: the template appends /dist/reveal.js etc.
    "require": "requirejs/require.js",
    "jquery": "jquery/dist/jquery.min.js",
    "widgets": "html-manager/dist/embed-amd.js",
    "mathjax": "mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
}


def js_cache() -> Path:
    """The folder holding the unpacked packages (``$SCALING_LAWS_JS`` or ``<user cache>/js``)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scaling_laws_course" / "js"


def _folder(cache: Path, name: str, version: str) -> Path:
    return cache / f"{name.replace('/', '+')}@{version}"


def install_command(cache: Path | None = None) -> str:
    """The shell command that fills the cache (printed in error messages)."""
    specs = " ".join(f"{n}@{v}" for n, v in PACKAGES.items())
    return f"python -m scaling_helpers.slides --fetch-only   # runs: npm pack {specs} (cache: {cache or js_cache()})"


@contextlib.contextmanager
def _locked(cache: Path) -> Iterator[None]:
    """One fetch at a time per cache (two test workers may build at once)."""
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _missing(cache: Path) -> dict[str, str]:
    return {n: v for n, v in PACKAGES.items() if not (_folder(cache, n, v) / ".complete").exists()}


def _npm_pack(specs: list[str], dest: Path) -> dict[str, Path]:
    """``npm pack`` each spec into ``dest``; return package name -> tarball."""
    npm = shutil.which("npm")
    if npm is None:
        raise AssetsUnavailable(
            "building offline slides needs local copies of reveal.js, require.js, jQuery, MathJax and the "
            "widget renderer, fetched once from the npm registry, but `npm` is not installed.\n"
            "Install it (Debian/Ubuntu: `apt-get install npm`; or Node.js from nodejs.org), then run\n  "
            + install_command()
            + f"\nor point {ENV_VAR} at a folder that already holds them.")
    try:
        proc = subprocess.run([npm, "pack", "--json", "--silent", "--pack-destination", str(dest), *specs],
                              capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=900)
    except subprocess.TimeoutExpired:
        raise AssetsUnavailable(f"`npm pack {' '.join(specs)}` did not finish in 15 minutes: is the npm "
                                "registry reachable?") from None
    if proc.returncode != 0:
        raise AssetsUnavailable(
            f"`npm pack {' '.join(specs)}` failed (exit {proc.returncode}); the npm registry must be reachable "
            f"once to fill the cache {dest.parent}:\n{(proc.stderr or proc.stdout)[-2000:]}")
    try:
        return {entry["name"]: dest / entry["filename"] for entry in json.loads(proc.stdout)}
    except (ValueError, KeyError, TypeError):
        raise AssetsUnavailable(f"could not read the output of `npm pack --json`:\n{proc.stdout[-2000:]}") from None


def _unpack(tgz: Path, target: Path) -> None:
    """Unpack an npm tarball (members under ``package/``) into ``target``, atomically."""
    tmp = Path(tempfile.mkdtemp(prefix=".unpack-", dir=target.parent))
    try:
        with tarfile.open(tgz) as tar:
            members = []
            for m in tar.getmembers():
                if not (m.isfile() or m.isdir()):
                    continue  # npm tarballs hold files only; skip links and devices
                parts = Path(m.name).parts
                if len(parts) < 2 or ".." in parts or Path(m.name).is_absolute():
                    continue
                m.name = str(Path(*parts[1:]))
                members.append(m)
            tar.extractall(tmp, members=members, filter="data")
        (tmp / ".complete").write_text(tgz.name + "\n")
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def ensure_packages(cache: Path | None = None) -> Path:
    """Make sure every pinned package is unpacked in the cache (fetching what is missing); return the cache.

    Raises
    ------
    AssetsUnavailable
        If npm is missing or the registry cannot be reached; the message says what to do.
    """
    cache = cache or js_cache()
    if not _missing(cache):
        return cache
    with _locked(cache):
        missing = _missing(cache)  # another process may have fetched them meanwhile
        if not missing:
            return cache
        with tempfile.TemporaryDirectory(prefix=".npm-pack-", dir=cache) as tmp:
            specs = [f"{n}@{v}" for n, v in missing.items()]
            tarballs = _npm_pack(specs, Path(tmp))
            for name, version in missing.items():
                tgz = tarballs.get(name)
                if tgz is None or not tgz.exists():
                    raise AssetsUnavailable(f"npm pack did not produce a tarball for {name}@{version}")
                _unpack(tgz, _folder(cache, name, version))
    return cache


def copy_assets(site_assets: Path, cache: Path | None = None) -> list[Path]:
    """Copy the files of :data:`ASSETS` into ``site_assets``; return the files written."""
    cache = ensure_packages(cache)
    written: list[Path] = []
    for asset in ASSETS:
        src_root = _folder(cache, asset.package, PACKAGES[asset.package])
        for pattern in asset.patterns:
            matches = [p for p in src_root.glob(pattern) if p.is_file()]
            if not matches:
                raise AssetsUnavailable(f"{asset.package}@{PACKAGES[asset.package]} in {src_root} has no file "
                                        f"matching {pattern!r}: delete that folder and build again")
            for src in matches:
                dst = site_assets / asset.dest / src.relative_to(src_root)
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
                written.append(dst)
    return written
