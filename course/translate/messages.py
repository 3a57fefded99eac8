"""The kit's own messages: found in the code, merged into ``course/locale/<lang>/LC_MESSAGES/course.po``.

A message is the literal first argument of ``_()`` or ``N_()``, or the two literal arguments of
``ngettext()``, anywhere in the ``course`` package (found with ``ast``, so a message written
over several lines or in a table is found too).
"""
from __future__ import annotations

import ast
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path

import polib

from course.i18n import LANGUAGES, LOCALE_DIR, PLURAL_FORMS, catalogue_path
from course.translate.catalog import header

PACKAGE = Path(__file__).resolve().parent.parent
SINGULAR_CALLS = ("_", "N_")
PLURAL_CALLS = ("ngettext",)


@dataclass
class Message:
    msgid: str
    plural: str = ""
    places: list[tuple[str, str]] = field(default_factory=list)


def messages_in(source: str, *, file: str = "") -> list[Message]:
    """The messages marked for translation in one Python source text."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        texts = [arg.value for arg in node.args[:2] if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        if node.func.id in SINGULAR_CALLS and texts and _is_literal(node.args[0]):
            found.append(Message(texts[0], places=[(file, str(node.lineno))]))
        elif node.func.id in PLURAL_CALLS and len(texts) == 2 and all(map(_is_literal, node.args[:2])):
            found.append(Message(texts[0], texts[1], places=[(file, str(node.lineno))]))
    return found


def _is_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def kit_messages(package: Path = PACKAGE) -> dict[str, Message]:
    """Every message of the package, by English text, in file order (read afresh each call)."""
    return dict(_read_messages(package, _stamp(package)))


def _stamp(package: Path) -> tuple:
    return tuple((str(path), path.stat().st_mtime_ns) for path in sorted(package.rglob("*.py")))


@lru_cache(maxsize=4)
def _read_messages(package: Path, _stamp: tuple) -> dict[str, Message]:
    found: dict[str, Message] = {}
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package.parent).as_posix()
        for message in messages_in(path.read_text(encoding="utf-8"), file=relative):
            known = found.setdefault(message.msgid, Message(message.msgid, message.plural))
            known.plural = known.plural or message.plural
            known.places += message.places
    return found


def merge_messages(po: polib.POFile, messages: dict[str, Message], *, language: str) -> polib.POFile:
    """*po* with every message of the code: translations kept, new ones empty, gone ones obsolete (if translated).

    Entries keep their place and new ones come at the end, with no file references, so that an
    update changes only the lines it must (and merges of catalogues stay small).
    """
    old = {entry.msgid: entry for entry in po}
    merged = polib.POFile()
    merged.metadata = {**header(language, "code-n-social"), **po.metadata,
                       "Plural-Forms": PLURAL_FORMS.get(language, PLURAL_FORMS["en"])}
    forms = int(merged.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    in_place = [messages[entry.msgid] for entry in po if entry.msgid in messages]
    for message in in_place + [message for message in messages.values() if message.msgid not in old]:
        entry = old.pop(message.msgid, None) or polib.POEntry(msgid=message.msgid, msgstr="")
        entry.obsolete = False
        if message.plural:
            entry.msgid_plural = message.plural
            entry.msgstr_plural = {index: entry.msgstr_plural.get(index, "") for index in range(forms)}
            entry.msgstr = ""
        merged.append(entry)
    for entry in old.values():
        if entry.msgstr or any(entry.msgstr_plural.values()):  # an untranslated message that is gone: nothing to keep
            entry.obsolete = True
            merged.append(entry)
    return merged


def update_kit_catalogues(*, languages: tuple[str, ...] = LANGUAGES[1:], locale: Path = LOCALE_DIR) -> list[Path]:
    """Refresh each language's course.po from the code; returns the files written."""
    messages = kit_messages()
    written = []
    for language in languages:
        path = catalogue_path(language) if locale == LOCALE_DIR else locale / language / "LC_MESSAGES" / "course.po"
        po = polib.pofile(str(path)) if path.is_file() else polib.POFile()
        path.parent.mkdir(parents=True, exist_ok=True)
        merge_messages(po, messages, language=language).save(str(path))
        written.append(path)
    return written


def missing_messages(language: str) -> list[str]:
    """The messages of the code with no translation in *language*'s catalogue (all of them when none)."""
    path = catalogue_path(language)
    po = polib.pofile(str(path)) if path.is_file() else polib.POFile()
    done = {entry.msgid for entry in po if not entry.obsolete and "fuzzy" not in entry.flags and (
        entry.msgstr or (entry.msgstr_plural and all(entry.msgstr_plural.values())))}
    return sorted(set(kit_messages()) - done)
