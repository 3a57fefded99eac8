"""The learner's workspace on a laptop or Binder: my-lessons/, the learner's own copies of the lessons.

On a hub, nbgrader's fetch gives each learner a copy of a released lesson. On a laptop or Binder
the course folder is the learner's, so the kit does the same by hand: each lesson is copied once
from release/ into my-lessons/<lesson>/, file by file, and a file already there is never
replaced. A new lesson, or a new notebook in a lesson, is added; a learner's work stays as it is.
To start a lesson again from scratch, rename (or delete) your copy: a fresh one comes next time.
JupyterLab is served from my-lessons/, so source/ (solutions), the gradebook and the trainer's
folders are not in the learner's way.

Lessons in the course's language are in my-lessons/<lesson>/ (where learners have always found
them); each other language offered for lessons (course.i18n.LESSON_LANGUAGES) has its own folder,
my-lessons/<language>/<lesson>/, copied the same way from a learner version built in
build/learner/<language>/ (release/ stays the trainer's). The landing pages are made by
course.authoring.landing.
"""
from __future__ import annotations

import json
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from course import i18n
from course.authoring.landing import LEARNER_BUILD, write_landing_pages
from course.authoring.release import build_learner_version_apart, build_record, changed_since_built, release
from course.config import Course
from course.translate.workflow import po_path

SKIPPED = (".ipynb_checkpoints", "__pycache__")


@dataclass
class WorkspaceResult:
    folder: Path
    new: list[str] = field(default_factory=list)  # lessons with files copied this time
    kept: list[str] = field(default_factory=list)  # lessons the learner had already, left as they are


def prepare_workspace(*, course: Course) -> WorkspaceResult:
    """Make my-lessons/ ready for a laptop or Binder learner; never overwrite a file in it.

    Steps: take into my-lessons/ the work of anyone who worked in release/ itself (as learners
    did before the kit had a workspace) -> build the learner version of each lesson whose
    release is missing or older than its source (release/ only, not published) -> copy what is
    new into my-lessons/ -> the same for each other lesson language, built in build/learner/<language>/
    and copied into my-lessons/<language>/ -> write the landing pages (my-lessons/index.md, which
    starts with the choice of language, and my-lessons/<language>/index.md).
    """
    lessons = course.assignments()
    taken = {lesson for lesson in lessons if changed_since_built(lesson, course=course)
             and copy_new_files(course.folder("release") / lesson, course.workspace_dir / lesson)}
    for lesson in lessons:
        if release_out_of_date(lesson, course=course):
            release(lesson, course=course, publish=False)
    result = WorkspaceResult(course.workspace_dir)
    copy_lessons(course.folder("release"), course.workspace_dir, lessons, result=result, taken=taken)
    for language in other_languages(course):
        built = build_other_language(language, lessons, course=course)
        copy_lessons(built, course.workspace_dir / language, lessons, result=result, label=f"{language}/")
    write_landing_pages(course.workspace_dir, course=course, languages=workspace_languages(course))
    return result


def workspace_languages(course: Course) -> list[str]:
    """The languages of the workspace, in the order of the language choice: the others, then the course's."""
    return [*other_languages(course), course.kit.language]


def other_languages(course: Course) -> list[str]:
    """The lesson languages (course.i18n.LESSON_LANGUAGES) other than the course's, in the course's order."""
    offered = set(i18n.LESSON_LANGUAGES) - {course.kit.language}
    return [language for language in i18n.LANGUAGES if language in offered] + sorted(offered - set(i18n.LANGUAGES))


def copy_lessons(built: Path, own: Path, lessons: list[str], *, result: WorkspaceResult,
                 taken: set[str] = frozenset(), label: str = "") -> None:
    """Copy each lesson of *built* into *own*, file by file, never replacing one; note it in *result*."""
    for lesson in lessons:
        copied = copy_new_files(built / lesson, own / lesson)
        (result.new if copied or lesson in taken else result.kept).append(f"{label}{lesson}")


def build_other_language(language: str, lessons: list[str], *, course: Course) -> Path:
    """build/learner/<language>/: the learner version of each lesson in *language*, rebuilt when out of date."""
    folder = f"{LEARNER_BUILD}/{language}"
    for lesson in lessons:
        record = course.home / folder / f".{lesson}.built.json"
        made_from = inputs_record(lesson, language, course=course)
        if record.is_file() and record.read_text(encoding="utf-8") == made_from:
            continue
        build_learner_version_apart(lesson, course=course, language=language, folder=folder)
        record.write_text(made_from, encoding="utf-8")
    return course.home / folder


def inputs_record(lesson: str, language: str, *, course: Course) -> str:
    """What the learner version of *lesson* in *language* is made from, and when each file last changed.

    The lesson's source files and its translation (a PO file that is added, changed or removed
    changes the record, and so does a changed file of the lesson).
    """
    sources = [path for path in (course.folder("source") / lesson).rglob("*")
               if path.is_file() and not set(path.parts) & set(SKIPPED)]
    inputs = sorted(path for path in [*sources, po_path(course, lesson, language)] if path.is_file())
    return json.dumps({str(path): path.stat().st_mtime_ns for path in inputs}, indent=1)


def release_out_of_date(lesson: str, *, course: Course) -> bool:
    """True when release/<lesson> was never built by the kit, or a file in source/<lesson> is newer."""
    record = build_record(lesson, course=course)
    if not record.is_file():
        return True
    built = record.stat().st_mtime
    return any(path.stat().st_mtime > built for path in (course.folder("source") / lesson).rglob("*")
               if path.is_file() and not set(path.parts) & set(SKIPPED))


def copy_new_files(released: Path, own: Path) -> list[Path]:
    """Copy each file of *released* that *own* does not have yet; return the files copied."""
    copied = []
    for path in sorted(released.rglob("*")):
        relative = path.relative_to(released)
        target = own / relative
        if path.is_dir() or set(relative.parts) & set(SKIPPED) or target.exists() or target.is_symlink():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        target.chmod(target.stat().st_mode | stat.S_IWUSR)
        copied.append(target)
    return copied
