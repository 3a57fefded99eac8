"""nbgrader's OverwriteCells and OverwriteKernelspec, reading the lesson's records once per worker.

Both open the gradebook for every notebook they sanitise, and OverwriteCells asks it
cell by cell for the source cell and its points: about 35 queries per pilot notebook,
with the same answers every time, because a lesson's records do not change while its
submissions are graded. Here a worker reads them once per lesson notebook into plain
records, and nbgrader's own methods do the comparing, restoring and putting back of
missing cells, so the same cells are restored in the same way.
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
    """The fields of nbgrader's GradeCell, TaskCell or SolutionCell that OverwriteCells reads."""

    name: str
    max_score: float | None = None


@dataclass(frozen=True)
class NotebookRecords:
    """One lesson notebook's records: the answers to what OverwriteCells asks the gradebook.

    The lists keep the order the gradebook gave them in, which nbgrader uses to put
    missing cells back in their place.
    """

    name: str
    assignment: str
    kernelspec: str | None
    source_cells: tuple[SourceCell, ...]
    grade_cells: tuple[GradedCell, ...]
    task_cells: tuple[GradedCell, ...]
    solution_cells: tuple[GradedCell, ...]

    def find_notebook(self, name: str, assignment: str) -> NotebookRecords:
        if (name, assignment) != (self.name, self.assignment):
            raise MissingEntry(f"No such notebook: {assignment}/{name}")
        return self

    def find_source_cell(self, name: str, notebook: str, assignment: str) -> SourceCell:
        return self._find(self.find_notebook(notebook, assignment).source_cells, name, "source cell")

    def find_graded_cell(self, name: str, notebook: str, assignment: str) -> GradedCell:
        """A grade cell, else a task cell of that name, as Gradebook.find_graded_cell looks."""
        self.find_notebook(notebook, assignment)
        return self._find(self.grade_cells + self.task_cells, name, "graded cell")

    def _find(self, cells, name: str, kind: str):
        for cell in cells:
            if cell.name == name:
                return cell
        raise MissingEntry(f"No such {kind}: {self.assignment}/{self.name}/{name}")


@cache
def notebook_records(db_url: str, notebook: str, assignment: str) -> NotebookRecords:
    """Read once per worker (a worker grades one lesson, whose records stay as they are)."""
    with Gradebook(db_url) as gradebook:
        found = gradebook.find_notebook(notebook, assignment)
        return NotebookRecords(
            name=notebook,
            assignment=assignment,
            kernelspec=found.kernelspec,
            source_cells=tuple(SourceCell(cell.name, cell.cell_type, bool(cell.locked), cell.checksum, cell.source)
                               for cell in found.source_cells),
            grade_cells=tuple(GradedCell(cell.name, cell.max_score) for cell in found.grade_cells),
            task_cells=tuple(GradedCell(cell.name, cell.max_score) for cell in found.task_cells),
            solution_cells=tuple(GradedCell(cell.name) for cell in found.solution_cells),
        )


def _records(resources) -> NotebookRecords:
    about = resources["nbgrader"]
    return notebook_records(about["db_url"], about["notebook"], about["assignment"])


class OverwriteCellsOnce(OverwriteCells):
    """OverwriteCells answered from the worker's records; nbgrader's rules for each cell, and for
    putting missing cells back, unchanged (its ``preprocess`` without the gradebook opening)."""

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.gradebook = _records(resources)
        nb, resources = super(OverwriteCells, self).preprocess(nb, resources)  # nbconvert's loop over the cells
        if self.add_missing_cells:
            nb, resources = self.add_missing_grade_cells(nb, resources)
            nb, resources = self.add_missing_task_cells(nb, resources)
        return nb, resources


class OverwriteKernelspecOnce(OverwriteKernelspec):
    """OverwriteKernelspec with the lesson's kernelspec from the worker's records."""

    def preprocess(self, nb, resources):
        kernelspec = _records(resources).kernelspec
        if kernelspec is not None:
            kernelspec = json.loads(kernelspec)
        if kernelspec:
            nb.metadata["kernelspec"] = kernelspec
        return nb, resources
