"""Every sentence the kit prints goes through the translation catalogue."""
import ast

import polib
import pytest

from course import i18n
from tests.helpers import REPO

# The languages whose kit messages are offered: their catalogues must be complete.
LANGUAGES = [language for language in i18n.MESSAGE_LANGUAGES if language != "en"]
CATALOGUES = [language for language in i18n.LANGUAGES if language != "en"]


def marked_strings(folder=REPO / "course") -> set[str]:
    """The literal strings passed to _() or N_() anywhere in the course package (or under *folder*)."""
    found = set()
    for path in folder.rglob("*.py"):
        found |= strings_in(path.read_text(encoding="utf-8"))
    return found


def translation_calls(source: str):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_", "ngettext") \
                and node.args:
            yield node


def strings_in(source: str) -> set[str]:
    return {
        node.args[0].value
        for node in translation_calls(source)
        if isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
    }


def test_the_kit_extractor_finds_what_the_tests_find():
    """`course translate update` reads the same messages from the code as these checks do."""
    from course.translate.messages import kit_messages, messages_in

    assert set(kit_messages()) == marked_strings()
    found = messages_in('ngettext("{n} page", "{n} pages", n)\n_(f"not {this}")\nN_("Plain")')
    assert [(m.msgid, m.plural) for m in found] == [("{n} page", "{n} pages"), ("Plain", "")]


def test_the_package_marks_its_strings():
    assert len(marked_strings()) > 40


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated(language):
    from course.translate.messages import missing_messages

    missing = missing_messages(language)
    assert missing == [], f"missing from the {language} catalogue: {missing}"


@pytest.mark.parametrize("language", CATALOGUES)
def test_translations_keep_every_placeholder(language):
    catalogue = polib.pofile(str(i18n.LOCALE_DIR / language / "LC_MESSAGES" / "course.po"))
    names = lambda text: sorted(  # noqa: E731
        field for _, field, _, _ in __import__("string").Formatter().parse(text) if field is not None
    )
    for entry in catalogue:
        if entry.msgstr:
            assert names(entry.msgid) == names(entry.msgstr), entry.msgid
        # A plural form may leave out the count ("one lesson"), but never brings a field of its own.
        allowed = set(names(entry.msgid)) | set(names(entry.msgid_plural or ""))
        for translation in entry.msgstr_plural.values():
            assert set(names(translation)) <= allowed, entry.msgid
        if entry.msgstr_plural and any(entry.msgstr_plural.values()):
            used = set().union(*(names(t) for t in entry.msgstr_plural.values() if t))
            assert set(names(entry.msgid_plural)) - {"count"} <= used, entry.msgid


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_language_has_a_catalogue_with_every_message_and_its_plural_forms(language):
    """ro, bg, it, fr have each message of the code (to fill in), and gettext's Plural-Forms of the language."""
    from course.translate.messages import kit_messages

    catalogue = polib.pofile(str(i18n.catalogue_path(language)))
    assert catalogue.metadata["Plural-Forms"] == i18n.PLURAL_FORMS[language]
    assert catalogue.metadata["Language"] == language
    present = {entry.msgid for entry in catalogue if not entry.obsolete}
    assert sorted(set(kit_messages()) - present) == [], "run: course translate update"
    forms = int(i18n.PLURAL_FORMS[language].split("nplurals=")[1].split(";")[0])
    assert all(len(entry.msgstr_plural) == forms for entry in catalogue if entry.msgid_plural)


@pytest.fixture
def partial_french(monkeypatch, tmp_path):
    """A French catalogue with one message only, in a locale folder of its own (fr is no longer offered)."""
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr",
                   "Plural-Forms": i18n.PLURAL_FORMS["fr"]}
    po.append(polib.POEntry(msgid="Learner", msgstr="Stagiaire"))
    path = tmp_path / "fr" / "LC_MESSAGES" / "course.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "MESSAGE_LANGUAGES", tuple(lang for lang in i18n.MESSAGE_LANGUAGES if lang != "fr"))
    i18n._catalogue.cache_clear()
    yield
    i18n._catalogue.cache_clear()


def test_an_offered_language_with_a_gap_fails_the_check(partial_french):
    """Negative control: a catalogue with gaps makes the completeness check fail."""
    from course.translate.messages import missing_messages

    assert len(missing_messages("fr")) > 40


@pytest.mark.parametrize("count, form", [(1, 0), (2, 1), (0, 1), (19, 1), (20, 2), (101, 1), (120, 2)])
def test_romanian_plural_forms_are_real(count, form):
    """Romanian has three forms (1 / 0, 2-19, 101-119 / 20 and over); the header's rule picks them."""
    assert i18n.Catalogue(plural_forms=i18n.PLURAL_FORMS["ro"]).plural_index(count) == form


def test_ngettext_picks_the_form_of_the_count(monkeypatch, tmp_path):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": i18n.PLURAL_FORMS["ro"]}
    po.append(polib.POEntry(msgid="{n} learner", msgid_plural="{n} learners",
                            msgstr_plural={0: "{n} cursant", 1: "{n} cursanți", 2: "{n} de cursanți"}))
    path = tmp_path / "ro" / "LC_MESSAGES" / "course.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setenv("CODENSOCIAL_LANG_NOTED", "ro")
    i18n._catalogue.cache_clear()
    try:
        i18n.set_language("ro")
        words = [i18n.ngettext("{n} learner", "{n} learners", n).format(n=n) for n in (1, 3, 25)]
        assert words == ["1 cursant", "3 cursanți", "25 de cursanți"]
        i18n.set_language("en")
        assert i18n.ngettext("{n} learner", "{n} learners", 3) == "{n} learners"
    finally:
        i18n._catalogue.cache_clear()
        i18n.set_language("en")


@pytest.mark.parametrize("language, says", [("xx", "no translation into 'xx'"), ("fr", "not all translated"),
                                            ("es", None)])
def test_a_language_without_a_complete_catalogue_says_so_once(language, says, monkeypatch, capsys, partial_french):
    """The trainer reads one line, once, instead of a silent fall back to English."""
    monkeypatch.delenv("CODENSOCIAL_LANG", raising=False)
    monkeypatch.delenv("CODENSOCIAL_LANG_NOTED", raising=False)
    monkeypatch.setattr(i18n, "_in_kernel", lambda: False)  # other tests may have left an IPython shell running
    try:
        i18n.set_language(language)
        i18n.set_language(language)
        lines = capsys.readouterr().err.splitlines()
        assert lines == ([] if says is None else [lines[0]]) and (says is None or says in lines[0])
    finally:
        i18n.set_language("en")


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
    return {entry.msgid: entry.msgstr or entry.msgstr_plural.get(0, "") for entry in catalogue if not entry.obsolete}


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


def test_a_lesson_s_kernel_says_nothing_about_catalogues(monkeypatch, capsys):
    """Does a learner's kernel in a language with no catalogue stay quiet (the note is for the trainer)?"""
    monkeypatch.delenv("CODENSOCIAL_LANG", raising=False)
    monkeypatch.delenv("CODENSOCIAL_LANG_NOTED", raising=False)
    monkeypatch.setattr(i18n, "_in_kernel", lambda: True)
    try:
        i18n.set_language("xx")
        assert capsys.readouterr().err == ""
    finally:
        i18n.set_language("en")
