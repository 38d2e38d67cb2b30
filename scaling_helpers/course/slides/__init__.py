"""Offline slides and handouts: ``python -m scaling_helpers.slides [--out _site] [CHAPTER ...]``.

Every lecture notebook becomes a reveal.js deck (``_site/slides/NN_topic.slides.html``) and a
one-page HTML handout (``_site/handouts/NN_topic.html``) that work without internet: reveal.js,
require.js, jQuery, MathJax and the widget renderer are copied into ``_site/assets/`` from a
user cache filled once from the npm registry (see :mod:`.npm_assets`), and saved widget views
render from the state stored in the notebooks. Slides are chosen at export time by transforms
on a copy (see :mod:`.pipeline`); the notebooks are never written.
"""

from __future__ import annotations

from .npm_assets import AssetsUnavailable
from .pipeline import build_site, handout_copy, slide_copy

__all__ = ["build_site", "slide_copy", "handout_copy", "AssetsUnavailable", "main"]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status (0 ok, 1 not offline, 2 bad chapter, 3 missing
    npm/assets, 4 a lecture whose widget state was not saved)."""
    import argparse
    import sys
    from pathlib import Path

    from .localise_assets import OfflineError
    from .npm_assets import ensure_packages, js_cache
    from .widget_state_check import MissingWidgetState

    p = argparse.ArgumentParser(prog="python -m scaling_helpers.slides",
                                description="Build offline reveal.js slides and HTML handouts of the lecture "
                                            "notebooks, with an index page.")
    p.add_argument("chapters", nargs="*", metavar="CHAPTER",
                   help="lecture stems such as 01_power_laws (default: every notebooks/NN_*.ipynb)")
    p.add_argument("--out", type=Path, default=Path("_site"), help="output folder (default: _site)")
    p.add_argument("--root", type=Path, default=Path.cwd(), help="course root (default: current folder)")
    p.add_argument("--fetch-only", action="store_true",
                   help="only fill the JavaScript cache from the npm registry (for CI caches), build nothing")
    p.add_argument("--execute", action="store_true",
                   help="run each lecture (a copy; the notebook is not written) before exporting, so that widgets "
                        "have state even if the notebook was last saved from JupyterLab")
    args = p.parse_args(argv)
    try:
        if args.fetch_only:
            print(f"JavaScript cache: {ensure_packages()}")
            return 0
        report = build_site(args.root, args.out, args.chapters or None, log=print, execute=args.execute)
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    except AssetsUnavailable as exc:
        print(f"error: {exc}\n(cache: {js_cache()})", file=sys.stderr)
        return 3
    except MissingWidgetState as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 4
    except OfflineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    n = sum(1 for page in report.pages if page.suffix == ".html" and page.parent.name in ("slides", "handouts"))
    print(f"wrote {n} pages and {args.out / 'index.html'} in {report.total_seconds:.1f} s")
    return 0
