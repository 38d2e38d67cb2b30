"""A real browser: JupyterLab in headless Chromium runs chapter 1 and answers widgets."""

from __future__ import annotations

import os

import nbformat
import pytest

from scaling_helpers.quizzes import get as get_quiz

from ..conftest import ROOT
from .lab import CHROMIUM, CHROMIUM_ARGS, jupyterlab

pytestmark = pytest.mark.browser

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("Debian chromium is not installed (.ci/run installs it)", allow_module_level=True)

ARTIFACTS = ROOT / "test-artifacts" / "browser"


def _run_all(page) -> None:
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    dialog = page.locator(".jp-Dialog button.jp-mod-accept")
    try:  # JupyterLab may ask which kernel to start: accept the notebook's own (Python 3)
        dialog.wait_for(timeout=5_000)
        dialog.click()
    except Exception:  # noqa: BLE001 - no dialog is the usual case
        pass
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    page.wait_for_timeout(1500)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)


def test_chapter1_runs_and_quick_check_answers(tmp_path):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with jupyterlab(ROOT, tmp_path) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/lab/tree/notebooks/01_power_laws.ipynb")
        _run_all(page)
        # every cell ran without an error output
        outputs = page.locator(".jp-OutputArea-output")
        assert outputs.count() > 10
        assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        # the first quick check (quiz "1.a"): pick the right answer, press Check, read the verdict
        first = get_quiz("1.a")
        right = first.options[first.answer]
        wrong = next(o for i, o in enumerate(first.options) if i != first.answer)
        quiz = page.locator(".jp-OutputArea-output .quick-check").first
        quiz.scroll_into_view_if_needed()
        quiz.get_by_text(right.text, exact=True).click()
        quiz.get_by_role("button", name="Check").click()
        verdict = quiz.locator(".quick-check-verdict")
        verdict.get_by_text("Correct").wait_for(timeout=10_000)
        assert right.feedback in verdict.inner_text()
        # a wrong answer gets its own explanation
        quiz.get_by_text(wrong.text, exact=True).click()
        quiz.get_by_role("button", name="Check").click()
        verdict.get_by_text("Not quite").wait_for(timeout=10_000)
        assert wrong.feedback in verdict.inner_text()
        # the slider explorer rendered its image
        assert page.locator(".law-explorer img").count() == 1
        quiz.screenshot(path=str(ARTIFACTS / "chapter01_quick_check.png"))
        page.screenshot(path=str(ARTIFACTS / "chapter01.png"))
        browser.close()


def test_exercise_check_widget_in_the_browser(tmp_path):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with jupyterlab(ROOT, tmp_path) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/lab/tree/exercises/01_power_laws.ipynb")
        _run_all(page)
        verdicts = page.locator(".jp-OutputArea-output .scaling-verdict")
        verdicts.first.wait_for(timeout=20_000)
        # Run All reaches every check cell of the blank copy (no answer cell stops it with an error)
        blank = nbformat.read(ROOT / "exercises" / "01_power_laws.ipynb", as_version=4)
        checks = sum(1 for c in blank.cells if c.cell_type == "code" and c.source.startswith("check(")
                     and ".w" not in c.source)  # written answers show a rubric panel, not a verdict
        page.wait_for_function(f"() => document.querySelectorAll('.jp-OutputArea-output .scaling-verdict').length "
                               f">= {checks}", timeout=60_000)
        assert verdicts.count() == checks
        first = verdicts.first
        assert first.get_attribute("data-status") == "not yet"
        assert "ratio_10x has no answer yet" in first.inner_text()
        first.screenshot(path=str(ARTIFACTS / "exercise_verdict.png"))
        browser.close()
