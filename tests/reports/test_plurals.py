"""Plural forms are real: every ngettext() message has its plural entry in each catalogue."""
import ast
import string

import polib
import pytest

from course import i18n
from tests.helpers import REPO


def plural_calls() -> set[tuple[str, str]]:
    """(singular, plural) of every ngettext("...", "...", n) in the course package."""
    found = set()
    for path in (REPO / "course").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "ngettext"
                    and len(node.args) == 3 and all(isinstance(a, ast.Constant) for a in node.args[:2])):
                found.add((node.args[0].value, node.args[1].value))
    return found


def fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("language", [lang for lang in i18n.MESSAGE_LANGUAGES if lang != "en"])
def test_every_plural_message_is_translated_with_its_placeholders(language):
    """Does each ngettext message have all its plural forms, keeping the placeholders of its English form?"""
    catalogue = polib.pofile(str(i18n.LOCALE_DIR / language / "LC_MESSAGES" / "course.po"))
    entries = {(e.msgid, e.msgid_plural): e for e in catalogue if e.msgid_plural}
    calls = plural_calls()
    assert len(calls) >= 8
    for singular, plural in calls:
        entry = entries.get((singular, plural))
        assert entry is not None, f"missing from the {language} catalogue: {singular!r}"
        forms = [entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)]
        assert all(forms) and fields(forms[-1]) == fields(plural), singular
        assert fields(forms[0]) <= fields(plural), singular


def test_no_message_writes_an_s_in_brackets():
    """Is "learner(s)" gone from the report and passport messages?"""
    from tests.test_i18n import marked_strings

    assert not [m for m in marked_strings(REPO / "course" / "reports") if "(s)" in m]
