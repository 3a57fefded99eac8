"""A cohort in Spanish: the tiny lesson released from its PO file and graded by the kit, in Spanish."""
import shutil

import nbformat
import pytest

from course import i18n
from course.authoring.release import release
from course.grading.autograde import grade
from course.nbgrader_api import gradebook_for
from course.translate.workflow import BUILD
from tests.helpers import cell_scores, submit
from tests.translate.fixture import LESSON, cell, fixture_course

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A Spanish cohort (c.CourseKit.language = "es"): release (in the course language by default) -> hand in
    the translated solution, the blank release and a typical mistake -> grade."""
    course = fixture_course(tmp_path_factory.mktemp("spanish") / "course", language="es")
    try:
        release(LESSON, course=course)
        solution = submit(course, "solution", {}, lesson=LESSON)
        shutil.copy(course.home / BUILD / "es" / LESSON / f"{LESSON}.ipynb", solution)
        submit(course, "blank", {}, lesson=LESSON)
        submit(course, "mistake", {"fx-goal": 'goal = "meta alcanzada"'}, lesson=LESSON)
        summary = grade(LESSON, course=course)
    finally:
        i18n.set_language("en")
    assert summary.failed == []
    return course


def test_the_release_is_in_spanish_and_gives_nothing_away(graded):
    """Is the Spanish release Spanish (stubs included) and free of solutions and hidden tests?"""
    nb = nbformat.read(graded.folder("release") / LESSON / f"{LESSON}.ipynb", as_version=4)
    text = nbformat.writes(nb)
    assert cell(nb, "intro").source.startswith("# Saludar") and "Meta alcanzada" in cell(nb, "ex1-text").source
    assert "BEGIN SOLUTION" not in text and "Hola, Luca" not in text  # no solution, no hidden test
    assert cell(nb, "ex1").source.lstrip().startswith("# Escribe tu respuesta")  # the answer stub in Spanish too


def test_the_translated_solution_scores_full_points_and_the_blank_zero(graded):
    """Does the Spanish solution score full points and the blank Spanish release 0?"""
    assert cell_scores(graded, "solution", LESSON) == {"fx-goal-check": 1.0, "fx-greet-check": 2.0}
    assert cell_scores(graded, "blank", LESSON) == {"fx-goal-check": 0.0, "fx-greet-check": 0.0}


def test_a_typical_mistake_gets_its_spanish_message(graded):
    """Does a typical mistake score 0 and show its message, and the kit's words, in Spanish?"""
    assert cell_scores(graded, "mistake", LESSON)["fx-goal-check"] == 0.0
    graded_nb = (graded.folder("autograded") / "mistake" / LESSON / f"{LESSON}.ipynb").read_text(encoding="utf-8")
    assert "Empieza el texto con mayúscula." in graded_nb and "Todavía no" in graded_nb


def test_the_gradebook_records_the_spanish_cells(graded):
    """Are nbgrader's records (and so its checksums) those of the Spanish notebook?"""
    with gradebook_for(graded) as gradebook:
        cell = gradebook.find_source_cell("fx-goal-check", LESSON, LESSON)
        assert 'equals="Meta alcanzada"' in cell.source and cell.checksum


def test_the_graded_copy_has_the_spanish_lesson_data(graded):
    """Does grading copy the lesson's own files from the translated copy, so hints stay Spanish?"""
    data = (graded.folder("autograded") / "mistake" / LESSON / "lesson-data.yml").read_text(encoding="utf-8")
    assert "Meta alcanzada" in data and "Goal reached" not in data


def test_the_predict_question_and_hints_run_in_spanish(graded):
    """Do predict("name") and hints("name") show the Spanish lesson data when the lesson runs?"""
    nb = nbformat.read(graded.folder("autograded") / "solution" / LESSON / f"{LESSON}.ipynb", as_version=4)
    question = cell(nb, "ex1-predict").outputs[0]["data"]["text/plain"]
    assert "¿Qué mostrará el código de abajo?" in question and "1. Meta alcanzada" in question
    assert "Hay 2 pistas" in cell(nb, "ex1-hints").outputs[0]["data"]["text/plain"]
