"""course/curriculum.yml and the DigComp 2.2 table.

That the curriculum agrees with every lesson notebook is checked in tests/lessons/test_curriculum_agrees.py.
"""
import pytest

from course import i18n
from course.curriculum import AREAS, COMPETENCES, competence_title, load_curriculum
from course.errors import CourseError


def test_digcomp_has_its_21_competences_in_5_areas():
    assert len(COMPETENCES) == 21 and set(AREAS) == {"1", "2", "3", "4", "5"}
    assert {code.split(".")[0] for code in COMPETENCES} == set(AREAS)
    assert competence_title("3.4") == "Programming"
    try:
        i18n.set_language("es")
        assert competence_title("3.4") == "Programación"
    finally:
        i18n.set_language("en")


def test_a_wrong_code_is_one_plain_line(tmp_path):
    bad = tmp_path / "curriculum.yml"
    bad.write_text("modules:\n  - id: 1\n    notebooks:\n      - name: L1\n        exercises:\n"
                   "          c1: {digcomp: '9.9', level: 1}\n")
    with pytest.raises(CourseError) as problem:
        load_curriculum(bad)
    assert "c1" in str(problem.value) and "\n" not in str(problem.value)
