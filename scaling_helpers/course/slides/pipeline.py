"""The slides-and-handouts pipeline, declared in order.

notebooks/NN.ipynb --check widget state (or --execute a copy)
notebooks/NN.ipynb --copy--> strip test markers --> rewrite links --> skip setup cell --> hide quiz source --> split cells
                   --> assign slides
                   --reveal.js exporter--> localise assets --> add course CSS --> slide maths --> check offline
                   --> <site>/slides/NN.slides.html
notebooks/NN.ipynb --copy--> strip test markers --> rewrite links --lab HTML exporter--> localise assets --> add course CSS
                   --> check offline
                   --> <site>/handouts/NN.html
exercises/NN.ipynb --copy--> <site>/exercises/NN.ipynb (the lectures' "exercises" links resolve there)
npm registry --npm pack (once, user cache)--> <site>/assets/...;  all pages --> <site>/index.html

The notebooks are read, never written: every transform works on a copy.
"""

from __future__ import annotations

import copy
import functools
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from .add_course_css import add_course_css, write_css
from .assign_slides import assign_slides
from .check_offline import check_offline
from .export import handout_exporter, slides_exporter
from .hide_quiz_source import hide_quiz_source
from .index_page import Entry, write_index
from .localise_assets import localise_assets
from .npm_assets import copy_assets
from .rewrite_links import rewrite_links_handout, rewrite_links_slides
from .skip_setup import skip_setup
from .slide_maths import slide_maths
from .split_cells import split_cells
from .strip_test_markers import strip_test_markers
from .widget_state_check import check_widget_state

__all__ = ["SLIDE_STEPS", "HANDOUT_STEPS", "SLIDE_HTML_STEPS", "HANDOUT_HTML_STEPS", "slide_copy",
           "handout_copy", "lecture_notebooks", "chapter_title", "build_site", "SiteReport"]

NotebookStep = Callable[[Any], Any]
HtmlStep = Callable[[str], str]

#: Notebook transforms for a slide deck, in order.
SLIDE_STEPS: tuple[NotebookStep, ...] = (
    # 1. nbval's comments are noise on a slide; strip them first so that sizes are measured without them.
    strip_test_markers,
    # 2. links to sibling lectures point at their decks (exercise links resolve to the copied notebooks).
    rewrite_links_slides,
    # 3. mark the import cell "skip" before slides are chosen, so it takes no room on the title slide
    #    and counts as a choice already made.
    skip_setup,
    # 4. a quick check's widget repeats what its cell builds: show the widget only.
    #    Before sizing, so that the hidden code takes no room.
    hide_quiz_source,
    # 5. split at inner headings and between paragraphs of long cells: slides are chosen per cell,
    #    so a heading must begin a cell and no cell may be longer than a slide. After 2 and 3, so
    #    that a text cell leaves room for the (visible part of the) code it introduces.
    split_cells,
    # 6. choose slide / sub-slide / continue for every cell without authored metadata.
    assign_slides,
)
#: Notebook transforms for a handout (the whole notebook on one page).
HANDOUT_STEPS: tuple[NotebookStep, ...] = (strip_test_markers, rewrite_links_handout)

#: HTML transforms for a deck, in order.
SLIDE_HTML_STEPS: tuple[HtmlStep, ...] = (
    # 1. whatever the exporters' options could not point at assets/ (and the Mermaid loader).
    localise_assets,
    # 2. the course style sheet is local by construction, so it is added after step 1.
    functools.partial(add_course_css, kind="slides"),
    # 3. formulas typeset in hidden slides would break after every symbol, and the template's fix
    #    (re-typeset on each slide change) doubles them on a slow machine: typeset once, unbroken.
    slide_maths,
    # 4. last: nothing that an earlier step added goes unchecked.
    check_offline,
)
#: HTML transforms for a handout: the same, with the handout style sheet.
HANDOUT_HTML_STEPS: tuple[HtmlStep, ...] = (localise_assets, functools.partial(add_course_css, kind="handout"),
                                            check_offline)

_STEM_RE = re.compile(r"^\d\d_[A-Za-z0-9_]+$")


def slide_copy(nb: Any) -> Any:
    """The slide version of a lecture notebook (a transformed deep copy)."""
    out = copy.deepcopy(nb)
    for step in SLIDE_STEPS:
        out = step(out)
    return out


def handout_copy(nb: Any) -> Any:
    """The handout version of a lecture notebook (a transformed deep copy)."""
    out = copy.deepcopy(nb)
    for step in HANDOUT_STEPS:
        out = step(out)
    return out


def lecture_notebooks(root: Path) -> dict[str, Path]:
    """Chapter stem -> ``notebooks/NN_topic.ipynb`` for every lecture notebook under ``root``."""
    return {p.stem: p for p in sorted((root / "notebooks").glob("*.ipynb")) if _STEM_RE.match(p.stem)}


def chapter_title(nb: Any, stem: str) -> str:
    """The text of the first ``# `` heading, else the stem."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return stem


@dataclass
class SiteReport:
    """What :func:`build_site` wrote, and how long each page took (seconds)."""

    site: Path
    pages: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0


def _export(exporter: Any, nb: Any, path: Path, title: str, html_steps: tuple[HtmlStep, ...]) -> str:
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title, "path": str(path.parent)}})
    for step in html_steps:
        try:
            html = step(html)
        except ValueError as exc:
            raise type(exc)(f"{path}: {exc}") from exc
    return html


def _lecture(path: Path, stem: str, execute: bool) -> Any:
    """The lecture notebook, with its widget state checked, or re-executed (a copy; the file is not written)."""
    nb = nbformat.read(path, as_version=4)
    if execute:
        from ..build.execute import execute as run

        return run(nb, path.parent)
    return check_widget_state(nb, stem)


def build_site(root: Path, out: Path, stems: list[str] | None = None,
               log: Callable[[str], None] = lambda _msg: None, *, execute: bool = False) -> SiteReport:
    """Write ``out/slides/NN.slides.html``, ``out/handouts/NN.html``, ``out/exercises/NN.ipynb``,
    ``out/assets/`` and ``out/index.html``.

    With ``execute``, each lecture is run first (a copy, in memory), so that its widgets have state even
    if the notebook was last saved from JupyterLab; without it, such a notebook is an error that says so.

    Raises
    ------
    MissingWidgetState
        If a lecture shows widget views whose state was not saved (and ``execute`` is false).
    KeyError
        For a stem with no lecture notebook.
    AssetsUnavailable, OfflineError
        If the local JavaScript cannot be had, or a page would still need the network.
    """
    start = time.perf_counter()
    notebooks = lecture_notebooks(root)
    stems = list(notebooks) if not stems else stems
    unknown = [s for s in stems if s not in notebooks]
    if unknown:
        raise KeyError(f"no lecture notebook for {', '.join(unknown)}; known: {', '.join(notebooks)}")
    # Every lecture is read (and checked or executed) before anything is written: a lost widget state
    # stops the build at once, with the fix, instead of after minutes of exporting.
    lectures = {stem: _lecture(notebooks[stem], stem, execute) for stem in stems}
    report = SiteReport(site=out)
    assets = out / "assets"
    t = time.perf_counter()
    report.pages += copy_assets(assets)
    report.pages += write_css(assets)
    report.seconds["assets"] = time.perf_counter() - t
    log(f"assets -> {assets} ({report.seconds['assets']:.1f} s)")
    slides, handouts = slides_exporter(), handout_exporter()
    for stem in stems:
        t = time.perf_counter()
        path = notebooks[stem]
        nb = lectures[stem]
        title = chapter_title(nb, stem)
        for sub, name, exporter, make_copy, steps in (
                ("slides", f"{stem}.slides.html", slides, slide_copy, SLIDE_HTML_STEPS),
                ("handouts", f"{stem}.html", handouts, handout_copy, HANDOUT_HTML_STEPS)):
            target = out / sub / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_export(exporter, make_copy(nb), path, title, steps), encoding="utf-8")
            report.pages.append(target)
        report.seconds[stem] = time.perf_counter() - t
        log(f"{stem}: slides/{stem}.slides.html, handouts/{stem}.html ({report.seconds[stem]:.1f} s)")
    for stem in stems:
        exercise = root / "exercises" / f"{stem}.ipynb"
        if exercise.is_file():
            target = out / "exercises" / exercise.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(exercise, target)
            report.pages.append(target)
    entries = [Entry(stem, chapter_title(nbformat.read(p, as_version=4), stem)) for stem, p in notebooks.items()
               if (out / "slides" / f"{stem}.slides.html").exists() or (out / "handouts" / f"{stem}.html").exists()]
    report.pages.append(write_index(entries, out))
    report.total_seconds = time.perf_counter() - start
    return report
