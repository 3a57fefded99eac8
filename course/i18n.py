"""Translation of the text that the kit prints for people.

Every sentence a trainer or learner reads goes through :func:`_`, and every sentence with a
count in it through :func:`ngettext` (real plural forms, from the catalogue's ``Plural-Forms``
header). The language comes from ``CODENSOCIAL_LANG`` or, failing that, from the course
configuration (``c.CourseKit.language``). Catalogues live in
``course/locale/<lang>/LC_MESSAGES/course.po``; ``course translate update`` refreshes them
from the code. A message missing from a catalogue is shown in English; a language whose
catalogue is missing or not complete says so once, in one line, to the trainer.
"""
from __future__ import annotations

import gettext
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT_LANGUAGE = "en"
_language = os.environ.get("CODENSOCIAL_LANG", "")

# The languages of the course, and which of them are offered today. A language is offered
# only when its catalogue is complete: the tests fail for an offered language with a gap.
LANGUAGES = ("en", "es", "ro", "bg", "it", "fr")
MESSAGE_LANGUAGES = ("en", "es", "ro", "bg", "it", "fr")  # the kit's own messages (CLI, reports, learner toolkit)
LESSON_LANGUAGES = ("en", "es", "ro", "bg", "it", "fr")  # the lessons (locale/<lang>/LC_MESSAGES/<lesson>.po complete)
LANGUAGE_NAMES = {"en": "English", "es": "español", "ro": "română", "bg": "български", "it": "italiano",
                  "fr": "français"}

# gettext's Plural-Forms of each language (from the GNU gettext manual and Unicode CLDR).
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "bg": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ro": "nplurals=3; plural=(n == 1 ? 0 : (n == 0 || (n % 100 > 0 && n % 100 < 20)) ? 1 : 2);",
}
_WARNED = "CODENSOCIAL_LANG_NOTED"  # set once the trainer was told; programs started from here inherit it


def set_language(language: str) -> None:
    """Use *language* (e.g. "es") unless CODENSOCIAL_LANG says otherwise."""
    global _language
    _language = os.environ.get("CODENSOCIAL_LANG") or language or DEFAULT_LANGUAGE
    note_missing_catalogue(current_language())


def current_language() -> str:
    return _language or DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Return *message* in the current language."""
    return _catalogue(current_language()).singular.get(message) or message


def translate_in(language: str, message: str) -> str:
    """*message* in *language*, whatever the current language is (a lesson released in another language)."""
    return _catalogue(language).singular.get(message) or message


def ngettext(singular: str, plural: str, count: int) -> str:
    """*singular* or *plural*, in the current language, in the form that goes with *count*."""
    catalogue = _catalogue(current_language())
    forms = catalogue.plurals.get(singular)
    if forms:
        chosen = forms.get(catalogue.plural_index(count))
        if chosen:
            return chosen
    return singular if count == 1 else plural


def N_(message: str) -> str:
    """Mark *message* for translation where it is defined; translate it later, with :func:`_`."""
    return message


@dataclass
class Catalogue:
    """One language's messages: plain ones, and the plural forms of messages with a count."""

    singular: dict[str, str] = field(default_factory=dict)
    plurals: dict[str, dict[int, str]] = field(default_factory=dict)
    plural_forms: str = PLURAL_FORMS["en"]
    exists: bool = False

    def plural_index(self, count: int) -> int:
        return int(_plural_rule(self.plural_forms)(count))


@lru_cache(maxsize=None)
def _plural_rule(plural_forms: str):
    expression = plural_forms.split("plural=", 1)[1].rstrip().rstrip(";")
    return gettext.c2py(expression)


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "course.po"


@lru_cache(maxsize=None)
def _catalogue(language: str) -> Catalogue:
    path = catalogue_path(language)
    if not path.exists():
        return Catalogue()
    po = polib.pofile(str(path))
    found = Catalogue(plural_forms=po.metadata.get("Plural-Forms") or PLURAL_FORMS.get(language, PLURAL_FORMS["en"]),
                      exists=True)
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            found.plurals[entry.msgid] = {int(k): v for k, v in entry.msgstr_plural.items() if v}
        elif entry.msgstr:
            found.singular[entry.msgid] = entry.msgstr
    return found


def missing_catalogue_note(language: str) -> str | None:
    """One line for the trainer when the kit's messages are not (all) in *language*, else None."""
    if language in MESSAGE_LANGUAGES:
        return None
    name = LANGUAGE_NAMES.get(language, language)
    if not _catalogue(language).exists:
        return _("The kit has no translation into '{language}': its messages are in English.").format(
            language=language)
    return _("The kit's messages are not all translated into {name} ({language}) yet: the rest are in English."
             ).format(name=name, language=language)


def note_missing_catalogue(language: str) -> None:
    """Say once, on stderr, that *language* has no complete catalogue (never inside a lesson's kernel)."""
    if os.environ.get(_WARNED) == language or _in_kernel():
        return
    note = missing_catalogue_note(language)
    if note:
        os.environ[_WARNED] = language
        print(note, file=sys.stderr)


def _in_kernel() -> bool:
    """True inside a learner's IPython kernel or shell (a lesson says nothing about catalogues)."""
    ipython = sys.modules.get("IPython")
    return ipython is not None and ipython.get_ipython() is not None
