"""nbgrader's OverwriteCells and OverwriteKernelspec, reading the lesson's records once per worker.

Both open the gradebook for every notebook they sanitise, and OverwriteCells asks it
cell by cell for the source cell and its points: about 35 queries per pilot notebook,
with the same answers every time, because a lesson's records do not change while its
submissions are graded. Here a worker reads them once per lesson notebook into plain
records, and nbgrader's own ``preprocess_cell`` does the comparing and restoring, so
the same cells are restored in the same way. With ``add_missing_cells`` on, nbgrader's
code needs the gradebook itself, so it gets it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import OverwriteCells, OverwriteKernelspec


@dataclass(frozen=True)
class SourceCell:
    """The fields of nbgrader's SourceCell that OverwriteCells reads."""

    name: str
    cell_type: str
    locked: bool
    checksum: str | None
    source: str


@dataclass(frozen=True)
class GradedCell:
    """The field of nbgrader's GradeCell or TaskCell that OverwriteCells reads."""

    name: str
    max_score: float


@dataclass(frozen=True)
class NotebookRecords:
    """One lesson notebook's records, answering the two questions OverwriteCells asks the gradebook."""

    notebook: str
    assignment: str
    kernelspec: str | None
    source_cells: dict[str, SourceCell]
    graded_cells: dict[str, GradedCell]  # grade cells, then task cells, as Gradebook.find_graded_cell looks

    def find_source_cell(self, name: str, notebook: str, assignment: str) -> SourceCell:
        self._same_notebook(notebook, assignment)
        try:
            return self.source_cells[name]
        except KeyError:
            raise MissingEntry(f"No such source cell: {assignment}/{notebook}/{name}") from None

    def find_graded_cell(self, name: str, notebook: str, assignment: str) -> GradedCell:
        self._same_notebook(notebook, assignment)
        try:
            return self.graded_cells[name]
        except KeyError:
            raise MissingEntry(f"No such graded cell: {assignment}/{notebook}/{name}") from None

    def _same_notebook(self, notebook: str, assignment: str) -> None:
        if (notebook, assignment) != (self.notebook, self.assignment):
            raise MissingEntry(f"No such notebook: {assignment}/{notebook}")


@cache
def notebook_records(db_url: str, notebook: str, assignment: str) -> NotebookRecords:
    """Read once per worker (a worker grades one lesson, whose records stay as they are)."""
    with Gradebook(db_url) as gradebook:
        found = gradebook.find_notebook(notebook, assignment)
        graded = {cell.name: GradedCell(cell.name, float(cell.max_score)) for cell in found.task_cells}
        graded.update({cell.name: GradedCell(cell.name, float(cell.max_score)) for cell in found.grade_cells})
        return NotebookRecords(
            notebook=notebook,
            assignment=assignment,
            kernelspec=found.kernelspec,
            source_cells={cell.name: SourceCell(cell.name, cell.cell_type, bool(cell.locked), cell.checksum,
                                                cell.source) for cell in found.source_cells},
            graded_cells=graded,
        )


def _records(resources) -> NotebookRecords:
    about = resources["nbgrader"]
    return notebook_records(about["db_url"], about["notebook"], about["assignment"])


class OverwriteCellsOnce(OverwriteCells):
    """OverwriteCells answered from the worker's records; nbgrader's cell-by-cell rules unchanged."""

    def preprocess(self, nb, resources):
        if self.add_missing_cells:
            return super().preprocess(nb, resources)
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.gradebook = _records(resources)
        return super(OverwriteCells, self).preprocess(nb, resources)  # nbconvert's loop over the cells


class OverwriteKernelspecOnce(OverwriteKernelspec):
    """OverwriteKernelspec with the lesson's kernelspec from the worker's records."""

    def preprocess(self, nb, resources):
        kernelspec = _records(resources).kernelspec
        if kernelspec is not None:
            kernelspec = json.loads(kernelspec)
        if kernelspec:
            nb.metadata["kernelspec"] = kernelspec
        return nb, resources
