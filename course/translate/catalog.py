"""PO files: a lesson's template, the merge into each language, and what is left to translate.

``locale/templates/<lesson>.pot`` holds the English units of a lesson;
``locale/<lang>/LC_MESSAGES/<lesson>.po`` holds one language's translations. Merging keeps
every translation: a unit whose English changed is marked fuzzy (its old English is kept as
``#| msgid`` for the translator), a new unit is untranslated, a unit that is gone is obsolete.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from course.i18n import PLURAL_FORMS
from course.translate.lesson import Unit, Units

FUZZY = "fuzzy"


@dataclass(frozen=True)
class Counts:
    """How many units of one lesson in one language are translated, fuzzy and missing."""

    lesson: str
    language: str
    translated: int
    fuzzy: int
    missing: int
    problems: tuple[str, ...] = ()  # translations a release cannot use, code that would differ, answers not shown

    @property
    def complete(self) -> bool:
        return self.fuzzy == 0 and self.missing == 0 and not self.problems


def header(language: str | None, project: str) -> dict[str, str]:
    metadata = {
        "Project-Id-Version": project,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if language:
        metadata["Language"] = language
        metadata["Plural-Forms"] = PLURAL_FORMS.get(language, PLURAL_FORMS["en"])
    return metadata


def template(units: Units, *, lesson: str) -> polib.POFile:
    """The POT of one lesson: every unit with its context, its places and a note for the translator."""
    pot = polib.POFile(wrapwidth=0)
    pot.metadata = header(None, lesson)
    for unit in units.items:
        pot.append(polib.POEntry(
            msgctxt=unit.context, msgid=unit.text, msgstr="",
            occurrences=[(place, "") for place in unit.places], comment=unit.note,
        ))
    return pot


def merge(po: polib.POFile, pot: polib.POFile) -> polib.POFile:
    """*po* brought up to *pot*: kept, fuzzy where the English changed, new, or obsolete.

    A unit whose English is unchanged but whose place in its cell moved (a paragraph was added above it)
    keeps its translation, not fuzzy: contexts are cell id plus position, and a position is not a change.
    """
    old = {entry.msgctxt: entry for entry in po if not entry.obsolete}
    gone = {(entry.msgctxt, entry.msgid): entry for entry in po if entry.obsolete}
    moved = {}
    for entry in old.values():
        if entry.msgstr and FUZZY not in entry.flags:
            moved.setdefault((_cell(entry.msgctxt), entry.msgid), entry)
    merged = polib.POFile(wrapwidth=0)
    merged.metadata = dict(po.metadata)
    wanted_contexts = {wanted.msgctxt for wanted in pot}
    for wanted in pot:
        entry = old.get(wanted.msgctxt)
        if entry is None or entry.msgid != wanted.msgid:
            same_text = moved.get((_cell(wanted.msgctxt), wanted.msgid))
            if same_text is not None:
                entry = polib.POEntry(msgctxt=wanted.msgctxt, msgid=wanted.msgid, msgstr=same_text.msgstr)
            elif entry is not None:
                entry = _copy(entry)
                entry.previous_msgid, entry.msgid = entry.msgid, wanted.msgid
                if entry.msgstr and FUZZY not in entry.flags:
                    entry.flags.append(FUZZY)
            else:
                entry = gone.pop((wanted.msgctxt, wanted.msgid), None) or polib.POEntry(
                    msgctxt=wanted.msgctxt, msgid=wanted.msgid, msgstr="")
        entry.obsolete = False
        entry.occurrences, entry.comment = list(wanted.occurrences), wanted.comment
        merged.append(entry)
    for entry in [*(e for ctx, e in old.items() if ctx not in wanted_contexts), *gone.values()]:
        entry.obsolete = True
        merged.append(entry)
    return merged


def _cell(context: str) -> str:
    return context.split(":", 1)[0]


def _copy(entry: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=entry.msgstr, flags=list(entry.flags),
                         previous_msgid=entry.previous_msgid)


def read_po(path: Path, *, language: str, project: str) -> polib.POFile:
    if path.is_file():
        return polib.pofile(str(path), wrapwidth=0)
    po = polib.POFile(wrapwidth=0)
    po.metadata = header(language, project)
    return po


def usable(entry: polib.POEntry | None, unit: Unit) -> bool:
    """A translation a release may use: present, not fuzzy, and of this very English text."""
    return bool(entry and entry.msgstr and not entry.obsolete and FUZZY not in entry.flags and entry.msgid == unit.text)


def entries(po: polib.POFile) -> dict[str, polib.POEntry]:
    return {entry.msgctxt: entry for entry in po if not entry.obsolete}


def lookup(po: polib.POFile) -> Callable[[Unit], str | None]:
    """The translation of a unit in *po*, or None where a release must keep the English."""
    found = entries(po)

    def translation(unit: Unit) -> str | None:
        entry = found.get(unit.context)
        return entry.msgstr if usable(entry, unit) else None

    return translation


def count(units: Units, po: polib.POFile, *, lesson: str, language: str) -> Counts:
    """Translated, fuzzy (or written for an older English) and missing units of the lesson as it is now."""
    found = entries(po)
    translated = fuzzy = missing = 0
    for unit in units.items:
        entry = found.get(unit.context)
        if usable(entry, unit):
            translated += 1
        elif entry is not None and entry.msgstr:
            fuzzy += 1
        else:
            missing += 1
    return Counts(lesson, language, translated, fuzzy, missing)
