"""One submission, start to end, inside a worker: nbgrader's autograde steps, minus the database writes.

The recipe (nbgrader ``converters/autograde.py``, same preprocessors, same order):
read -> sanitize (ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells,
CheckCellMetadata; see :mod:`course.grading.metadata`) -> copy the submission's other
files into the kernel's scratch folder -> execute on the pre-started kernel (every kept output capped, see
:mod:`course.grading.output_caps`) -> IgnorePattern, ClearMetadata, LimitOutput -> score exactly as
SaveAutoGrades does.
The scores travel back to the one process that writes the gradebook.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ClearMetadataPreprocessor
import jsonschema
from nbgrader import utils
from nbgrader.api import MissingEntry
from nbgrader.nbgraderformat import SchemaTooNewError, SchemaTooOldError, ValidationError
from nbgrader.preprocessors import (
    ClearOutput,
    DeduplicateIds,
    IgnorePattern,
    LimitOutput,
)
from traitlets.config import Config

from course.grading import guard
from course.grading.metadata import CheckCellMetadataOnce
from course.grading.output_caps import TrimmedExecute, cap_notebook
from course.grading.records import OverwriteCellsOnce, OverwriteKernelspecOnce
from course.grading.submissions import read_no_follow
from course.i18n import _, ngettext

# nbgrader's order. OverwriteCells must come after DeduplicateIds (it finds cells by grade_id)
# and CheckCellMetadata last, on the restored cells. The "Once" steps are nbgrader's, with what
# never changes in a batch done once per worker: the lesson's records read, the schema compiled.
SANITIZE = (ClearOutput, DeduplicateIds, OverwriteKernelspecOnce, OverwriteCellsOnce, CheckCellMetadataOnce)
# After execution, before scoring: the same steps nbgrader runs between Execute and SaveAutoGrades.
AFTER_EXECUTE = (IgnorePattern, ClearMetadataPreprocessor, LimitOutput)


@dataclass(frozen=True)
class Job:
    """What a worker needs to grade one learner's submission."""

    student: str
    assignment: str
    folder: str  # submitted/<student>/<assignment>
    notebooks: tuple[str, ...]  # notebook names the gradebook knows, without .ipynb
    source_folder: str
    db_url: str
    timestamp: str | None


@dataclass
class Graded:
    """Per-notebook scores and comments, the executed notebooks, and what went wrong (if anything)."""

    student: str
    timestamp: str | None
    scores: dict[str, dict[str, float | None]] = field(default_factory=dict)  # notebook -> grade_id -> auto_score
    comments: dict[str, dict[str, str | None]] = field(default_factory=dict)  # notebook -> grade_id -> comment
    executed: dict[str, str] = field(default_factory=dict)  # notebook -> notebook JSON
    missing: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)  # notebooks whose answers a trainer should look at
    reason: str = ""
    graded: bool = True


def grade_submission(job: Job, *, kernels, config: Config) -> Graded:
    """Grade *job*, each notebook on a fresh kernel from *kernels*; never raises for a learner's fault.

    *kernels* hands out started kernels (``take``) and stops used ones (``give_back``);
    nbgrader too gives every notebook a kernel of its own.
    """
    result = Graded(job.student, job.timestamp)
    notebooks = read_notebooks(job, result)
    for name, nb in notebooks.items():
        kernel = kernels.take()
        try:
            copy_other_files(job, kernel)
            resources = _resources(job, name, kernel.scratch)
            nb = sanitize(nb, resources, config)
            if nb is None:
                result.graded = False
                result.reason = _("{file}: its grading information (cell metadata) was changed, so it cannot be "
                                  "graded safely. Ask the learner to copy the answers into a fresh copy of the "
                                  "lesson.").format(file=f"{name}.ipynb")
                return result
            flag(name, nb, result)
            nb, reason = execute(nb, resources, config, kernel)
        finally:
            kernels.give_back(kernel)
        nb = after_execute(nb, resources, config)
        result.scores[name], result.comments[name] = score(nb)
        result.executed[name] = nbformat.writes(nb)
        result.reason = result.reason or reason
    return result


def flag(name: str, nb, result: Graded) -> None:
    """Answers that reach into Python's machinery: the scores stand, a trainer is asked to look."""
    kinds = sorted({kind for cell in nb.cells if utils.is_solution(cell) for kind in guard.suspicious(cell.source)})
    if kinds:
        result.flagged.append(name)
        result.reason = result.reason or _("A trainer should look at the answers: they use {kinds}.").format(
            kinds=", ".join(_(kind) for kind in kinds))


def read_notebooks(job: Job, result: Graded) -> dict:
    """Each expected notebook, parsed; a damaged one fails the whole submission, a missing one scores 0."""
    notebooks = {}
    for name in job.notebooks:
        path = Path(job.folder) / f"{name}.ipynb"
        if not os.path.lexists(path):
            result.missing.append(name)
            continue
        try:
            notebooks[name] = nbformat.reader.reads(read_no_follow(path).decode("utf-8"))  # validated once, below
            nbformat.validate(notebooks[name])
            notebooks[name] = nbformat.convert(notebooks[name], 4)
        except Exception:  # noqa: BLE001 - any unreadable notebook is the learner's problem, told plainly
            result.graded = False
            result.reason = _("{file} is damaged (not a readable notebook). Ask the learner to submit it again.").format(
                file=path.name
            )
            return {}
    if result.missing:
        result.reason = ngettext(
            "Missing notebook: {names}. It scores 0; ask the learner to submit it.",
            "Missing notebooks: {names}. They score 0; ask the learner to submit them.", len(result.missing),
        ).format(names=", ".join(f"{n}.ipynb" for n in result.missing))
        result.graded = bool(notebooks)
    return notebooks


def copy_other_files(job: Job, kernel) -> None:
    """As nbgrader does: the learner's other files, then the lesson's own files over them. Never a notebook."""
    for folder in (Path(job.folder), Path(job.source_folder)):
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if path.is_dir() or path.suffix == ".ipynb" or _ignored(relative) or path.is_symlink():
                continue
            target = kernel.scratch / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    if kernel.jail.isolate:
        for path in [kernel.scratch, *kernel.scratch.rglob("*")]:
            os.chown(path, kernel.uid, kernel.gid)


def _ignored(relative: Path) -> bool:
    return relative.name in ("timestamp.txt",) or any(
        part.startswith(".") or part == "__pycache__" for part in relative.parts
    )


def _resources(job: Job, notebook: str, scratch: Path) -> dict:
    return {
        "unique_key": notebook,
        "metadata": {"path": str(scratch)},
        "nbgrader": {"student": job.student, "assignment": job.assignment, "notebook": notebook,
                     "db_url": job.db_url},
    }


def _run(steps, nb, resources, config):
    for step in steps:
        nb, resources = step(config=config)(nb, resources)  # __call__ honours each step's `enabled`, as nbconvert does
    return nb


def sanitize(nb, resources, config):
    """nbgrader's sanitising; None when it refuses the notebook (tampered grading metadata), as nbgrader does."""
    try:
        return _run(SANITIZE, nb, resources, config)
    except (RuntimeError, ValueError, KeyError, MissingEntry, SchemaTooOldError, SchemaTooNewError,
            ValidationError, jsonschema.ValidationError):
        return None


def execute(nb, resources, config, kernel):
    """Run every cell on the kernel; returns the notebook and a reason if the kernel stopped."""
    executor = TrimmedExecute(config=config, max_output_bytes=kernel.jail.settings.max_output_kb * 1024)
    try:
        nb, _ = executor.preprocess(nb, resources, km=kernel)
    finally:
        if executor.kc is not None:
            executor.kc.stop_channels()
    return cap_notebook(nb, executor.max_notebook_output_bytes), executor.stopped_reason


def after_execute(nb, resources, config):
    # nbgrader ends with a second CheckCellMetadata; the kernel cannot change cell metadata
    # (cells travel to it as code only), so the check after sanitize suffices and saves ~0.15 s.
    return _run(AFTER_EXECUTE, nb, resources, config)


def score(nb) -> tuple[dict, dict]:
    """nbgrader SaveAutoGrades' rules: grade cells by utils.determine_grade, "No response." comments."""
    scores, comments = {}, {}
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if utils.is_grade(cell):
            scores[grade_id], _max = utils.determine_grade(cell)
        if utils.is_solution(cell) or utils.is_task(cell):
            unchanged = cell.metadata.nbgrader.get("checksum", None) == utils.compute_checksum(cell)
            comments[grade_id] = "No response." if unchanged and not utils.is_task(cell) else None
    return scores, comments
