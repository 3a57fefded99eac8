"""Translation of the text that the kit prints for people.

Every sentence a trainer or learner reads goes through :func:`_`. The
language comes from ``CODENSOCIAL_LANG`` or, failing that, from the course
configuration (``c.CourseKit.language``). Catalogues live in
``course/locale/<lang>/LC_MESSAGES/course.po``; a missing catalogue falls back
to English.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT_LANGUAGE = "en"
_language = os.environ.get("CODENSOCIAL_LANG", "")


def set_language(language: str) -> None:
    """Use *language* (e.g. "es") unless CODENSOCIAL_LANG says otherwise."""
    global _language
    _language = os.environ.get("CODENSOCIAL_LANG") or language or DEFAULT_LANGUAGE


def current_language() -> str:
    return _language or DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Return *message* in the current language."""
    return _catalogue(current_language()).get(message) or message


def N_(message: str) -> str:
    """Mark *message* for translation where it is defined; translate it later, with :func:`_`."""
    return message


@lru_cache(maxsize=None)
def _catalogue(language: str) -> dict[str, str]:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "course.po"
    if not path.exists():
        return {}
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr}


def ngettext(singular: str, plural: str, count: int) -> str:
    """*singular* or *plural* for *count*, in the current language, by the catalogue's own plural rule.

    Catalogue entries use gettext's ``msgid_plural`` / ``msgstr[N]`` and the ``Plural-Forms`` header, so
    languages with three forms (Romanian, ...) get the right one. Without a translation: English's rule.
    """
    translations = _plural_catalogue(current_language())
    if translations is None:
        return singular if count == 1 else plural
    return translations.ngettext(singular, plural, count)


@lru_cache(maxsize=None)
def _plural_catalogue(language: str):
    """The catalogue as gettext's own translations object (it evaluates Plural-Forms), or None."""
    import gettext
    import io

    path = LOCALE_DIR / language / "LC_MESSAGES" / "course.po"
    if not path.exists():
        return None
    return gettext.GNUTranslations(io.BytesIO(polib.pofile(str(path)).to_binary()))
