"""Module 0, 00-welcome: what is special to this lesson (tests/lessons/test_lessons_graded.py grades it for real)."""
import nbformat
from nbgrader.utils import is_grade

from course.curriculum import load_curriculum
from tests.helpers import REPO

LESSON = "00-welcome"
NOTEBOOK = f"{LESSON}.ipynb"


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
