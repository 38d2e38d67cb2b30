"""A real browser: a built slide deck and handout open from disk in headless Chromium, with no network."""

from __future__ import annotations

import os
import shutil

import pytest

from scaling_helpers.course.slides import npm_assets
from scaling_helpers.course.slides.pipeline import build_site

from ..conftest import ROOT
from .lab import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("Debian chromium is not installed (.ci/run installs it)", allow_module_level=True)
if shutil.which("npm") is None and not os.environ.get("CI"):
    pytest.skip("npm is not installed: the slides' JavaScript comes from the npm registry", allow_module_level=True)

ARTIFACTS = ROOT / "test-artifacts" / "browser"
STEM = "01_power_laws"
REVEAL = "../assets/" + npm_assets.URLS["reveal"] + "/dist/reveal.js"  # the module id the deck loads
MATHJAX_IDLE = "() => MathJax.Hub.queue.pending === 0 && MathJax.Hub.queue.running === 0"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("slides")
    shutil.copytree(ROOT / "notebooks", work / "notebooks")  # a snapshot: other work may edit notebooks/
    build_site(work, work / "site", [STEM])
    return work / "site"


class Offline:
    """Route every request: files and data URLs load, anything else is recorded and refused."""

    def __init__(self, page) -> None:
        self.remote: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file://", "data:", "blob:")):
            route.continue_()
        else:
            self.remote.append(url)
            route.abort()

    def check(self) -> None:
        assert self.remote == [], f"requests left the machine: {self.remote}"
        assert self.failed == [], f"local files failed to load: {self.failed}"
        assert self.errors == [], f"script errors: {self.errors}"


def test_slide_deck_runs_reveal_offline(site):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        net = Offline(page)
        page.goto((site / "slides" / f"{STEM}.slides.html").as_uri())
        # reveal.js is loaded by require.js (no global): fetch the same module and wait until it is ready
        page.wait_for_function(f"() => window.require && require.defined && require.defined('{REVEAL}')",
                               timeout=60_000)
        page.evaluate(f"() => {{ window.Reveal = require('{REVEAL}'); }}")
        page.wait_for_function("() => Reveal.isReady()", timeout=30_000)
        assert page.locator(".reveal .slides section").count() > 3
        assert page.evaluate("() => Reveal.getTotalSlides()") > 3
        assert page.evaluate("() => Reveal.getIndices().h") == 0
        assert "Power laws" in page.evaluate("() => Reveal.getCurrentSlide().innerText")
        # the saved widget views rendered with the local widget manager
        page.locator(".reveal .jupyter-widgets").first.wait_for(state="attached", timeout=30_000)
        # next slide, as a lecturer would
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => Reveal.getIndices().h === 1", timeout=10_000)
        page.wait_for_function("() => Reveal.getCurrentSlide().querySelector('.MathJax_CHTML') !== null",
                               timeout=30_000)  # maths typeset by the local MathJax
        current = page.evaluate("() => Reveal.getCurrentSlide().innerText")
        assert "A power law is a straight line" in current
        page.wait_for_function(MATHJAX_IDLE, timeout=30_000)
        # each formula typeset once (nbconvert's per-slide re-typesetting doubled them; see slide_maths)
        typeset, formulas = page.evaluate("""() => { const s = Reveal.getCurrentSlide();
            return [s.querySelectorAll('.MathJax_CHTML').length, s.querySelectorAll('script[type^="math/tex"]').length]; }""")
        assert typeset == formulas > 0
        page.wait_for_timeout(1200)  # let the slide transition finish before the picture
        page.wait_for_function(MATHJAX_IDLE, timeout=30_000)  # the template re-typesets each new slide
        page.screenshot(path=str(ARTIFACTS / "slides.png"))
        # down into the section's continuation: the figure that the text introduces
        page.keyboard.press("ArrowDown")
        page.wait_for_function("() => Reveal.getIndices().v === 1", timeout=10_000)
        assert page.evaluate("() => Reveal.getCurrentSlide().querySelectorAll('img').length") >= 1
        page.wait_for_timeout(1200)
        page.wait_for_function(MATHJAX_IDLE, timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "slides_figure.png"))
        net.check()
        browser.close()


def test_handout_renders_saved_widget_views_offline(site):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        net = Offline(page)
        page.goto((site / "handouts" / f"{STEM}.html").as_uri())
        quiz = page.locator(".jp-OutputArea-output .quick-check").first
        quiz.wait_for(timeout=60_000)
        assert page.locator(".jupyter-widgets").count() > 5
        assert page.locator(".widget-html").count() >= 3  # the quick checks' question lines
        assert quiz.get_by_text("Two", exact=True).is_visible()  # the radio options of the saved view
        assert page.locator(".law-explorer img").count() == 1  # the explorer's saved image
        page.wait_for_function("() => document.querySelector('.MathJax_CHTML') !== null", timeout=30_000)
        page.wait_for_function(MATHJAX_IDLE, timeout=30_000)
        quiz.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "handout.png"))
        net.check()
        browser.close()
