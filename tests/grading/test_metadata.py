"""Does the grader's CheckCellMetadata (schema compiled once) pass and refuse exactly what nbgrader's does?"""
import copy

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.preprocessors import CheckCellMetadata

from course.grading.metadata import CheckCellMetadataOnce
from tests.helpers import PILOT, PILOT_NOTEBOOK

pytestmark = pytest.mark.slow  # builds a release


def _first(nb, predicate):
    return next(cell for cell in nb.cells if predicate(cell.metadata.get("nbgrader", {})))


def points_as_text(nb):
    _first(nb, lambda m: m.get("grade"))["metadata"]["nbgrader"]["points"] = "ten"


def unknown_key(nb):
    _first(nb, lambda m: m.get("grade"))["metadata"]["nbgrader"]["grade"] = "yes"


def old_schema(nb):
    _first(nb, lambda m: m.get("grade"))["metadata"]["nbgrader"]["schema_version"] = 2


def newer_schema(nb):
    _first(nb, lambda m: m.get("grade"))["metadata"]["nbgrader"]["schema_version"] = 9


def duplicate_id(nb):
    graded = [cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade")]
    graded[1].metadata.nbgrader.grade_id = graded[0].metadata.nbgrader.grade_id


def no_grade_id(nb):
    del _first(nb, lambda m: m.get("grade")).metadata.nbgrader["grade_id"]


TAMPERED = [points_as_text, unknown_key, old_schema, newer_schema, duplicate_id, no_grade_id]


def outcome(step, nb):
    try:
        step().preprocess(nb, {})
        return None
    except Exception as problem:  # noqa: BLE001 - the kind of refusal is what is compared
        return type(problem)


@pytest.fixture(scope="module")
def lesson(released):
    return nbformat.read(released.folder("release") / PILOT / PILOT_NOTEBOOK, as_version=4)


def test_an_untouched_lesson_passes_both(lesson):
    assert outcome(CheckCellMetadata, copy.deepcopy(lesson)) is None
    assert outcome(CheckCellMetadataOnce, copy.deepcopy(lesson)) is None


@pytest.mark.parametrize("tamper", TAMPERED, ids=lambda f: f.__name__)
def test_tampered_metadata_is_refused_by_both(lesson, tamper):
    nb = copy.deepcopy(lesson)
    tamper(nb)
    theirs = outcome(CheckCellMetadata, copy.deepcopy(nb))
    assert theirs is not None  # negative control: nbgrader itself refuses this notebook
    assert outcome(CheckCellMetadataOnce, copy.deepcopy(nb)) is theirs


def test_the_validator_is_nbgraders(lesson):
    """The v3 rules still run: a markdown grade cell that is not a solution is refused, as by nbgrader."""
    nb = copy.deepcopy(lesson)
    cell = nbformat.v4.new_markdown_cell("Explain.")
    cell.metadata.nbgrader = {"grade": True, "solution": False, "locked": False, "points": 1, "grade_id": "x",
                              "schema_version": MetadataValidator.schema_version}
    nb.cells.append(cell)
    with pytest.raises(ValidationError):
        CheckCellMetadataOnce().preprocess(nb, {})
