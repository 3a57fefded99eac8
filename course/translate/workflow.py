"""`course translate update|status` and the translated copy of a lesson that `course release` builds from.

Folders, under the course root:

    locale/templates/<lesson>.pot            the English units of each lesson (made by update)
    locale/<lang>/LC_MESSAGES/<lesson>.po    one language's translations (made by update, filled by translators)
    build/<lang>/<lesson>/                   a translated copy of source/<lesson> (made by release; never committed)
"""
from __future__ import annotations

import copy
import dataclasses
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from traitlets.config import Config

from course.config import Course
from course.errors import CourseError
from course.i18n import LANGUAGES, LANGUAGE_NAMES, LESSON_LANGUAGES, N_, _, translate_in
from course.translate.catalog import Counts, count, lookup, merge, read_po, template
from course.translate.compare import answers_not_shown, differences
from course.translate.lesson import extract, lesson_notebooks, translate_lesson, write_translated
from course.translate.messages import PACKAGE, update_kit_catalogues
from course.translate.paths import BUILD, ENGLISH

LOCALE = "locale"
TEMPLATES = "templates"
# nbgrader's stubs for answer cells, as config/nbgrader_config.py writes them in English.
CODE_STUB = N_("# Write your answer on the empty line above this one. Then run the cell.")
TEXT_STUB = N_("Write your answer here.")


@dataclass
class UpdateResult:
    templates: list[Path] = field(default_factory=list)
    catalogues: list[Path] = field(default_factory=list)
    kit_catalogues: list[Path] = field(default_factory=list)


def require_language(language: str) -> str:
    """*language* if it is one of the course's languages; else a CourseError that names them."""
    if language not in LANGUAGES:
        raise CourseError(_("There is no language '{language}' in this course. Use one of: {languages}.").format(
            language=language, languages=", ".join(LANGUAGES)))
    return language


def locale_dir(course: Course) -> Path:
    return course.root / LOCALE


def po_path(course: Course, lesson: str, language: str) -> Path:
    return locale_dir(course) / language / "LC_MESSAGES" / f"{lesson}.po"


def translation_languages(course: Course) -> list[str]:
    """Languages offered for lessons, and those with lesson catalogues in locale/, in the course's order."""
    folder = locale_dir(course)
    present = {path.name for path in folder.iterdir() if path.is_dir() and path.name != TEMPLATES} \
        if folder.is_dir() else set()
    present |= set(LESSON_LANGUAGES) - {ENGLISH}
    return [language for language in LANGUAGES if language in present] + sorted(present - set(LANGUAGES))


def update(*, course: Course, languages: list[str] | None = None, kit: bool | None = None) -> UpdateResult:
    """Extract every lesson into its POT, merge it into each language's PO; refresh the kit's catalogues.

    *languages* defaults to every language of the course but English. The kit's catalogues are
    refreshed (*kit* None) only in the kit's own repository, never in an installed copy.
    """
    result = UpdateResult()
    wanted = [require_language(language) for language in languages or LANGUAGES if language != ENGLISH]
    for lesson in course.assignments():
        units = extract(course.folder("source") / lesson)
        pot = template(units, lesson=lesson)
        pot_path = locale_dir(course) / TEMPLATES / f"{lesson}.pot"
        pot_path.parent.mkdir(parents=True, exist_ok=True)
        pot.save(str(pot_path))
        result.templates.append(pot_path)
        for language in wanted:
            path = po_path(course, lesson, language)
            path.parent.mkdir(parents=True, exist_ok=True)
            merge(read_po(path, language=language, project=lesson), pot).save(str(path))
            result.catalogues.append(path)
    if kit or (kit is None and PACKAGE.parent == course.root):
        result.kit_catalogues = update_kit_catalogues()
    return result


def status(*, course: Course, languages: list[str] | None = None) -> list[Counts]:
    """For each lesson and language: units translated, fuzzy and missing (against the lesson as it is now)."""
    counts = []
    for language in languages or []:
        require_language(language)
    for lesson in course.assignments():
        units = extract(course.folder("source") / lesson)
        for language in languages or translation_languages(course):
            po = read_po(po_path(course, lesson, language), language=language, project=lesson)
            found = count(units, po, lesson=lesson, language=language)
            counts.append(dataclasses.replace(found, problems=tuple(problems(course, lesson, po, language))))
    return counts


def problems(course: Course, lesson: str, po, language: str) -> list[str]:
    """What would go wrong with this translation: refused units, code that differs, answers the text does not show."""
    folder = course.folder("source") / lesson
    translated = translate_lesson(folder, language=language, lookup=lookup(po))
    found = [_("a translation that breaks the code was not used: {unit}").format(unit=problem)
             for problem in translated.problems]
    for path in lesson_notebooks(folder):
        english, theirs = nbformat.read(path, as_version=4), translated.notebooks[path.name]
        found += differences(english, theirs)
        found += [_("the text does not show the answer a check expects: {answer}").format(answer=answer)
                  for answer in answers_not_shown(english, theirs)]
    return found


def translated_lesson(lesson: str, language: str, course: Course) -> Path:
    """Write source/<lesson> in *language* to build/<language>/<lesson>; return that folder.

    Units with no usable translation keep their English text (`course translate status` counts them).
    """
    source = course.folder("source") / lesson
    po = read_po(po_path(course, lesson, language), language=language, project=lesson)
    translated = translate_lesson(source, language=language, lookup=lookup(po))
    target = write_translated(translated, source=source, target=course.home / BUILD / language / lesson)
    if translated.english:
        print(_("{lesson} in {language}: {count} of {total} parts have no translation yet and stay in English "
                "(see: course translate status).").format(
            lesson=lesson, language=LANGUAGE_NAMES.get(language, language), count=len(translated.english),
            total=len(extract(source).items)), file=sys.stderr)
    return target


def release_course(lesson: str, *, language: str, course: Course) -> Course:
    """The course to build a release from: itself in English, else one that reads the translated copy.

    nbgrader then builds release/<lesson> and its gradebook records (checksums) from the translated
    notebook, with the answer-cell stubs in that language.
    """
    if not language or require_language(language) == ENGLISH:
        return course
    translated_lesson(lesson, language, course)
    overrides = Config()
    overrides.CourseDirectory.source_directory = f"{BUILD}/{language}"
    stubs = course.config.get("ClearSolutions", {})
    stub = stubs.get("code_stub", {}).get("python", "")
    if stub.strip() == CODE_STUB:  # the kit's own stub, not a course's: its empty first line stays
        overrides.ClearSolutions.code_stub = {"python": stub.replace(CODE_STUB, translate_in(language, CODE_STUB))}
    if stubs.get("text_stub", "") == TEXT_STUB:
        overrides.ClearSolutions.text_stub = translate_in(language, TEXT_STUB)
    config = copy.deepcopy(course.config)
    config.merge(overrides)
    return Course(root=course.root, config=config)
