"""The learner's workspace on a laptop or Binder: my-lessons/, the learner's own copies of the lessons.

On a hub, nbgrader's fetch gives each learner a copy of a released lesson. On a laptop or Binder
the course folder is the learner's, so the kit does the same by hand: each lesson is copied once
from release/ into my-lessons/<lesson>/, file by file, and a file already there is never
replaced. A new lesson, or a new notebook in a lesson, is added; a learner's work stays as it is.
To start a lesson again from scratch, rename (or delete) your copy: a fresh one comes next time.
JupyterLab is served from my-lessons/, so source/ (solutions), the gradebook and the trainer's
folders are not in the learner's way.
"""
from __future__ import annotations

import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from course.authoring.index import INDEX_FILE, REPOSITORY, workspace_page
from course.authoring.release import build_record, changed_since_built, release
from course.config import Course
from course.curriculum import CURRICULUM_FILE, load_curriculum

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
    new into my-lessons/ -> write the landing page my-lessons/index.md, which links the copies.
    """
    lessons = course.assignments()
    taken = {lesson for lesson in lessons if changed_since_built(lesson, course=course)
             and copy_new_files(course.folder("release") / lesson, course.workspace_dir / lesson)}
    for lesson in lessons:
        if release_out_of_date(lesson, course=course):
            release(lesson, course=course, publish=False)
    result = WorkspaceResult(course.workspace_dir)
    for lesson in lessons:
        copied = copy_new_files(course.folder("release") / lesson, course.workspace_dir / lesson)
        (result.new if copied or lesson in taken else result.kept).append(lesson)
    write_landing_page(course.workspace_dir, course=course)
    return result


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


def write_landing_page(folder: Path, *, course: Course) -> Path:
    """my-lessons/index.md, read-only: the course's landing page, linking the lessons beside it."""
    page = folder / INDEX_FILE
    text = workspace_page(landing_markdown(course), source=course.folder("source"),
                          curriculum=load_curriculum(CURRICULUM_FILE))
    if page.is_file() and page.read_text(encoding="utf-8") == text:
        return page
    folder.mkdir(parents=True, exist_ok=True)
    page.unlink(missing_ok=True)
    page.write_text(text, encoding="utf-8")
    page.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return page


def landing_markdown(course: Course) -> str:
    """The course's own index.md, or the kit's when the course has none."""
    own = course.root / INDEX_FILE
    return (own if own.is_file() else REPOSITORY / INDEX_FILE).read_text(encoding="utf-8")
