"""Every sentence the kit prints goes through the translation catalogue."""
import ast

import polib
import pytest

from course import i18n
from tests.helpers import REPO

LANGUAGES = ["es"]


def marked_strings(folder=REPO / "course") -> set[str]:
    """The literal strings passed to _() or N_() anywhere in the course package (or under *folder*)."""
    found = set()
    for path in folder.rglob("*.py"):
        found |= strings_in(path.read_text(encoding="utf-8"))
    return found


def translation_calls(source: str):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_") and node.args:
            yield node


def strings_in(source: str) -> set[str]:
    return {
        node.args[0].value
        for node in translation_calls(source)
        if isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
    }


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
        if entry.msgid_plural:  # plural entries: tests/reports/test_plurals.py
            continue
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


# --- the learner toolkit: every string a learner sees ------------------------------------------
LEARNER = REPO / "course" / "learner"


def spanish() -> dict[str, str]:
    catalogue = polib.pofile(str(i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "course.po"))
    return {entry.msgid: entry.msgstr for entry in catalogue if not entry.obsolete}


def test_every_learner_string_has_a_real_spanish_translation():
    """Missing, empty, or still the English text: each one fails, by name."""
    es = spanish()
    learner = marked_strings(LEARNER)
    assert len(learner) > 100
    untranslated = sorted(m for m in learner if not es.get(m) or es[m] == m)
    assert untranslated == [], f"learner strings without Spanish: {untranslated}"


def test_a_new_learner_string_missing_from_the_catalogue_is_caught():
    """The scan itself works: a string added to the kit but not to the catalogue is reported."""
    new_code = 'show(_("A sentence nobody translated yet."))\nlabel = N_("Another one")'
    assert strings_in(new_code) - set(spanish()) == {"A sentence nobody translated yet.", "Another one"}


def test_learner_strings_are_marked_as_whole_sentences():
    """_() gets a literal sentence or a name from an N_() table, never an f-string or a joined string."""
    bad = []
    for path in LEARNER.rglob("*.py"):
        for node in translation_calls(path.read_text(encoding="utf-8")):
            if isinstance(node.args[0], (ast.JoinedStr, ast.BinOp, ast.Call)):
                bad.append(f"{path.name}:{node.lineno}")
    assert bad == []


def test_the_learner_toolkit_speaks_the_course_language():
    from course.learner import checks
    from course.learner.confidence import STATEMENTS, bundle, record

    try:
        i18n.set_language("es")
        with pytest.raises(checks.CheckFailed) as failed:
            checks.text("city", equals="Sofia", namespace={})
        assert failed.value.message.startswith("No encuentro ninguna variable llamada `city`")
        assert failed.value._render_traceback_()[0].startswith("✗ Todavía no.")
        words = bundle(record(moment="lesson-end", lesson="L", answers={"run-code": 5}, saved_at=None))
        assert "Sé abrir un cuaderno y ejecutar código. 5 de 5: Totalmente" in words["text/plain"]
        assert list(STATEMENTS) == ["run-code", "write-program", "fix-error", "ask-help", "it-future"]
    finally:
        i18n.set_language("en")
