"""What the site and the trainers' guides read from a lesson: its learner version and its named parts.

The learner version is made in memory with nbgrader's own preprocessors (no solutions, no hidden tests,
no outputs), as `course release` makes it, so nothing here ever shows an answer. Parts are found by
their headings ("Someone like me", "Glossary", ...), the same headings `course check` requires.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<title>.+?)\s*$", re.MULTILINE)
PART_TITLES = {
    "role_model": ("someone like me",),
    "everyday": ("you already do this",),
    "work": ("where this is used at work",),
    "glossary": ("glossary",),
}
STOP_WORDS = ("stop point", "take a break", "a good place to stop")


@dataclass(frozen=True)
class Exercise:
    """One exercise as a trainer sees it: its heading, points, and whether a program or a trainer grades it."""

    title: str
    grade_ids: tuple[str, ...]
    points: float
    manual: bool
    answer_ids: tuple[str, ...] = ()  # the cells the learner writes in (typical mistakes are keyed by these)


@dataclass
class Lesson:
    name: str
    path: Path
    notebook: nbformat.NotebookNode
    title: str = ""
    minutes: int = 0
    sections: list[tuple[int, str]] = field(default_factory=list)  # (level, title) in order

    def part(self, key: str) -> str:
        """The markdown of the section whose heading names *key* (see PART_TITLES), without the heading."""
        return section_text(self.notebook, PART_TITLES[key])

    @property
    def exercises(self) -> list[Exercise]:
        return exercises(self.notebook)


def load_lesson(path: Path) -> Lesson:
    nb = nbformat.read(path, as_version=4)
    meta = nb.metadata.get("codensocial", {})
    lesson = Lesson(path.parent.name, path, nb, title=str(meta.get("title") or path.stem),
                    minutes=int(meta.get("estimated_minutes") or 0))
    lesson.sections = [(len(m["marks"]), m["title"]) for cell in nb.cells if cell.cell_type == "markdown"
                       for m in HEADING.finditer(cell.source)]
    return lesson


def lessons_in(source: Path) -> list[Lesson]:
    """Every lesson in source/ (one notebook per lesson folder), in course order."""
    return [load_lesson(path) for folder in sorted(source.iterdir()) if folder.is_dir()
            for path in sorted(folder.glob("*.ipynb"))[:1]]


def learner_version(lesson: Lesson) -> nbformat.NotebookNode:
    """The lesson as a learner gets it: solutions replaced by the stub, hidden tests and outputs gone."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, ClearSolutions

    from course.config import load_course

    config = load_course(_course_root(lesson.path)).config
    nb = copy.deepcopy(lesson.notebook)
    for step in (ClearSolutions(config=config), ClearHiddenTests(config=config), ClearOutput(config=config)):
        nb, _resources = step.preprocess(nb, {})
    return nb


def _course_root(path: Path) -> Path:
    for parent in path.parents:
        if (parent / "config" / "nbgrader_config.py").is_file():
            return parent
    raise FileNotFoundError(path)


def section_text(nb, titles: tuple[str, ...]) -> str:
    """The markdown from a heading whose title starts with one of *titles* to the next heading of its level."""
    text, level = [], None
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            found = HEADING.match(line)
            if found and level is not None and len(found["marks"]) <= level:
                return "\n".join(text).strip()
            if found and level is None and found["title"].lower().startswith(titles):
                level = len(found["marks"])
                continue
            if level is not None:
                text.append(line)
        if level is not None:
            text.append("")
    return "\n".join(text).strip()


def exercises(nb) -> list[Exercise]:
    """The lesson's graded exercises, grouped under their headings, in order."""
    found: list[Exercise] = []
    group = _Group()
    for cell in nb.cells:
        heading = HEADING.search(cell.source) if cell.cell_type == "markdown" else None
        if heading and group.ids:
            found.append(group.exercise())
            group = _Group()
        if heading:
            group.title = heading["title"]
        group.add(cell.metadata.get("nbgrader", {}))
    return found + ([group.exercise()] if group.ids else [])


@dataclass
class _Group:
    title: str = ""
    ids: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    points: float = 0.0
    manual: bool = False

    def add(self, grading: dict) -> None:
        if grading.get("solution"):
            self.answers.append(grading.get("grade_id", ""))
        if grading.get("grade"):
            self.ids.append(grading.get("grade_id", ""))
            self.points += float(grading.get("points") or 0)
            self.manual = self.manual or bool(grading.get("solution"))

    def exercise(self) -> Exercise:
        return Exercise(self.title, tuple(self.ids), self.points, self.manual, tuple(self.answers))


def stop_points(lesson: Lesson) -> list[str]:
    """Headings that mark a place to stop and come back later."""
    return [title for _level, title in lesson.sections if any(word in title.lower() for word in STOP_WORDS)]
