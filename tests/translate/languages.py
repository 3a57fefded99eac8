"""The lessons in other languages, for the tests that grade, check and read them in every lesson language.

A *case* is one language the tests run the lessons in: each language of
``course.i18n.LESSON_LANGUAGES`` but English, with the repository's PO files, and a pseudo-language
that runs today, before the translations land. The pseudo-language uses the code of a real
language (:data:`PSEUDO`), so the kit speaks that language (its real catalogue), while every unit
of every lesson is "translated" by :func:`pseudo`: each vowel accented but in names, "Goal
réáchéd". The English stays readable, keeps its length, and no English sentence survives, so a
check that still shows English is seen.

A typical mistake (course/demo/mistakes/<lesson>.yml) is carried into a language with the
lesson's own units (:func:`mistakes_in`), or taken from its ``code_<lang>`` override; the words
its check must show come from the units whose English holds its ``says`` (:func:`message_problems`),
or from its ``says_<lang>`` override.
"""
from __future__ import annotations

import ast
import dataclasses
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import polib
import pytest
from nbgrader.utils import is_grade

from course import i18n
from course.config import Course, load_course
from course.demo.answers import typical_mistakes
from course.translate.catalog import lookup, read_po, template
from course.translate.lesson import LESSON_DATA, extract, lesson_notebooks, translate_code
from course.translate.units import COMMENT, STRING, STRING_START
from tests.helpers import REPO
from tests.lessons.grading import Mistake, speaking
from tests.lessons.lessons import LESSONS, exercises, grade_id, same_words

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
# The pseudo-language runs every lesson while no real language is offered; then two (the tests are
# proved on it, and the real languages cover every lesson).
PSEUDO_LESSONS = LESSONS[:2] if REAL_LANGUAGES else LESSONS


def pairs(pseudo_lessons: list[str], *, marks=()) -> list:
    """(case, lesson) parameters: the pseudo-language with *pseudo_lessons*, each real language with every lesson.

    The real languages are in the slow tier (*marks* go on every pair).
    """
    return [pytest.param(PSEUDO_CASE, lesson, id=f"{PSEUDO_CASE.name}-{lesson}", marks=marks)
            for lesson in pseudo_lessons] + [
        pytest.param(Case(language), lesson, id=f"{language}-{lesson}", marks=[*marks, pytest.mark.slow])
        for language in REAL_LANGUAGES for lesson in LESSONS]


# --- the pseudo-language --------------------------------------------------------------------------

def pseudo(text: str, code_words: frozenset[str] = frozenset()) -> str:
    """*text* in the pseudo-language: every vowel accented, except in what a translator keeps as it is."""
    out, last = [], 0
    for kept in KEPT.finditer(text):
        out += [_accented(text[last:kept.start()], code_words), kept.group(0)]
        last = kept.end()
    return "".join(out + [_accented(text[last:], code_words)])


def _accented(text: str, code_words: frozenset[str]) -> str:
    """Every word with its vowels accented, but names ("Ioana", "Plovdiv", "Town:", "NameError": a capital
    first and not all capitals) and the lesson's *code_words*. A name or a code word ("cooking", given to
    the learner's code as a one-word string) is then the same in a sentence, a label and the code's one-word
    strings, as docs/translation.md asks of a translator; a word in capitals ("CUSTOMER SERVICE") is
    accented, as its small letters are."""
    return WORD.sub(lambda word: word[0] if _is_name(word[0]) or word[0].lower() in code_words
                    else word[0].translate(ACCENTED), text)


def _is_name(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or not word.isupper())


def data_texts(folder: Path) -> str:
    """The lesson's data files (jobs.csv): a phrase found there is data, and a translator keeps it."""
    return "\n".join(path.read_text(encoding="utf-8", errors="ignore") for path in sorted(folder.iterdir())
                     if path.is_file() and path.suffix not in (".ipynb", ".md") and path.name != LESSON_DATA)


def pseudo_po(folder: Path, *, language: str = PSEUDO) -> polib.POFile:
    """The PO file of the lesson in *folder* with every unit translated into the pseudo-language.

    As a translator would, it keeps the phrases of the lesson's data files as they are (their
    translation is the English).
    """
    data, words = data_texts(folder), code_words(folder)
    po = template(extract(folder), lesson=folder.name)
    po.metadata = {**po.metadata, "Language": language, "Plural-Forms": i18n.PLURAL_FORMS[language]}
    for entry in po:
        entry.msgstr = entry.msgid if entry.msgid in data else pseudo(entry.msgid, words)
    return po


def code_words(folder: Path) -> frozenset[str]:
    """The words of the strings in the lesson's code that are not units: code words, which stay as they are.

    One-word strings ("cooking", "city") and the words of a string that is not translated (the "at"
    of ``f"{job} at {place}"``): an answer that the code builds from them must keep them. A one-word
    string that is a unit (the start of an answer a check looks for, "DATA") is translated.
    """
    units = set(extract(folder).strings)
    words: set[str] = set()
    for path in lesson_notebooks(folder):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                words.update(_untranslated_words(cell.source, units))
    return frozenset(word.lower() for word in words)


def _untranslated_words(source: str, units: set[str]) -> set[str]:
    tree = _tree(source)
    in_fstrings: set[int] = set()
    words: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [value for value in node.values if isinstance(value, ast.Constant)]
            in_fstrings.update(id(part) for part in parts)
            written = ast.get_source_segment(source, node) or ""
            quote = STRING_START.match(written)
            inner = written[len(quote.group(0)):len(written) - len(quote.group(2))] if quote else ""
            if inner not in units:
                words.update(_words(" ".join(str(part.value) for part in parts)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstrings \
                and node.value not in units:
            words.update(_words(node.value))
    return words


def _words(text: str) -> list[str]:
    """The words of *text*, but not the parts of a name with an underscore ("first_name" is no "first")."""
    return [word for token in text.split() if "_" not in token for word in WORD.findall(token)]


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
    "Good morning " the unit with a space, "It is late" the unit "It is late." without its full stop:
    their translations get the same change.
    """
    variants: dict[str, str] = {}
    for english, translation in translations.items():
        for change in (str.lower, str.upper, _without_full_stop):
            variants.setdefault(change(english), change(translation))
    labels = fixed_part_translations(translations)

    def translate(text: str) -> str | None:
        stripped = text.strip()
        found = translations.get(stripped) or variants.get(stripped)
        if found:
            return text.replace(stripped, found, 1)
        parts = FIELD.split(text)
        if len(parts) > 1 and any(part in labels for part in parts):
            fields = FIELD.findall(text) + [""]
            return "".join(labels.get(part, part) + field for part, field in zip(parts, fields))
        return None

    return translate


def fixed_part_translations(translations: dict[str, str]) -> dict[str, str]:
    """The words between the fields of the lesson's f-strings, translated: "Name: " of "Name: {first} {last}".

    A mistake that changes only the fields (``f"Name: {last} {first}"``) keeps the translated words.
    Only a translation with the same fields in the same order gives its parts.
    """
    found: dict[str, str] = {}
    for english, translation in translations.items():
        if FIELD.findall(english) and FIELD.findall(english) == FIELD.findall(translation):
            for part, translated in zip(FIELD.split(english), FIELD.split(translation)):
                if WORD.search(part):
                    found.setdefault(part, translated)
    return found


def _without_full_stop(text: str) -> str:
    return text[:-1] if text.endswith((".", "!", "?")) else text


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
                                    translate_code(str(code or wrong["code"]), lookup_text),
                                    str(wrong["says"]), str(says) if says else None))
    return mistakes, overridden


def packed(mistakes: list[Mistake], nb) -> list[Mistake]:
    """The mistakes handed in by as few learners as can be, one notebook holding mistakes of several exercises.

    Two mistakes share a notebook only when neither exercise's cells read a name that the other's
    answer cell makes, directly or through the cells between (so no check sees another's mistake).
    Grading is the cost of these tests: a lesson's 20 mistakes are handed in as 4 or 5 notebooks.
    """
    exercise_of = {answer: number for number, exercise in enumerate(exercises(nb))
                   for answer in [*exercise.answers, *exercise.tests]}
    packs: list[list[tuple[Mistake, set[int]]]] = []
    for mistake in mistakes:
        reached = exercises_reached(nb, mistake, exercise_of)
        for pack in packs:
            if all(exercise_of[other.answer] not in reached and exercise_of[mistake.answer] not in theirs
                   for other, theirs in pack):
                pack.append((mistake, reached))
                break
        else:
            packs.append([(mistake, reached)])
    return [dataclasses.replace(mistake, student=f"mistakes-{number}")
            for number, pack in enumerate(packs, start=1) for mistake, _reached in pack]


def exercises_reached(nb, mistake: Mistake, exercise_of: dict[str, int]) -> set[int]:
    """The exercises (numbers) whose cells read what the mistake's answer cell makes, its own included."""
    made: set[str] = set()
    reached = {exercise_of[mistake.answer]}
    started = False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell_id = grade_id(cell) if "grade_id" in cell.metadata.get("nbgrader", {}) else None
        if cell_id == mistake.answer:
            made, started = names_made(cell.source) | names_made(mistake.code), True
        elif started and names_read(cell.source) & made:
            if cell_id in exercise_of:
                reached.add(exercise_of[cell_id])
            if not is_grade(cell):  # what a check makes (its helpers, a rerun's namespace) stays in the check
                made |= names_made(cell.source)
    return reached


def _tree(source: str) -> ast.AST:
    try:
        return ast.parse(source)
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])


def names_made(source: str) -> set[str]:
    """The names code assigns, defines or imports."""
    found = set()
    for node in ast.walk(_tree(source)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, ast.alias):
            found.add((node.asname or node.name).split(".")[0])
    return found


def names_read(source: str) -> set[str]:
    """The names code reads, and the strings that name a variable (the checks' ``c.text("card")``)."""
    found = set()
    for node in ast.walk(_tree(source)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            found.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
            found.add(node.value)
    return found


# --- the words a check must show ------------------------------------------------------------------

def fixed_parts(text: str) -> list[str]:
    """The parts of a message outside its ``{fields}``, spaces made single."""
    return [part for part in (same_words(part) for part in FIELD.split(text)) if part]


def longest_fixed_part(text: str) -> str:
    return max(fixed_parts(text), key=len, default="")


def could_say(english: str, says: str) -> bool:
    """Could *says* be a part of a message made from *english*, whatever its ``{fields}`` hold?

    The message may be joined to other text at both ends (``"hours holds the text " + repr(value)``).
    *says* starts with an end of one fixed part (or in a field), holds the fixed parts that follow in
    order, and ends with a beginning of a fixed part (or in a field); the fixed text it covers must
    be two words or more, or half of its words, so that it is not found in every message with a field.
    """
    says, english = same_words(says), same_words(english)
    if says in english:
        return True
    parts = ["", *FIELD.split(english), ""]
    least = min(2, (len(WORD.findall(says)) + 1) // 2)
    for first in range(len(parts) - 1):
        for tail in (parts[first][k:] for k in range(len(parts[first]) + 1)):
            if says.startswith(tail) and _covered_words(says[len(tail):], parts[first + 1:], [tail]) >= max(least, 1):
                return True
    return False


def _covered_words(rest: str, parts: list[str], covered: list[str]) -> int:
    """The most words outside the fields that *rest* covers, as fields and *parts* in turn, ending in a
    field or a beginning of a part (0 if *rest* cannot be read so)."""
    position, most = 0, 0
    for part in parts:
        remainder = rest[position:]
        head = next(part[:n] for n in range(len(part), -1, -1) if remainder.endswith(part[:n]))
        most = max(most, len(WORD.findall(" ".join([*covered, head]))))
        found = remainder.find(part)
        if found < 0:
            break
        covered.append(part)
        position += found + len(part)
    return most


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
