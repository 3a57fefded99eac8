"""Where a translated copy of a lesson is built (kept apart so that grading imports nothing else of translation)."""
from __future__ import annotations

from pathlib import Path

BUILD = "build"
ENGLISH = "en"


def lesson_source(course, lesson: str) -> Path:
    """The lesson as its release was built: the translated copy in a course of another language."""
    language = course.kit.language
    built = course.home / BUILD / language / lesson
    return built if language != ENGLISH and built.is_dir() else course.folder("source") / lesson
