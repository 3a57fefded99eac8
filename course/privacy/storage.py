"""Where the kit keeps its own privacy records (erase journals, holds): a folder only its owner can read."""
from __future__ import annotations

import json
import os
from pathlib import Path

from course.config import Course

PRIVATE_DIR = ".privacy"


def private_dir(course: Course) -> Path:
    """``<course>/.privacy/`` (made, readable by its owner only, when something is first written there)."""
    return course.home / PRIVATE_DIR


def course_pseudonym(course: Course, student: str) -> str | None:
    """The learner's pseudonym, or None when the course has no key yet (then no pseudonym was ever shown)."""
    from course.reports.pseudonyms import load_key, pseudonym

    if not course.secret_path.is_file():
        return None
    return pseudonym(student, load_key(course.secret_path))


def write_private_json(path: Path, data: object) -> None:
    """Write *data* as JSON, readable by its owner only, in one step (a crash leaves the old file or the new)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
