"""Does OverwriteCells, answered from the worker's records, restore a notebook exactly as nbgrader's does?"""
import copy

import nbformat
import pytest
from nbgrader.api import MissingEntry
from nbgrader.preprocessors import OverwriteCells, OverwriteKernelspec
from traitlets.config import Config

from course.grading.records import OverwriteCellsOnce, OverwriteKernelspecOnce, notebook_records
from tests.helpers import PILOT, PILOT_NOTEBOOK

pytestmark = pytest.mark.slow  # builds a release

NOTEBOOK = PILOT_NOTEBOOK.removesuffix(".ipynb")


def _graded(nb):
    return [cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade")]


def untouched(nb):
    pass


def cell_deleted(nb):
    nb.cells.remove(next(c for c in _graded(nb) if c.cell_type == "code" and not c.metadata.nbgrader.get("solution")))


def points_raised(nb):
    _graded(nb)[0].metadata.nbgrader.points = 50


def locked_cell_edited(nb):
    cell = next(c for c in _graded(nb) if c.metadata.nbgrader.get("locked"))
    cell.source = "assert True"


def cell_type_changed(nb):
    cell = next(c for c in _graded(nb) if c.cell_type == "code")
    cell.cell_type = "markdown"
    del cell["outputs"], cell["execution_count"]


def unknown_grade_id(nb):
    _graded(nb)[0].metadata.nbgrader.grade_id = "not-in-the-gradebook"


def kernelspec_changed(nb):
    nb.metadata.kernelspec = {"name": "other", "display_name": "Other", "language": "python"}


CHANGES = [untouched, cell_deleted, points_raised, locked_cell_edited, cell_type_changed, unknown_grade_id,
           kernelspec_changed]


@pytest.fixture(scope="module")
def lesson(released):
    return nbformat.read(released.folder("release") / PILOT / PILOT_NOTEBOOK, as_version=4)


@pytest.fixture(scope="module")
def resources(released):
    return {"nbgrader": {"student": "someone", "assignment": PILOT, "notebook": NOTEBOOK,
                         "db_url": released.coursedir.db_url}}


def run(steps, nb, resources):
    """The notebook that comes out, as text; or the kind of error, when the steps refuse it."""
    config = Config({"OverwriteCells": {"add_missing_cells": True}})
    try:
        for step in steps:
            nb, _ = step(config=config)(nb, copy.deepcopy(resources))
    except Exception as problem:  # noqa: BLE001 - the kind of refusal is what is compared
        return type(problem)
    for index, cell in enumerate(nb.cells):  # a cell put back has no id; nbformat would give it a random one
        cell.setdefault("id", f"put-back-{index}")
    return nbformat.writes(nb)


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__)
def test_the_same_notebook_comes_out(lesson, resources, change):
    nb = copy.deepcopy(lesson)
    change(nb)
    theirs = run([OverwriteKernelspec, OverwriteCells], copy.deepcopy(nb), resources)
    ours = run([OverwriteKernelspecOnce, OverwriteCellsOnce], copy.deepcopy(nb), resources)
    assert ours == theirs
    if change is not untouched:  # negative control: nbgrader did act on this change
        assert theirs != nbformat.writes(nb)


def test_records_refuse_what_the_gradebook_lacks(released):
    records = notebook_records(released.coursedir.db_url, NOTEBOOK, PILOT)
    assert records.find_source_cell(records.source_cells[0].name, NOTEBOOK, PILOT) == records.source_cells[0]
    with pytest.raises(MissingEntry):
        records.find_source_cell("no-such-cell", NOTEBOOK, PILOT)
    with pytest.raises(MissingEntry):
        records.find_graded_cell(records.source_cells[0].name, "another-notebook", PILOT)
