"""The lessons in other languages, for the tests that grade, check and read them in every lesson language.

A *case* is one language the tests run the lessons in: each language of
``course.i18n.LESSON_LANGUAGES`` but English, with the repository's PO files, and a pseudo-language
that runs today, before the translations land. The pseudo-language uses the code of a real
language (:data:`PSEUDO`), so the kit speaks that language (its real catalogue), while every unit
of every lesson is "translated" by :func:`pseudo`: each vowel accented, "Góál réáchéd". The
English stays readable, keeps its length, and no English phrase survives, so a check that still
shows English is seen.

A typical mistake (course/demo/mistakes/<lesson>.yml) is carried into a language with the
lesson's own units (:func:`mistakes_in`), or taken from its ``code_<lang>`` override; the words
its check must show come from the units whose English holds its ``says`` (:func:`message_problems`),
or from its ``says_<lang>`` override.
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from course import i18n
from course.config import Course, load_course
from course.demo.answers import typical_mistakes
from course.translate.catalog import lookup, read_po, template
from course.translate.lesson import LESSON_DATA, Unit, extract, translate_code
from course.translate.units import COMMENT, STRING
from tests.helpers import REPO
from tests.lessons.grading import Mistake, speaking
from tests.lessons.lessons import LESSONS, same_words

ENGLISH = "en"
# The pseudo-language's code: the kit's messages are Romanian there (its real catalogue), the lessons
# pseudo-English. Romanian has no reading-ease formula, so `course check` measures the sentences only,
# which are the English ones: the plain-language rules hold as they do in English.
PSEUDO = "ro"
REAL_LANGUAGES = [language for language in i18n.LESSON_LANGUAGES if language != ENGLISH]

ACCENTED = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
# What a translator keeps as it is: code in backticks, {fields}, link addresses, HTML tags and entities,
# escapes, and words with a digit or an underscore (the marker "m1-ex2", the variable full_name).
KEPT = re.compile(r"`+[^`]*`+|\{[^{}]*\}|\]\([^)]*\)|<[^>]*>|https?://\S+|&#?\w+;|\\.|[^\s`{}()\[\]]*[\d_][^\s`{}()\[\]]*")
FIELD = re.compile(r"\{[^{}]*\}")
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Case:
    """One language the lessons are tested in: a real one (its PO files) or the pseudo-language."""

    language: str
    pseudo: bool = False

    @property
    def name(self) -> str:
        return f"pseudo-{self.language}" if self.pseudo else self.language

    @property
    def overrides(self) -> str | None:
        """The suffix of this language's overrides in a mistakes file (`code_es`); the pseudo-language has none."""
        return None if self.pseudo else self.language


PSEUDO_CASE = Case(PSEUDO, pseudo=True)


# --- the pseudo-language --------------------------------------------------------------------------

def pseudo(text: str) -> str:
    """*text* in the pseudo-language: every vowel accented, except in what a translator keeps as it is."""
    out, last = [], 0
    for kept in KEPT.finditer(text):
        out += [text[last:kept.start()].translate(ACCENTED), kept.group(0)]
        last = kept.end()
    return "".join(out + [text[last:].translate(ACCENTED)])


def data_texts(folder: Path) -> str:
    """The lesson's data files (jobs.csv): a phrase found there is data, and a translator keeps it."""
    return "\n".join(path.read_text(encoding="utf-8", errors="ignore") for path in sorted(folder.iterdir())
                     if path.is_file() and path.suffix not in (".ipynb", ".md") and path.name != LESSON_DATA)


def is_name(unit: Unit) -> bool:
    """A string of names only ("Ioana Popescu", "Plaza Mayor"): translators keep names and places as they are."""
    return unit.kind == STRING and all(word[0].isupper() for word in WORD.findall(unit.text))


def pseudo_po(folder: Path, *, language: str = PSEUDO) -> polib.POFile:
    """The PO file of the lesson in *folder* with every unit translated into the pseudo-language.

    As a translator would, it keeps names and the phrases of the lesson's data files as they are
    (their translation is the English).
    """
    data = data_texts(folder)
    units = extract(folder)
    po = template(units, lesson=folder.name)
    po.metadata = {**po.metadata, "Language": language, "Plural-Forms": i18n.PLURAL_FORMS[language]}
    for entry, unit in zip(po, units.items, strict=True):
        entry.msgstr = unit.text if is_name(unit) or unit.text in data else pseudo(unit.text)
    return po


# --- a course in one language ---------------------------------------------------------------------

def po_file(root: Path, lesson: str, language: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / f"{lesson}.po"


def language_course(target: Path, case: Case, lessons: list[str] = LESSONS) -> Course:
    """A course in *target*: the repository's settings and *lessons*, a cohort in the case's language,
    and each lesson's PO file (the repository's, or the pseudo-language's made here)."""
    shutil.copytree(REPO / "config", target / "config")
    for lesson in lessons:
        shutil.copytree(REPO / "source" / lesson, target / "source" / lesson,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        path = po_file(target, lesson, case.language)
        path.parent.mkdir(parents=True, exist_ok=True)
        if case.pseudo:
            pseudo_po(target / "source" / lesson, language=case.language).save(str(path))
        else:
            shutil.copy(po_file(REPO, lesson, case.language), path)
    with open(target / "config" / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(f"\nc.CourseKit.language = {case.language!r}\n")
    with speaking(i18n.current_language()):  # loading a course sets the kit's language: the tests keep theirs
        return load_course(target)


def lesson_po(course: Course, lesson: str) -> polib.POFile:
    language = course.kit.language
    return read_po(po_file(course.root, lesson, language), language=language, project=lesson)


# --- typical mistakes in another language ---------------------------------------------------------

def text_translations(course: Course, lesson: str) -> dict[str, str]:
    """English text -> its translation, for each translated string and comment of the lesson (strings first)."""
    units = extract(course.folder("source") / lesson)
    translation = lookup(lesson_po(course, lesson))
    found: dict[str, str] = {}
    for unit in sorted((unit for unit in units.items if unit.kind in (STRING, COMMENT)), key=lambda u: u.kind != STRING):
        text = translation(unit)
        if text:
            found.setdefault(unit.text, text)
    return found


def carried(translations: dict[str, str]) -> Callable[[str], str | None]:
    """A lookup for code that is not in the lesson: a unit's text, or the same text in other letters or spaces.

    "good morning" and "GOOD MORNING" are the unit "Good morning" in small and capital letters,
    "Good morning " the unit with a space: their translations get the same change.
    """
    variants: dict[str, str] = {}
    for english, translation in translations.items():
        for change in (str.lower, str.upper):
            variants.setdefault(change(english), change(translation))

    def translate(text: str) -> str | None:
        stripped = text.strip()
        found = translations.get(stripped) or variants.get(stripped)
        return text.replace(stripped, found, 1) if found else None

    return translate


def mistakes_in(course: Course, lesson: str, case: Case) -> tuple[list[Mistake], list[str]]:
    """The lesson's typical mistakes carried into the case's language, and which of them took an override.

    Each mistake keeps its English ``says``; a ``says_<lang>`` override gives the words themselves,
    which :func:`message_problems` then looks for as they are.
    """
    lookup_text = carried(text_translations(course, lesson))
    mistakes, overridden = [], []
    for answer, wrongs in typical_mistakes(lesson).items():
        for number, wrong in enumerate(wrongs or [], start=1):
            code = wrong.get(f"code_{case.overrides}") if case.overrides else None
            says = wrong.get(f"says_{case.overrides}") if case.overrides else None
            if code or says:
                overridden.append(f"{lesson} {answer} #{number}: {', '.join(k for k, v in (('code', code), ('says', says)) if v)}")
            mistakes.append(Mistake(f"mistake-{answer}-{number}", answer,
                                    str(code or translate_code(str(wrong["code"]), lookup_text)),
                                    str(wrong["says"]), str(says) if says else None))
    return mistakes, overridden


# --- the words a check must show ------------------------------------------------------------------

def fixed_parts(text: str) -> list[str]:
    """The parts of a message outside its ``{fields}``, spaces made single."""
    return [part for part in (same_words(part) for part in FIELD.split(text)) if part]


def longest_fixed_part(text: str) -> str:
    return max(fixed_parts(text), key=len, default="")


def could_say(english: str, says: str) -> bool:
    """Could *says* be a part of a message made from *english*, whatever its ``{fields}`` hold?

    *says* must cover a word outside the fields, so that it is not found in every message that
    starts or ends with a field.
    """
    says, english = same_words(says), same_words(english)
    if says in english:
        return True
    parts = FIELD.split(english)
    for first in range(len(parts) - 1):
        for last in range(first + 1, len(parts)):
            inner = [re.escape(part) for part in parts[first + 1:last]]
            pattern = (f"(?P<tail>{_ends(parts[first], tails=True)})(?P<middle>.*?"
                       + "".join(f"{part}.*?" for part in inner) + f")(?P<head>{_ends(parts[last], tails=False)})")
            found = re.fullmatch(pattern, says, re.DOTALL)
            if found and bool(WORD.findall(found["tail"] + " ".join(parts[first + 1:last]) + " " + found["head"])):
                return True
    return False


def _ends(text: str, *, tails: bool) -> str:
    """A regular expression for every ending (or every beginning) of *text*, the longest first."""
    ends = [text[start:] for start in range(len(text) + 1)] if tails else [text[:end] for end in range(len(text), -1, -1)]
    return "|".join(re.escape(end) for end in ends)


def kit_messages(language: str) -> list[tuple[str, str]]:
    """(English, translation) of each message of the kit's catalogue; a message with no translation shows its English."""
    pairs = []
    for entry in polib.pofile(str(i18n.catalogue_path(language))):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            translations = [text or entry.msgid for text in entry.msgstr_plural.values()]
            pairs += [(english, text) for english in (entry.msgid, entry.msgid_plural) for text in translations]
        else:
            pairs.append((entry.msgid, entry.msgstr if entry.msgstr and "fuzzy" not in entry.flags else entry.msgid))
    return pairs


def lesson_messages(po: polib.POFile) -> list[tuple[str, str]]:
    """(English, translation) of each unit of a lesson's PO file; a unit with no translation shows its English."""
    return [(entry.msgid, entry.msgstr or entry.msgid) for entry in po if not entry.obsolete]


def message_problems(mistake: Mistake, shown: list[str], messages: list[tuple[str, str]]) -> list[str]:
    """[] when a check of the mistake's exercise shows its message in the language (and not in English).

    The message: the translation of a unit (lesson or kit) whose English could say ``says``; the
    longest part of it outside ``{fields}`` must be shown, and the English ``says`` must not be
    (unless the translation is the English). With no such unit, ``says`` is Python's own words
    (an error message) or the learner's, and is shown as it is; a ``says_<lang>`` override is looked
    for as it is written.
    """
    text = " | ".join(same_words(each) for each in shown)
    where = f"{mistake.answer}: for {mistake.code!r}"
    if mistake.says_here:
        wanted = mistake.says_here
        return [] if same_words(wanted) in text else [f"{where} no check says {wanted!r}; they show: {text[-300:]}"]
    candidates = [(english, translation) for english, translation in messages if could_say(english, mistake.says)]
    if not candidates:
        return [] if same_words(mistake.says) in text else [
            f"{where} no check says {mistake.says!r} (no unit holds it); they show: {text[-300:]}"]
    problems = []
    if not any(longest_fixed_part(translation) in text for _english, translation in candidates):
        wanted = sorted({longest_fixed_part(translation) for _english, translation in candidates})
        problems.append(f"{where} no check shows the translation of {mistake.says!r} (one of {wanted[:3]}); "
                        f"they show: {text[-300:]}")
    kept_english = any(same_words(english) == same_words(translation) for english, translation in candidates)
    if same_words(mistake.says) in text and not kept_english:
        problems.append(f"{where} a check still says {mistake.says!r} in English")
    return problems
