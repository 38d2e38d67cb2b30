"""check() for written answers (one fixed line, model answer only after enough saved words) and the
second hint from the third wrong attempt on."""

from __future__ import annotations

import dataclasses
from importlib import import_module

import nbformat
import pytest

from scaling_helpers.course import check as checker
from scaling_helpers.course import specs
from scaling_helpers.course.check import check, evaluate
from scaling_helpers.course.check.keys import load_keys
from scaling_helpers.course.check.written import answer_text, count_words, placeholder
from scaling_helpers.course.check.written_panel import RELEASED_LATER, WrittenPanel, reveal

from ..conftest import EXERCISES, SOLUTIONS
from .writtenkit import MODEL, STEM, add_written

KEY = load_keys(STEM)["1.1"]
WRONG = (KEY * 1.5, KEY * 2, KEY * 3, KEY * 4)
LINE = "[1.w9] written answer: marked by your instructor with a rubric (3 points)"


@pytest.fixture
def shown(monkeypatch):
    """Everything check() displays, with its metadata."""
    out: list[tuple[object, dict]] = []
    monkeypatch.setattr(checker, "_display", lambda v, meta: out.append((v, meta)))
    return out


def test_words_and_placeholder(written_item):
    assert count_words("Taking logarithms: log y = log a - alpha log x, compute-optimal.") == 10
    assert count_words("") == 0
    text = placeholder(written_item)
    assert text == "*Write your answer here (12–60 words).*"
    assert answer_text(text) == ""
    assert answer_text(text + "\n\nMy answer here.") == "My answer here."
    assert answer_text(["a ", "b"]) == "a b"


@pytest.mark.parametrize("recording", ["0", "1"])
def test_written_check_prints_one_fixed_line_and_emits_no_answer(written_item, shown, monkeypatch, recording):
    monkeypatch.setenv("SCALING_HELPERS_RECORD", recording)
    for value in ("anything", None, 3.0):
        check("1.w9", value)
    lines = {v.line for v, _ in shown}
    assert lines == {LINE}
    for _, meta in shown:
        assert meta == {"scaling_helpers": {"exercise": "1.w9"}}
    assert evaluate("1.w9").line == LINE
    assert MODEL not in LINE


def test_panel_bundle_has_the_line_and_never_the_model_answer(written_item, tmp_path, monkeypatch):
    sol = tmp_path / "solutions"
    sol.mkdir()
    nbformat.write(add_written(nbformat.read(SOLUTIONS / f"{STEM}.ipynb", as_version=4)), str(sol / f"{STEM}.ipynb"))
    monkeypatch.setenv("SCALING_HELPERS_SOLUTIONS", str(sol))
    bundle = WrittenPanel(written_item, STEM)._repr_mimebundle_()
    assert bundle["text/plain"] == LINE
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "text/html" not in bundle  # nbval compares text/html: nothing but the line may vary
    assert "names the logarithm of both sides" in WrittenPanel(written_item, STEM).rubric_html()


def _setup(tmp_path, monkeypatch, student_text: str | None, *, solutions: bool = True):
    sol = tmp_path / "private"
    sol.mkdir(parents=True)
    if solutions:
        nbformat.write(add_written(nbformat.read(SOLUTIONS / f"{STEM}.ipynb", as_version=4)), str(sol / f"{STEM}.ipynb"))
    monkeypatch.setenv("SCALING_HELPERS_SOLUTIONS", str(sol))
    work = tmp_path / "work"
    (work / "exercises").mkdir(parents=True)
    if student_text is not False:
        blank = add_written(nbformat.read(EXERCISES / f"{STEM}.ipynb", as_version=4), student_text)
        nbformat.write(blank, str(work / "exercises" / f"{STEM}.ipynb"))
    monkeypatch.chdir(work)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)


def test_model_answer_only_after_enough_saved_words(written_item, tmp_path, monkeypatch):
    _setup(tmp_path, monkeypatch, None)
    res = reveal(written_item, STEM)
    assert not res.shown and "at least 12 words and save the notebook first" in res.text and "has 0" in res.text
    _setup(tmp_path / "b", monkeypatch, "Too short to count: seven words here.")
    res = reveal(written_item, STEM)
    assert not res.shown and "has 7" in res.text and MODEL not in res.text
    _setup(tmp_path / "c", monkeypatch, " ".join(["word"] * 12))
    res = reveal(written_item, STEM)
    assert res.shown and res.text == MODEL


def test_saved_notebook_found_from_the_exercises_folder_or_the_session(written_item, tmp_path, monkeypatch):
    _setup(tmp_path, monkeypatch, " ".join(["word"] * 20))
    monkeypatch.chdir(tmp_path / "work" / "exercises")
    assert reveal(written_item, STEM).shown
    monkeypatch.chdir(tmp_path)
    assert not reveal(written_item, STEM).shown  # no exercises/ here: nothing saved to count
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "work" / "exercises" / f"{STEM}.ipynb"))
    assert reveal(written_item, STEM).shown


def test_without_solutions_the_model_answer_is_released_after_grading(written_item, tmp_path, monkeypatch):
    _setup(tmp_path, monkeypatch, " ".join(["word"] * 20), solutions=False)
    res = reveal(written_item, STEM)
    assert not res.shown and res.text == RELEASED_LATER


def test_unreadable_files_never_raise(written_item, tmp_path, monkeypatch):
    _setup(tmp_path, monkeypatch, False)
    (tmp_path / "work" / "exercises" / f"{STEM}.ipynb").write_text("{not json", encoding="utf-8")
    (tmp_path / "private" / f"{STEM}.ipynb").write_text("[]", encoding="utf-8")
    assert reveal(written_item, STEM).text == RELEASED_LATER


# ---- second hint ----


@pytest.fixture
def method_hint(monkeypatch):
    mod = import_module(f"{specs.__name__}.{specs.CHAPTERS[STEM]}")
    hint = "Take the ratio of the two losses; the constant cancels."
    exs = tuple(dataclasses.replace(e, method_hint=hint) if e.id == "1.1" else e for e in mod.EXERCISES)
    monkeypatch.setattr(mod, "EXERCISES", exs)
    checker.reset_attempts()
    yield hint
    checker.reset_attempts()


def test_second_hint_from_the_third_wrong_attempt_on(method_hint, shown):
    check("1.1", None)  # blank answers are not attempts
    check("1.1", ...)
    for wrong in WRONG:
        check("1.1", wrong)
    verdicts = [v for v, _ in shown]
    assert all(method_hint not in v.html() for v in verdicts[:4])
    assert all(method_hint in v.html() and "Second hint" in v.html() for v in verdicts[4:])
    # the plain line never carries a hint and is what it would be without the counter
    for v, wrong in zip(verdicts[2:], WRONG, strict=True):
        assert v.line == evaluate("1.1", wrong).line and method_hint not in v.line
    checker.reset_attempts()
    check("1.1", WRONG[0])
    assert method_hint not in shown[-1][0].html()


def test_correct_answers_do_not_count_and_no_second_hint_without_one(method_hint, shown, monkeypatch):
    right = evaluate("1.1", 10**-0.076)
    assert right.passed
    for _ in range(3):
        check("1.1", 10**-0.076)
    check("1.1", WRONG[0])
    assert method_hint not in shown[-1][0].html()
    # an exercise without a method hint shows only the first hint, however many attempts
    mod = import_module(f"{specs.__name__}.{specs.CHAPTERS[STEM]}")
    monkeypatch.setattr(mod, "EXERCISES", tuple(dataclasses.replace(e, method_hint="") for e in mod.EXERCISES))
    for _ in range(4):
        check("1.1", WRONG[0])
    assert "Second hint" not in shown[-1][0].html()


def test_the_button_shows_the_model_answer_only_when_allowed(written_item, tmp_path, monkeypatch):
    import IPython.display

    from scaling_helpers.course.check.written_panel import BUTTON

    shown_md: list[str] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **k: shown_md.append(obj.data))
    _setup(tmp_path, monkeypatch, "Too short.")
    box = WrittenPanel(written_item, STEM).widget()
    button = box.children[1]
    assert button.description == BUTTON
    button.click()
    assert "at least 12 words" in shown_md[-1] and MODEL not in shown_md[-1]
    _setup(tmp_path / "later", monkeypatch, " ".join(["word"] * 12))
    button.click()
    assert MODEL in shown_md[-1] and shown_md[-1].startswith("**Model answer.**")
    # without solutions there is no button, only the promise
    monkeypatch.setenv("SCALING_HELPERS_SOLUTIONS", str(tmp_path / "nowhere"))
    box = WrittenPanel(written_item, STEM).widget()
    assert len(box.children) == 2 and RELEASED_LATER in box.children[1].value
