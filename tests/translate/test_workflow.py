"""`course translate update|status` on the tiny lesson, and the translated copy release builds from."""
import polib
import pytest

from course.cli import main
from course.translate.catalog import merge, template
from course.translate.lesson import extract
from course.translate.workflow import po_path, status, update
from tests.translate.fixture import LESSON, fixture_course


@pytest.fixture
def course(tmp_path, monkeypatch):
    course = fixture_course(tmp_path / "course")
    monkeypatch.chdir(course.root)
    # The tiny lesson has a Spanish PO only: status counts the languages offered for lessons.
    monkeypatch.setattr("course.translate.workflow.LESSON_LANGUAGES", ("en", "es"))
    return course


def entry(po, context):
    return next(e for e in po if e.msgctxt == context)


def test_merge_marks_changed_english_fuzzy_new_untranslated_and_gone_obsolete(course):
    """After the English changes, does the PO keep the old translation as fuzzy, add the new, retire the gone?"""
    folder = course.folder("source") / LESSON
    old = polib.pofile(str(po_path(course, LESSON, "es")))
    notebook = folder / f"{LESSON}.ipynb"
    text = notebook.read_text(encoding="utf-8")
    text = text.replace("Well done. You can stop here.", "Well done. Take a break now.\\n\\nA new paragraph.")
    text = text.replace("# Self-check for Exercise 2.", "# Check Exercise 2.")
    notebook.write_text(text, encoding="utf-8")
    merged = merge(old, template(extract(folder), lesson=LESSON))
    changed = entry(merged, "ex2-check:comment:0")
    assert changed.msgid == "Check Exercise 2." and "fuzzy" in changed.flags
    assert changed.msgstr == "Autocomprobación del ejercicio 2." and changed.previous_msgid == "Self-check for Exercise 2."
    assert entry(merged, "end:text:1").msgstr == "" and not entry(merged, "end:text:1").obsolete
    assert entry(merged, "intro:text:0").msgstr == "Saludar" and "fuzzy" not in entry(merged, "intro:text:0").flags
    assert [e.msgid for e in merged.obsolete_entries()] == []  # the comment changed in place: nothing is gone
    notebook.write_text(text.replace("from course.learner import *  # the helpers of this course",
                                     "from course.learner import *"), encoding="utf-8")
    again = merge(merged, template(extract(folder), lesson=LESSON))
    assert [e.msgctxt for e in again.obsolete_entries()] == ["setup:comment:0"]


def test_units_name_their_cell_and_have_stable_contexts(course):
    """Does each unit have a context of cell id and place, and name its cell; is an answer one unit for the lesson?"""
    pot = template(extract(course.folder("source") / LESSON), lesson=LESSON)
    first = pot[0]
    assert (first.msgctxt, first.occurrences, first.comment.split(".")[0]) == (
        "intro:text:0", [(f"{LESSON}.ipynb#intro", "")], "cell 1")
    answer = [e for e in pot if e.msgid == "Goal reached"]
    assert len(answer) == 1 and len(answer[0].occurrences) == 4  # solution, check, Predict option, Parsons line


def test_status_counts_and_exits_1_while_a_unit_is_missing(course, capsys):
    """Does `course translate status` say what is left, and fail until it is done?"""
    assert [(c.translated, c.fuzzy, c.missing) for c in status(course=course)] == [(26, 0, 1)]
    assert main(["translate", "status"]) == 1
    assert "90-hello" in capsys.readouterr().out
    po = polib.pofile(str(po_path(course, LESSON, "es")))
    entry(po, "end:text:0").msgstr = "Muy bien. Puedes parar aquí."
    po.save()
    assert main(["translate", "status"]) == 0


def test_update_writes_the_template_and_a_catalogue_per_language(course, monkeypatch):
    """Does `update` write the POT and a PO per language, keeping the translations there are?"""
    monkeypatch.setattr("course.translate.workflow.update_kit_catalogues", lambda: [])
    result = update(course=course)
    assert [p.name for p in result.templates] == [f"{LESSON}.pot"]
    assert sorted(p.parent.parent.name for p in result.catalogues) == ["bg", "es", "fr", "it", "ro"]
    assert entry(polib.pofile(str(po_path(course, LESSON, "es"))), "intro:text:0").msgstr == "Saludar"
    assert entry(polib.pofile(str(po_path(course, LESSON, "fr"))), "intro:text:0").msgstr == ""


def test_an_offered_language_without_any_po_file_counts_as_missing(course, monkeypatch):
    """Does status list a language offered for lessons even before its PO files exist?"""
    monkeypatch.setattr("course.translate.workflow.LESSON_LANGUAGES", ("en", "es", "fr"))
    rows = {(row.language, row.translated, row.missing) for row in status(course=course)}
    assert rows == {("es", 26, 1), ("fr", 0, 27)}


def test_status_fails_when_a_translation_hides_the_answer_or_breaks_an_f_string(course, capsys):
    """Does status name a translated text that still shows the English answer, and a refused f-string?"""
    po = polib.pofile(str(po_path(course, LESSON, "es")))
    entry(po, "end:text:0").msgstr = "Muy bien. Puedes parar aquí."
    entry(po, "ex1-text:text:1").msgstr = "Crea una variable llamada `goal`.\nPon en ella el texto \"Goal reached\"."
    entry(po, "ex2:string:0").msgstr = "Hola, {nombre}, bienvenida de nuevo"
    po.save()
    (row,) = status(course=course)
    assert (row.translated, row.fuzzy, row.missing) == (27, 0, 0)
    assert len(row.problems) == 3 and not row.complete  # one refused f-string, the answer twice in the check
    assert main(["translate", "status"]) == 1
    assert "Hola, {nombre}" in capsys.readouterr().out


def test_update_leaves_the_kit_s_catalogues_alone_outside_the_kit_s_repository(course, monkeypatch):
    """Does a partner's course (not the kit's repository) never write into the installed kit?"""
    monkeypatch.setattr("course.translate.workflow.update_kit_catalogues", lambda: pytest.fail("wrote the kit"))
    assert update(course=course, languages=["es"]).kit_catalogues == []
