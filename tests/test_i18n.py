"""Every sentence the kit prints goes through the translation catalogue."""
import ast

import polib
import pytest

from course import i18n
from tests.helpers import REPO

LANGUAGES = ["es"]


def marked_strings() -> set[str]:
    """The literal strings passed to _() or N_() anywhere in the course package."""
    found = set()
    for path in (REPO / "course").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def test_the_package_marks_its_strings():
    assert len(marked_strings()) > 40


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated(language):
    catalogue = polib.pofile(str(i18n.LOCALE_DIR / language / "LC_MESSAGES" / "course.po"))
    translated = {entry.msgid for entry in catalogue if entry.msgstr and not entry.obsolete}
    missing = sorted(marked_strings() - translated)
    assert missing == [], f"missing from the {language} catalogue: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    catalogue = polib.pofile(str(i18n.LOCALE_DIR / language / "LC_MESSAGES" / "course.po"))
    for entry in catalogue:
        names = lambda text: sorted(  # noqa: E731
            field for _, field, _, _ in __import__("string").Formatter().parse(text) if field is not None
        )
        assert names(entry.msgid) == names(entry.msgstr), entry.msgid


def test_language_follows_the_setting_and_falls_back_to_english(monkeypatch):
    monkeypatch.delenv("CODENSOCIAL_LANG", raising=False)
    try:
        i18n.set_language("es")
        assert i18n._("blank") != "blank"
        i18n.set_language("xx")
        assert i18n._("blank") == "blank"
        monkeypatch.setenv("CODENSOCIAL_LANG", "es")
        i18n.set_language("en")
        assert i18n.current_language() == "es"
    finally:
        monkeypatch.delenv("CODENSOCIAL_LANG", raising=False)
        i18n.set_language("en")
