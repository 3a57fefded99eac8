"""Module 0, 00-welcome: what is special to this lesson (tests/lessons/test_lessons_graded.py grades it for real)."""
import nbformat
from nbgrader.utils import is_grade

from course.curriculum import load_curriculum
from tests.helpers import REPO

LESSON = "00-welcome"
NOTEBOOK = f"{LESSON}.ipynb"


def test_the_curriculum_maps_every_graded_cell_to_this_module_s_competences():
    """course/curriculum.yml and the notebook agree: graded cells, minutes, DigComp codes 5.4 and 1.1 only."""
    curriculum = load_curriculum()
    nb = nbformat.read(REPO / "source" / LESSON / NOTEBOOK, as_version=4)
    graded = {cell.metadata["nbgrader"]["grade_id"] for cell in nb.cells if is_grade(cell)}
    evidence = [e for e in curriculum.evidence if e.lesson == LESSON]
    assert {e.exercise for e in evidence} == graded
    assert curriculum.lessons[0] == LESSON and curriculum.minutes[LESSON] == nb.metadata["codensocial"]["estimated_minutes"]
    in_notebook = {item["code"] for item in nb.metadata["codensocial"]["digcomp"]}
    assert {e.digcomp for e in evidence} == in_notebook == {"5.4", "1.1"}
    assert {e.level for e in evidence} <= {1, 2}
