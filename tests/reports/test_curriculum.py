"""course/curriculum.yml and the DigComp 2.2 table."""
import nbformat
import pytest
from nbgrader.utils import is_grade

from course import i18n
from course.curriculum import AREAS, COMPETENCES, competence_title, load_curriculum
from course.errors import CourseError
from tests.helpers import PILOT, PILOT_NOTEBOOK, REPO


def test_digcomp_has_its_21_competences_in_5_areas():
    assert len(COMPETENCES) == 21 and set(AREAS) == {"1", "2", "3", "4", "5"}
    assert {code.split(".")[0] for code in COMPETENCES} == set(AREAS)
    assert competence_title("3.4") == "Programming"
    try:
        i18n.set_language("es")
        assert competence_title("3.4") == "Programación"
    finally:
        i18n.set_language("en")


def test_the_pilot_lesson_maps_every_graded_cell_and_nothing_else():
    curriculum = load_curriculum()
    nb = nbformat.read(REPO / "source" / PILOT / PILOT_NOTEBOOK, as_version=4)
    graded = {cell.metadata["nbgrader"]["grade_id"] for cell in nb.cells if is_grade(cell)}
    mapped = {e.exercise for e in curriculum.evidence if e.lesson == PILOT}
    assert mapped == graded
    assert curriculum.lessons[0] == PILOT and curriculum.minutes[PILOT] == nb.metadata["codensocial"]["estimated_minutes"]
    in_notebook = {item["code"] for item in nb.metadata["codensocial"]["digcomp"]}
    assert in_notebook <= {e.digcomp for e in curriculum.evidence if e.lesson == PILOT}


def test_a_wrong_code_is_one_plain_line(tmp_path):
    bad = tmp_path / "curriculum.yml"
    bad.write_text("modules:\n  - id: 1\n    notebooks:\n      - name: L1\n        exercises:\n"
                   "          c1: {digcomp: '9.9', level: 1}\n")
    with pytest.raises(CourseError) as problem:
        load_curriculum(bad)
    assert "c1" in str(problem.value) and "\n" not in str(problem.value)
