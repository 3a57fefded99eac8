"""`course learner export ID`: one archive with everything the kit holds on a learner (GDPR art. 15 and 20).

The archive is a zip file: the gradebook rows as CSV (opens in a spreadsheet) and JSON (for a machine),
the learner's notebooks and feedback pages, their confidence and inventory answers, their passport, and a
README in the cohort's language that says what each file is.
"""
from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from course.config import Course
from course.errors import CourseError
from course.i18n import _
from course.privacy.places import PLACES, report_files
from course.reports.pseudonyms import load_key, pseudonym

EXPORTS_DIR = "exports"
SAVED_ANSWERS = {"confidence": "application/vnd.codensocial.confidence+json",
                 "inventory": "application/vnd.codensocial.inventory+json"}
FILE_PLACES = ("submitted", "autograded", "feedback", "learner-homes")
GRADE_COLUMNS = ("lesson", "notebook", "exercise", "score", "max_score", "auto_score", "manual_score",
                 "needs_manual_grade", "submitted_at", "seconds_late", "comment")
# A cell a spreadsheet would read as a formula starts with one of these (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Export:
    archive: Path
    grades: int
    files: int


def export(student: str, *, course: Course, output: Path | None = None) -> Export:
    """Write the archive for *student*; return where it is and what it holds.

    Steps: read the gradebook rows -> collect the files -> read the saved answers -> write the zip
    (readable by its owner only) with a README.
    """
    learner, grades = gradebook_rows(course, student)
    files = learner_files(course, student)
    if learner is None and not files:
        from course.privacy.erase import unknown_learner

        raise CourseError(unknown_learner(course, student))
    answers = saved_answers(course, student)
    archive = output or course.home / EXPORTS_DIR / f"{_pseudonym(course, student)}-{date.today():%Y%m%d}.zip"
    write_archive(archive, learner=learner or {"id": student}, grades=grades, files=files, answers=answers)
    return Export(archive, len(grades), len(files))


def _pseudonym(course: Course, student: str) -> str:
    return pseudonym(student, load_key(course.secret_path))


def gradebook_rows(course: Course, student: str) -> tuple[dict | None, list[dict]]:
    """The learner's own row and one row per graded exercise, as the gradebook has them."""
    from nbgrader.api import MissingEntry

    from course.nbgrader_api import gradebook_for
    from course.privacy.erase import _gradebook_exists

    if not _gradebook_exists(course):
        return None, []
    with gradebook_for(course) as gradebook:
        try:
            row = gradebook.find_student(student)
        except MissingEntry:
            return None, []
        learner = {"id": row.id, "first_name": row.first_name, "last_name": row.last_name, "email": row.email,
                   "lms_user_id": row.lms_user_id}
        return learner, [grade for submission in row.submissions for grade in _grade_rows(submission)]


def _grade_rows(submission) -> list[dict]:
    rows = []
    for notebook in submission.notebooks:
        comments = {comment.name: comment.manual_comment or comment.auto_comment or ""
                    for comment in notebook.comments}
        for grade in notebook.grades:
            rows.append({
                "lesson": submission.assignment.name, "notebook": notebook.name, "exercise": grade.name,
                "score": grade.score, "max_score": grade.max_score, "auto_score": grade.auto_score,
                "manual_score": grade.manual_score, "needs_manual_grade": grade.needs_manual_grade,
                "submitted_at": submission.timestamp.isoformat() if submission.timestamp else "",
                "seconds_late": submission.total_seconds_late, "comment": comments.get(grade.name, ""),
            })
    return rows


def learner_files(course: Course, student: str) -> list[tuple[str, Path]]:
    """(name in the archive, file) for every file the kit keeps for the learner; links are never followed."""
    found = []
    for place in PLACES:
        if place.key not in FILE_PLACES:
            continue
        for top in place.find(course, student):
            found += [(f"{place.key}/{path.relative_to(top.parent)}", path) for path in _files_under(top)]
    found += [(f"passports/{path.name}", path) for path in report_files(course, student)
              if path.parent.name == "passports"]
    return found


def _files_under(top: Path) -> list[Path]:
    if top.is_symlink():
        return []
    if top.is_file():
        return [top]
    files = []
    for folder, dirs, names in os.walk(top, followlinks=False):
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
        files += [Path(folder) / name for name in names if (Path(folder) / name).is_file()
                  and not (Path(folder) / name).is_symlink()]
    return sorted(files)


def saved_answers(course: Course, student: str) -> dict[str, list[dict]]:
    """The confidence and skills-inventory answers saved in the learner's submitted notebooks."""
    found: dict[str, list[dict]] = {kind: [] for kind in SAVED_ANSWERS}
    for notebook in sorted((course.folder("submitted") / student).glob("*/*.ipynb")):
        if notebook.is_symlink():
            continue
        for kind, mime in SAVED_ANSWERS.items():
            found[kind] += [{"lesson": notebook.parent.name, "answer": data} for data in _outputs(notebook, mime)]
    return found


def _outputs(notebook: Path, mime: str) -> list:
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        cells = nb.get("cells", []) if isinstance(nb, dict) else []
        return [output["data"][mime] for cell in cells if isinstance(cell, dict)
                for output in cell.get("outputs", []) or []
                if isinstance(output, dict) and isinstance(output.get("data"), dict) and mime in output["data"]]
    except (OSError, ValueError, RecursionError, TypeError):
        return []


def write_archive(archive: Path, *, learner: dict, grades: list[dict], files: list[tuple[str, Path]],
                  answers: dict[str, list[dict]]) -> None:
    archive.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = archive.with_name(archive.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("README.txt", readme())
        book.writestr("learner.json", json.dumps(learner, ensure_ascii=False, indent=1))
        book.writestr("grades.json", json.dumps(grades, ensure_ascii=False, indent=1, default=str))
        book.writestr("grades.csv", grades_csv(grades))
        for kind, rows in answers.items():
            book.writestr(f"{kind}.json", json.dumps(rows, ensure_ascii=False, indent=1))
        for name, path in files:
            book.write(path, name)
    os.replace(temporary, archive)


def grades_csv(grades: list[dict]) -> str:
    """The grades as CSV with a byte-order mark (spreadsheets then read the accents right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(GRADE_COLUMNS)
    for row in grades:
        writer.writerow([_cell(row.get(column)) for column in GRADE_COLUMNS])
    return "\ufeff" + buffer.getvalue()


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def readme() -> str:
    return "\n".join([
        _("Everything the Code-n-Social course kit holds on you, made on {day}.").format(day=date.today()),
        "",
        _("learner.json: your learner ID and, if the trainer entered them, your name and e-mail."),
        _("grades.csv and grades.json: one row per exercise: lesson, exercise, points, the trainer's comment, "
          "when you handed the lesson in. grades.csv opens in a spreadsheet."),
        _("confidence.json: your answers to the confidence checks. inventory.json: your skills inventory."),
        _("submitted/: the notebooks you handed in. autograded/: the same notebooks after the checks ran."),
        _("feedback/: your feedback pages (open them in a web browser). passports/: your skills passport."),
        _("learner-homes/: your own copies of the lessons, where the course keeps them."),
        "",
    ])
