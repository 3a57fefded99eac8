"""Build a lesson's learner version and publish it to the exchange.

Releasing again is a normal step: the learner version in release/ is built anew and replaces the
one in the exchange. Learners' own copies are never touched: nbgrader's fetch puts a hub learner's
copy in their home and adds only missing files, and laptop and Binder learners work in the
workspace (course.authoring.workspace), which a release never writes to. Should anyone have worked
in release/ itself, their files are copied to release-backups/ before release/ is rebuilt.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from traitlets.config import Config

from course.config import Course
from course.errors import CourseError
from course.i18n import _
from course.nbgrader_api import api_for, last_line

BACKUP_FOLDER = "release-backups"


@dataclass(frozen=True)
class ReleaseResult:
    assignment: str
    release_dir: Path
    published: bool
    backup: Path | None = None  # where release/<lesson> was kept, when someone had changed it


def release(assignment: str, *, course: Course, publish: bool = True, language: str | None = None) -> ReleaseResult:
    """Build release/<assignment> from source/ and, if *publish*, put it in the exchange.

    Steps, in order:
    check the lesson exists and the exchange can take it (before anything is written) ->
    keep a copy of release/<lesson> if it changed since the kit built it (someone worked in it) ->
    nbgrader generate_assignment (strips solutions and hidden tests, records the cells in the gradebook);
    in another *language* (default: the course's) it builds from the lesson's translated copy
    (see course.translate.workflow) ->
    record what was built (so that the next release knows whether release/<lesson> was changed) ->
    nbgrader release_assignment, replacing the version in the exchange (learners can now fetch it).
    """
    course.require_assignment(assignment)
    if publish:
        require_writable_exchange(course)
    backup = keep_changed_release(assignment, course=course)
    build_learner_version(assignment, course=course, language=language or course.kit.language)
    record_build(assignment, course=course)
    if publish:
        publish_learner_version(assignment, course=course)
    return ReleaseResult(assignment, course.folder("release") / assignment, publish, backup)


def build_learner_version(assignment: str, *, course: Course, language: str) -> None:
    """nbgrader generate_assignment into release/<assignment> (from the *language* copy), replacing what was there."""
    from course.translate.workflow import release_course

    api = api_for(release_course(assignment, language=language, course=course))
    built = api.generate_assignment(assignment, force=True, create=True)
    if not built["success"]:
        raise CourseError(
            _("Could not build the learner version of '{name}': {reason}").format(
                name=assignment, reason=last_line(built.get("error") or built.get("log"))
            )
        )


def build_learner_version_apart(assignment: str, *, course: Course, language: str, folder: str) -> Path:
    """The learner version of the *language* copy, built into <folder>/<assignment> (relative to the course).

    The same nbgrader generate_assignment as :func:`build_learner_version`, with nbgrader's own
    ``--no-db`` settings: release/ and the trainer's gradebook are not touched (the learner
    workspace builds its other languages this way).
    """
    from course.translate.workflow import release_course

    overrides = Config()
    overrides.CourseDirectory.release_directory = folder
    overrides.SaveCells.enabled = False
    overrides.GenerateAssignment.no_database = True
    config = copy.deepcopy(release_course(assignment, language=language, course=course).config)
    config.merge(overrides)
    built = api_for(Course(root=course.root, config=config)).generate_assignment(assignment, force=True, create=False)
    if not built["success"]:
        raise CourseError(
            _("Could not build the learner version of '{name}': {reason}").format(
                name=assignment, reason=last_line(built.get("error") or built.get("log"))
            )
        )
    return course.home / folder / assignment


def publish_learner_version(assignment: str, *, course: Course) -> None:
    """nbgrader release_assignment, replacing an earlier version of the lesson in the exchange."""
    config = copy.deepcopy(course.config)  # the course's own settings stay as they are
    config.ExchangeReleaseAssignment.force = True
    api = api_for(Course(root=course.root, config=config))
    published = api.release_assignment(assignment)
    if not published["success"]:
        raise CourseError(
            _("Built release/{name}, but could not put it in the exchange: {reason}").format(
                name=assignment, reason=last_line(published.get("error") or published.get("log"))
            )
        )


def require_writable_exchange(course: Course) -> None:
    """Stop before writing anything when the exchange folder cannot be written to."""
    from nbgrader.exchange.default.exchange import Exchange

    folder = Path(Exchange(config=course.config).root)
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    if not os.access(existing, os.W_OK | os.X_OK):
        raise CourseError(
            _("Cannot write to the exchange folder {path}: ask whoever runs the computer to let you write "
              "there, or use --no-publish.").format(path=folder)
        )


# --- release/<lesson> as the kit built it ------------------------------------

def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under *folder* (relative path -> SHA-256 of its content)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def build_record(assignment: str, *, course: Course) -> Path:
    """release/.<lesson>.built.json: the fingerprint of release/<lesson> as the kit last built it."""
    return course.folder("release") / f".{assignment}.built.json"


def record_build(assignment: str, *, course: Course) -> None:
    record = build_record(assignment, course=course)
    record.write_text(json.dumps(fingerprint(record.parent / assignment), indent=1), encoding="utf-8")


def changed_since_built(assignment: str, *, course: Course) -> bool:
    """True when release/<lesson> holds files the kit did not build, or changed ones (or no record of the build)."""
    folder = course.folder("release") / assignment
    if not folder.is_dir() or not any(folder.iterdir()):
        return False
    record = build_record(assignment, course=course)
    try:
        built = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return fingerprint(folder) != built


def keep_changed_release(assignment: str, *, course: Course) -> Path | None:
    """Copy release/<lesson> to release-backups/<lesson>-<time>/ when it changed since it was built; say so."""
    if not changed_since_built(assignment, course=course):
        return None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    backup = course.home / BACKUP_FOLDER / f"{assignment}-{stamp}"
    shutil.copytree(course.folder("release") / assignment, backup)
    from course.progress import out

    out.print(_("release/{name} had changes since it was built: kept a copy in {path}.").format(
        name=assignment, path=backup), soft_wrap=True)
    return backup
