"""Lesson data loaded by name: hints, Predict questions and Parsons lines.

What a learner should not read before trying (a Predict answer, the lines of a
Parsons puzzle in the right order, the hints) is kept out of the cells, in
``lesson-data.yml`` beside the notebook. A cell asks for it by name::

    predict("predict-print")
    parsons("parsons-card")
    hints("ex1")

The file has three sections, each a mapping from a name to its data::

    predict:
      predict-print: {question: ..., options: [...], answer: 1, explanation: ...}
    parsons:
      parsons-card: {lines: [...in the right order...], explanation: ...}
    hints:
      ex1: [first hint, second hint]

Translated releases carry a translated copy of the same file.
"""
from __future__ import annotations

from pathlib import Path

from course.i18n import _

FILE_NAME = "lesson-data.yml"
SECTIONS = ("predict", "parsons", "hints")

_cache: dict[tuple[str, float], dict] = {}


class LessonDataMissing(LookupError):
    """The lesson data file, or the named item in it, is not there."""


def data_path(folder: Path | None = None) -> Path:
    """The lesson data file of the notebook's folder (the kernel's working folder)."""
    return Path(folder or Path.cwd()) / FILE_NAME


def load(folder: Path | None = None) -> dict:
    """The whole lesson data file as a dict with the three sections (empty when there is no file)."""
    path = data_path(folder)
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return {section: {} for section in SECTIONS}
    key = (str(path), stamp)
    if key not in _cache:
        _cache.clear()
        _cache[key] = _read(path)
    return _cache[key]


def _read(path: Path) -> dict:
    import yaml

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise LessonDataMissing(_("The file {file} cannot be read ({reason}). Ask your trainer for a new copy.")
                                .format(file=FILE_NAME, reason=type(error).__name__)) from None
    if not isinstance(raw, dict):
        raw = {}
    return {section: raw.get(section) if isinstance(raw.get(section), dict) else {} for section in SECTIONS}


def item(section: str, name: str, folder: Path | None = None):
    """The data called *name* in *section* ("predict", "parsons" or "hints")."""
    found = load(folder)[section].get(str(name))
    if found is None:
        raise LessonDataMissing(_("This lesson has no {kind} called \"{name}\" in {file}. Check that the "
                                  "notebook and {file} are in the same folder.")
                                .format(kind=section, name=name, file=FILE_NAME))
    return found


def lookup(section: str, name: str):
    """:func:`item`, or None after telling the learner in one line what is missing."""
    try:
        return item(section, str(name))
    except LessonDataMissing as missing:
        from course.learner.show import show

        show(str(missing))
        return None
