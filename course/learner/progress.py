"""My progress: which self-checks a learner passed, kept in a small file at home.

Only the lesson, the check's id, passed or not and the time are kept: nothing
about the person. The file is ``~/.codensocial/progress.json`` while the kernel
runs under Jupyter (``JPY_SESSION_NAME`` is set), or the path in
``CODENSOCIAL_PROGRESS``. Batch runs (nbgrader grading, nbconvert) record
nothing, so grading a class never writes into the trainer's home.
A file that cannot be read or written never stops a lesson.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from course.i18n import _
from course.learner.show import show

PATH_ENV = "CODENSOCIAL_PROGRESS"
OFF_WORDS = {"", "0", "off", "no", "false"}
VERSION = 1

_lesson = {"name": ""}


def progress_path() -> Path | None:
    """Where progress is kept, or None when it is not kept in this run."""
    configured = os.environ.get(PATH_ENV)
    if configured is not None:
        return None if configured.strip().lower() in OFF_WORDS else Path(configured).expanduser()
    if os.environ.get("JPY_SESSION_NAME"):
        return Path.home() / ".codensocial" / "progress.json"
    return None


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def current_lesson() -> str:
    """The lesson named by start_lesson(), else the notebook's file name."""
    if _lesson["name"]:
        return _lesson["name"]
    session = os.environ.get("JPY_SESSION_NAME", "")
    return Path(session).stem if session else ""


def start_lesson(name: str, *, checks: int | None = None) -> None:
    """Name the lesson whose checks follow; *checks* is how many self-checks it has."""
    _lesson["name"] = str(name)
    if checks is None:
        return
    data = load()
    entry = data["lessons"].setdefault(str(name), {"checks": None, "results": {}})
    if entry.get("checks") != checks:
        entry["checks"] = int(checks)
        save(data)


def load() -> dict:
    """The progress file's content; an empty record when it is missing or damaged."""
    empty = {"version": VERSION, "lessons": {}}
    path = progress_path()
    if path is None or not path.is_file():
        return empty
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return empty
    if not isinstance(data, dict) or not isinstance(data.get("lessons"), dict):
        return empty
    return data


def save(data: dict) -> bool:
    """Write *data* atomically. False (and nothing raised) when it cannot be written."""
    path = progress_path()
    if path is None:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".tmp")
        partial.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(partial, path)
        return True
    except OSError:
        return False


def record(*, exercise: str, passed: bool, lesson: str | None = None) -> bool:
    """Keep the latest result of one self-check (and when it was first reached). Never raises."""
    if progress_path() is None:
        return False
    try:
        data = load()
        name = lesson if lesson is not None else current_lesson()
        entry = data["lessons"].setdefault(name or "?", {"checks": None, "results": {}})
        if not isinstance(entry.get("results"), dict):
            entry["results"] = {}
        known = entry["results"].get(str(exercise))
        if isinstance(known, dict) and known.get("passed") is bool(passed):
            return True  # nothing new: keep the time this result was first reached, and skip the write
        entry["results"][str(exercise)] = {"passed": bool(passed), "time": now()}
        return save(data)
    except Exception:  # progress is a comfort, never a reason for a check to crash
        return False


def summary(data: dict) -> list[tuple[str, int, int, int | None]]:
    """(lesson, checks passed, checks tried, checks in the lesson) for every lesson, by name."""
    rows = []
    for lesson, entry in sorted(data.get("lessons", {}).items()):
        if not isinstance(entry, dict):
            continue
        results = entry.get("results") if isinstance(entry.get("results"), dict) else {}
        passed = sum(1 for r in results.values() if isinstance(r, dict) and r.get("passed") is True)
        total = entry.get("checks") if isinstance(entry.get("checks"), int) else None
        rows.append((lesson, passed, len(results), total))
    return rows


def lesson_done(passed: int, total: int | None) -> bool:
    return total is not None and total > 0 and passed >= total


def course_lessons() -> list[str]:
    """The course's lessons in order, from the curriculum of the installed kit; none when it cannot be read."""
    try:
        from course.curriculum import load_curriculum

        return load_curriculum().lessons
    except Exception:  # progress is a comfort: a damaged curriculum never stops a lesson
        return []


def progress_text(data: dict, *, lessons: list[str] | None = None) -> str:
    """My progress, in words: lessons done out of all the course's *lessons* (the curriculum's, by default)."""
    lessons = course_lessons() if lessons is None else list(lessons)
    rows = {row[0]: row for row in summary(data) if row[2] or row[3]}
    if not rows:
        return _("You have not run a self-check yet. Run the self-check after an exercise, then look here again.")
    names = lessons + sorted(name for name in rows if name not in lessons)
    done = [name for name in names if name in rows and lesson_done(rows[name][1], rows[name][3])]
    lines = [_("Your progress"), _("Lessons done: {done} of {count}.").format(done=len(done), count=len(names))]
    if done:
        lines.append(_("Done: {lessons}.").format(lessons=", ".join(done)))
    for name in names:
        lines.append(_lesson_line(rows.get(name, (name, 0, 0, None))))
    return "\n".join(lines)


def _lesson_line(row: tuple[str, int, int, int | None]) -> str:
    lesson, passed, tried, total = row
    if lesson_done(passed, total):
        line = _("✓ {lesson}: all {total} checks passed. Lesson done!")
    elif total:
        line = _("• {lesson}: {passed} of {total} checks passed. Keep going!")
    elif tried:
        line = _("• {lesson}: {passed} of {tried} checks you tried passed.")
    else:
        line = _("• {lesson}: not started yet.")
    return line.format(lesson=lesson, passed=passed, tried=tried, total=total)


def my_progress() -> None:
    """Show the lessons done and the checks passed, in words."""
    if progress_path() is None:
        show(_("Your progress is not kept here. It is kept when you work in JupyterLab."))
        return
    show(progress_text(load()))
