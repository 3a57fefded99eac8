"""The curriculum (course/curriculum.yml) and the DigComp 2.2 competences it refers to.

curriculum.yml lists modules, their lessons (nbgrader assignments) and, for
each graded cell, the DigComp competence and level it gives evidence of.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from course.errors import CourseError
from course.i18n import N_, _

CURRICULUM_FILE = Path(__file__).resolve().parent / "curriculum.yml"

# DigComp 2.2 (European Commission, 2022): the 21 competences, by code.
COMPETENCES = {
    "1.1": N_("Browsing, searching and filtering data, information and digital content"),
    "1.2": N_("Evaluating data, information and digital content"),
    "1.3": N_("Managing data, information and digital content"),
    "2.1": N_("Interacting through digital technologies"),
    "2.2": N_("Sharing through digital technologies"),
    "2.3": N_("Engaging in citizenship through digital technologies"),
    "2.4": N_("Collaborating through digital technologies"),
    "2.5": N_("Netiquette"),
    "2.6": N_("Managing digital identity"),
    "3.1": N_("Developing digital content"),
    "3.2": N_("Integrating and re-elaborating digital content"),
    "3.3": N_("Copyright and licences"),
    "3.4": N_("Programming"),
    "4.1": N_("Protecting devices"),
    "4.2": N_("Protecting personal data and privacy"),
    "4.3": N_("Protecting health and well-being"),
    "4.4": N_("Protecting the environment"),
    "5.1": N_("Solving technical problems"),
    "5.2": N_("Identifying needs and technological responses"),
    "5.3": N_("Creatively using digital technologies"),
    "5.4": N_("Identifying digital competence gaps"),
}
AREAS = {
    "1": N_("Information and data literacy"),
    "2": N_("Communication and collaboration"),
    "3": N_("Digital content creation"),
    "4": N_("Safety"),
    "5": N_("Problem solving"),
}
LEVELS = {1: N_("Foundation"), 2: N_("Foundation"), 3: N_("Intermediate"), 4: N_("Intermediate"),
          5: N_("Advanced"), 6: N_("Advanced"), 7: N_("Highly specialised"), 8: N_("Highly specialised")}


@dataclass(frozen=True)
class Evidence:
    """One graded cell of a lesson and the competence it shows."""

    lesson: str
    exercise: str
    digcomp: str
    level: int


@dataclass(frozen=True)
class Curriculum:
    lessons: list[str]  # in course order
    minutes: dict[str, int]
    titles: dict[str, str]  # lesson -> title of its module
    evidence: list[Evidence]

    def order(self, lesson: str) -> tuple[int, str]:
        """Sort key: lessons of the curriculum in course order, then any others by name."""
        return (self.lessons.index(lesson), "") if lesson in self.lessons else (len(self.lessons), lesson)


def competence_title(code: str) -> str:
    return _(COMPETENCES[code])


def level_name(level: int) -> str:
    return _(LEVELS[level])


def load_curriculum(path: Path = CURRICULUM_FILE) -> Curriculum:
    """Read and check a curriculum file; a mistake in it is one plain line naming the place."""
    import yaml  # here, not at the top: lesson kernels import AREAS from this module, and yaml is slow to load

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as problem:
        raise CourseError(_("Cannot read the curriculum {path}: {problem}").format(path=path, problem=problem))
    lessons, minutes, titles, evidence = [], {}, {}, []
    for module in data.get("modules") or []:
        for notebook in module.get("notebooks") or []:
            lessons.append(notebook["name"])
            titles[notebook["name"]] = str(module.get("title") or notebook["name"])
            minutes[notebook["name"]] = int(notebook.get("minutes") or 0)
            for exercise, shown in (notebook.get("exercises") or {}).items():
                evidence.append(_evidence(path, notebook["name"], exercise, shown))
    return Curriculum(lessons=list(dict.fromkeys(lessons)), minutes=minutes, titles=titles, evidence=evidence)


def _evidence(path: Path, lesson: str, exercise: str, shown: dict) -> Evidence:
    code, level = str(shown.get("digcomp", "")), shown.get("level")
    if code not in COMPETENCES or not isinstance(level, int) or not 1 <= level <= 8:
        raise CourseError(
            _("In {path}, exercise {exercise} of {lesson} needs a DigComp code 1.1 to 5.4 and a level 1 to 8.").format(
                path=path, exercise=exercise, lesson=lesson
            )
        )
    return Evidence(lesson=lesson, exercise=exercise, digcomp=code, level=level)
