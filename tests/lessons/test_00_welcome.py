"""Module 0, 00-welcome: what is special to this lesson (tests/lessons/test_lessons_graded.py grades it for real)."""
import re

import nbformat
import pytest
import yaml
from nbgrader.utils import is_grade

from course.curriculum import load_curriculum
from tests.helpers import REPO

LESSON = "00-welcome"
NOTEBOOK = f"{LESSON}.ipynb"
BY_NAME = re.compile(r'(?P<kind>hints|predict|parsons)\("(?P<name>[\w-]+)"\)')


def test_the_curriculum_maps_every_graded_cell_to_this_module_s_competences():
    """Do the curriculum and the notebook agree, with the calculator as 3.4 (not 5.4) and Foundation levels only?"""
    curriculum = load_curriculum()
    nb = nbformat.read(REPO / "source" / LESSON / NOTEBOOK, as_version=4)
    graded = {cell.metadata["nbgrader"]["grade_id"] for cell in nb.cells if is_grade(cell)}
    evidence = [e for e in curriculum.evidence if e.lesson == LESSON]
    assert {e.exercise for e in evidence} == graded
    assert curriculum.lessons[0] == LESSON and curriculum.minutes[LESSON] == nb.metadata["codensocial"]["estimated_minutes"]
    in_notebook = {item["code"] for item in nb.metadata["codensocial"]["digcomp"]}
    assert {e.digcomp for e in evidence} == in_notebook == {"5.4", "3.4", "5.1"}
    by_cell = {e.exercise: e.digcomp for e in evidence}
    assert by_cell["m0-ex7-cost"] == by_cell["m0-ex2-days-check"] == "3.4" and by_cell["m0-reflection"] == "5.4"
    assert {e.level for e in evidence} == {1}


def released_text(nb) -> str:
    return "\n".join(cell.source for cell in nb.cells)


def test_binder_sessions_and_download_upload_are_explained():
    """Does lesson 00 say that Binder sessions end and lose work, and how to download and upload a notebook?"""
    text = released_text(nbformat.read(REPO / "source" / LESSON / NOTEBOOK, as_version=4))
    for words in ("Binder session ends after about 10 minutes without activity", "your work in Binder is lost",
                  "**File** menu", "**Download**", "**Upload**"):
        assert words in text


def test_no_praise_right_under_a_check_that_may_have_failed():
    """Is every markdown cell just after a self-check free of unconditional praise ("Well done!")?"""
    nb = nbformat.read(REPO / "source" / LESSON / NOTEBOOK, as_version=4)
    for before, after in zip(nb.cells, nb.cells[1:]):
        if is_grade(before) and before.cell_type == "code" and after.cell_type == "markdown":
            first = after.source.lstrip()
            assert not first.lower().startswith("well done"), after.source


def test_the_number_check_gives_advice_per_case():
    """Does the check of Exercise 1 use the whole-number check that tells 7.5, True and 1,000 apart?"""
    nb = nbformat.read(REPO / "source" / LESSON / NOTEBOOK, as_version=4)
    check = next(cell.source for cell in nb.cells if is_grade(cell) and "m0-ex1-number-check" in cell.source)
    assert 'c.whole_number("favourite_number")' in check and "number in quotes" not in check


MINE = ["00-welcome", "01-first-words", "02a-numbers", "02b-decisions"]


@pytest.mark.parametrize("lesson", MINE)
def test_hints_predict_and_parsons_are_called_by_name_from_lesson_data(lesson):
    """Is every hint, Predict and Parsons cell a call by name, with its data in lesson-data.yml and no answer shown?"""
    folder = REPO / "source" / lesson
    data = yaml.safe_load((folder / "lesson-data.yml").read_text(encoding="utf-8"))
    nb = nbformat.read(folder / f"{lesson}.ipynb", as_version=4)
    calls = [line for cell in nb.cells if cell.cell_type == "code" for line in cell.source.splitlines()
             if line.startswith(("hints(", "predict(", "parsons("))]
    assert calls
    for line in calls:
        match = BY_NAME.fullmatch(line)
        assert match, line
        section = {"hints": "hints", "predict": "predict", "parsons": "parsons"}[match["kind"]]
        assert match["name"] in data[section], line
    assert not any("answer=" in cell.source for cell in nb.cells if cell.cell_type == "code" and not is_grade(cell))


@pytest.mark.parametrize("lesson", MINE)
def test_hints_are_plain_text_without_markdown_bold(lesson):
    """Do hints avoid **bold**, which the hint widget shows as literal stars?"""
    data = yaml.safe_load((REPO / "source" / lesson / "lesson-data.yml").read_text(encoding="utf-8"))
    assert not [hint for hints in data["hints"].values() for hint in hints if "**" in hint]
